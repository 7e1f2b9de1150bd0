/*
 * Tickets customers left while nobody was available, newest open ones first: answering them by mail (the reply is
 * kept on the ticket) and resolving them.
 */
import { byId, el } from '../shared/dom.js';
import { reasonLabel, shortDateTime } from './format.js';
import { call } from './hub.js';
import { fail, toast } from './notices.js';
import { state } from './state.js';

const replying = new Map(); // ticket id -> the draft, for tickets whose reply form is open (kept across re-renders)

export function renderTickets() {
  const tickets = state.tickets;
  const rows = [...tickets].sort((a, b) => (b.open - a.open) || Date.parse(b.createdAt) - Date.parse(a.createdAt));
  byId('tickets-body').replaceChildren(...rows.flatMap((ticket) => [el('tr', {
    testid: 'ticket', 'data-ticket-id': ticket.id, className: ticket.open ? '' : 'grid__row--done',
  },
  el('td', { className: 'grid__id', text: ticket.id }),
  el('td', { className: 'grid__nowrap', title: new Date(ticket.createdAt).toLocaleString(), text: shortDateTime(ticket.createdAt) }),
  el('td', { dir: 'auto', text: ticket.email }),
  el('td', { text: (ticket.language || '').toUpperCase() }),
  el('td', { text: ticket.reason ? reasonLabel(ticket.reason) : '—' }),
  el('td', { className: 'grid__message' },
    el('p', { className: 'ticket__message', dir: 'auto', text: ticket.message }),
    (ticket.replies || []).map((reply) => el('div', { className: 'ticket__reply', testid: 'ticket-reply' },
      el('span', { className: 'muted', text: `${reply.agentName} replied by mail · ${shortDateTime(reply.sentAt)}` }),
      el('p', { dir: 'auto', text: reply.text })))),
  el('td', { className: 'ticket__buttons' },
    el('button', { type: 'button', className: 'button button--small', testid: 'reply-ticket', text: 'Reply…',
      onclick: () => { if (replying.has(ticket.id)) replying.delete(ticket.id); else replying.set(ticket.id, ''); renderTickets(); } }),
    ticket.open
      ? el('button', { type: 'button', className: 'button button--small', testid: 'resolve-ticket', text: 'Resolve', onclick: () => resolveTicket(ticket) })
      : el('span', { className: 'muted', text: 'Resolved' }))),
  replying.has(ticket.id) ? replyRow(ticket) : null]));
  byId('tickets-empty').hidden = tickets.length > 0;
  const open = tickets.filter((ticket) => ticket.open).length;
  byId('tickets-count').textContent = String(open);
  byId('tickets-count').hidden = !open;
}

function replyRow(ticket) {
  const text = el('textarea', { className: 'input ticket__input', testid: 'ticket-reply-text', rows: 4, dir: 'auto',
    placeholder: `Your answer, mailed to ${ticket.email}`, 'aria-label': `Reply to ${ticket.email}` });
  text.value = replying.get(ticket.id) || '';
  text.addEventListener('input', () => replying.set(ticket.id, text.value));
  const send = el('button', { type: 'submit', className: 'button button--primary button--small', testid: 'ticket-reply-send', text: 'Send by mail' });
  const form = el('form', { className: 'ticket__form', onsubmit: async (event) => {
    event.preventDefault();
    if (!text.value.trim()) { text.focus(); return; }
    send.disabled = true;
    try {
      const updated = await call('ReplyTicket', ticket.id, text.value);
      state.tickets = state.tickets.map((t) => (t.id === updated.id ? updated : t));
      replying.delete(ticket.id);
      toast(`Reply mailed to ${ticket.email}.`);
      renderTickets();
    } catch (error) {
      fail(error);
      send.disabled = false;
    }
  } }, text, el('div', { className: 'ticket__form-bar' }, send,
    el('button', { type: 'button', className: 'button button--quiet button--small', text: 'Cancel', onclick: () => { replying.delete(ticket.id); renderTickets(); } })));
  return el('tr', { className: 'ticket__reply-row', testid: 'ticket-reply-form' }, el('td', { colspan: 7 }, form));
}

async function resolveTicket(ticket) {
  try {
    await call('ResolveTicket', ticket.id);
    ticket.open = false;
    renderTickets();
  } catch (error) { fail(error); }
}
