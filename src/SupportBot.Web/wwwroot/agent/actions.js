/*
 * What ends a chat for this agent: Transfer (to a colleague or back to the queue), Return to bot, and the Close
 * form (resolution intent, tags, internal note).
 */
import { el } from '../shared/dom.js';
import { removeChat } from './chats.js';
import { option } from './format.js';
import { call } from './hub.js';
import { fail, toast } from './notices.js';
import { loadRecent } from './recent.js';
import { state } from './state.js';

const queueValue = '@queue'; // the transfer picker's "Back to the queue"; agent ids never start with @

export function renderActions(chat) {
  const id = chat.id;
  const intents = state.profile?.intents || [];
  const contextIntent = chat.view.context.intent;

  // Only colleagues who can take the chat now are offered (the hub's TransferTargets), asked again whenever presence
  // or the queue changes (not on focus: replacing the options of an open picker would close it under the mouse).
  const target = el('select', { className: 'select', testid: 'transfer-target', 'aria-label': 'Transfer to' });
  chat.transferTarget = target;
  fillTransferTargets(chat);
  loadTargets(chat);
  const handoverNote = el('input', { className: 'input actions__note', testid: 'transfer-note', maxlength: 1000,
    placeholder: 'Note for whoever takes it (optional)', 'aria-label': 'Note for the receiving agent' });
  const transfer = el('button', { type: 'button', className: 'button', testid: 'transfer', text: 'Transfer', onclick: async () => {
    if (!target.value) { target.focus(); return; }
    const toQueue = target.value === queueValue;
    const note = handoverNote.value.trim();
    // The note goes first, so it is in the chat when the colleague's console opens it.
    if (note) {
      try { await call('Note', id, `For the next agent: ${note}`); } catch (error) { fail(error); return; }
    }
    finish(chat, 'Transfer', [id, toQueue ? null : target.value],
      toQueue ? 'Chat put back in the queue.' : `Chat transferred to ${target.selectedOptions[0].dataset.name}.`,
      () => { handoverNote.value = ''; loadTargets(chat); });
  } });

  const returnIntent = el('select', { className: 'select', testid: 'return-intent', 'aria-label': 'Intent for the bot to continue with' },
    option('', 'No intent (the bot asks)'), intents.map((intent) => option(intent, intent)));
  const giveBack = el('button', { type: 'button', className: 'button', testid: 'return-to-bot', text: 'Return to bot',
    onclick: () => finish(chat, 'ReturnToBot', [id, returnIntent.value || null], 'Chat returned to the bot.') });

  chat.actions.replaceChildren(
    el('div', { className: 'actions__row' },
      el('div', { className: 'actions__group actions__group--transfer' }, target, handoverNote, transfer),
      el('div', { className: 'actions__group' }, returnIntent, giveBack),
      el('span', { className: 'actions__spacer' }),
      closeButton(chat, intents, contextIntent)),
    chat.closeForm);
}

/** The Close… button; the form it opens is kept on the chat (chat.closeForm). */
function closeButton(chat, intents, contextIntent) {
  // The intent the bot guessed is the likely answer, so it is preselected (and offered even if the list lacks it).
  const closeChoices = contextIntent && !intents.includes(contextIntent) ? [contextIntent, ...intents] : intents;
  const closeIntent = el('select', { className: 'select', testid: 'close-intent', required: true, 'aria-label': 'What the customer really wanted' },
    option('', 'Choose the resolution intent…'), closeChoices.map((intent) => option(intent, intent, intent === contextIntent)));
  const tags = el('input', { className: 'input', testid: 'close-tags', placeholder: 'Tags, comma separated', 'aria-label': 'Tags' });
  const note = el('textarea', { className: 'input', testid: 'close-note', rows: 2, placeholder: 'Closing note (optional, internal)', 'aria-label': 'Closing note' });
  const closeForm = el('form', { className: 'close-form', hidden: true, onsubmit: (event) => {
    event.preventDefault();
    if (!closeIntent.value) { closeIntent.focus(); toast('Choose the intent the chat was really about.', { kind: 'error' }); return; }
    const tagList = tags.value.split(',').map((tag) => tag.trim()).filter(Boolean);
    finish(chat, 'Close', [chat.id, closeIntent.value, tagList, note.value.trim() || null], 'Chat closed.');
  } },
  el('label', { className: 'close-form__field' }, 'Resolution intent', closeIntent),
  el('label', { className: 'close-form__field' }, 'Tags', tags),
  el('label', { className: 'close-form__field close-form__field--wide' }, 'Note', note),
  el('div', { className: 'close-form__buttons' },
    el('button', { type: 'submit', className: 'button button--danger', testid: 'close-submit', text: 'Close chat' }),
    el('button', { type: 'button', className: 'button button--quiet', text: 'Cancel', onclick: () => { closeForm.hidden = true; } })));
  chat.closeForm = closeForm;
  return el('button', { type: 'button', className: 'button button--danger-outline', testid: 'close-chat', text: 'Close…',
    onclick: () => { closeForm.hidden = !closeForm.hidden; if (!closeForm.hidden) closeIntent.focus(); } });
}

/** Asks the hub who could take this chat now (online, available, with room, its language and skill). */
export async function loadTargets(chat) {
  if (chat.preview || !state.connection) return;
  try {
    chat.targets = await call('TransferTargets', chat.id);
  } catch {
    chat.targets = []; // not ours any more, or offline: the queue is still offered
  }
  fillTransferTargets(chat);
}

/** The transfer picker: the queue and the colleagues who can take the chat, keeping the choice if it is still there. */
export function fillTransferTargets(chat) {
  const select = chat.transferTarget;
  if (!select) return;
  const chosen = select.value;
  const colleagues = chat.targets || [];
  const nobody = el('option', { value: '', disabled: true, text: 'No colleague can take it now' });
  select.replaceChildren(
    option('', 'Transfer to…'),
    option(queueValue, 'Back to the queue'),
    colleagues.length ? null : nobody,
    ...colleagues.map((agent) => {
      const item = option(agent.id, `${agent.name} · ${agent.active}/${agent.capacity} chats`);
      item.dataset.name = agent.name;
      return item;
    }));
  select.value = [...select.options].some((o) => o.value === chosen) ? chosen : '';
}

// Transfer, ReturnToBot and Close all end the chat for this agent; the ChatEnded that follows is then expected.
async function finish(chat, method, args, done, refused) {
  chat.ending = true;
  for (const button of chat.actions.querySelectorAll('button')) button.disabled = true;
  try {
    await call(method, ...args);
    toast(done);
    removeChat(chat.id);
    if (method !== 'Transfer') loadRecent();
  } catch (error) {
    chat.ending = false;
    fail(error);
    refused?.();
  } finally {
    for (const button of chat.actions.querySelectorAll('button')) button.disabled = false;
  }
}
