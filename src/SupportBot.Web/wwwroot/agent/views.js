/*
 * The views behind the top bar's buttons (Chats, Tickets, History, and for supervisors Team and Security), and on a phone
 * which of the queue and the open chat fills the screen.
 */
import { markRead } from './chats.js';
import { showHistory } from './history.js';
import { loadSecurity } from './security.js';
import { chats, state } from './state.js';

export function showView(name) {
  state.view = name;
  for (const button of document.querySelectorAll('.nav-button')) button.setAttribute('aria-pressed', String(button.dataset.view === name));
  for (const section of document.querySelectorAll('.view')) section.hidden = section.id !== `view-${name}`;
  if (name === 'chats' && state.activeId) markRead(chats.get(state.activeId));
  if (name === 'security') loadSecurity();
  if (name === 'history') showHistory();
}

/**
 * On a phone the queue and the open chat are two screens, not squeezed columns: this says which one shows (the
 * attribute only matters under the phone layout's media query in agent-phone.css).
 */
export function showMobile(name) {
  document.body.dataset.mobileView = name;
  for (const button of document.querySelectorAll('.mobile-nav__button')) button.setAttribute('aria-pressed', String(button.dataset.mobile === name));
}

for (const button of document.querySelectorAll('.nav-button')) button.addEventListener('click', () => { showView(button.dataset.view); showMobile('main'); });
for (const button of document.querySelectorAll('.mobile-nav__button')) button.addEventListener('click', () => showMobile(button.dataset.mobile));
showMobile('queue');
