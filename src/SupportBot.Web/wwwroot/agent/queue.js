/*
 * The queue of waiting customers: what this agent may take, previews, claiming, and the waits that tick.
 */
import { byId, el } from '../shared/dom.js';
import { activate, upsertChat } from './chats.js';
import { contextBadges, duration } from './format.js';
import { call } from './hub.js';
import { fail } from './notices.js';
import { chats, claiming, fresh, isSupervisor, state } from './state.js';

// An agent sees what they can take: their languages and skills (none listed = all); supervisors see everything.
export function matches(item) {
  const profile = state.profile;
  if (isSupervisor() || byId('show-all').checked || !profile) return true;
  const langs = profile.languages || [];
  const skills = profile.skills || [];
  return (!langs.length || langs.includes(item.language)) && (!skills.length || skills.includes(item.skill));
}

export function renderQueue() {
  const visible = state.queue.filter(matches);
  byId('queue-list').replaceChildren(...visible.map((item) => {
    const id = item.conversationId;
    return el('li', {
      className: `queue-item${fresh.has(id) ? ' queue-item--new' : ''}${chats.has(id) ? ' queue-item--open' : ''}`,
      testid: 'queue-item', 'data-conversation-id': id, tabindex: 0, title: 'Click to preview',
      onclick: () => preview(id),
      onkeydown: (event) => { if (event.key === 'Enter' && event.target === event.currentTarget) preview(id); },
    },
    el('div', { className: 'queue-item__top' },
      el('span', { className: 'queue-item__position', title: 'Position in the queue', text: `#${item.position}` }),
      el('span', { className: 'queue-item__name', dir: 'auto', text: item.customerName || 'Anonymous' }),
      el('span', { className: 'queue-item__wait', title: 'Waiting for', 'data-since': item.queuedAt, text: duration(Date.now() - Date.parse(item.queuedAt)) })),
    el('div', { className: 'badges' }, contextBadges(item)),
    item.preview ? el('p', { className: 'queue-item__preview', dir: 'auto', text: item.preview }) : null,
    el('button', { type: 'button', className: 'button button--primary button--small', testid: 'claim',
      onclick: (event) => { event.stopPropagation(); claim(id); }, text: 'Claim' }));
  }));
  byId('queue-empty').hidden = visible.length > 0;
  for (const count of [byId('queue-count'), byId('mobile-queue-count')]) {
    count.textContent = String(visible.length);
    count.hidden = !visible.length;
  }
  const hidden = state.queue.length - visible.length;
  byId('queue-hidden').hidden = !hidden;
  byId('queue-hidden').textContent = `${hidden} more waiting for other languages or skills.`;
}
byId('show-all').addEventListener('change', renderQueue);

// Looking at the queue is what makes an escalation "seen".
document.querySelector('.queue').addEventListener('pointerenter', () => {
  if (!fresh.size) return;
  setTimeout(() => { fresh.clear(); renderQueue(); }, 1500);
});

export async function claim(id) {
  claiming.add(id);
  try {
    const chat = await call('Claim', id);
    fresh.delete(id);
    upsertChat(chat);
    activate(id);
  } catch (error) {
    fail(error);
  } finally {
    claiming.delete(id);
  }
}

async function preview(id) {
  if (chats.has(id) && !chats.get(id).preview) { activate(id); return; }
  try {
    upsertChat(await call('Open', id), true);
    activate(id);
  } catch (error) { fail(error); }
}

// Waits tick every second without re-rendering anything else.
setInterval(() => {
  const now = Date.now();
  for (const node of document.querySelectorAll('[data-since]')) node.textContent = duration(now - Date.parse(node.dataset.since));
}, 1000);
