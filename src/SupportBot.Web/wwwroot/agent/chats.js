/*
 * The agent's open chats: a tab and a pane each (the hand-off context, the actions, the transcript, the composer),
 * previews of waiting chats, and the unread counts.
 */
import { byId, el } from '../shared/dom.js';
import { languageName } from '../shared/languages.js';
import { renderActions } from './actions.js';
import { buildComposer, renderCanned } from './composer.js';
import { renderCustomer } from './customer.js';
import { channelLabel, contextBadges, customerLabel, duration, percent, reasonLabel } from './format.js';
import { toast } from './notices.js';
import { claim, renderQueue } from './queue.js';
import { entryNode, noteNode, scrollDown } from './transcript.js';
import { showMobile, showView } from './views.js';
import { chats, ended, state } from './state.js';

// After a (re)connect the server's list is the truth: new chats get tabs, chats that are no longer ours lose them.
const narrow = window.matchMedia('(max-width: 720px)');

export function syncChats(mine) {
  const ids = new Set(mine.map((chat) => chat.conversationId));
  for (const [id, chat] of chats) {
    if (!chat.preview && !ids.has(id)) { toast(`Chat with ${customerLabel(chat.view.context)} is no longer yours.`); removeChat(id); }
  }
  for (const chat of mine) upsertChat(chat);
  if (!state.activeId && mine.length) activate(mine[0].conversationId, true); // shown, without leaving the view (or the phone's queue) the agent is on
  updateChatsCount();
}

export function upsertChat(data, asPreview = false) {
  const id = data.conversationId;
  const owned = String(data.stage).toLowerCase() === 'assigned' && data.agentId === state.session?.id;
  let chat = chats.get(id);
  if (!chat) {
    chat = { id, unread: 0, lastTyping: 0, noteMode: false, entryIds: new Set(), noteKeys: new Set() };
    chats.set(id, chat);
    buildChat(chat);
  }
  chat.view = data;
  chat.preview = asPreview && !owned;
  chat.ending = false;
  fillChat(chat);
  updateChatsCount();
  renderQueue();
  return chat;
}

export function removeChat(id) {
  const chat = chats.get(id);
  if (!chat) return;
  clearTimeout(chat.typingTimer);
  if (!chat.preview) ended.set(id, customerLabel(chat.view.context));
  chat.tab.remove();
  chat.pane.remove();
  chats.delete(id);
  if (state.activeId === id) {
    state.activeId = null;
    const next = [...chats.keys()].pop();
    if (next) activate(next, true);
  }
  byId('chats-empty').hidden = chats.size > 0;
  byId('chat-tabs').hidden = chats.size === 0; // no empty tab strip once the last chat is closed
  updateChatsCount();
  renderQueue();
}

export const removeAllChats = () => { for (const id of [...chats.keys()]) removeChat(id); };

export function activate(id, keepView) {
  const chat = chats.get(id);
  if (!chat) return;
  // Only the active pane is in the document (the others keep their state detached), so there is one composer,
  // one transcript and so on to find. A detached element forgets its scroll position: it is kept here.
  const previous = chats.get(state.activeId);
  if (previous && previous !== chat) previous.scrollTop = previous.transcript.scrollTop;
  state.activeId = id;
  for (const other of chats.values()) {
    other.tab.classList.toggle('tab--active', other === chat);
    other.tabButton.setAttribute('aria-selected', String(other === chat));
  }
  byId('chat-panes').replaceChildren(chat.pane);
  if (chat.pinned) scrollDown(chat);
  else chat.transcript.scrollTop = chat.scrollTop;
  if (!keepView) { showView('chats'); showMobile('main'); }
  markRead(chat);
  if (!chat.preview && !keepView) chat.input.focus();
}

export function markRead(chat) {
  if (!chat || document.hidden) return;
  chat.unread = 0;
  chat.unreadBadge.hidden = true;
  updateChatsCount();
}

document.addEventListener('visibilitychange', () => {
  if (!document.hidden && state.view === 'chats' && state.activeId) markRead(chats.get(state.activeId));
});

export function updateChatsCount() {
  const unread = [...chats.values()].reduce((sum, chat) => sum + chat.unread, 0);
  const count = byId('chats-count');
  count.textContent = String(unread);
  count.hidden = !unread;
  const open = byId('mobile-chats-count');
  open.textContent = String(chats.size);
  open.hidden = !chats.size;
}

function buildChat(chat) {
  const id = chat.id;
  chat.tabLabel = el('span', { className: 'tab__label', dir: 'auto' });
  chat.unreadBadge = el('span', { className: 'count count--alert', testid: 'unread', hidden: true });
  chat.surveyMark = el('span', { className: 'tab__survey', hidden: true });
  chat.tabButton = el('button', { type: 'button', className: 'tab__main', role: 'tab', onclick: () => activate(id) },
    chat.tabLabel, chat.surveyMark, chat.unreadBadge);
  chat.tabClose = el('button', { type: 'button', className: 'tab__close', 'aria-label': 'Close preview', text: '×', onclick: () => removeChat(id) });
  chat.tab = el('div', { className: 'tab', testid: 'chat-tab', 'data-conversation-id': id }, chat.tabButton, chat.tabClose);

  chat.context = el('section', { className: 'context', testid: 'handoff-context' });
  chat.actions = el('div', { className: 'actions' });
  chat.survey = el('div', { className: 'survey', testid: 'survey', hidden: true });
  chat.transcript = el('div', { className: 'transcript', testid: 'transcript', role: 'log', 'aria-live': 'polite' });
  // Auto-scroll follows new lines only while the agent is at the bottom; reading older lines is not interrupted.
  chat.transcript.addEventListener('scroll', () => {
    const t = chat.transcript;
    chat.pinned = t.scrollHeight - t.scrollTop - t.clientHeight < 40;
    if (chat.pinned) chat.jump.hidden = true;
  });
  chat.pinned = true;
  chat.jump = el('button', { type: 'button', className: 'jump', hidden: true, text: 'New messages ↓', onclick: () => scrollDown(chat) });
  chat.typing = el('div', { className: 'typing', 'aria-live': 'polite', hidden: true, text: 'Customer is typing…' });
  chat.composer = buildComposer(chat);
  chat.claimBar = el('div', { className: 'claim-bar' },
    el('span', { text: 'Preview: a snapshot of a waiting chat. Claim it to reply.' }),
    el('button', { type: 'button', className: 'button button--primary', testid: 'preview-claim', text: 'Claim', onclick: () => claim(id) }));
  // The customer panel is open beside the chat on a desktop and folded above it on a phone, where room is short.
  chat.customer = el('details', { className: 'customer', testid: 'customer-panel', open: !narrow.matches });
  chat.pane = el('section', { className: 'pane', testid: 'chat-pane', 'data-conversation-id': id, role: 'tabpanel' },
    chat.context,
    el('div', { className: 'pane__body' },
      el('div', { className: 'pane__chat' },
        chat.actions, chat.survey,
        el('div', { className: 'transcript-wrap' }, chat.transcript, chat.jump),
        chat.typing, chat.composer, chat.claimBar),
      chat.customer));
  byId('chat-tabs').append(chat.tab);
  byId('chat-tabs').hidden = false;
  byId('chats-empty').hidden = true;
}

// (Re)draws what comes from the server's ChatView; the composer and its draft are left alone.
function fillChat(chat) {
  const { context, transcript, notes } = chat.view;
  const rtl = context.language === 'ar';
  chat.tabLabel.textContent = customerLabel(context);
  chat.tab.classList.toggle('tab--preview', chat.preview);
  chat.tabClose.hidden = !chat.preview;
  chat.tabButton.title = chat.preview ? 'Preview' : `${customerLabel(context)} · ${reasonLabel(context.reason)}`;
  chat.transcript.dir = rtl ? 'rtl' : 'ltr';
  chat.input.dir = rtl ? 'rtl' : 'auto';
  chat.composer.hidden = chat.preview;
  chat.actions.hidden = chat.preview;
  chat.claimBar.hidden = !chat.preview;
  renderContext(chat);
  renderCustomer(chat);
  renderActions(chat);
  renderCanned(chat);

  chat.entryIds.clear();
  chat.noteKeys.clear();
  const lines = [
    ...transcript.map((entry) => ({ at: Date.parse(entry.timestamp), node: entryNode(chat, entry) })),
    ...(notes || []).map((note) => ({ at: Date.parse(note.at), node: noteNode(chat, note) })),
  ].sort((a, b) => a.at - b.at);
  chat.transcript.replaceChildren(...lines.map((line) => line.node).filter(Boolean));
  scrollDown(chat);
}

function renderContext(chat) {
  const c = chat.view.context;
  const waited = c.claimedAt
    ? el('dd', { text: duration(Date.parse(c.claimedAt) - Date.parse(c.queuedAt)) })
    : el('dd', { 'data-since': c.queuedAt, text: duration(Date.now() - Date.parse(c.queuedAt)) });
  const field = (label, value) => [el('dt', { text: label }), value instanceof Node ? value : el('dd', { dir: 'auto', text: value })];
  chat.context.replaceChildren(
    el('div', { className: 'context__head' },
      el('strong', { className: 'context__name', dir: 'auto', text: customerLabel(c) }),
      el('span', { className: 'context__user', title: 'Customer id', text: c.userId }),
      el('div', { className: 'badges' }, contextBadges(c))),
    el('dl', { className: 'context__fields' },
      field('Reason', reasonLabel(c.reason)),
      field('Channel', channelLabel(chat.view.channel)),
      field('Intent', c.intent ? `${c.intent} (${percent(c.confidence)})` : '—'),
      field('Language', languageName(c.language)),
      field('Skill', c.skill || '—'),
      field(c.claimedAt ? 'Waited' : 'Waiting', waited)));
}
