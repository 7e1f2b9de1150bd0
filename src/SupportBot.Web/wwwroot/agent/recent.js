/*
 * "Recently closed": the chats this agent ended today, with the customer's rating once it comes. A rating arrives
 * after the chat's tab is gone, so this list (from the hub's Recent(), kept up to date by SurveyReceived) is where
 * it stays, rather than only in a toast. Each opens its whole transcript in History once the archive has it.
 */
import { byId, el } from '../shared/dom.js';
import { clock } from './format.js';
import { showTranscript } from './history.js';
import { call } from './hub.js';
import { surveyNode } from './transcript.js';
import { state } from './state.js';

const endings = { closed: 'Closed', returnedToBot: 'Back to the bot' };

export async function loadRecent() {
  try {
    state.recent = await call('Recent');
    renderRecent();
  } catch { /* the list is a convenience: the next (re)load fills it */ }
}

/** A rating for a chat: kept on its line (added if the list did not have it yet). */
export function rateRecent(id, survey) {
  const known = state.recent.find((chat) => chat.conversationId === id);
  if (known) known.survey = survey;
  else loadRecent();
  renderRecent();
}

export function renderRecent() {
  const list = state.recent || [];
  byId('recent-list').replaceChildren(...list.map((chat) => el('li', {
    className: 'recent-item', testid: 'recent-item', 'data-conversation-id': chat.conversationId,
  },
  el('div', { className: 'recent-item__top' },
    el('span', { className: 'recent-item__name', dir: 'auto', text: chat.customerName || 'Customer' }),
    el('time', { className: 'muted', datetime: chat.endedAt, text: clock(chat.endedAt) })),
  el('div', { className: 'recent-item__top' },
    el('span', { className: 'recent-item__meta muted', text: [endings[chat.stage] || chat.stage, chat.intent].filter(Boolean).join(' · ') }),
    el('button', {
      type: 'button', className: 'button button--small button--quiet', testid: 'recent-open', text: 'Transcript',
      onclick: () => showTranscript(chat.conversationId),
    })),
  chat.survey
    ? el('div', { className: 'recent-item__rating', testid: 'recent-rating' }, surveyNode(chat.survey))
    : el('div', { className: 'recent-item__rating muted', text: 'Not rated yet' }))));
  byId('recent-empty').hidden = list.length > 0;
}
