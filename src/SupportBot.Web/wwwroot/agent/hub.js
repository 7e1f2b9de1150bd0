/*
 * The SignalR hub client: connecting, reconnecting, calling hub methods, and (re)loading everything the console
 * shows. The contract is src/SupportBot.Web/Agents (AgentHub, IAgentClient, AgentDtos; JSON is camelCase).
 */
import { byId } from '../shared/dom.js';
import { sessionAlive } from './api.js';
import { describe } from './format.js';
import { listen } from './events.js';
import { fail, setBanner } from './notices.js';
import { renderProfile, renderTeam } from './presence.js';
import { renderQueue } from './queue.js';
import { renderRecent } from './recent.js';
import { syncChats } from './chats.js';
import { renderTickets } from './tickets.js';
import { sessionEnded } from './session.js';
import { state } from './state.js';

const retryDelays = [0, 2000, 10000, 30000]; // SignalR's own default

const unauthorized = (error) => error?.statusCode === 401 || /\b401\b|Unauthorized/i.test(String(error?.message || ''));

export function openHub() {
  const hub = new signalR.HubConnectionBuilder()
    // WebSockets straight away, without the negotiate request: behind a load balancer with no sticky sessions the
    // negotiate and the socket could land on different processes, and the second would not know the first's id.
    .withUrl('/hubs/agents', {
      accessTokenFactory: () => state.session.token,
      skipNegotiation: true,
      transport: signalR.HttpTransportType.WebSockets,
    })
    .withAutomaticReconnect({
      // A refused token will not be taken on the next try either: stop, and onclose sends the agent to sign-in.
      nextRetryDelayInMilliseconds: (context) => {
        hub.lastRetryReason = context.retryReason;
        return unauthorized(context.retryReason) ? null : retryDelays[context.previousRetryCount] ?? null;
      },
    })
    .build();
  state.connection = hub;
  listen(hub);
  hub.onreconnecting(async () => {
    if (hub !== state.connection) return;
    setBanner('reconnecting');
    // Without the negotiate request a refused token shows only as a failed WebSocket (browsers hide the handshake's
    // 401), so the API says whether the session still stands.
    if (!(await sessionAlive()) && hub === state.connection) sessionEnded();
  });
  // Whatever happened while the link was down (new chats, messages) is fetched again rather than lost.
  hub.onreconnected(() => { if (hub === state.connection) { setBanner(null); load(); } });
  hub.onclose(async (error) => {
    if (hub !== state.connection) return; // signed out on purpose
    // The server closes every connection of an ended session; a close it did not explain is checked with the API.
    if (state.session.expiresAt <= Date.now() || unauthorized(error) || unauthorized(hub.lastRetryReason) || !(await sessionAlive())) {
      if (hub === state.connection) sessionEnded();
      return;
    }
    if (hub === state.connection) setBanner('disconnected', error && describe(error));
  });
  connect();
}

export async function connect() {
  const hub = state.connection;
  if (!hub) return;
  setBanner('connecting');
  try {
    await hub.start();
  } catch (error) {
    if (hub !== state.connection) return;
    if (unauthorized(error) || !(await sessionAlive())) {
      if (hub === state.connection) sessionEnded();
    } else if (hub === state.connection) setBanner('disconnected', describe(error));
    return;
  }
  setBanner(null);
  load();
}
byId('connection-retry').addEventListener('click', connect);

/** Stops the connection without the console reacting to its close. */
export function closeHub() {
  const hub = state.connection;
  state.connection = null;
  hub?.stop();
}

export function call(method, ...args) {
  if (!state.connection) return Promise.reject(new Error('Not connected.'));
  return state.connection.invoke(method, ...args);
}

// Everything the console shows is (re)loaded in one go, at start and after every reconnect.
export async function load() {
  const [me, waiting, mine, colleagues, open, recent] = await Promise.all(
    ['Profile', 'Queue', 'MyChats', 'Agents', 'Tickets', 'Recent'].map((method) => call(method).catch((error) => { fail(error); return null; })));
  if (me) state.profile = me;
  if (waiting) state.queue = waiting;
  if (colleagues) state.team = colleagues;
  if (open) state.tickets = open;
  if (recent) state.recent = recent;
  renderProfile();
  renderQueue();
  if (mine) syncChats(mine);
  renderTeam();
  renderTickets();
  renderRecent();
}
