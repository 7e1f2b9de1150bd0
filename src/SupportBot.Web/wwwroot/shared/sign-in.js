/*
 * Agent sign-in, shared by the agent console (/agent/) and the maintainer page (/maintainer/): the sign-in form
 * (made here, into the page's empty <section id="sign-in">; the page's main view is #app), POST /agent/api/sign-in,
 * the session kept in sessionStorage so a reload stays signed in, and POST /agent/api/sign-out.
 */
import { byId, el } from './dom.js';

/** What either page says when the server ended the session (sign-out elsewhere, a supervisor, an account change). */
export const sessionEndedMessage = 'Your session was ended. Sign in again.';

/** Fills #sign-in with the form: the page's heading and lead, then name, password, error line and button. */
export function mount({ title, lead }) {
  byId('sign-in').replaceChildren(el('form', { id: 'sign-in-form', className: 'sign-in__card', novalidate: true },
    el('h1', { text: title }),
    el('p', { className: 'sign-in__lead', text: lead }),
    el('label', {}, 'Name',
      el('input', { id: 'sign-in-name', testid: 'sign-in-name', name: 'name', autocomplete: 'username', required: true })),
    el('label', {}, 'Password',
      el('input', { id: 'sign-in-password', testid: 'sign-in-password', name: 'password', type: 'password', autocomplete: 'current-password', required: true })),
    el('p', { id: 'sign-in-error', testid: 'sign-in-error', className: 'sign-in__error', role: 'alert', hidden: true }),
    el('button', { id: 'sign-in-submit', testid: 'sign-in-submit', type: 'submit', className: 'button button--primary', text: 'Sign in' })));
}

/** The stored session under `key`, unless it is missing or about to expire. */
export function stored(key) {
  try {
    const session = JSON.parse(sessionStorage.getItem(key));
    return session && session.token && session.expiresAt > Date.now() + 5000 ? session : null;
  } catch {
    return null;
  }
}

/** Shows the form instead of the page, with `message` (a reason, an error) if given. */
export function show(message) {
  byId('app').hidden = true;
  byId('sign-in').hidden = false;
  const error = byId('sign-in-error');
  error.textContent = message || '';
  error.hidden = !message;
  byId('sign-in-password').value = '';
  (byId('sign-in-name').value ? byId('sign-in-password') : byId('sign-in-name')).focus();
}

/** Signs in from the form; the session (token, expiresAt, id, name, roles) is stored and given to `onSignedIn`. */
export function wire(key, onSignedIn, timeoutMs) {
  byId('sign-in-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const name = byId('sign-in-name').value.trim();
    const password = byId('sign-in-password').value;
    const error = byId('sign-in-error');
    if (!name || !password) {
      error.textContent = 'Enter your name and password.';
      error.hidden = false;
      return;
    }
    const submit = byId('sign-in-submit');
    submit.disabled = true;
    error.hidden = true;
    try {
      const response = await fetch('/agent/api/sign-in', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ name, password }),
        signal: timeoutMs ? AbortSignal.timeout(timeoutMs) : undefined,
      });
      const body = await response.json().catch(() => null);
      if (!response.ok || !body?.token) {
        error.textContent = body?.error?.message || `Sign-in failed (HTTP ${response.status}).`;
        error.hidden = false;
        return;
      }
      const session = {
        token: body.token, expiresAt: Date.now() + body.expiresIn * 1000, id: body.id, name: body.name, roles: body.roles || [],
      };
      sessionStorage.setItem(key, JSON.stringify(session));
      byId('sign-in-password').value = '';
      onSignedIn(session);
    } catch {
      error.textContent = 'The server cannot be reached. Check the connection and try again.';
      error.hidden = false;
    } finally {
      submit.disabled = false;
    }
  });
}

/**
 * Ends the session on the server (every tab and connection of it), so a token left behind is worth nothing. Best
 * effort: whatever the answer (an unreachable server, an already ended session) the page forgets the session anyway.
 */
export async function signOutOnServer(session, timeoutMs = 5000) {
  if (!session?.token) return;
  try {
    await fetch('/agent/api/sign-out', {
      method: 'POST', headers: { Authorization: `Bearer ${session.token}` }, signal: AbortSignal.timeout(timeoutMs),
    });
  } catch { /* signed out locally all the same */ }
}

/**
 * Wires the page's #sign-out button: the session ends on the server, then `onSignedOut` runs unless another session
 * started meanwhile. `current` returns the page's session at the time.
 */
export function wireSignOut(current, onSignedOut) {
  byId('sign-out').addEventListener('click', async () => {
    const signedOut = current();
    await signOutOnServer(signedOut);
    if (current() === signedOut) onSignedOut();
  });
}

/** Shows the page (#app) instead of the form, with the signed-in agent's name in #signed-in-name. */
export function enter(session) {
  byId('sign-in').hidden = true;
  byId('app').hidden = false;
  byId('signed-in-name').textContent = session.name || session.id || '';
}
