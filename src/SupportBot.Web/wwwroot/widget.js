/*
 * SupportBot chat widget. Embed on any page with one line:
 *   <script src="https://YOUR-BOT-HOST/widget.js" data-title="Support" defer></script>
 * Optional attributes: data-locale ("auto", "en-US", "th-TH", "ru-RU", "ar-SA"), data-open ("true").
 * The page's origin must be listed in the server's Widget:AllowedOrigins unless it is the bot's own origin.
 *
 * This file stays a classic script, so the one-line embed above keeps working as it is: only a classic script has
 * document.currentScript (where the bot is and the data- attributes), and it needs no type="module" on the
 * customer's page. The DOM helper and the languages list are the ES modules the agent console and the maintainer
 * page use, imported from the bot's own origin (the URL this script came from).
 */
(function () {
  'use strict';

  var script = document.currentScript;
  var base = new URL('.', script.src).href.replace(/\/$/, '');
  var storageKey = 'supportbot:' + base;

  var style = document.createElement('link');
  style.rel = 'stylesheet';
  style.href = base + '/widget.css';
  document.head.appendChild(style);

  // Module scripts are fetched with CORS: on another site's page these imports need the bot's /shared/ files to
  // answer with Access-Control-Allow-Origin for that site (the server's Widget:AllowedOrigins).
  var ready = Promise.all([import(base + '/shared/dom.js'), import(base + '/shared/languages.js')]).then(function (modules) {
    return widget(modules[0].el, modules[1]);
  });
  ready.catch(function (error) {
    if (window.console) { console.error('SupportBot widget: could not load ' + base + '/shared/', error); }
  });

  function forget(key) {
    try { localStorage.removeItem(storageKey + ':' + key); } catch (e) { /* private mode */ }
  }

  // The page's handle on the widget exists at once; open and close wait until the widget is there.
  window.SupportBotWidget = {
    open: function () { ready.then(function (chat) { chat.setOpen(true); }); },
    close: function () { ready.then(function (chat) { chat.setOpen(false); }); },
    reset: function () { forget('session'); forget('open'); location.reload(); }
  };

  function widget(el, shared) {
    var text = {
      'en-US': { open: 'Chat with us', close: 'Close chat', language: 'Language', unavailable: 'Chat is unavailable right now. Please try again in a minute.' },
      'th-TH': { open: 'แชทกับเรา', close: 'ปิดแชท', language: 'ภาษา', unavailable: 'ขณะนี้ยังใช้แชทไม่ได้ กรุณาลองใหม่อีกครั้งในอีกสักครู่' },
      'ru-RU': { open: 'Написать нам', close: 'Закрыть чат', language: 'Язык', unavailable: 'Чат сейчас недоступен. Попробуйте через минуту.' },
      'ar-SA': { open: 'تحدث معنا', close: 'إغلاق المحادثة', language: 'اللغة', unavailable: 'الدردشة غير متاحة الآن. يُرجى المحاولة بعد دقيقة.' }
    };

    function load(key) {
      try { return JSON.parse(localStorage.getItem(storageKey + ':' + key)); } catch (e) { return null; }
    }
    function save(key, value) {
      try { localStorage.setItem(storageKey + ':' + key, JSON.stringify(value)); } catch (e) { /* private mode */ }
    }

    function supportedLocale(wanted) {
      var language = shared.findLanguage(wanted);
      return language ? language.locale : 'en-US';
    }

    function initialLocale() {
      var chosen = load('locale');
      if (chosen) { return supportedLocale(chosen); }
      var attribute = script.getAttribute('data-locale');
      if (attribute && attribute !== 'auto') { return supportedLocale(attribute); }
      var browser = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language];
      for (var i = 0; i < browser.length; i++) {
        if (shared.findLanguage(browser[i])) { return supportedLocale(browser[i]); }
      }
      return 'en-US';
    }

    var locale = initialLocale();
    var directLine = null;
    var session = null;

    var launcher = el('button', { type: 'button', className: 'sb-launcher', 'aria-haspopup': 'dialog' });
    var title = el('span', { className: 'sb-title', text: script.getAttribute('data-title') || 'Support' });
    var picker = el('select', { className: 'sb-locale' }, shared.languages.map(function (language) {
      return el('option', { value: language.locale, text: language.native });
    }));
    var closeButton = el('button', { type: 'button', className: 'sb-close', text: '×' });
    var chat = el('div', { className: 'sb-webchat' });
    var notice = el('p', { className: 'sb-notice', hidden: true });
    var panel = el('section', { className: 'sb-panel', role: 'dialog', hidden: true },
      el('header', { className: 'sb-header' }, title, picker, closeButton), notice, chat);
    document.body.appendChild(launcher);
    document.body.appendChild(panel);

    function applyLocale() {
      var strings = text[locale];
      var rtl = shared.findLanguage(locale).dir === 'rtl';
      panel.dir = rtl ? 'rtl' : 'ltr';
      panel.lang = locale;
      panel.classList.toggle('sb-rtl', rtl);
      launcher.classList.toggle('sb-rtl', rtl);
      launcher.textContent = strings.open;
      launcher.setAttribute('aria-label', strings.open);
      closeButton.setAttribute('aria-label', strings.close);
      picker.setAttribute('aria-label', strings.language);
      picker.value = locale;
      panel.setAttribute('aria-label', title.textContent);
    }

    function loadScript(src) {
      return new Promise(function (resolve, reject) {
        if (window.WebChat) { resolve(); return; }
        var tag = document.createElement('script');
        tag.src = src;
        tag.onload = function () { resolve(); };
        tag.onerror = function () { reject(new Error('Could not load ' + src)); };
        document.head.appendChild(tag);
      });
    }

    function postJson(path, token) {
      var headers = { 'Content-Type': 'application/json' };
      if (token) { headers.Authorization = 'Bearer ' + token; }
      return fetch(base + path, { method: 'POST', headers: headers, body: '{}' }).then(function (response) {
        if (!response.ok) { throw new Error(path + ' answered ' + response.status); }
        return response.json();
      });
    }

    // A stored conversation is resumed while its token can still be refreshed; otherwise a new one starts.
    function obtainSession() {
      var stored = load('session');
      if (stored && stored.conversationId && stored.token && stored.expiresAt > Date.now() + 5000) {
        return postJson('/v3/directline/tokens/refresh', stored.token).then(function (fresh) {
          stored.token = fresh.token;
          stored.expiresAt = Date.now() + fresh.expires_in * 1000;
          stored.resumed = true;
          return stored;
        }, function () { return startSession(); });
      }
      return startSession();
    }

    function startSession() {
      return postJson('/widget/session').then(function (s) {
        return { conversationId: s.conversationId, userId: s.userId, token: s.token, expiresAt: Date.now() + s.expiresIn * 1000, resumed: false };
      });
    }

    // A person's messages come from "agent:<id>" with their name; the customer should see who is answering.
    function agentName(activity) {
      var from = activity && activity.from;
      return from && typeof from.id === 'string' && from.id.indexOf('agent:') === 0 && from.name ? String(from.name) : null;
    }

    // Web Chat's bundle keeps its React to itself, so new elements take the shape of the one Web Chat's status
    // renderer returned (the same React made it) instead of loading a second React next to the bundled one.
    function elementLike(template, type, key, props) {
      var element = {};
      Object.keys(template).forEach(function (k) { element[k] = template[k]; });
      element.type = type;
      element.key = key;
      element.ref = null;
      element.props = props;
      return element;
    }

    // Web Chat shows the time only under the last of a run of messages; the agent's name is shown under each of theirs.
    function agentNameStatusMiddleware() {
      return function (next) {
        return function (options) {
          var status = next.apply(null, arguments);
          var name = agentName(options && options.activity);
          if (!name || !status || typeof status !== 'object' || !status.$$typeof) { return status; }
          var parts = [elementLike(status, 'span', 'name', { className: 'sb-agent-name', dir: 'auto', children: name })];
          if (!options.hideTimestamp) { parts.push(' · '); }
          parts.push(elementLike(status, 'span', 'status', { children: status }));
          return elementLike(status, 'span', null, { className: 'sb-agent-status', children: parts });
        };
      };
    }

    function render() {
      window.WebChat.renderWebChat({
        directLine: directLine,
        userID: session.userId,
        locale: locale,
        activityStatusMiddleware: agentNameStatusMiddleware,
        sendTypingIndicator: true, // an agent who owns the chat sees the customer typing
        styleOptions: {
          accent: '#0b5cab',
          botAvatarInitials: 'SB',
          bubbleBorderRadius: 12,
          bubbleFromUserBorderRadius: 12,
          bubbleFromUserBackground: '#dbeafe',
          suggestedActionLayout: 'flow',
          hideUploadButton: false,
          rootHeight: '100%'
        }
      }, chat);
    }

    function connect() {
      if (directLine) { return Promise.resolve(); }
      return Promise.all([loadScript(base + '/webchat/webchat.js'), obtainSession()]).then(function (results) {
        session = results[1];
        save('session', session);
        var options = {
          domain: base + '/v3/directline',
          token: session.token,
          webSocket: true,
          conversationStartProperties: { locale: locale }
        };
        if (session.resumed) { options.conversationId = session.conversationId; }
        directLine = window.WebChat.createDirectLine(options);
        render();
      });
    }

    function setOpen(open) {
      panel.hidden = !open;
      launcher.hidden = open;
      launcher.setAttribute('aria-expanded', String(open));
      save('open', open);
      if (!open) { return; }
      notice.hidden = true;
      connect().catch(function (error) {
        notice.textContent = text[locale].unavailable;
        notice.hidden = false;
        directLine = null;
        if (window.console) { console.error('SupportBot widget:', error); }
      });
    }

    launcher.addEventListener('click', function () { setOpen(true); });
    closeButton.addEventListener('click', function () { setOpen(false); });
    picker.addEventListener('change', function () {
      locale = supportedLocale(picker.value);
      save('locale', locale);
      applyLocale();
      if (directLine) { render(); }
    });
    window.addEventListener('pagehide', function () {
      // Direct Line refreshes its token as it goes; keep the newest for the next page.
      if (session && directLine && directLine.token) {
        session.token = directLine.token;
        save('session', session);
      }
    });

    applyLocale();
    if (load('open') || script.getAttribute('data-open') === 'true') { setOpen(true); }
    return { setOpen: setOpen };
  }
})();
