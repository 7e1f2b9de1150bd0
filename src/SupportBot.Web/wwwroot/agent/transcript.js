/*
 * A chat's transcript: the customer's, the bot's and the agents' lines, internal notes, "typing", the survey.
 */
import { el } from '../shared/dom.js';
import { updateChatsCount } from './chats.js';
import { badge, clock, customerLabel, percent } from './format.js';
import { state } from './state.js';

const typingShownFor = 4000; // CustomerTyping has no "stopped" counterpart: the indicator times out

/** The line for a transcript entry, or null when the chat already shows it (Send's answer and AgentMessage both bring it). */
export function entryNode(chat, entry) {
  if (entry.id && chat.entryIds.has(entry.id)) return null;
  if (entry.id) chat.entryIds.add(entry.id);
  const sender = entry.sender;
  const who = sender === 'customer' ? (entry.name || customerLabel(chat.view.context))
    : sender === 'bot' ? 'Bot' : sender === 'agent' ? (entry.name || 'Agent') : 'System';
  const meta = el('div', { className: 'entry__meta' },
    el('span', { className: 'entry__who', dir: 'auto', text: who }),
    el('time', { className: 'entry__time', dir: 'auto', datetime: entry.timestamp, title: new Date(entry.timestamp).toLocaleString(), text: clock(entry.timestamp) }),
    sender === 'customer' && entry.intent
      ? badge(`${entry.intent} ${percent(entry.confidence)}`, 'intent', 'What the bot understood from this message') : null);
  return el('div', { className: `entry entry--${sender}`, testid: 'transcript-entry', 'data-sender': sender, 'data-entry-id': entry.id },
    meta,
    entry.text ? el('p', { className: 'entry__text', dir: 'auto', text: entry.text }) : null,
    entry.buttons?.length
      ? el('ul', { className: 'chips', 'aria-label': 'Buttons the bot offered' }, entry.buttons.map((b) => el('li', { className: 'chip', dir: 'auto', text: b })))
      : null,
    entry.attachments?.length
      ? el('ul', { className: 'attachments', 'aria-label': 'Attachments' }, entry.attachments.map((a) => el('li', { dir: 'auto', text: a })))
      : null);
}

export function noteNode(chat, note) {
  const key = note.id || `${note.agentId}|${note.at}|${note.text}`;
  if (chat.noteKeys.has(key)) return null;
  chat.noteKeys.add(key);
  return el('div', { className: 'entry entry--note', testid: 'note' },
    el('div', { className: 'entry__meta' },
      el('span', { className: 'entry__who', text: 'Internal note — not visible to the customer' }),
      el('span', { className: 'entry__author', dir: 'auto', text: note.agentName }),
      el('time', { className: 'entry__time', dir: 'auto', datetime: note.at, text: clock(note.at) })),
    el('p', { className: 'entry__text', dir: 'auto', text: note.text }));
}

function append(chat, node) {
  if (!node) return false;
  chat.transcript.append(node);
  if (chat.pinned) scrollDown(chat);
  else chat.jump.hidden = false;
  return true;
}

export function addEntry(chat, entry) {
  if (!append(chat, entryNode(chat, entry))) return;
  const unseen = document.hidden || state.view !== 'chats' || state.activeId !== chat.id;
  if (entry.sender === 'customer' && unseen) {
    chat.unread += 1;
    chat.unreadBadge.textContent = String(chat.unread);
    chat.unreadBadge.hidden = false;
    updateChatsCount();
  }
}

export const addNote = (chat, note) => append(chat, noteNode(chat, note));

export function scrollDown(chat) {
  chat.transcript.scrollTop = chat.transcript.scrollHeight;
  chat.pinned = true;
  chat.jump.hidden = true;
}

export function showTyping(chat) {
  chat.typing.hidden = false;
  clearTimeout(chat.typingTimer);
  chat.typingTimer = setTimeout(() => hideTyping(chat), typingShownFor);
}

export function hideTyping(chat) {
  clearTimeout(chat.typingTimer);
  chat.typing.hidden = true;
}

export function surveyNode(survey) {
  const rating = Math.max(0, Math.min(5, survey.rating | 0));
  return el('div', { className: 'survey__body', testid: 'survey' },
    el('span', { className: 'survey__stars', 'aria-label': `${rating} out of 5`, text: '★'.repeat(rating) + '☆'.repeat(5 - rating) }),
    el('span', { text: ` ${rating}/5` }),
    survey.comment ? el('q', { className: 'survey__comment', dir: 'auto', text: survey.comment }) : null);
}

export function showSurvey(chat, survey) {
  chat.survey.replaceChildren(el('strong', { text: 'Customer rating: ' }), ...surveyNode(survey).childNodes);
  chat.survey.hidden = false;
  chat.surveyMark.textContent = `★${survey.rating}`;
  chat.surveyMark.hidden = false;
}
