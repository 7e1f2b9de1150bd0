/*
 * Tickets customers left while nobody was available, newest open ones first, and resolving them.
 */
import { byId, el } from '../shared/dom.js';
import { reasonLabel, shortDateTime } from './format.js';
import { call } from './hub.js';
import { fail } from './notices.js';
import { state } from './state.js';

export function renderTickets() {
  const tickets = state.tickets;
  const rows = [...tickets].sort((a, b) => (b.open - a.open) || Date.parse(b.createdAt) - Date.parse(a.createdAt));
  byId('tickets-body').replaceChildren(...rows.map((ticket) => el('tr', {
    testid: 'ticket', 'data-ticket-id': ticket.id, className: ticket.open ? '' : 'grid__row--done',
  },
  el('td', { className: 'grid__id', text: ticket.id }),
  el('td', { className: 'grid__nowrap', title: new Date(ticket.createdAt).toLocaleString(), text: shortDateTime(ticket.createdAt) }),
  el('td', { dir: 'auto', text: ticket.email }),
  el('td', { text: (ticket.language || '').toUpperCase() }),
  el('td', { text: ticket.reason ? reasonLabel(ticket.reason) : '—' }),
  el('td', { className: 'grid__message', dir: 'auto', text: ticket.message }),
  el('td', {}, ticket.open
    ? el('button', { type: 'button', className: 'button button--small', testid: 'resolve-ticket', text: 'Resolve', onclick: () => resolveTicket(ticket) })
    : el('span', { className: 'muted', text: 'Resolved' })))));
  byId('tickets-empty').hidden = tickets.length > 0;
  const open = tickets.filter((ticket) => ticket.open).length;
  byId('tickets-count').textContent = String(open);
  byId('tickets-count').hidden = !open;
}

async function resolveTicket(ticket) {
  try {
    await call('ResolveTicket', ticket.id);
    ticket.open = false;
    renderTickets();
  } catch (error) { fail(error); }
}
