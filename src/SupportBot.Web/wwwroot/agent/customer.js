/*
 * "Know the customer": the side panel of a chat. Name and email when given, language, channel, the page the chat
 * started on, the browser, the customer's local time, what the bot had gathered (slots, under labels), and the
 * customer's earlier conversations from the archive (history.js), each opening its transcript; when history cannot
 * be read the panel says none are known rather than showing nothing.
 */
import { el } from '../shared/dom.js';
import { languageName } from '../shared/languages.js';
import { shortDateTime } from './format.js';
import { earlierConversations, showTranscript } from './history.js';
import { historyLanguage, t } from './history-strings.js';
import { chats } from './state.js';

const channels = { directline: 'Web chat (Direct Line)', webchat: 'Web chat', emulator: 'Bot Framework Emulator' };

/** "orderNumber" -> "Order number", "order_id" -> "Order id": slot keys as a person reads them. */
export const slotLabel = (key) => {
  const words = String(key).replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').trim().toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/** "Chrome 140 on Linux" from a user agent string; the whole string stays in the tooltip. */
export function browserName(userAgent) {
  if (!userAgent) return null;
  const ua = String(userAgent);
  const found = [['Edge', /Edg\/(\d+)/], ['Opera', /OPR\/(\d+)/], ['Samsung Internet', /SamsungBrowser\/(\d+)/], ['Firefox', /Firefox\/(\d+)/],
    ['Chrome', /Chrome\/(\d+)/], ['Safari', /Version\/(\d+)[.\d]* .*Safari/]].find(([, pattern]) => pattern.test(ua));
  const system = /Android/.test(ua) ? 'Android' : /iPhone|iPad/.test(ua) ? 'iOS' : /Windows/.test(ua) ? 'Windows'
    : /Mac OS X/.test(ua) ? 'macOS' : /Linux/.test(ua) ? 'Linux' : null;
  const name = found ? `${found[0]} ${ua.match(found[1])[1]}` : 'A browser';
  return system ? `${name} on ${system}` : name;
}

/** The customer's wall clock now, from their time zone (or the offset their last message carried). */
export function localTime(customer, now = new Date()) {
  const options = { hour: '2-digit', minute: '2-digit', weekday: 'short' };
  if (customer.timeZone) {
    try {
      return `${now.toLocaleTimeString([], { ...options, timeZone: customer.timeZone })} (${customer.timeZone})`;
    } catch { /* a zone this browser does not know: the offset below still tells the time */ }
  }
  if (customer.utcOffsetMinutes === null || customer.utcOffsetMinutes === undefined) return null;
  const shifted = new Date(now.getTime() + customer.utcOffsetMinutes * 60_000);
  const sign = customer.utcOffsetMinutes < 0 ? '−' : '+';
  const offset = Math.abs(customer.utcOffsetMinutes);
  return `${shifted.toLocaleTimeString([], { ...options, timeZone: 'UTC' })} (UTC${sign}${Math.floor(offset / 60)}${offset % 60 ? `:${String(offset % 60).padStart(2, '0')}` : ''})`;
}

export function renderCustomer(chat) {
  const customer = chat.view.customer || {};
  const slots = Object.entries(chat.view.context.slots || {}).filter(([key]) => key !== 'email');
  const row = (label, value, testid, title) => (value
    ? [el('dt', { text: label }), el('dd', { dir: 'auto', testid, title, text: value })]
    : [el('dt', { text: label }), el('dd', { className: 'muted', testid, text: 'Not known' })]);
  const clock = localTime(customer);
  chat.customer.replaceChildren(
    el('summary', { className: 'customer__title', text: 'Customer' }),
    el('dl', { className: 'customer__fields' },
      row('Name', customer.name || chat.view.context.customerName, 'customer-name'),
      row('Email', customer.email, 'customer-email'),
      row('Language', languageName(customer.language || chat.view.context.language), 'customer-language'),
      row('Channel', channels[customer.channel] || customer.channel, 'customer-channel'),
      row('Started on', customer.page, 'customer-page', customer.page),
      row('Browser', browserName(customer.userAgent), 'customer-browser', customer.userAgent),
      [el('dt', { text: 'Local time' }), el('dd', { testid: 'customer-time', className: clock ? '' : 'muted', 'data-customer-clock': chat.id, text: clock || 'Not known' })],
      slots.map(([key, value]) => row(slotLabel(key), value, 'customer-slot'))),
    el('h3', { className: 'customer__subtitle', testid: 'customer-earlier-title', ...historyLanguageAttributes(), text: t('earlier') }),
    chat.earlier = el('div', { className: 'customer__earlier', testid: 'customer-earlier', ...historyLanguageAttributes() }, el('span', { className: 'muted', text: t('looking') })));
  showEarlier(chat);
}

// "Earlier conversations" is History's: it speaks the language picked there, the rest of the panel English.
function historyLanguageAttributes() {
  const language = historyLanguage();
  return { lang: language.code, dir: language.dir };
}

const earlierItem = (c) => el('li', { testid: 'customer-earlier-item', 'data-conversation-id': c.id },
  el('button', { type: 'button', className: 'earlier__open', title: t('openTranscript'), onclick: () => showTranscript(c.id) },
    el('span', { text: [shortDateTime(c.startedAt), (c.intents || [])[0], c.rating ? `★${c.rating}` : null].filter(Boolean).join(' · ') }),
    c.preview ? el('span', { className: 'earlier__preview', dir: 'auto', text: c.preview }) : null));

// Asked once a chat: the panel is redrawn on every update of the chat, the customer's past does not change meanwhile.
async function showEarlier(chat) {
  const userId = chat.view.context.userId;
  if (chat.earlierFor !== userId) {
    chat.earlierFor = userId;
    chat.earlierList = userId ? earlierConversations(userId, chat.id) : Promise.resolve([]);
  }
  const holder = chat.earlier;
  const earlier = await chat.earlierList;
  if (holder !== chat.earlier) return;
  holder.replaceChildren(earlier?.length
    ? el('ol', { className: 'earlier' }, earlier.map(earlierItem))
    : el('span', { className: 'muted', text: earlier ? t('noneKnown') : t('unreadable') }));
}

// The local times move on with the clock; once a minute is enough for "is it the middle of the night there".
setInterval(() => {
  for (const node of document.querySelectorAll('[data-customer-clock]')) {
    const chat = chats.get(node.dataset.customerClock);
    const clock = chat && localTime(chat.view.customer || {});
    if (clock) node.textContent = clock;
  }
}, 60_000);
