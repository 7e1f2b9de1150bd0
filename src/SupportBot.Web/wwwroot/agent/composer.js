/*
 * A chat's composer: the reply (Enter sends), internal notes (the mode ends with the note posted), canned responses
 * (the picker, or "/" and a few letters), and the "typing" signal.
 */
import { el } from '../shared/dom.js';
import { cannedFor, cannedSearch } from './canned.js';
import { option } from './format.js';
import { call } from './hub.js';
import { fail } from './notices.js';
import { addEntry, addNote, scrollDown } from './transcript.js';

const typingEvery = 2000; // the customer's widget shows "typing" for a while, so one signal per 2 s is plenty
const replyPlaceholder = 'Reply to the customer — Enter sends, Shift+Enter for a new line, / for canned responses';

export function buildComposer(chat) {
  const input = el('textarea', { className: 'composer__input', testid: 'composer', rows: 3, dir: 'auto', placeholder: replyPlaceholder });
  const send = el('button', { type: 'submit', className: 'button button--primary', testid: 'send', text: 'Send' });
  const noteToggle = el('button', { type: 'button', className: 'button button--quiet', testid: 'note-toggle', 'aria-pressed': 'false',
    title: 'Write an internal note instead of a reply', text: 'Note' });
  const canned = el('select', { className: 'select', testid: 'canned-picker', 'aria-label': 'Insert a canned response' });
  chat.input = input;
  chat.canned = canned;

  const setNoteMode = (on) => {
    chat.noteMode = on;
    noteToggle.setAttribute('aria-pressed', String(on));
    form.classList.toggle('composer--note', on);
    send.textContent = on ? 'Add note' : 'Send';
    input.placeholder = on ? 'Internal note — only agents see it' : replyPlaceholder;
  };
  noteToggle.addEventListener('click', () => { setNoteMode(!chat.noteMode); input.focus(); });

  const search = cannedSearch(chat, input);
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) { event.preventDefault(); form.requestSubmit(); }
    if (event.key === 'Escape') input.blur(); // back to the keyboard shortcuts
  });
  input.addEventListener('input', () => {
    // Notes are internal: the customer must not see "typing" while the agent writes one.
    if (chat.noteMode || !input.value || Date.now() - chat.lastTyping < typingEvery) return;
    chat.lastTyping = Date.now();
    call('Typing', chat.id).catch(() => { /* a lost typing signal is harmless */ });
  });
  canned.addEventListener('change', () => {
    const text = canned.selectedOptions[0]?.dataset.text;
    canned.value = '';
    if (!text) return;
    input.setRangeText(text, input.selectionStart, input.selectionEnd, 'end');
    input.focus();
  });

  const form = el('form', { className: 'composer', onsubmit: async (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text || chat.sending) return;
    chat.sending = true;
    send.disabled = true;
    try {
      if (chat.noteMode) {
        addNote(chat, await call('Note', chat.id, text));
        setNoteMode(false); // a note is the exception: the next thing typed is a reply again
      } else addEntry(chat, await call('Send', chat.id, text));
      input.value = '';
      scrollDown(chat);
    } catch (error) {
      fail(error);
    } finally {
      chat.sending = false;
      send.disabled = false;
      input.focus();
    }
  } }, search, input, el('div', { className: 'composer__bar' }, canned, el('span', { className: 'composer__spacer' }), noteToggle, send));
  return form;
}

export function renderCanned(chat) {
  const list = cannedFor(chat);
  chat.canned.replaceChildren(option('', list.length ? 'Canned response…' : 'No canned responses'),
    ...list.map((item) => { const o = option(item.id, item.title); o.dataset.text = item.text; o.title = item.text; return o; }));
  chat.canned.disabled = !list.length;
}
