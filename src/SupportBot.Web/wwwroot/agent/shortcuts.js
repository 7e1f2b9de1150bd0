/*
 * Keyboard shortcuts, listed under "?" (the top bar's button or the key): next and previous chat, claim, close,
 * reply. Single keys, so they only act outside text fields; Esc in the composer leaves it.
 */
import { byId } from '../shared/dom.js';
import { activate } from './chats.js';
import { claim, matches } from './queue.js';
import { chats, state } from './state.js';

const dialog = byId('shortcuts');

function step(by) {
  const ids = [...chats.keys()];
  if (!ids.length) return;
  const at = ids.indexOf(state.activeId);
  activate(ids[(at + by + ids.length) % ids.length]);
}

function closeActive() {
  const chat = chats.get(state.activeId);
  if (!chat || chat.preview || !chat.closeForm) return;
  chat.closeForm.hidden = false;
  chat.closeForm.querySelector('select')?.focus();
}

const actions = {
  '?': () => (dialog.open ? dialog.close() : dialog.showModal()),
  j: () => step(1),
  k: () => step(-1),
  c: () => { const next = state.queue.find(matches); if (next) claim(next.conversationId); },
  x: closeActive,
  r: () => chats.get(state.activeId)?.input?.focus(),
};

document.addEventListener('keydown', (event) => {
  if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing || byId('app').hidden) return;
  if (event.target.closest?.('input, textarea, select, [contenteditable="true"]')) return;
  const action = actions[event.key];
  if (!action || (dialog.open && event.key !== '?')) return;
  event.preventDefault();
  action();
});

byId('shortcuts-open').addEventListener('click', () => dialog.showModal());
