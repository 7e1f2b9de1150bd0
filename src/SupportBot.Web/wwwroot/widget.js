/*
 * SupportBot chat widget. Embed on any page with one line:
 *   <script src="https://YOUR-BOT-HOST/widget.js" data-title="Support" defer></script>
 * Optional attributes: data-locale ("auto", "en-US", "th-TH", "ru-RU", "ar-SA"), data-open ("true").
 * The page's origin must be listed in the server's Widget:AllowedOrigins unless it is the bot's own origin.
 *
 * This file stays a classic script, so the one-line embed above keeps working as it is: only a classic script has
 * document.currentScript (where the bot is and the data- attributes), and it needs no type="module" on the
 * customer's page. The widget itself (widget/*.js), the DOM helper and the languages list (shared/*.js, which the
 * agent console and the maintainer page use too) are ES modules imported from the bot's own origin.
 */
(function () {
  'use strict';

  var script = document.currentScript;
  var base = new URL('.', script.src).href.replace(/\/$/, '');

  var style = document.createElement('link');
  style.rel = 'stylesheet';
  style.href = base + '/widget.css';
  document.head.appendChild(style);

  // Module scripts are fetched with CORS: on another site's page these imports need the bot's /shared/ and
  // /widget/ files to answer with Access-Control-Allow-Origin (the server sends "*" for them).
  var ready = Promise.all([import(base + '/shared/dom.js'), import(base + '/shared/languages.js'), import(base + '/widget/panel.js')])
    .then(function (modules) {
      return modules[2].createWidget({ el: modules[0].el, shared: modules[1], base: base, script: script });
    });
  ready.catch(function (error) {
    if (window.console) { console.error('SupportBot widget: could not load the widget from ' + base, error); }
  });

  function forget(key) {
    try { localStorage.removeItem('supportbot:' + base + ':' + key); } catch (e) { /* private mode */ }
  }

  // The page's handle on the widget exists at once; open and close wait until the widget is there.
  window.SupportBotWidget = {
    open: function () { ready.then(function (chat) { chat.setOpen(true); }); },
    close: function () { ready.then(function (chat) { chat.setOpen(false); }); },
    reset: function () { forget('session'); forget('open'); forget('seen'); location.reload(); }
  };
})();
