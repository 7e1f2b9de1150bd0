/*
 * What the hub pushes (IAgentClient): queue changes, escalations, assigned and ended chats, messages, typing,
 * notes, presence, tickets and surveys, each handed to the module that shows it.
 */
import { loadTargets } from './actions.js';
import { activate, removeChat, upsertChat } from './chats.js';
import { customerLabel, reasonLabel } from './format.js';
import { desktopAlert, flashTitle, toast } from './notices.js';
import { renderProfile, renderTeam } from './presence.js';
import { claim, matches, renderQueue } from './queue.js';
import { loadRecent, rateRecent } from './recent.js';
import { renderTickets } from './tickets.js';
import { addEntry, addNote, hideTyping, showSurvey, showTyping, surveyNode } from './transcript.js';
import { showView } from './views.js';
import { chats, claiming, ended, fresh, state } from './state.js';

export function listen(hub) {
  hub.on('QueueChanged', (items) => {
    state.queue = items;
    // A preview of a chat that left the queue (a colleague took it, the customer left) is out of date.
    const waiting = new Set(items.map((item) => item.conversationId));
    for (const chat of [...chats.values()]) {
      if (chat.preview && !claiming.has(chat.id) && !waiting.has(chat.id)) removeChat(chat.id);
    }
    // An escalation's toast (with its Claim button) is stale once the chat is no longer waiting.
    for (const stale of document.querySelectorAll('.toast[data-conversation-id]')) {
      if (!waiting.has(stale.dataset.conversationId)) stale.remove();
    }
    renderQueue();
    const active = chats.get(state.activeId);
    if (active) loadTargets(active); // a claim or an end changed someone's room
  });
  hub.on('Escalated', escalated);
  hub.on('ChatAssigned', (chat) => {
    const isNew = !chats.has(chat.conversationId);
    upsertChat(chat);
    if (isNew) toast(`${customerLabel(chat.context)} is now yours (${reasonLabel(chat.context.reason)}).`, { action: { label: 'Open', run: () => activate(chat.conversationId) } });
    if (!state.activeId || state.view !== 'chats') activate(chat.conversationId, state.view !== 'chats');
    flashTitle('Chat assigned');
    desktopAlert('A chat was assigned to you', customerLabel(chat.context), chat.conversationId);
  });
  hub.on('ChatEnded', (id, reason) => {
    const chat = chats.get(id);
    if (!chat || chat.preview) return;
    if (!chat.ending) toast(`Chat with ${customerLabel(chat.view.context)} ended: ${reasonLabel(reason)}.`);
    removeChat(id);
    if (reason === 'closed' || reason === 'returned') loadRecent();
  });
  hub.on('CustomerMessage', (id, entry) => {
    const chat = chats.get(id);
    if (!chat) return;
    hideTyping(chat);
    addEntry(chat, entry);
    if (document.hidden) flashTitle('New message');
  });
  hub.on('CustomerTyping', (id) => { const chat = chats.get(id); if (chat) showTyping(chat); });
  hub.on('AgentMessage', (id, entry) => { const chat = chats.get(id); if (chat) addEntry(chat, entry); });
  hub.on('NoteAdded', (id, note) => { const chat = chats.get(id); if (chat) addNote(chat, note); });
  hub.on('PresenceChanged', (agents) => {
    state.team = agents;
    const me = agents.find((agent) => agent.id === state.session?.id);
    if (me && state.profile) state.profile.status = me.status;
    renderProfile();
    renderTeam();
  });
  hub.on('TicketCreated', (ticket) => {
    state.tickets = [ticket, ...state.tickets.filter((t) => t.id !== ticket.id)];
    renderTickets();
    toast(`New ticket from ${ticket.email}.`, { action: { label: 'View', run: () => showView('tickets') } });
  });
  hub.on('SurveyReceived', (id, survey) => {
    rateRecent(id, survey);
    const chat = chats.get(id);
    if (chat) showSurvey(chat, survey);
    else {
      // The rating comes first and again with the comment: one toast per chat, the latest.
      document.querySelectorAll('.toast[data-survey-for]').forEach((t) => { if (t.dataset.surveyFor === id) t.remove(); });
      toast(`Rating from ${ended.get(id) || 'a customer'}:`, { extra: surveyNode(survey), surveyFor: id });
    }
  });
}

function escalated(item) {
  if (!state.queue.some((q) => q.conversationId === item.conversationId)) state.queue = [...state.queue, item];
  if (!matches(item)) { renderQueue(); return; }
  fresh.add(item.conversationId);
  renderQueue();
  const who = item.customerName || 'A customer';
  toast(`${who} is waiting: ${reasonLabel(item.reason)} · ${(item.language || '').toUpperCase()}`, {
    conversationId: item.conversationId, action: { label: 'Claim', run: () => claim(item.conversationId) },
  });
  flashTitle('Customer waiting');
  desktopAlert('A customer is waiting', `${who}: ${reasonLabel(item.reason)}${item.preview ? ` — ${item.preview}` : ''}`, item.conversationId);
}
