/*
 * The console's HTTP calls to /agent/api (sign-out, sessions, lockouts) with the session's bearer token. A 401 means
 * the session is over (ended by a supervisor, signed out elsewhere, the account changed): the console goes back to
 * its sign-in form instead of showing an error.
 */
import { state } from './state.js';
import { sessionEnded } from './session.js';

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** The JSON answer of `method path` (null for 204); throws ApiError with the server's message otherwise. */
export async function api(method, path) {
  const token = state.session?.token;
  if (!token) throw new ApiError(401, 'SessionEnded', 'Not signed in.');
  let response;
  try {
    response = await fetch(path, {
      method, headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' }, cache: 'no-store', signal: AbortSignal.timeout(15000),
    });
  } catch {
    throw new ApiError(0, 'Unreachable', 'The server cannot be reached.');
  }
  const body = response.status === 204 ? null : await response.json().catch(() => null);
  if (response.status === 401) {
    if (state.session?.token === token) sessionEnded();
    throw new ApiError(401, body?.error?.code || 'Unauthorized', body?.error?.message || 'The session was ended.');
  }
  if (!response.ok) {
    throw new ApiError(response.status, body?.error?.code, body?.error?.message || `${method} ${path} failed (HTTP ${response.status}).`);
  }
  return body;
}

/** Whether the server still takes the session's token: false only on 401, true on anything else (even a refusal). */
export async function sessionAlive() {
  try {
    // Any agent may ask; an agent who is no supervisor gets 403, which still says the token is good.
    await api('GET', '/agent/api/sessions');
    return true;
  } catch (error) {
    return error.status !== 401;
  }
}
