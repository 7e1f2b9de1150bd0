/*
 * Who is talking in the widget: the bot, or the person who took the chat. A person's messages come from
 * "agent:<id>" with their name; the bot's lines that narrate a hand-off ("Olga has joined", "passed you back to me")
 * carry channelData.handoff, the status they tell. From these the widget knows who owns the chat (the header), groups
 * each speaker's messages under their own initials, and shows the hand-off lines as system lines, not as the bot's.
 */

// Web Chat's bundle keeps its React to itself, so the widget writes React elements as the plain objects they are
// (React 16 to 18, which Web Chat 4.18 bundles, mark them with this registered symbol).
const reactElement = Symbol.for('react.element');

function h(type, props, key) {
  return { $$typeof: reactElement, type, key: key ?? null, ref: null, props, _owner: null, _store: {} };
}

const agentPrefix = 'agent:';

/** The person who sent a message, or null when it is the bot's or the customer's. */
export function personOf(activity) {
  const from = activity?.from;
  return from && typeof from.id === 'string' && from.id.startsWith(agentPrefix) && from.name
    ? { id: from.id, name: String(from.name) }
    : null;
}

/** The hand-off status a bot line narrates ({ state, outcome, agentName }), or null. */
export function handoffOf(activity) {
  const handoff = activity?.channelData?.handoff;
  return handoff && typeof handoff.state === 'string' ? handoff : null;
}

/** "Olga Petrova" → "OP", "layla" → "L": what the avatar shows. */
export function initials(name) {
  return String(name).trim().split(/\s+/).slice(0, 2).map((word) => Array.from(word)[0] || '').join('').toUpperCase();
}

/**
 * Follows who owns the chat as activities arrive (history included, so a reload shows the same). `onChange(person)`
 * gets the person ({ name }) or null when the bot has the chat.
 */
export function ownerTracker(onChange) {
  let owner = null;
  const set = (next) => {
    if ((owner && owner.name) === (next && next.name)) return;
    owner = next;
    onChange(owner);
  };
  return {
    see(activity) {
      const person = personOf(activity);
      const handoff = handoffOf(activity);
      if (person) set({ name: person.name });
      else if (handoff?.state === 'accepted' && handoff.agentName) set({ name: String(handoff.agentName) });
      else if (handoff) set(null); // completed (returned or closed) or failed: the bot again
    },
    reset() { set(null); },
    get owner() { return owner; },
  };
}

// Messages stay in one group while the same one speaks; every hand-off line stands alone.
function speaker(activity) {
  if (activity.from?.role === 'user') return 'user';
  if (handoffOf(activity)) return `system:${activity.id}`;
  return personOf(activity)?.id || 'bot';
}

function bin(items, same) {
  const bins = [];
  items.forEach((item, i) => {
    if (i > 0 && same(items[i - 1], item)) bins[bins.length - 1].push(item);
    else bins.push([item]);
  });
  return bins;
}

/** Web Chat's middleware for the people in the chat (pass them all to renderWebChat). */
export const webChatMiddleware = {
  groupActivitiesMiddleware: () => (next) => (options) => {
    const grouped = next(options);
    return { ...grouped, sender: bin(options.activities, (x, y) => speaker(x) === speaker(y)) };
  },

  avatarMiddleware: () => (next) => (options) => {
    const person = personOf(options.activity);
    if (!person) return next(options);
    return () => h('div', { className: 'sb-avatar', 'aria-hidden': 'true', children: initials(person.name) });
  },

  // A hand-off line is the desk speaking, centred and quiet; its text keeps Web Chat's class so it reads as text.
  activityMiddleware: () => (next) => (...setup) => {
    const activity = setup[0]?.activity;
    if (!handoffOf(activity) || !activity.text) return next(...setup);
    return () => h('div', {
      className: 'sb-system-line',
      role: 'note',
      children: h('span', { className: 'webchat__text-content sb-system-line__text', children: activity.text }),
    });
  },

  // Web Chat shows the time only under the last of a run of messages; a person's name is shown under each of theirs.
  activityStatusMiddleware: () => (next) => (options, ...rest) => {
    const status = next(options, ...rest);
    const person = personOf(options?.activity);
    if (!person || !status || typeof status !== 'object' || !status.$$typeof) return status;
    const parts = [h('span', { className: 'sb-agent-name', dir: 'auto', children: person.name }, 'name')];
    if (!options.hideTimestamp) parts.push(' · ');
    parts.push(h('span', { children: status }, 'status'));
    return h('span', { className: 'sb-agent-status', children: parts });
  },
};
