/*
 * The views behind the top bar's buttons (Chats, Tickets, and for supervisors Team and Security).
 */
import { markRead } from './chats.js';
import { loadSecurity } from './security.js';
import { chats, state } from './state.js';

export function showView(name) {
  state.view = name;
  for (const button of document.querySelectorAll('.nav-button')) button.setAttribute('aria-pressed', String(button.dataset.view === name));
  for (const section of document.querySelectorAll('.view')) section.hidden = section.id !== `view-${name}`;
  if (name === 'chats' && state.activeId) markRead(chats.get(state.activeId));
  if (name === 'security') loadSecurity();
}

for (const button of document.querySelectorAll('.nav-button')) button.addEventListener('click', () => showView(button.dataset.view));
