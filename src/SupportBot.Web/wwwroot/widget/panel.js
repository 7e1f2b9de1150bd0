/*
 * The chat widget itself: the launcher, the panel with Web Chat in it, and what the customer controls (language,
 * new conversation, end the chat). widget.js (the one-line embed) loads this module from the bot's origin.
 */
import { attention } from './attention.js';
import { initials, ownerTracker, personOf, webChatMiddleware } from './people.js';
import { followKeyboard } from './phone.js';
import { hasSession, memoryFor, obtainSession } from './session.js';
import { wordsFor } from './strings.js';
import { transcriptForm } from './transcript.js';

export function createWidget({ el, shared, base, script }) {
  const memory = memoryFor(base);
  const pageTitle = script.getAttribute('data-title') || 'Support';

  function supportedLocale(wanted) {
    return shared.findLanguage(wanted)?.locale || 'en-US';
  }

  function initialLocale() {
    const chosen = memory.load('locale');
    if (chosen) return supportedLocale(chosen);
    const attribute = script.getAttribute('data-locale');
    if (attribute && attribute !== 'auto') return supportedLocale(attribute);
    const browser = navigator.languages?.length ? navigator.languages : [navigator.language];
    const known = browser.find((language) => shared.findLanguage(language));
    return known ? supportedLocale(known) : 'en-US';
  }

  let locale = initialLocale();
  let directLine = null;
  let session = null;
  let store = null;
  let connecting = null;
  let ended = false; // the customer ended the chat: nothing starts until they ask for a new one
  const words = () => wordsFor(locale);

  const badge = el('span', { className: 'sb-badge', hidden: true });
  const launcherLabel = el('span', { className: 'sb-launcher__label' });
  const launcher = el('button', { type: 'button', className: 'sb-launcher', 'aria-haspopup': 'dialog' }, launcherLabel, badge);
  const avatar = el('span', { className: 'sb-avatar sb-header__avatar', 'aria-hidden': 'true', hidden: true });
  const title = el('span', { className: 'sb-title', dir: 'auto', text: pageTitle });
  const subtitle = el('span', { className: 'sb-subtitle', hidden: true });
  const picker = el('select', { className: 'sb-locale' },
    shared.languages.map((language) => el('option', { value: language.locale, text: language.native })));
  const menuButton = el('button', { type: 'button', className: 'sb-icon-button sb-menu-button', 'aria-expanded': 'false', text: '⋯' });
  const closeButton = el('button', { type: 'button', className: 'sb-icon-button sb-close', text: '×' });
  const newChatButton = el('button', { type: 'button', className: 'sb-menu__item sb-new-chat' });
  const endChatButton = el('button', { type: 'button', className: 'sb-menu__item sb-end-chat' });
  const transcriptButton = el('button', { type: 'button', className: 'sb-menu__item sb-email-transcript' });
  const menu = el('div', { className: 'sb-menu', role: 'menu', hidden: true }, newChatButton, transcriptButton, endChatButton);
  const transcript = transcriptForm({
    el, base, words: () => wordsFor(locale),
    current: () => (session ? { id: session.conversationId, token: directLine?.token || session.token } : null),
  });
  const notice = el('p', { className: 'sb-notice', role: 'status', hidden: true });
  let chat = el('div', { className: 'sb-webchat' });
  const header = el('header', { className: 'sb-header', dataset: { owner: 'bot' } },
    avatar, el('span', { className: 'sb-titles' }, title, subtitle), picker, menuButton, closeButton);
  const panel = el('section', { className: 'sb-panel', role: 'dialog', hidden: true }, header, menu, transcript.form, notice, chat);
  document.body.append(launcher, panel);

  const unread = attention({ badge, memory, words });
  const owner = ownerTracker(showOwner);
  followKeyboard(panel);

  // While a person has the chat the header is theirs: their initials, their name, "Support team" under it.
  function showOwner(person) {
    header.dataset.owner = person ? 'person' : 'bot';
    title.textContent = person ? person.name : pageTitle;
    avatar.textContent = person ? initials(person.name) : '';
    avatar.hidden = !person;
    subtitle.textContent = person ? words().team : '';
    subtitle.hidden = !person;
  }

  function applyLocale() {
    const strings = words();
    const rtl = shared.findLanguage(locale).dir === 'rtl';
    for (const part of [panel, launcher]) {
      part.dir = rtl ? 'rtl' : 'ltr';
      part.lang = locale;
      part.classList.toggle('sb-rtl', rtl);
    }
    launcherLabel.textContent = strings.open;
    launcher.setAttribute('aria-label', strings.open);
    closeButton.setAttribute('aria-label', strings.close);
    menuButton.setAttribute('aria-label', strings.menu);
    picker.setAttribute('aria-label', strings.language);
    picker.value = locale;
    newChatButton.textContent = strings.newChat;
    endChatButton.textContent = strings.endChat;
    transcriptButton.textContent = strings.transcript;
    transcript.label();
    panel.setAttribute('aria-label', title.textContent);
    showOwner(owner.owner);
    unread.refresh();
  }

  function setLocale(next, chosen) {
    if (next === locale) return;
    locale = next;
    if (chosen) memory.save('locale', locale);
    applyLocale();
    if (directLine) render();
  }

  // The widget's language follows the conversation's: the bot answers in the language the customer writes in.
  function followLanguage(activity) {
    if (activity?.type !== 'message' || activity.from?.role !== 'bot' || personOf(activity) || !activity.locale) return;
    const language = shared.findLanguage(activity.locale);
    if (language) setLocale(language.locale, true);
  }

  function loadScript(src) {
    return new Promise((resolve, reject) => {
      if (window.WebChat) { resolve(); return; }
      const tag = document.createElement('script');
      tag.src = src;
      tag.onload = () => resolve();
      tag.onerror = () => reject(new Error(`Could not load ${src}`));
      document.head.appendChild(tag);
    });
  }

  // Every activity Web Chat receives passes here (after Web Chat has it), history included.
  function createStore() {
    return window.WebChat.createStore({}, () => (next) => (action) => {
      const result = next(action);
      if (action.type === 'DIRECT_LINE/INCOMING_ACTIVITY') {
        const activity = action.payload.activity;
        owner.see(activity);
        unread.see(activity);
        setTimeout(() => followLanguage(activity)); // never re-render Web Chat from inside its own dispatch
      }
      return result;
    });
  }

  function render() {
    window.WebChat.renderWebChat({
      directLine,
      store,
      userID: session.userId,
      locale,
      ...webChatMiddleware,
      sendTypingIndicator: true, // a person who has the chat sees the customer typing
      styleOptions: {
        accent: '#0b5cab',
        botAvatarInitials: 'SB',
        bubbleBorderRadius: 12,
        bubbleFromUserBorderRadius: 12,
        bubbleFromUserBackground: '#dbeafe',
        suggestedActionLayout: 'flow',
        hideUploadButton: false,
        rootHeight: '100%',
      },
    }, chat);
  }

  function connect() {
    if (directLine) return Promise.resolve();
    connecting ||= Promise.all([loadScript(`${base}/webchat/webchat.js`), obtainSession(base, memory)]).then(([, started]) => {
      session = started;
      memory.save('session', session);
      const options = { domain: `${base}/v3/directline`, token: session.token, webSocket: true, conversationStartProperties: { locale } };
      if (session.resumed) options.conversationId = session.conversationId;
      directLine = window.WebChat.createDirectLine(options);
      store = createStore();
      render();
    }).finally(() => { connecting = null; });
    return connecting;
  }

  function showError(error) {
    notice.textContent = words().unavailable;
    notice.hidden = false;
    directLine = null;
    console.error('SupportBot widget:', error);
  }

  // Leaves the conversation on this side: the connection closes, a fresh Web Chat waits for the next one.
  function leave() {
    directLine?.end();
    directLine = null;
    session = null;
    memory.forget('session');
    const fresh = el('div', { className: 'sb-webchat' });
    chat.replaceWith(fresh);
    chat = fresh;
    owner.reset();
    unread.reset();
    transcript.hide();
    menu.hidden = true;
    menuButton.setAttribute('aria-expanded', 'false');
  }

  function startNew() {
    leave();
    ended = false;
    notice.hidden = true;
    connect().catch(showError);
  }

  function end() {
    leave();
    ended = true;
    notice.replaceChildren(words().ended, ' ', el('button', { type: 'button', className: 'sb-link', text: words().newChat, onclick: startNew }));
    notice.hidden = false;
  }

  function setOpen(open) {
    panel.hidden = !open;
    launcher.hidden = open;
    launcher.setAttribute('aria-expanded', String(open));
    memory.save('open', open);
    unread.setOpen(open);
    if (!open || ended) return;
    notice.hidden = true;
    if (!directLine) connect().catch(showError);
  }

  launcher.addEventListener('click', () => setOpen(true));
  closeButton.addEventListener('click', () => setOpen(false));
  menuButton.addEventListener('click', () => {
    menu.hidden = !menu.hidden;
    menuButton.setAttribute('aria-expanded', String(!menu.hidden));
  });
  newChatButton.addEventListener('click', startNew);
  endChatButton.addEventListener('click', end);
  transcriptButton.addEventListener('click', () => {
    menu.hidden = true;
    menuButton.setAttribute('aria-expanded', 'false');
    transcript.show();
  });
  picker.addEventListener('change', () => setLocale(supportedLocale(picker.value), true));
  window.addEventListener('pagehide', () => {
    // Direct Line refreshes its token as it goes; keep the newest for the next page.
    if (session && directLine?.token) memory.save('session', { ...session, token: directLine.token });
  });

  applyLocale();
  if (memory.load('open') || script.getAttribute('data-open') === 'true') {
    setOpen(true);
  } else if (hasSession(memory)) {
    connect().catch(showError); // a conversation in progress: replies that come while the panel is closed are counted
  }
  return { setOpen, forget: leave };
}
