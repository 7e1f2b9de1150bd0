/*
 * What ends a chat for this agent: Transfer (to a colleague or back to the queue), Return to bot, and the Close
 * form (resolution intent, tags, internal note).
 */
import { el } from '../shared/dom.js';
import { removeChat } from './chats.js';
import { option } from './format.js';
import { call } from './hub.js';
import { fail, toast } from './notices.js';
import { state } from './state.js';

const queueValue = '@queue'; // the transfer picker's "Back to the queue"; agent ids never start with @

export function renderActions(chat) {
  const id = chat.id;
  const intents = state.profile?.intents || [];
  const contextIntent = chat.view.context.intent;

  const target = el('select', { className: 'select', testid: 'transfer-target', 'aria-label': 'Transfer to' });
  chat.transferTarget = target;
  fillTransferTargets(chat);
  const transfer = el('button', { type: 'button', className: 'button', testid: 'transfer', text: 'Transfer', onclick: () => {
    if (!target.value) { target.focus(); return; }
    finish(chat, 'Transfer', [id, target.value === queueValue ? null : target.value],
      target.value === queueValue ? 'Chat put back in the queue.' : `Chat transferred to ${target.selectedOptions[0].dataset.name}.`);
  } });

  const returnIntent = el('select', { className: 'select', testid: 'return-intent', 'aria-label': 'Intent for the bot to continue with' },
    option('', 'No intent (the bot asks)'), intents.map((intent) => option(intent, intent)));
  const giveBack = el('button', { type: 'button', className: 'button', testid: 'return-to-bot', text: 'Return to bot',
    onclick: () => finish(chat, 'ReturnToBot', [id, returnIntent.value || null], 'Chat returned to the bot.') });

  chat.actions.replaceChildren(
    el('div', { className: 'actions__row' },
      el('div', { className: 'actions__group' }, target, transfer),
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

/** The transfer picker's colleagues (everyone on the team but this agent), keeping the choice if it is still there. */
export function fillTransferTargets(chat) {
  const select = chat.transferTarget;
  if (!select) return;
  const chosen = select.value;
  const colleagues = state.team.filter((agent) => agent.id !== state.session?.id);
  select.replaceChildren(
    option('', 'Transfer to…'),
    option(queueValue, 'Back to the queue'),
    ...colleagues.map((agent) => {
      const item = option(agent.id, `${agent.name} · ${agent.status} · ${agent.active}/${agent.capacity}`);
      item.dataset.name = agent.name;
      return item;
    }));
  select.value = [...select.options].some((o) => o.value === chosen) ? chosen : '';
}

// Transfer, ReturnToBot and Close all end the chat for this agent; the ChatEnded that follows is then expected.
async function finish(chat, method, args, done) {
  chat.ending = true;
  for (const button of chat.actions.querySelectorAll('button')) button.disabled = true;
  try {
    await call(method, ...args);
    toast(done);
    removeChat(chat.id);
  } catch (error) {
    chat.ending = false;
    fail(error);
  } finally {
    for (const button of chat.actions.querySelectorAll('button')) button.disabled = false;
  }
}
