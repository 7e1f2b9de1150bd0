/*
 * What the console knows, in one place every module reads: the session, the hub connection, what the server last
 * sent, and the open chats. Modules change it and re-render their part; nothing else keeps a copy.
 */

export const sessionKey = 'supportbot:agent-session';

export const state = {
  session: null, // { token, expiresAt, id, name, roles }, from sign-in
  connection: null, // the hub connection; null once signed out, which tells its late events to stop
  profile: null, // the hub's Profile(): name, status, roles, languages, skills, intents, cannedResponses
  queue: [],
  team: [],
  tickets: [],
  recent: [], // chats this agent ended lately, with ratings (recent.js)
  view: 'chats',
  activeId: null,
};

export const chats = new Map(); // conversationId -> the chat's state and its tab and pane elements
export const fresh = new Set(); // escalated since the agent last looked at the queue: highlighted
export const claiming = new Set(); // claims on their way, whose previews must survive the QueueChanged that comes first
export const ended = new Map(); // conversationId -> customer name of chats whose tab is gone: a survey comes after the close

/** Roles come from the hub's Profile() once connected, from the sign-in answer before that. */
export const isSupervisor = () => (state.profile?.roles || state.session?.roles || []).includes('supervisor');

/** Forgets everything the signed-in agent saw (the chats' elements are removed by their owner). */
export function resetState() {
  Object.assign(state, { session: null, connection: null, profile: null, queue: [], team: [], tickets: [], recent: [] });
  fresh.clear();
  claiming.clear();
}
