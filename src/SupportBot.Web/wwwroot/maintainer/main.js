/*
 * SupportBot maintainer page: the serving intent model's card and the model registry, as ES modules, no build step.
 * The contract is src/SupportBot.Web/Maintainers/MaintainerApi.cs (ModelCard, EvaluationReport and RegistryIndex as
 * camelCase JSON). This module signs in and loads; render.js draws.
 */
import { byId } from '../shared/dom.js';
import * as signIn from '../shared/sign-in.js';
import { clock, render } from './render.js';

const sessionKey = 'supportbot:maintainer-session';
const refreshEvery = 30_000; // a promotion reaches the servers within seconds; the page follows within 30 s
const requestTimeout = 15_000;

let session = null; // { token, expiresAt, id, name, roles }
let data = null; // the last answer of GET /maintainer/api/model, with when it came
let loading = false;
let timer = null;

// ---- sign-in and session ---------------------------------------------------------------------------------

function showSignIn(message) {
  stopTimer();
  signIn.show(message);
}

function leave(message) {
  sessionStorage.removeItem(sessionKey);
  session = null;
  data = null;
  byId('model').hidden = true;
  byId('not-maintainer').hidden = true;
  byId('load-error').hidden = true;
  byId('changed').hidden = true;
  byId('updated').textContent = '';
  showSignIn(message);
}

// Signing out ends the session on the server as well, so the token is worth nothing afterwards.
signIn.wireSignOut(() => session, () => leave());

function start(signedIn) {
  session = signedIn;
  signIn.enter(session);
  if (!(session.roles || []).includes('maintainer')) {
    showNotMaintainer(`${session.name || session.id} can sign in as an agent, but this page needs the maintainer role `
      + '(Agents:Accounts:N:Roles in the server\'s configuration).');
    return;
  }
  byId('refresh').hidden = false;
  load();
  stopTimer();
  timer = setInterval(() => { if (!document.hidden) load(); }, refreshEvery);
}

function stopTimer() {
  clearInterval(timer);
  timer = null;
}

function showNotMaintainer(text) {
  stopTimer();
  byId('model').hidden = true;
  byId('refresh').hidden = true;
  byId('updated').textContent = '';
  byId('not-maintainer-text').textContent = text;
  byId('not-maintainer').hidden = false;
}

// A tab that was in the background catches up as soon as it is looked at again.
document.addEventListener('visibilitychange', () => {
  if (!document.hidden && timer && data && Date.now() - data.receivedAt > refreshEvery) load();
});

// ---- loading ---------------------------------------------------------------------------------------------

function showLoadError(message) {
  const banner = byId('load-error');
  banner.textContent = data ? `${message} Showing the figures from ${clock.format(data.receivedAt)}.` : message;
  banner.hidden = false;
}

async function load() {
  if (loading || !session) return;
  if (session.expiresAt <= Date.now()) {
    leave(signIn.sessionEndedMessage);
    return;
  }
  loading = true;
  const refresh = byId('refresh');
  refresh.disabled = true;
  refresh.textContent = 'Refreshing…';
  const token = session.token;
  try {
    let response;
    try {
      response = await fetch('/maintainer/api/model', {
        headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
        cache: 'no-store',
        signal: AbortSignal.timeout(requestTimeout),
      });
    } catch {
      showLoadError('The server cannot be reached.');
      return;
    }
    if (!session || session.token !== token) return; // signed out while the request was on its way
    const body = await response.json().catch(() => null);
    if (response.status === 401) {
      leave(signIn.sessionEndedMessage);
      return;
    }
    if (response.status === 403) {
      showNotMaintainer(`The server says ${session.name || session.id} is not a maintainer${body?.error?.message ? ` (${body.error.message})` : ''}.`);
      return;
    }
    if (!response.ok || !body?.card) {
      showLoadError(body?.error?.message || `The model could not be loaded (HTTP ${response.status}).`);
      return;
    }
    const previous = data;
    data = { card: body.card, registry: body.registry || {}, receivedAt: new Date() };
    const registryProblem = byId('load-error');
    registryProblem.hidden = !body.registryError;
    registryProblem.textContent = body.registryError ? `The model registry could not be read: ${body.registryError}` : '';
    if (previous && previous.card.version !== data.card.version) {
      const changed = byId('changed');
      changed.textContent = `The serving model changed from ${previous.card.version} to ${data.card.version} at ${clock.format(data.receivedAt)}.`;
      changed.hidden = false;
    }
    render(data);
  } finally {
    loading = false;
    refresh.disabled = false;
    refresh.textContent = 'Refresh';
  }
}
byId('refresh').addEventListener('click', () => load());

// ---- start -----------------------------------------------------------------------------------------------

signIn.mount({ title: 'Intent model', lead: 'Sign in with a maintainer account to see the serving model and the registry.' });
signIn.wire(sessionKey, start, requestTimeout);
session = signIn.stored(sessionKey);
if (session) start(session);
else showSignIn();
