/*
 * Telling the agent: toasts, the connection banner, the blinking title of a background tab, desktop alerts.
 */
import { byId, el } from '../shared/dom.js';
import { describe } from './format.js';

const baseTitle = document.title;

export function toast(message, options = {}) {
  const box = byId('toasts');
  const item = el('div', { className: `toast toast--${options.kind || 'info'}`, testid: 'toast', role: options.kind === 'error' ? 'alert' : 'status',
    'data-conversation-id': options.conversationId, 'data-survey-for': options.surveyFor });
  const close = () => item.remove();
  item.append(el('div', { className: 'toast__body' }, el('span', { dir: 'auto', text: message }), options.extra));
  if (options.action) {
    item.append(el('button', { type: 'button', className: 'button button--small', text: options.action.label,
      onclick: () => { close(); options.action.run(); } }));
  }
  item.append(el('button', { type: 'button', className: 'toast__close', 'aria-label': 'Dismiss', text: '×', onclick: close }));
  box.append(item);
  while (box.children.length > 5) box.firstElementChild.remove();
  setTimeout(close, options.kind === 'error' ? 10000 : 6000);
}

export const fail = (error) => toast(describe(error), { kind: 'error' });

// While the console is in a background tab, the title blinks so a waiting customer is noticed.
let flashTimer = null;
let flashCount = 0;

export function flashTitle(message) {
  if (!document.hidden) return;
  flashCount += 1;
  if (flashTimer) return;
  let on = false;
  flashTimer = setInterval(() => {
    on = !on;
    document.title = on ? `(${flashCount}) ${message}` : baseTitle;
  }, 1000);
}

document.addEventListener('visibilitychange', () => {
  if (document.hidden) return;
  clearInterval(flashTimer);
  flashTimer = null;
  flashCount = 0;
  document.title = baseTitle;
});

export function desktopAlert(title, body, tag) {
  if (!('Notification' in window) || Notification.permission !== 'granted' || document.hasFocus()) return;
  const alert = new Notification(title, { body, tag });
  alert.onclick = () => { window.focus(); alert.close(); };
}

export function offerDesktopAlerts() {
  byId('notify-permission').hidden = !('Notification' in window) || Notification.permission !== 'default';
}

// Browsers only grant permission from a click, and the agent decides; nothing is asked on load.
byId('notify-permission').addEventListener('click', () => {
  Notification.requestPermission().finally(offerDesktopAlerts);
});

export function setBanner(state, detail) {
  const banner = byId('connection-banner');
  banner.hidden = !state;
  banner.dataset.state = state || '';
  byId('connection-text').textContent = state === 'reconnecting' ? 'Connection lost — reconnecting…'
    : state === 'connecting' ? 'Connecting…'
      : state === 'disconnected' ? `Disconnected${detail ? `: ${detail}` : '.'} New chats and messages will not arrive.` : '';
  byId('connection-retry').hidden = state !== 'disconnected';
}
