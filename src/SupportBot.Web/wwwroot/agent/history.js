/*
 * History: closed conversations from the archive (GET /agent/api/history), searched by text, customer, order number,
 * intent, agent, rating and dates, newest first, a page at a time; any transcript opens beside the list (over it on a
 * phone) with its hand-offs and survey. The chat panel's "Earlier conversations" read the same API by customer.
 * Its words follow the language the agent picks above the search (history-strings.js), right to left in Arabic.
 */
import { byId, el } from '../shared/dom.js';
import { languageName, languages } from '../shared/languages.js';
import { api } from './api.js';
import { historyLanguage, pickHistoryLanguage, t } from './history-strings.js';
import { badge, channelLabel, reasonLabel, shortDateTime } from './format.js';
import { entryNode, surveyNode } from './transcript.js';
import { showMobile, showView } from './views.js';
import { state } from './state.js';

const path = '/agent/api/history';
const fields = ['q', 'customer', 'order', 'intent', 'agent', 'rating', 'from', 'to'];
// The archive's hand-off outcomes, by their words' keys.
const resolutions = { closed: 'closedByAgent', resolved: 'resolved', returned: 'returned', abandoned: 'abandoned', timeout: 'timeout', failed: 'failed' };

const history = { loaded: false, next: null, search: '', asked: 0, openId: null };
const form = byId('history-search');
const list = byId('history-list');
const more = byId('history-more');
const status = byId('history-status');
const pane = byId('history-transcript');
const view = byId('view-history');
const languagePicker = byId('history-language');

/** The query string of the filled fields ("" for none). */
export function historyQuery(values) {
  const query = new URLSearchParams();
  for (const name of fields) {
    const value = String(values[name] ?? '').trim();
    if (value) query.set(name, value);
  }
  return query.toString();
}

const summaryLine = (c) => [languageName(c.language), channelLabel(c.channel), c.agents?.length ? c.agents.join(', ') : null]
  .filter(Boolean).join(' · ');

function stars(rating) {
  return rating ? el('span', { className: 'survey__stars', title: t('rated', { n: rating }), text: '★'.repeat(rating) + '☆'.repeat(5 - rating) }) : null;
}

function itemNode(c) {
  return el('li', { className: 'history-item', testid: 'history-item', 'data-conversation-id': c.id, 'aria-current': c.id === history.openId ? 'true' : null },
    el('button', { type: 'button', className: 'history-item__open', onclick: () => openTranscript(c.id) },
      el('span', { className: 'history-item__top' },
        el('span', { className: 'history-item__name', dir: 'auto', text: c.customerName || c.customer }),
        el('time', { className: 'muted', datetime: c.startedAt, text: shortDateTime(c.startedAt) })),
      el('span', { className: 'badges' },
        (c.intents || []).map((intent) => badge(intent, 'intent')),
        c.handoffReason ? badge(reasonLabel(c.handoffReason), `reason-${c.handoffReason}`, t('whyHandoff')) : null,
        stars(c.rating)),
      el('span', { className: 'history-item__meta muted', text: summaryLine(c) }),
      c.preview ? el('span', { className: 'history-item__preview', dir: 'auto', text: c.preview }) : null));
}

/** Runs the form's search (a new one, or the next page of the last with `more`); an older answer arriving late is dropped. */
export async function searchHistory({ next = false } = {}) {
  if (!next) history.search = historyQuery(Object.fromEntries(new FormData(form)));
  const asked = ++history.asked;
  status.textContent = t('searching');
  more.disabled = true;
  try {
    const query = next ? [history.search, `before=${encodeURIComponent(history.next)}`].filter(Boolean).join('&') : history.search;
    const page = await api('GET', query ? `${path}?${query}` : path);
    if (asked !== history.asked) return;
    const nodes = page.conversations.map(itemNode);
    if (next) list.append(...nodes);
    else list.replaceChildren(...nodes);
    history.next = page.next;
    more.hidden = !page.next;
    status.textContent = list.childElementCount ? '' : t('noMatch');
  } catch (error) {
    if (asked === history.asked) status.textContent = error.message;
  } finally {
    more.disabled = false;
  }
}

/** The first visit of the view lists the latest conversations; later visits keep the agent's search. */
export function showHistory() {
  if (history.loaded) return;
  history.loaded = true;
  const intents = byId('history-intents');
  intents.replaceChildren(...(state.profile?.intents || []).map((intent) => el('option', { value: intent })));
  searchHistory();
}

function handoffNode(h) {
  const times = [
    ['asked', h.requestedAt], ['pickedUp', h.pickedUpAt], ['closed', h.closedAt],
  ].filter(([, at]) => at).map(([label, at]) => `${t(label)} ${shortDateTime(at)}`);
  return el('li', { className: 'history-handoff', testid: 'history-handoff' },
    el('span', { className: 'badges' },
      badge(reasonLabel(h.reason), `reason-${h.reason}`, t('whyHandoff')),
      h.resolution ? badge(resolutions[h.resolution] ? t(resolutions[h.resolution]) : h.resolution, 'resolution') : null),
    el('span', { dir: 'auto', text: [h.agent, ...times].filter(Boolean).join(' · ') }));
}

function surveyDetails(survey) {
  if (!survey) return el('p', { className: 'muted', testid: 'history-survey', text: t('noSurvey') });
  return el('div', { className: 'survey', testid: 'history-survey' },
    el('strong', { text: t('survey') }), ...surveyNode(survey).childNodes,
    survey.nps !== null && survey.nps !== undefined ? el('span', { className: 'badge', title: t('npsTitle'), text: `NPS ${survey.nps}` }) : null);
}

function renderTranscript(detail) {
  const c = detail.conversation;
  // The live chat's line builder, fed the archive's lines: the same look, and text only ever as text.
  const chat = { entryIds: new Set(), view: { context: { customerName: c.customerName } } };
  const lines = detail.activities.map((a) => entryNode(chat, { ...a, sender: a.role })).filter(Boolean);
  pane.replaceChildren(
    el('div', { className: 'history-transcript__head' },
      el('button', { type: 'button', className: 'button button--small history-transcript__back', testid: 'history-back', text: t('results'), onclick: closeTranscript }),
      el('strong', { dir: 'auto', testid: 'history-customer', text: c.customerName || c.customer }),
      c.customerName ? el('span', { className: 'muted', title: t('customer'), text: c.customer }) : null,
      el('span', { className: 'muted', text: [shortDateTime(c.startedAt), c.endedAt ? shortDateTime(c.endedAt) : null].filter(Boolean).join(' – ') }),
      el('span', { className: 'muted', text: summaryLine(c) })),
    detail.handoffs.length ? el('ol', { className: 'history-handoffs', 'aria-label': t('handoffs') }, detail.handoffs.map(handoffNode)) : null,
    surveyDetails(detail.survey),
    el('div', { className: 'transcript history-transcript__lines', testid: 'history-lines', dir: c.language === 'ar' ? 'rtl' : 'ltr' }, lines));
  pane.hidden = false;
}

/** Opens a conversation's transcript from the archive; a conversation not archived (yet) says so. */
export async function openTranscript(id) {
  history.openId = id;
  for (const item of list.children) item.toggleAttribute('aria-current', item.dataset.conversationId === id);
  view.dataset.open = 'transcript';
  pane.hidden = false;
  pane.replaceChildren(el('p', { className: 'muted', text: t('loading') }));
  try {
    const detail = await api('GET', `${path}/${encodeURIComponent(id)}`);
    if (history.openId === id) renderTranscript(detail);
  } catch (error) {
    if (history.openId !== id) return;
    const text = error.status === 404 ? t('notArchived') : error.message;
    pane.replaceChildren(
      el('button', { type: 'button', className: 'button button--small history-transcript__back', text: t('results'), onclick: closeTranscript }),
      el('p', { className: 'muted', testid: 'history-missing', text }));
  }
}

function closeTranscript() {
  history.openId = null;
  delete view.dataset.open;
  pane.hidden = true;
  for (const item of list.children) item.removeAttribute('aria-current');
}

/** From elsewhere in the console (the customer panel, recently closed chats): the History view with that transcript. */
export function showTranscript(id) {
  showView('history');
  showMobile('main');
  openTranscript(id);
}

/** The customer's other archived conversations, newest first; null when history cannot be read (no archive, an error). */
export async function earlierConversations(userId, exceptId) {
  try {
    const page = await api('GET', `${path}?${historyQuery({ customer: userId })}`);
    return page.conversations.filter((c) => c.id !== exceptId);
  } catch {
    return null;
  }
}

/** Signed out: nothing of what this agent searched or read stays on the page. */
export function forgetHistory() {
  Object.assign(history, { loaded: false, next: null, search: '', openId: null });
  history.asked += 1;
  form.reset();
  list.replaceChildren();
  status.textContent = '';
  more.hidden = true;
  closeTranscript();
}

/** Puts the view's fixed words in the picked language and turns it right to left for Arabic; what is listed is drawn again. */
function applyLanguage() {
  const language = historyLanguage();
  view.lang = language.code;
  view.dir = language.dir;
  languagePicker.value = language.code;
  for (const node of view.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  for (const node of view.querySelectorAll('[data-i18n-label]')) {
    node.setAttribute('aria-label', t(node.dataset.i18nLabel));
    if (node.hasAttribute('placeholder')) node.placeholder = t(node.dataset.i18nLabel);
  }
  if (history.loaded) searchHistory();
  if (history.openId) openTranscript(history.openId);
}

languagePicker.replaceChildren(...languages.map((l) => el('option', { value: l.code, lang: l.code, text: l.native })));
languagePicker.addEventListener('change', () => { pickHistoryLanguage(languagePicker.value); applyLanguage(); });
applyLanguage();

form.addEventListener('submit', (event) => { event.preventDefault(); closeTranscript(); searchHistory(); });
form.addEventListener('reset', () => setTimeout(() => { closeTranscript(); searchHistory(); }));
more.addEventListener('click', () => searchHistory({ next: true }));
