/*
 * SupportBot agent console: ES modules on the SignalR browser client, no build step, all from this origin.
 * Customer, bot and agent text only ever reaches the page as text (shared/dom.js), never as HTML.
 *
 *   session.js   sign-in, sign-out, a session the server ended     hub.js       the SignalR connection and calls
 *   events.js    what the hub pushes                               api.js       /agent/api calls (401 = ended)
 *   queue.js     waiting customers, previews, claiming             chats.js     tabs and panes of open chats
 *   transcript.js  a chat's lines, notes, typing, survey           composer.js  replies, notes, canned responses
 *   actions.js   transfer, return to bot, close                    presence.js  Available/Away and the team
 *   tickets.js   tickets                                           security.js  sessions and lockouts (supervisors)
 *   views.js     the top bar's views                               notices.js   toasts, banner, title, alerts
 *   format.js    times, reasons, badges                            state.js     what the console knows
 *   customer.js  the customer side panel                           recent.js    recently closed chats and ratings
 *   canned.js    "/" search of canned responses                    shortcuts.js keyboard shortcuts ("?")
 *   history.js   closed conversations from the archive: search, transcripts, a customer's earlier ones
 */
import { boot } from './session.js';
import './shortcuts.js';

boot();
