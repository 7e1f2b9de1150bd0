/*
 * The agent's own presence (the Available/Away toggle and the name in the top bar) and, for supervisors, the team.
 */
import { byId, el } from '../shared/dom.js';
import { call } from './hub.js';
import { loadTargets } from './actions.js';
import { fail } from './notices.js';
import { chats, isSupervisor, state } from './state.js';

export function renderProfile() {
  const profile = state.profile;
  if (!profile) return;
  byId('agent-name').textContent = profile.name;
  const available = profile.status === 'available';
  const toggle = byId('status-toggle');
  toggle.dataset.status = available ? 'available' : 'away';
  toggle.textContent = available ? 'Available' : 'Away';
  toggle.title = available ? 'Receiving chats. Click to go away.' : 'Not receiving new chats. Click to become available.';
  toggle.setAttribute('aria-pressed', String(available));
  byId('nav-team').hidden = !isSupervisor();
  byId('nav-security').hidden = !isSupervisor();
  byId('show-all-label').hidden = isSupervisor();
}

byId('status-toggle').addEventListener('click', async () => {
  const profile = state.profile;
  if (!profile) return;
  const next = profile.status === 'available' ? 'away' : 'available';
  try {
    await call('SetStatus', next);
    profile.status = next;
    renderProfile();
  } catch (error) { fail(error); }
});

export function renderTeam() {
  for (const chat of chats.values()) loadTargets(chat);
  if (!isSupervisor()) return;
  byId('team-body').replaceChildren(...state.team.map((agent) => el('tr', { testid: 'agent', 'data-agent-id': agent.id },
    el('td', { dir: 'auto', text: agent.name }),
    el('td', {}, el('span', { className: `presence presence--${agent.status}`, text: agent.status })),
    el('td', { className: agent.active >= agent.capacity ? 'grid__full' : null, text: `${agent.active}/${agent.capacity}` }),
    el('td', { text: (agent.languages || []).join(', ') || 'all' }),
    el('td', { text: (agent.skills || []).join(', ') || 'all' }))));
}
