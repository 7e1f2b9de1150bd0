/*
 * Canned responses found by typing: "/" at the start of the composer opens a list that narrows as the agent types
 * ("/ref" finds "Refund timing"); arrows move, Enter or Tab puts the text in, Esc closes. The picker stays for mice.
 */
import { el } from '../shared/dom.js';
import { state } from './state.js';

const maxShown = 8;

/** The chat's own language first; English when the desk has none in that language. */
export function cannedFor(chat) {
  const all = state.profile?.cannedResponses || {};
  return all[chat.view.context.language]?.length ? all[chat.view.context.language] : all.en || [];
}

/** Wires the search to the composer's input; returns the list element to place above it. */
export function cannedSearch(chat, input) {
  const list = el('ul', { className: 'canned-search', role: 'listbox', testid: 'canned-search', 'aria-label': 'Canned responses', hidden: true });
  let shown = [];
  let current = 0;

  const close = () => { list.hidden = true; shown = []; input.removeAttribute('aria-activedescendant'); };
  const choose = (item) => {
    input.value = item.text;
    close();
    input.focus();
    input.setSelectionRange(input.value.length, input.value.length);
  };
  const render = () => {
    list.replaceChildren(...shown.map((item, i) => el('li', {
      id: `canned-${chat.id}-${i}`, role: 'option', className: 'canned-search__item', testid: 'canned-option', 'aria-selected': String(i === current),
      onmousedown: (event) => { event.preventDefault(); choose(item); },
    }, el('strong', { text: item.title }), el('span', { className: 'muted', dir: 'auto', text: item.text }))));
    if (!shown.length) list.append(el('li', { className: 'canned-search__none muted', text: 'No canned response matches.' }));
    input.setAttribute('aria-activedescendant', shown.length ? `canned-${chat.id}-${current}` : '');
  };

  input.addEventListener('input', () => {
    const typed = /^\/([^\n]*)$/.exec(input.value);
    if (!typed || chat.noteMode) { close(); return; }
    const query = typed[1].trim().toLowerCase();
    shown = cannedFor(chat).filter((item) => !query || `${item.title} ${item.text} ${item.id}`.toLowerCase().includes(query)).slice(0, maxShown);
    current = 0;
    list.hidden = false;
    render();
  });
  input.addEventListener('blur', () => setTimeout(close, 100));
  // Registered before the composer's own keydown, so Enter picks a response instead of sending "/ref".
  input.addEventListener('keydown', (event) => {
    if (list.hidden) return;
    const step = { ArrowDown: 1, ArrowUp: -1 }[event.key];
    if (step && shown.length) current = (current + step + shown.length) % shown.length;
    else if ((event.key === 'Enter' || event.key === 'Tab') && shown.length) choose(shown[current]);
    else if (event.key === 'Escape') close();
    else return;
    event.preventDefault();
    event.stopImmediatePropagation();
    if (!list.hidden) render();
  });
  return list;
}
