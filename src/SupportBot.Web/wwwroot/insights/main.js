/*
 * SupportBot insights page: the desk's figures for supervisors, as ES modules, no build step. The contract is
 * src/SupportBot.Web/Insights/InsightsApi.cs (camelCase JSON of Core/Insights/Figures). This module signs in, keeps
 * the filters and the page's language, and loads; render.js and charts.js draw.
 */
import { byId } from '../shared/dom.js';
import { languages, findLanguage } from '../shared/languages.js';
import * as signIn from '../shared/sign-in.js';
import { stringsFor } from './strings.js';
import { render, fillLanguages } from './render.js';

const sessionKey = 'supportbot:insights-session';
const uiKey = 'supportbot:insights-language';
const requestTimeout = 15_000;

let session = null;
let ui = findLanguage(localStorage.getItem(uiKey) || navigator.language) || languages[0];
let loaded = null;

const isoDay = (date) => date.toISOString().slice(0, 10);

// ---- the page's language: every [data-text] element, the direction, the number format ----------------------

function applyLanguage() {
  const t = stringsFor(ui.code);
  document.documentElement.lang = ui.code;
  document.documentElement.dir = ui.dir;
  for (const node of document.querySelectorAll('[data-text]')) node.textContent = t[node.dataset.text];
  fillLanguages(byId('language'), t);
  byId('ui-language').replaceChildren(...languages.map((l) => new Option(l.native, l.code, false, l.code === ui.code)));
  if (loaded) render(loaded, t, ui);
}

byId('ui-language').addEventListener('change', (event) => {
  ui = findLanguage(event.target.value) || languages[0];
  localStorage.setItem(uiKey, ui.code);
  applyLanguage();
});

// ---- sign-in -------------------------------------------------------------------------------------------------

function leave(message) {
  sessionStorage.removeItem(sessionKey);
  session = null;
  loaded = null;
  byId('figures').hidden = true;
  byId('not-supervisor').hidden = true;
  signIn.show(message);
}

signIn.wireSignOut(() => session, () => leave());

function start(signedIn) {
  session = signedIn;
  signIn.enter(session);
  const supervisor = (session.roles || []).includes('supervisor');
  byId('not-supervisor').hidden = supervisor;
  byId('figures').hidden = !supervisor;
  if (supervisor) load();
}

// ---- filters and loading ------------------------------------------------------------------------------------

function query(from, to) {
  const params = new URLSearchParams({ from, to });
  if (byId('language').value) params.set('lang', byId('language').value);
  if (byId('channel').value.trim()) params.set('channel', byId('channel').value.trim());
  return params;
}

function previousRange(from, to) {
  const start = new Date(`${from}T00:00:00Z`);
  const days = Math.round((new Date(`${to}T00:00:00Z`) - start) / 86_400_000) + 1;
  return [isoDay(new Date(start - days * 86_400_000)), isoDay(new Date(start - 86_400_000))];
}

async function get(path, params, asFile = false) {
  const response = await fetch(`/api/insights/${path}?${params}`, {
    headers: { Authorization: `Bearer ${session.token}` }, cache: 'no-store', signal: AbortSignal.timeout(requestTimeout),
  });
  if (response.status === 401) throw Object.assign(new Error(signIn.sessionEndedMessage), { signedOut: true });
  if (!response.ok) {
    const body = await response.json().catch(() => null);
    throw new Error(body?.error?.message || `HTTP ${response.status}`);
  }
  return asFile ? response.blob() : response.json();
}

async function load() {
  const t = stringsFor(ui.code);
  const [from, to] = [byId('from').value, byId('to').value];
  const status = byId('status');
  status.textContent = t.loading;
  byId('load-error').hidden = true;
  try {
    const params = query(from, to);
    const [summary, previous, daily, intents, agents, langs] = await Promise.all([
      get('summary', params), get('summary', query(...previousRange(from, to))), get('daily', params),
      get('intents', params), get('agents', params), get('languages', params)]);
    loaded = { summary, previous, days: daily.days, intents: intents.intents, agents: agents.agents, languages: langs.languages };
    render(loaded, t, ui);
    status.textContent = '';
  } catch (error) {
    status.textContent = '';
    if (error.signedOut) { leave(error.message); return; }
    const banner = byId('load-error');
    banner.textContent = error.name === 'TypeError' || error.name === 'TimeoutError' ? t.unreachable : error.message;
    banner.hidden = false;
  }
}

byId('filters').addEventListener('submit', (event) => { event.preventDefault(); load(); });

// CSV: the same query with format=csv, fetched with the token (a plain link could not carry it), saved as a file.
for (const button of document.querySelectorAll('[data-export]')) {
  button.addEventListener('click', async () => {
    const params = query(byId('from').value, byId('to').value);
    params.set('format', 'csv');
    try {
      const blob = await get(button.dataset.export, params, true);
      const link = Object.assign(document.createElement('a'), {
        href: URL.createObjectURL(blob), download: `insights-${button.dataset.export}-${byId('from').value}-${byId('to').value}.csv`,
      });
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    } catch (error) {
      byId('load-error').textContent = error.message;
      byId('load-error').hidden = false;
    }
  });
}

// ---- start ---------------------------------------------------------------------------------------------------

const today = new Date();
byId('to').value = isoDay(today);
byId('from').value = isoDay(new Date(today - 29 * 86_400_000));
applyLanguage();
signIn.mount({ title: stringsFor(ui.code).title, lead: stringsFor(ui.code).lead });
signIn.wire(sessionKey, start, requestTimeout);
session = signIn.stored(sessionKey);
if (session) start(session);
else signIn.show();
