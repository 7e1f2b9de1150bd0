/*
 * Agent sign-in, shared by the agent console (/agent/) and the maintainer page (/maintainer/): the sign-in form
 * (ids sign-in, sign-in-form, sign-in-name, sign-in-password, sign-in-submit, sign-in-error; the page's main view
 * is #app), POST /agent/api/sign-in, and the session kept in sessionStorage so a reload stays signed in.
 */
window.SupportBotSignIn = (function () {
  'use strict';

  const byId = (id) => document.getElementById(id);

  /** The stored session under `key`, unless it is missing or about to expire. */
  function stored(key) {
    try {
      const session = JSON.parse(sessionStorage.getItem(key));
      return session && session.token && session.expiresAt > Date.now() + 5000 ? session : null;
    } catch {
      return null;
    }
  }

  /** Shows the form instead of the page, with `message` (a reason, an error) if given. */
  function show(message) {
    byId('app').hidden = true;
    byId('sign-in').hidden = false;
    const error = byId('sign-in-error');
    error.textContent = message || '';
    error.hidden = !message;
    byId('sign-in-password').value = '';
    (byId('sign-in-name').value ? byId('sign-in-password') : byId('sign-in-name')).focus();
  }

  /** Signs in from the form; the session (token, expiresAt, id, name, roles) is stored and given to `onSignedIn`. */
  function wire(key, onSignedIn, timeoutMs) {
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

  return { stored, show, wire };
})();
