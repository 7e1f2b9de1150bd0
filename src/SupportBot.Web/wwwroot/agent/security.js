/*
 * The supervisors' Security view: the active sessions (ending one signs that agent out everywhere) and the
 * sign-in lockouts (clearing an account's lets it try again at once). Contract: GET/DELETE /agent/api/sessions
 * and /agent/api/lockouts, supervisor role.
 */
import { byId, el } from '../shared/dom.js';
import { api } from './api.js';
import { shortDateTime } from './format.js';
import { fail, toast } from './notices.js';
import { sessionEnded } from './session.js';
import { isSupervisor, state } from './state.js';

const when = (iso) => el('td', { className: 'grid__nowrap', title: iso ? new Date(iso).toLocaleString() : null, text: iso ? shortDateTime(iso) : '—' });

export async function loadSecurity() {
  if (!isSupervisor() || !state.session) return;
  const refresh = byId('security-refresh');
  refresh.disabled = true;
  try {
    const [sessions, lockouts] = await Promise.all([api('GET', '/agent/api/sessions'), api('GET', '/agent/api/lockouts')]);
    renderSessions(sessions?.sessions || []);
    renderLockouts(lockouts?.lockouts || []);
  } catch (error) {
    if (error.status !== 401) fail(error);
  } finally {
    refresh.disabled = false;
  }
}
byId('security-refresh').addEventListener('click', loadSecurity);

function renderSessions(sessions) {
  byId('sessions-body').replaceChildren(...sessions.map((session) => el('tr', { testid: 'session', 'data-session-id': session.id, 'data-agent-id': session.agentId },
    el('td', { dir: 'auto' },
      el('span', { text: session.agentName || session.agentId }),
      session.agentName && session.agentName !== session.agentId ? el('span', { className: 'muted', text: ` (${session.agentId})` }) : null,
      session.current ? el('span', { className: 'badge badge--current', testid: 'current-session', title: 'The session this console uses', text: 'this session' }) : null),
    el('td', { text: (session.roles || []).join(', ') }),
    when(session.createdAt),
    when(session.expiresAt),
    el('td', { text: session.clientAddress || '—' }),
    el('td', {}, el('button', { type: 'button', className: 'button button--small button--danger-outline', testid: 'end-session', text: 'End',
      title: session.current ? 'Signs this console out' : `Signs ${session.agentName || session.agentId} out of this session`,
      onclick: (event) => endSession(session, event.currentTarget) })))));
  byId('sessions-empty').hidden = sessions.length > 0;
}

function renderLockouts(lockouts) {
  byId('lockouts-body').replaceChildren(...lockouts.map((lockout) => el('tr', { testid: 'lockout', 'data-account': lockout.account },
    el('td', { dir: 'auto', text: lockout.account }),
    el('td', { className: lockout.clientAddress ? null : 'muted', text: lockout.clientAddress || 'all addresses' }),
    el('td', { text: String(lockout.failures) }),
    when(lockout.blockedUntil),
    el('td', {}, el('button', { type: 'button', className: 'button button--small', testid: 'clear-lockout', text: 'Clear',
      title: `Lets ${lockout.account} sign in again from every address`, onclick: (event) => clearLockout(lockout, event.currentTarget) })))));
  byId('lockouts-empty').hidden = lockouts.length > 0;
}

async function endSession(session, button) {
  button.disabled = true;
  try {
    await api('DELETE', `/agent/api/sessions/${encodeURIComponent(session.id)}`);
    // Ending this console's own session signs it out; the server closes its connection anyway.
    if (session.current) { sessionEnded(); return; }
    toast(`${session.agentName || session.agentId}'s session was ended.`);
  } catch (error) {
    if (error.status === 401) return;
    if (error.status === 404) toast('That session had already ended.');
    else fail(error);
  }
  await loadSecurity();
}

async function clearLockout(lockout, button) {
  button.disabled = true;
  try {
    await api('DELETE', `/agent/api/lockouts/${encodeURIComponent(lockout.account)}`);
    toast(`${lockout.account} can sign in again.`);
  } catch (error) {
    if (error.status === 401) return;
    fail(error);
  }
  await loadSecurity();
}

/** Empties the view, so the next supervisor to sign in does not see the last one's lists. */
export function forgetSecurity() {
  byId('sessions-body').replaceChildren();
  byId('lockouts-body').replaceChildren();
}
