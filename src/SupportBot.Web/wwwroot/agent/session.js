/*
 * Signing in and out: starting the console for a session, the Sign out button (which ends the session on the
 * server too), and going back to the sign-in form when the server ended the session.
 */
import { byId } from '../shared/dom.js';
import * as signIn from '../shared/sign-in.js';
import { closeHub, openHub } from './hub.js';
import { offerDesktopAlerts, setBanner } from './notices.js';
import { removeAllChats } from './chats.js';
import { forgetHistory } from './history.js';
import { renderQueue } from './queue.js';
import { forgetSecurity } from './security.js';
import { showView } from './views.js';
import { resetState, sessionKey, state } from './state.js';

export function start(session) {
  state.session = session;
  byId('sign-in').hidden = true;
  byId('app').hidden = false;
  byId('agent-name').textContent = session.name;
  offerDesktopAlerts();
  openHub();
}

/** Back to the sign-in form, with everything the agent saw forgotten; `message` says why, if it was not asked for. */
function leave(message) {
  closeHub();
  sessionStorage.removeItem(sessionKey);
  resetState();
  removeAllChats();
  forgetSecurity();
  forgetHistory();
  showView('chats');
  setBanner(null);
  renderQueue();
  signIn.show(message);
}

/** The Sign out button: the server ends the session (every tab, every connection), then the form is shown. */
export async function signOut() {
  const session = state.session;
  const button = byId('sign-out');
  button.disabled = true;
  try {
    await signIn.signOutOnServer(session);
  } finally {
    button.disabled = false;
  }
  if (state.session === session) leave();
}
byId('sign-out').addEventListener('click', signOut);

/** The server refused the session (401, or it closed the hub connection): no reconnecting, sign in again. */
export function sessionEnded() {
  if (state.session) leave(signIn.sessionEndedMessage);
}

/** The console's first screen: the stored session's console, or the sign-in form. */
export function boot() {
  signIn.mount({ title: 'Agent console', lead: 'Sign in to take over chats the bot escalated.' });
  signIn.wire(sessionKey, start);
  if (!window.signalR) {
    signIn.show('The console could not load its SignalR client (/agent/signalr.js). Reload the page.');
    return;
  }
  const session = signIn.stored(sessionKey);
  if (session) start(session);
  else signIn.show();
}
