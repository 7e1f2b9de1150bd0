/*
 * How the console writes times, reasons, confidences and the hand-off badges, and how it reads hub errors.
 */
import { el } from '../shared/dom.js';
import { languageName } from '../shared/languages.js';

const reasons = {
  customer_request: 'Asked for a person', low_confidence: 'Low confidence', misunderstood: 'Misunderstood',
  always_human_intent: 'Always human', repeated_message: 'Repeating', angry_phrase: 'Upset',
};

const pad = (n) => String(n).padStart(2, '0');

export function duration(ms) {
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  return h ? `${h}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}` : `${Math.floor(s / 60)}:${pad(s % 60)}`;
}

export const clock = (iso) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
export const shortDateTime = (iso) => new Date(iso).toLocaleString([], { dateStyle: 'short', timeStyle: 'short' });
export const percent = (confidence) => `${Math.round((confidence || 0) * 100)}%`;
export const reasonLabel = (reason) => reasons[reason] || String(reason || '').replace(/_/g, ' ');
export const customerLabel = (context) => context?.customerName || 'Customer';

// Where the customer writes from: the site's widget (Direct Line) or a Bot Framework channel.
const channels = { directline: 'Website chat', msteams: 'Microsoft Teams', emulator: 'Bot Framework Emulator', webchat: 'Web Chat (Azure)' };
export const channelLabel = (channel) => channels[channel] || String(channel || 'directline');

// Hub refusals arrive as "...HubException: offline: Olga is not online."; the agent reads the sentence, and the
// code (for tests and logs) is kept on the error as `code`.
export function describe(error) {
  const message = String(error?.message || error || 'Something went wrong');
  const at = message.indexOf('HubException: ');
  const refusal = at >= 0 ? message.slice(at + 'HubException: '.length) : message;
  const coded = /^([a-z_]+): (.+)$/s.exec(refusal);
  return coded ? coded[2] : refusal;
}

export function badge(text, kind, title) {
  return el('span', { className: `badge${kind ? ` badge--${kind}` : ''}`, title, text });
}

/** The reason, intent, language, skill and priority of a queue item or a chat's hand-off context. */
export function contextBadges(source) {
  return [
    badge(reasonLabel(source.reason), `reason-${source.reason}`, 'Why the bot handed off'),
    source.intent ? badge(`${source.intent} ${percent(source.confidence)}`, 'intent', 'What the bot understood, and how sure it was') : null,
    badge((source.language || '?').toUpperCase(), 'lang', languageName(source.language)),
    source.skill ? badge(source.skill, 'skill', 'Skill') : null,
    source.priority > 0 ? badge(`P${source.priority}`, 'priority', 'Priority: higher is served first') : null,
  ];
}

export const option = (value, label, selected) => el('option', { value, selected: selected || null, text: label });
