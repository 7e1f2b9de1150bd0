/*
 * SupportBot agent console: plain JavaScript on the SignalR browser client, no build step.
 * The contract is src/SupportBot.Web/Agents (AgentHub, IAgentClient, AgentDtos; JSON is camelCase).
 * Customer, bot and agent text only ever reaches the page as text (textContent, text nodes), never as HTML.
 */
(() => {
  'use strict';

  const sessionKey = 'supportbot:agent-session';
  const typingEvery = 2000; // the customer's widget shows "typing" for a while, so one signal per 2 s is plenty
  const typingShownFor = 4000; // CustomerTyping has no "stopped" counterpart: the indicator times out
  const queueValue = '@queue'; // the transfer picker's "Back to the queue"; agent ids never start with @
  const reasons = {
    customer_request: 'Asked for a person', low_confidence: 'Low confidence', misunderstood: 'Misunderstood',
    always_human_intent: 'Always human', repeated_message: 'Repeating', angry_phrase: 'Upset'
  };
  const languages = { en: 'English', th: 'Thai', ru: 'Russian', ar: 'Arabic' };
  const baseTitle = document.title;

  let session = null; // { token, expiresAt, id, name, roles }
  let connection = null;
  let profile = null;
  let queue = [];
  let team = [];
  let tickets = [];
  let view = 'chats';
  let activeId = null;
  const chats = new Map(); // conversationId -> the chat's state and its tab and pane elements
  const fresh = new Set(); // escalated since the agent last looked at the queue: highlighted
  const claiming = new Set(); // claims on their way, whose previews must survive the QueueChanged that comes first
  const ended = new Map(); // conversationId -> customer name of chats whose tab is gone: a survey comes after the close

  const byId = (id) => document.getElementById(id);

  // The one way elements are made: `text` sets textContent, so data can never become markup.
  function el(tag, props, children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === 'text') node.textContent = value;
      else if (key === 'className') node.className = value;
      else if (key === 'testid') node.dataset.testid = value;
      else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? '' : String(value));
    }
    for (const child of children || []) {
      if (child !== null && child !== undefined && child !== false) {
        node.append(typeof child === 'string' ? document.createTextNode(child) : child);
      }
    }
    return node;
  }

  const pad = (n) => String(n).padStart(2, '0');
  function duration(ms) {
    const s = Math.max(0, Math.floor(ms / 1000));
    const h = Math.floor(s / 3600);
    return h ? `${h}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}` : `${Math.floor(s / 60)}:${pad(s % 60)}`;
  }
  const clock = (iso) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  const percent = (confidence) => `${Math.round((confidence || 0) * 100)}%`;
  const reasonLabel = (reason) => reasons[reason] || String(reason || '').replace(/_/g, ' ');
  const isSupervisor = () => (profile?.roles || session?.roles || []).includes('supervisor');
  const customerLabel = (context) => context?.customerName || 'Customer';

  // Hub failures arrive as "...HubException: taken: Someone else took this chat"; the agent needs the part after it.
  function describe(error) {
    const message = String(error?.message || error || 'Something went wrong');
    const at = message.indexOf('HubException: ');
    return at >= 0 ? message.slice(at + 'HubException: '.length) : message;
  }

  // ---- notices -------------------------------------------------------------------------------------------

  function toast(message, options = {}) {
    const box = byId('toasts');
    const item = el('div', { className: `toast toast--${options.kind || 'info'}`, testid: 'toast', role: options.kind === 'error' ? 'alert' : 'status',
      'data-conversation-id': options.conversationId, 'data-survey-for': options.surveyFor });
    const close = () => item.remove();
    item.append(el('div', { className: 'toast__body' }, [el('span', { dir: 'auto', text: message }), options.extra]));
    if (options.action) {
      item.append(el('button', { type: 'button', className: 'button button--small', text: options.action.label,
        onclick: () => { close(); options.action.run(); } }));
    }
    item.append(el('button', { type: 'button', className: 'toast__close', 'aria-label': 'Dismiss', text: '×', onclick: close }));
    box.append(item);
    while (box.children.length > 5) box.firstElementChild.remove();
    setTimeout(close, options.kind === 'error' ? 10000 : 6000);
  }
  const fail = (error) => toast(describe(error), { kind: 'error' });

  // While the console is in a background tab, the title blinks so a waiting customer is noticed.
  let flashTimer = null;
  let flashCount = 0;
  function flashTitle(message) {
    if (!document.hidden) return;
    flashCount += 1;
    if (flashTimer) return;
    let on = false;
    flashTimer = setInterval(() => {
      on = !on;
      document.title = on ? `(${flashCount}) ${message}` : baseTitle;
    }, 1000);
  }
  document.addEventListener('visibilitychange', () => {
    if (document.hidden) return;
    clearInterval(flashTimer);
    flashTimer = null;
    flashCount = 0;
    document.title = baseTitle;
    if (view === 'chats' && activeId) markRead(chats.get(activeId));
  });

  function desktopAlert(title, body, tag) {
    if (!('Notification' in window) || Notification.permission !== 'granted' || document.hasFocus()) return;
    const alert = new Notification(title, { body, tag });
    alert.onclick = () => { window.focus(); alert.close(); };
  }

  function offerDesktopAlerts() {
    const button = byId('notify-permission');
    button.hidden = !('Notification' in window) || Notification.permission !== 'default';
  }
  // Browsers only grant permission from a click, and the agent decides; nothing is asked on load.
  byId('notify-permission').addEventListener('click', () => {
    Notification.requestPermission().finally(offerDesktopAlerts);
  });

  function setBanner(state, detail) {
    const banner = byId('connection-banner');
    banner.hidden = !state;
    banner.dataset.state = state || '';
    byId('connection-text').textContent = state === 'reconnecting' ? 'Connection lost — reconnecting…'
      : state === 'connecting' ? 'Connecting…'
        : state === 'disconnected' ? `Disconnected${detail ? `: ${detail}` : '.'} New chats and messages will not arrive.` : '';
    byId('connection-retry').hidden = state !== 'disconnected';
  }

  // ---- sign-in and connection ----------------------------------------------------------------------------

  const storedSession = () => SupportBotSignIn.stored(sessionKey);

  const showSignIn = (message) => SupportBotSignIn.show(message);

  SupportBotSignIn.wire(sessionKey, (signedIn) => { session = signedIn; start(); });

  const unauthorized = (error) => error?.statusCode === 401 || /\b401\b|Unauthorized/i.test(String(error?.message || ''));

  function start() {
    byId('sign-in').hidden = true;
    byId('app').hidden = false;
    byId('agent-name').textContent = session.name;
    offerDesktopAlerts();
    const hub = new signalR.HubConnectionBuilder()
      .withUrl('/hubs/agents', { accessTokenFactory: () => session.token })
      .withAutomaticReconnect()
      .build();
    connection = hub;
    listen(hub);
    hub.onreconnecting(() => { if (hub === connection) setBanner('reconnecting'); });
    // Whatever happened while the link was down (new chats, messages) is fetched again rather than lost.
    hub.onreconnected(() => { if (hub === connection) { setBanner(null); load(); } });
    hub.onclose((error) => {
      if (hub !== connection) return; // signed out on purpose
      if (session.expiresAt <= Date.now() || unauthorized(error)) signOut('Your session has ended. Please sign in again.');
      else setBanner('disconnected', error && describe(error));
    });
    connect();
  }

  async function connect() {
    const hub = connection;
    setBanner('connecting');
    try {
      await hub.start();
    } catch (error) {
      if (hub !== connection) return;
      if (unauthorized(error)) signOut('Your session has ended. Please sign in again.');
      else setBanner('disconnected', describe(error));
      return;
    }
    setBanner(null);
    load();
  }
  byId('connection-retry').addEventListener('click', connect);

  function call(method, ...args) {
    if (!connection) return Promise.reject(new Error('Not connected.'));
    return connection.invoke(method, ...args);
  }

  // Everything the console shows is (re)loaded in one go, at start and after every reconnect.
  async function load() {
    const [me, waiting, mine, colleagues, open] = await Promise.all(
      ['Profile', 'Queue', 'MyChats', 'Agents', 'Tickets'].map((method) => call(method).catch((error) => { fail(error); return null; })));
    if (me) profile = me;
    if (waiting) queue = waiting;
    if (colleagues) team = colleagues;
    if (open) tickets = open;
    renderProfile();
    renderQueue();
    if (mine) syncChats(mine);
    renderTeam();
    renderTickets();
  }

  function signOut(message) {
    const hub = connection;
    connection = null;
    hub?.stop();
    sessionStorage.removeItem(sessionKey);
    session = null;
    profile = null;
    queue = [];
    team = [];
    tickets = [];
    for (const id of [...chats.keys()]) removeChat(id);
    fresh.clear();
    setBanner(null);
    renderQueue();
    showSignIn(message);
  }
  byId('sign-out').addEventListener('click', () => signOut());

  // ---- hub events ---------------------------------------------------------------------------------------

  function listen(hub) {
    hub.on('QueueChanged', (items) => {
      queue = items;
      // A preview of a chat that left the queue (a colleague took it, the customer left) is out of date.
      const waiting = new Set(items.map((item) => item.conversationId));
      for (const chat of [...chats.values()]) {
        if (chat.preview && !claiming.has(chat.id) && !waiting.has(chat.id)) removeChat(chat.id);
      }
      // An escalation's toast (with its Claim button) is stale once the chat is no longer waiting.
      for (const stale of document.querySelectorAll('.toast[data-conversation-id]')) {
        if (!waiting.has(stale.dataset.conversationId)) stale.remove();
      }
      renderQueue();
    });
    hub.on('Escalated', escalated);
    hub.on('ChatAssigned', (chat) => {
      const isNew = !chats.has(chat.conversationId);
      upsertChat(chat);
      if (isNew) toast(`${customerLabel(chat.context)} is now yours (${reasonLabel(chat.context.reason)}).`, { action: { label: 'Open', run: () => activate(chat.conversationId) } });
      if (!activeId || view !== 'chats') activate(chat.conversationId, view !== 'chats');
      flashTitle('Chat assigned');
      desktopAlert('A chat was assigned to you', customerLabel(chat.context), chat.conversationId);
    });
    hub.on('ChatEnded', (id, reason) => {
      const chat = chats.get(id);
      if (!chat || chat.preview) return;
      if (!chat.ending) toast(`Chat with ${customerLabel(chat.view.context)} ended: ${reasonLabel(reason)}.`);
      removeChat(id);
    });
    hub.on('CustomerMessage', (id, entry) => {
      const chat = chats.get(id);
      if (!chat) return;
      hideTyping(chat);
      addEntry(chat, entry);
      if (document.hidden) flashTitle('New message');
    });
    hub.on('CustomerTyping', (id) => { const chat = chats.get(id); if (chat) showTyping(chat); });
    hub.on('AgentMessage', (id, entry) => { const chat = chats.get(id); if (chat) addEntry(chat, entry); });
    hub.on('NoteAdded', (id, note) => { const chat = chats.get(id); if (chat) addNote(chat, note); });
    hub.on('PresenceChanged', (agents) => {
      team = agents;
      const me = agents.find((agent) => agent.id === session?.id);
      if (me && profile) profile.status = me.status;
      renderProfile();
      renderTeam();
    });
    hub.on('TicketCreated', (ticket) => {
      tickets = [ticket, ...tickets.filter((t) => t.id !== ticket.id)];
      renderTickets();
      toast(`New ticket from ${ticket.email}.`, { action: { label: 'View', run: () => showView('tickets') } });
    });
    hub.on('SurveyReceived', (id, survey) => {
      const chat = chats.get(id);
      if (chat) showSurvey(chat, survey);
      else {
        // The rating comes first and again with the comment: one toast per chat, the latest.
        document.querySelectorAll('.toast[data-survey-for]').forEach((t) => { if (t.dataset.surveyFor === id) t.remove(); });
        toast(`Rating from ${ended.get(id) || 'a customer'}:`, { extra: surveyNode(survey), surveyFor: id });
      }
    });
  }

  function escalated(item) {
    if (!queue.some((q) => q.conversationId === item.conversationId)) queue = [...queue, item];
    if (!matches(item)) { renderQueue(); return; }
    fresh.add(item.conversationId);
    renderQueue();
    const who = item.customerName || 'A customer';
    toast(`${who} is waiting: ${reasonLabel(item.reason)} · ${(item.language || '').toUpperCase()}`, {
      conversationId: item.conversationId, action: { label: 'Claim', run: () => claim(item.conversationId) }
    });
    flashTitle('Customer waiting');
    desktopAlert('A customer is waiting', `${who}: ${reasonLabel(item.reason)}${item.preview ? ` — ${item.preview}` : ''}`, item.conversationId);
  }

  // ---- header and views ---------------------------------------------------------------------------------

  function renderProfile() {
    if (!profile) return;
    byId('agent-name').textContent = profile.name;
    const available = profile.status === 'available';
    const toggle = byId('status-toggle');
    toggle.dataset.status = available ? 'available' : 'away';
    toggle.textContent = available ? 'Available' : 'Away';
    toggle.title = available ? 'Receiving chats. Click to go away.' : 'Not receiving new chats. Click to become available.';
    toggle.setAttribute('aria-pressed', String(available));
    byId('nav-team').hidden = !isSupervisor();
    byId('show-all-label').hidden = isSupervisor();
  }

  byId('status-toggle').addEventListener('click', async () => {
    if (!profile) return;
    const next = profile.status === 'available' ? 'away' : 'available';
    try {
      await call('SetStatus', next);
      profile.status = next;
      renderProfile();
    } catch (error) { fail(error); }
  });

  function showView(name) {
    view = name;
    for (const button of document.querySelectorAll('.nav-button')) button.setAttribute('aria-pressed', String(button.dataset.view === name));
    byId('view-chats').hidden = name !== 'chats';
    byId('view-tickets').hidden = name !== 'tickets';
    byId('view-team').hidden = name !== 'team';
    if (name === 'chats' && activeId) markRead(chats.get(activeId));
  }
  for (const button of document.querySelectorAll('.nav-button')) button.addEventListener('click', () => showView(button.dataset.view));

  // ---- queue ----------------------------------------------------------------------------------------------

  // An agent sees what they can take: their languages and skills (none listed = all); supervisors see everything.
  function matches(item) {
    if (isSupervisor() || byId('show-all').checked || !profile) return true;
    const langs = profile.languages || [];
    const skills = profile.skills || [];
    return (!langs.length || langs.includes(item.language)) && (!skills.length || skills.includes(item.skill));
  }
  byId('show-all').addEventListener('change', renderQueue);

  function badge(text, kind, title) {
    return el('span', { className: `badge${kind ? ` badge--${kind}` : ''}`, title, text });
  }

  function contextBadges(source) {
    return [
      badge(reasonLabel(source.reason), `reason-${source.reason}`, 'Why the bot handed off'),
      source.intent ? badge(`${source.intent} ${percent(source.confidence)}`, 'intent', 'What the bot understood, and how sure it was') : null,
      badge((source.language || '?').toUpperCase(), 'lang', languages[source.language] || source.language),
      source.skill ? badge(source.skill, 'skill', 'Skill') : null,
      source.priority > 0 ? badge(`P${source.priority}`, 'priority', 'Priority: higher is served first') : null
    ];
  }

  function renderQueue() {
    const visible = queue.filter(matches);
    const list = byId('queue-list');
    list.replaceChildren(...visible.map((item) => {
      const id = item.conversationId;
      return el('li', {
        className: `queue-item${fresh.has(id) ? ' queue-item--new' : ''}${chats.has(id) ? ' queue-item--open' : ''}`,
        testid: 'queue-item', 'data-conversation-id': id, tabindex: 0, title: 'Click to preview',
        onclick: () => preview(id),
        onkeydown: (event) => { if (event.key === 'Enter' && event.target === event.currentTarget) preview(id); }
      }, [
        el('div', { className: 'queue-item__top' }, [
          el('span', { className: 'queue-item__position', title: 'Position in the queue', text: `#${item.position}` }),
          el('span', { className: 'queue-item__name', dir: 'auto', text: item.customerName || 'Anonymous' }),
          el('span', { className: 'queue-item__wait', title: 'Waiting for', 'data-since': item.queuedAt, text: duration(Date.now() - Date.parse(item.queuedAt)) })
        ]),
        el('div', { className: 'badges' }, contextBadges(item)),
        item.preview ? el('p', { className: 'queue-item__preview', dir: 'auto', text: item.preview }) : null,
        el('button', { type: 'button', className: 'button button--primary button--small', testid: 'claim',
          onclick: (event) => { event.stopPropagation(); claim(id); }, text: 'Claim' })
      ]);
    }));
    byId('queue-empty').hidden = visible.length > 0;
    const count = byId('queue-count');
    count.textContent = String(visible.length);
    count.hidden = !visible.length;
    const hidden = queue.length - visible.length;
    byId('queue-hidden').hidden = !hidden;
    byId('queue-hidden').textContent = `${hidden} more waiting for other languages or skills.`;
  }

  // Looking at the queue is what makes an escalation "seen".
  document.querySelector('.queue').addEventListener('pointerenter', () => {
    if (!fresh.size) return;
    setTimeout(() => { fresh.clear(); renderQueue(); }, 1500);
  });

  async function claim(id) {
    claiming.add(id);
    try {
      const chat = await call('Claim', id);
      fresh.delete(id);
      upsertChat(chat);
      activate(id);
    } catch (error) {
      fail(error);
    } finally {
      claiming.delete(id);
    }
  }

  async function preview(id) {
    if (chats.has(id) && !chats.get(id).preview) { activate(id); return; }
    try {
      upsertChat(await call('Open', id), true);
      activate(id);
    } catch (error) { fail(error); }
  }

  // Waits tick every second without re-rendering anything else.
  setInterval(() => {
    const now = Date.now();
    for (const node of document.querySelectorAll('[data-since]')) node.textContent = duration(now - Date.parse(node.dataset.since));
  }, 1000);

  // ---- chats: tabs and panes -------------------------------------------------------------------------------

  // After a (re)connect the server's list is the truth: new chats get tabs, chats that are no longer ours lose them.
  function syncChats(mine) {
    const ids = new Set(mine.map((chat) => chat.conversationId));
    for (const [id, chat] of chats) {
      if (!chat.preview && !ids.has(id)) { toast(`Chat with ${customerLabel(chat.view.context)} is no longer yours.`); removeChat(id); }
    }
    for (const chat of mine) upsertChat(chat);
    if (!activeId && mine.length) activate(mine[0].conversationId);
    updateChatsCount();
  }

  function upsertChat(data, asPreview = false) {
    const id = data.conversationId;
    const owned = String(data.stage).toLowerCase() === 'assigned' && data.agentId === session?.id;
    let chat = chats.get(id);
    if (!chat) {
      chat = { id, unread: 0, lastTyping: 0, noteMode: false, entryIds: new Set(), noteKeys: new Set() };
      chats.set(id, chat);
      buildChat(chat);
    }
    chat.view = data;
    chat.preview = asPreview && !owned;
    chat.ending = false;
    fillChat(chat);
    updateChatsCount();
    renderQueue();
    return chat;
  }

  function removeChat(id) {
    const chat = chats.get(id);
    if (!chat) return;
    clearTimeout(chat.typingTimer);
    if (!chat.preview) ended.set(id, customerLabel(chat.view.context));
    chat.tab.remove();
    chat.pane.remove();
    chats.delete(id);
    if (activeId === id) {
      activeId = null;
      const next = [...chats.keys()].pop();
      if (next) activate(next, true);
    }
    byId('chats-empty').hidden = chats.size > 0;
    byId('chat-tabs').hidden = chats.size === 0; // no empty tab strip once the last chat is closed
    updateChatsCount();
    renderQueue();
  }

  function activate(id, keepView) {
    const chat = chats.get(id);
    if (!chat) return;
    // Only the active pane is in the document (the others keep their state detached), so there is one composer,
    // one transcript and so on to find. A detached element forgets its scroll position: it is kept here.
    const previous = chats.get(activeId);
    if (previous && previous !== chat) previous.scrollTop = previous.transcript.scrollTop;
    activeId = id;
    for (const other of chats.values()) {
      other.tab.classList.toggle('tab--active', other === chat);
      other.tabButton.setAttribute('aria-selected', String(other === chat));
    }
    byId('chat-panes').replaceChildren(chat.pane);
    if (chat.pinned) scrollDown(chat);
    else chat.transcript.scrollTop = chat.scrollTop;
    if (!keepView) showView('chats');
    markRead(chat);
    if (!chat.preview && !keepView) chat.input.focus();
  }

  function markRead(chat) {
    if (!chat || document.hidden) return;
    chat.unread = 0;
    chat.unreadBadge.hidden = true;
    updateChatsCount();
  }

  function updateChatsCount() {
    const unread = [...chats.values()].reduce((sum, chat) => sum + chat.unread, 0);
    const count = byId('chats-count');
    count.textContent = String(unread);
    count.hidden = !unread;
  }

  function buildChat(chat) {
    const id = chat.id;
    chat.tabLabel = el('span', { className: 'tab__label', dir: 'auto' });
    chat.unreadBadge = el('span', { className: 'count count--alert', testid: 'unread', hidden: true });
    chat.surveyMark = el('span', { className: 'tab__survey', hidden: true });
    chat.tabButton = el('button', { type: 'button', className: 'tab__main', role: 'tab', onclick: () => activate(id) },
      [chat.tabLabel, chat.surveyMark, chat.unreadBadge]);
    chat.tabClose = el('button', { type: 'button', className: 'tab__close', 'aria-label': 'Close preview', text: '×', onclick: () => removeChat(id) });
    chat.tab = el('div', { className: 'tab', testid: 'chat-tab', 'data-conversation-id': id }, [chat.tabButton, chat.tabClose]);

    chat.context = el('section', { className: 'context', testid: 'handoff-context' });
    chat.actions = el('div', { className: 'actions' });
    chat.survey = el('div', { className: 'survey', testid: 'survey', hidden: true });
    chat.transcript = el('div', { className: 'transcript', testid: 'transcript', role: 'log', 'aria-live': 'polite' });
    // Auto-scroll follows new lines only while the agent is at the bottom; reading older lines is not interrupted.
    chat.transcript.addEventListener('scroll', () => {
      const t = chat.transcript;
      chat.pinned = t.scrollHeight - t.scrollTop - t.clientHeight < 40;
      if (chat.pinned) chat.jump.hidden = true;
    });
    chat.pinned = true;
    chat.jump = el('button', { type: 'button', className: 'jump', hidden: true, text: 'New messages ↓', onclick: () => scrollDown(chat) });
    chat.typing = el('div', { className: 'typing', 'aria-live': 'polite', hidden: true, text: 'Customer is typing…' });
    chat.composer = buildComposer(chat);
    chat.claimBar = el('div', { className: 'claim-bar' }, [
      el('span', { text: 'Preview: a snapshot of a waiting chat. Claim it to reply.' }),
      el('button', { type: 'button', className: 'button button--primary', testid: 'preview-claim', text: 'Claim', onclick: () => claim(id) })
    ]);
    chat.pane = el('section', { className: 'pane', testid: 'chat-pane', 'data-conversation-id': id, role: 'tabpanel' }, [
      chat.context, chat.actions, chat.survey,
      el('div', { className: 'transcript-wrap' }, [chat.transcript, chat.jump]),
      chat.typing, chat.composer, chat.claimBar
    ]);
    byId('chat-tabs').append(chat.tab);
    byId('chat-tabs').hidden = false;
    byId('chats-empty').hidden = true;
  }

  // (Re)draws what comes from the server's ChatView; the composer and its draft are left alone.
  function fillChat(chat) {
    const { context, transcript, notes } = chat.view;
    const rtl = context.language === 'ar';
    chat.tabLabel.textContent = customerLabel(context);
    chat.tab.classList.toggle('tab--preview', chat.preview);
    chat.tabClose.hidden = !chat.preview;
    chat.tabButton.title = chat.preview ? 'Preview' : `${customerLabel(context)} · ${reasonLabel(context.reason)}`;
    chat.transcript.dir = rtl ? 'rtl' : 'ltr';
    chat.input.dir = rtl ? 'rtl' : 'auto';
    chat.composer.hidden = chat.preview;
    chat.actions.hidden = chat.preview;
    chat.claimBar.hidden = !chat.preview;
    renderContext(chat);
    renderActions(chat);
    renderCanned(chat);

    chat.entryIds.clear();
    chat.noteKeys.clear();
    const lines = [
      ...transcript.map((entry) => ({ at: Date.parse(entry.timestamp), node: entryNode(chat, entry) })),
      ...(notes || []).map((note) => ({ at: Date.parse(note.at), node: noteNode(chat, note) }))
    ].sort((a, b) => a.at - b.at);
    chat.transcript.replaceChildren(...lines.map((line) => line.node).filter(Boolean));
    scrollDown(chat);
  }

  function renderContext(chat) {
    const c = chat.view.context;
    const waited = c.claimedAt
      ? el('dd', { text: duration(Date.parse(c.claimedAt) - Date.parse(c.queuedAt)) })
      : el('dd', { 'data-since': c.queuedAt, text: duration(Date.now() - Date.parse(c.queuedAt)) });
    const field = (label, value) => [el('dt', { text: label }), value instanceof Node ? value : el('dd', { dir: 'auto', text: value })];
    const slots = Object.entries(c.slots || {});
    chat.context.replaceChildren(
      el('div', { className: 'context__head' }, [
        el('strong', { className: 'context__name', dir: 'auto', text: customerLabel(c) }),
        el('span', { className: 'context__user', title: 'Customer id', text: c.userId }),
        el('div', { className: 'badges' }, contextBadges(c))
      ]),
      el('dl', { className: 'context__fields' }, [
        ...field('Reason', reasonLabel(c.reason)),
        ...field('Intent', c.intent ? `${c.intent} (${percent(c.confidence)})` : '—'),
        ...field('Language', languages[c.language] || c.language),
        ...field('Skill', c.skill || '—'),
        ...field(c.claimedAt ? 'Waited' : 'Waiting', waited),
        ...slots.flatMap(([key, value]) => field(key, value))
      ])
    );
  }

  function option(value, label, selected) {
    return el('option', { value, selected: selected || null, text: label });
  }

  function renderActions(chat) {
    const id = chat.id;
    const intents = profile?.intents || [];
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
      [option('', 'No intent (the bot asks)'), ...intents.map((intent) => option(intent, intent))]);
    const giveBack = el('button', { type: 'button', className: 'button', testid: 'return-to-bot', text: 'Return to bot',
      onclick: () => finish(chat, 'ReturnToBot', [id, returnIntent.value || null], 'Chat returned to the bot.') });

    // The intent the bot guessed is the likely answer, so it is preselected (and offered even if the list lacks it).
    const closeChoices = contextIntent && !intents.includes(contextIntent) ? [contextIntent, ...intents] : intents;
    const closeIntent = el('select', { className: 'select', testid: 'close-intent', required: true, 'aria-label': 'What the customer really wanted' },
      [option('', 'Choose the resolution intent…'), ...closeChoices.map((intent) => option(intent, intent, intent === contextIntent))]);
    const tags = el('input', { className: 'input', testid: 'close-tags', placeholder: 'Tags, comma separated', 'aria-label': 'Tags' });
    const note = el('textarea', { className: 'input', testid: 'close-note', rows: 2, placeholder: 'Closing note (optional, internal)', 'aria-label': 'Closing note' });
    const closeForm = el('form', { className: 'close-form', hidden: true, onsubmit: (event) => {
      event.preventDefault();
      if (!closeIntent.value) { closeIntent.focus(); toast('Choose the intent the chat was really about.', { kind: 'error' }); return; }
      const tagList = tags.value.split(',').map((tag) => tag.trim()).filter(Boolean);
      finish(chat, 'Close', [id, closeIntent.value, tagList, note.value.trim() || null], 'Chat closed.');
    } }, [
      el('label', { className: 'close-form__field' }, ['Resolution intent', closeIntent]),
      el('label', { className: 'close-form__field' }, ['Tags', tags]),
      el('label', { className: 'close-form__field close-form__field--wide' }, ['Note', note]),
      el('div', { className: 'close-form__buttons' }, [
        el('button', { type: 'submit', className: 'button button--danger', testid: 'close-submit', text: 'Close chat' }),
        el('button', { type: 'button', className: 'button button--quiet', text: 'Cancel', onclick: () => { closeForm.hidden = true; } })
      ])
    ]);
    const close = el('button', { type: 'button', className: 'button button--danger-outline', testid: 'close-chat', text: 'Close…',
      onclick: () => { closeForm.hidden = !closeForm.hidden; if (!closeForm.hidden) closeIntent.focus(); } });

    chat.actions.replaceChildren(
      el('div', { className: 'actions__row' }, [
        el('div', { className: 'actions__group' }, [target, transfer]),
        el('div', { className: 'actions__group' }, [returnIntent, giveBack]),
        el('span', { className: 'actions__spacer' }),
        close
      ]),
      closeForm
    );
  }

  function fillTransferTargets(chat) {
    const select = chat.transferTarget;
    if (!select) return;
    const chosen = select.value;
    const colleagues = team.filter((agent) => agent.id !== session?.id);
    select.replaceChildren(
      option('', 'Transfer to…'),
      option(queueValue, 'Back to the queue'),
      ...colleagues.map((agent) => {
        const item = option(agent.id, `${agent.name} · ${agent.status} · ${agent.active}/${agent.capacity}`);
        item.dataset.name = agent.name;
        return item;
      })
    );
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

  // ---- transcript ------------------------------------------------------------------------------------------

  function entryNode(chat, entry) {
    if (entry.id && chat.entryIds.has(entry.id)) return null;
    if (entry.id) chat.entryIds.add(entry.id);
    const sender = entry.sender;
    const who = sender === 'customer' ? (entry.name || customerLabel(chat.view.context))
      : sender === 'bot' ? 'Bot' : sender === 'agent' ? (entry.name || 'Agent') : 'System';
    const meta = el('div', { className: 'entry__meta' }, [
      el('span', { className: 'entry__who', dir: 'auto', text: who }),
      el('time', { className: 'entry__time', dir: 'auto', datetime: entry.timestamp, title: new Date(entry.timestamp).toLocaleString(), text: clock(entry.timestamp) }),
      sender === 'customer' && entry.intent
        ? badge(`${entry.intent} ${percent(entry.confidence)}`, 'intent', 'What the bot understood from this message') : null
    ]);
    return el('div', { className: `entry entry--${sender}`, testid: 'transcript-entry', 'data-sender': sender, 'data-entry-id': entry.id }, [
      meta,
      entry.text ? el('p', { className: 'entry__text', dir: 'auto', text: entry.text }) : null,
      entry.buttons?.length
        ? el('ul', { className: 'chips', 'aria-label': 'Buttons the bot offered' }, entry.buttons.map((b) => el('li', { className: 'chip', dir: 'auto', text: b })))
        : null,
      entry.attachments?.length
        ? el('ul', { className: 'attachments', 'aria-label': 'Attachments' }, entry.attachments.map((a) => el('li', { dir: 'auto', text: a })))
        : null
    ]);
  }

  function noteNode(chat, note) {
    const key = note.id || `${note.agentId}|${note.at}|${note.text}`;
    if (chat.noteKeys.has(key)) return null;
    chat.noteKeys.add(key);
    return el('div', { className: 'entry entry--note', testid: 'note' }, [
      el('div', { className: 'entry__meta' }, [
        el('span', { className: 'entry__who', text: 'Internal note — not visible to the customer' }),
        el('span', { className: 'entry__author', dir: 'auto', text: note.agentName }),
        el('time', { className: 'entry__time', dir: 'auto', datetime: note.at, text: clock(note.at) })
      ]),
      el('p', { className: 'entry__text', dir: 'auto', text: note.text })
    ]);
  }

  function append(chat, node) {
    if (!node) return false;
    chat.transcript.append(node);
    if (chat.pinned) scrollDown(chat);
    else chat.jump.hidden = false;
    return true;
  }

  function addEntry(chat, entry) {
    if (!append(chat, entryNode(chat, entry))) return; // Send's answer and AgentMessage may both bring it
    const unseen = document.hidden || view !== 'chats' || activeId !== chat.id;
    if (entry.sender === 'customer' && unseen) {
      chat.unread += 1;
      chat.unreadBadge.textContent = String(chat.unread);
      chat.unreadBadge.hidden = false;
      updateChatsCount();
    }
  }

  const addNote = (chat, note) => append(chat, noteNode(chat, note));

  function scrollDown(chat) {
    chat.transcript.scrollTop = chat.transcript.scrollHeight;
    chat.pinned = true;
    chat.jump.hidden = true;
  }

  function showTyping(chat) {
    chat.typing.hidden = false;
    clearTimeout(chat.typingTimer);
    chat.typingTimer = setTimeout(() => hideTyping(chat), typingShownFor);
  }

  function hideTyping(chat) {
    clearTimeout(chat.typingTimer);
    chat.typing.hidden = true;
  }

  function surveyNode(survey) {
    const rating = Math.max(0, Math.min(5, survey.rating | 0));
    return el('div', { className: 'survey__body', testid: 'survey' }, [
      el('span', { className: 'survey__stars', 'aria-label': `${rating} out of 5`, text: '★'.repeat(rating) + '☆'.repeat(5 - rating) }),
      el('span', { text: ` ${rating}/5` }),
      survey.comment ? el('q', { className: 'survey__comment', dir: 'auto', text: survey.comment }) : null
    ]);
  }

  function showSurvey(chat, survey) {
    chat.survey.replaceChildren(el('strong', { text: 'Customer rating: ' }), ...surveyNode(survey).childNodes);
    chat.survey.hidden = false;
    chat.surveyMark.textContent = `★${survey.rating}`;
    chat.surveyMark.hidden = false;
  }

  // ---- composer -------------------------------------------------------------------------------------------

  function buildComposer(chat) {
    const input = el('textarea', { className: 'composer__input', testid: 'composer', rows: 3, dir: 'auto',
      placeholder: 'Reply to the customer — Enter sends, Shift+Enter for a new line' });
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
      input.placeholder = on ? 'Internal note — only agents see it' : 'Reply to the customer — Enter sends, Shift+Enter for a new line';
    };
    noteToggle.addEventListener('click', () => { setNoteMode(!chat.noteMode); input.focus(); });

    input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) { event.preventDefault(); form.requestSubmit(); }
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
        if (chat.noteMode) addNote(chat, await call('Note', chat.id, text));
        else addEntry(chat, await call('Send', chat.id, text));
        input.value = '';
        scrollDown(chat);
      } catch (error) {
        fail(error);
      } finally {
        chat.sending = false;
        send.disabled = false;
        input.focus();
      }
    } }, [input, el('div', { className: 'composer__bar' }, [canned, el('span', { className: 'composer__spacer' }), noteToggle, send])]);
    return form;
  }

  // The chat's own language first; English when the desk has none in that language.
  function renderCanned(chat) {
    const all = profile?.cannedResponses || {};
    const list = all[chat.view.context.language]?.length ? all[chat.view.context.language] : all.en || [];
    chat.canned.replaceChildren(option('', list.length ? 'Canned response…' : 'No canned responses'),
      ...list.map((item) => { const o = option(item.id, item.title); o.dataset.text = item.text; o.title = item.text; return o; }));
    chat.canned.disabled = !list.length;
  }

  // ---- tickets and team -------------------------------------------------------------------------------------

  function renderTickets() {
    const rows = [...tickets].sort((a, b) => (b.open - a.open) || Date.parse(b.createdAt) - Date.parse(a.createdAt));
    byId('tickets-body').replaceChildren(...rows.map((ticket) => el('tr', {
      testid: 'ticket', 'data-ticket-id': ticket.id, className: ticket.open ? '' : 'grid__row--done'
    }, [
      el('td', { className: 'grid__id', text: ticket.id }),
      el('td', { className: 'grid__nowrap', title: new Date(ticket.createdAt).toLocaleString(), text: new Date(ticket.createdAt).toLocaleString([], { dateStyle: 'short', timeStyle: 'short' }) }),
      el('td', { dir: 'auto', text: ticket.email }),
      el('td', { text: (ticket.language || '').toUpperCase() }),
      el('td', { text: ticket.reason ? reasonLabel(ticket.reason) : '—' }),
      el('td', { className: 'grid__message', dir: 'auto', text: ticket.message }),
      el('td', {}, [ticket.open
        ? el('button', { type: 'button', className: 'button button--small', testid: 'resolve-ticket', text: 'Resolve', onclick: () => resolveTicket(ticket) })
        : el('span', { className: 'muted', text: 'Resolved' })])
    ])));
    byId('tickets-empty').hidden = tickets.length > 0;
    const open = tickets.filter((ticket) => ticket.open).length;
    byId('tickets-count').textContent = String(open);
    byId('tickets-count').hidden = !open;
  }

  async function resolveTicket(ticket) {
    try {
      await call('ResolveTicket', ticket.id);
      ticket.open = false;
      renderTickets();
    } catch (error) { fail(error); }
  }

  function renderTeam() {
    for (const chat of chats.values()) fillTransferTargets(chat);
    if (!isSupervisor()) return;
    byId('team-body').replaceChildren(...team.map((agent) => el('tr', { testid: 'agent', 'data-agent-id': agent.id }, [
      el('td', { dir: 'auto', text: agent.name }),
      el('td', {}, [el('span', { className: `presence presence--${agent.status}`, text: agent.status })]),
      el('td', { className: agent.active >= agent.capacity ? 'grid__full' : null, text: `${agent.active}/${agent.capacity}` }),
      el('td', { text: (agent.languages || []).join(', ') || 'all' }),
      el('td', { text: (agent.skills || []).join(', ') || 'all' })
    ])));
  }

  // ---- start ------------------------------------------------------------------------------------------------

  if (!window.signalR) {
    showSignIn('The console could not load its SignalR client (/agent/signalr.js). Reload the page.');
    return;
  }
  session = storedSession();
  if (session) start();
  else showSignIn();
})();
