/*
 * SupportBot maintainer page: the serving intent model's card and the model registry, in plain JavaScript.
 * The contract is src/SupportBot.Web/Maintainers/MaintainerApi.cs (ModelCard, EvaluationReport and RegistryIndex as
 * camelCase JSON). Everything from the server reaches the page as text (textContent, text nodes), never as HTML.
 */
(() => {
  'use strict';

  const sessionKey = 'supportbot:maintainer-session';
  const refreshEvery = 30_000; // a promotion reaches the servers within seconds; the page follows within 30 s
  const requestTimeout = 15_000;
  const weakF1 = 70;
  const languageNames = { en: 'English', th: 'Thai', ru: 'Russian', ar: 'Arabic' };
  const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  const clock = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });

  let session = null; // { token, expiresAt, id, name, roles }
  let data = null; // the last answer of GET /maintainer/api/model
  let loading = false;
  let timer = null;
  let sort = { key: 'intent', direction: 1 };

  const byId = (id) => document.getElementById(id);

  /** An element with properties (className, title, dataset, …) and children (nodes, or strings as text nodes). */
  function el(tag, props = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(props)) {
      if (name === 'dataset') Object.assign(node.dataset, value);
      else if (value !== undefined && value !== null) node[name] = value;
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  const isNumber = (value) => typeof value === 'number' && Number.isFinite(value);
  const percent = (value) => (isNumber(value) ? `${value.toFixed(1)}%` : '—');
  const decimal = (value, digits = 2) => (isNumber(value) ? value.toFixed(digits) : '—');
  const count = (value) => (isNumber(value) ? value.toLocaleString() : '—');
  const shortHash = (hash) => (hash ? String(hash).slice(0, 12) : '—');
  const languageName = (code) => (languageNames[code] ? `${languageNames[code]} (${code})` : String(code));

  function when(value) {
    const date = value ? new Date(value) : null;
    return date && !Number.isNaN(date.getTime()) ? dateTime.format(date) : '—';
  }

  function seconds(value) {
    if (!isNumber(value)) return '—';
    if (value < 90) return `${value.toFixed(1)} s`;
    return `${Math.floor(value / 60)} min ${Math.round(value % 60)} s`;
  }

  const num = (text, extra = '') => el('td', { className: `num ${extra}`.trim() }, text);

  // ---- sign-in and session ---------------------------------------------------------------------------------

  const storedSession = () => SupportBotSignIn.stored(sessionKey);

  function showSignIn(message) {
    stopTimer();
    SupportBotSignIn.show(message);
  }

  SupportBotSignIn.wire(sessionKey, (signedIn) => { session = signedIn; start(); }, requestTimeout);

  function signOut(message) {
    sessionStorage.removeItem(sessionKey);
    session = null;
    data = null;
    byId('model').hidden = true;
    byId('not-maintainer').hidden = true;
    byId('load-error').hidden = true;
    byId('changed').hidden = true;
    byId('updated').textContent = '';
    showSignIn(message);
  }
  byId('sign-out').addEventListener('click', () => signOut());

  function start() {
    byId('sign-in').hidden = true;
    byId('app').hidden = false;
    byId('signed-in-name').textContent = session.name || session.id || '';
    if (!(session.roles || []).includes('maintainer')) {
      showNotMaintainer(`${session.name || session.id} can sign in as an agent, but this page needs the maintainer role `
        + '(Agents:Accounts:N:Roles in the server\'s configuration).');
      return;
    }
    byId('refresh').hidden = false;
    load();
    stopTimer();
    timer = setInterval(() => { if (!document.hidden) load(); }, refreshEvery);
  }

  function stopTimer() {
    clearInterval(timer);
    timer = null;
  }

  function showNotMaintainer(text) {
    stopTimer();
    byId('model').hidden = true;
    byId('refresh').hidden = true;
    byId('updated').textContent = '';
    byId('not-maintainer-text').textContent = text;
    byId('not-maintainer').hidden = false;
  }

  // A tab that was in the background catches up as soon as it is looked at again.
  document.addEventListener('visibilitychange', () => {
    if (!document.hidden && timer && data && Date.now() - data.receivedAt > refreshEvery) load();
  });

  // ---- loading ---------------------------------------------------------------------------------------------

  function showLoadError(message) {
    const banner = byId('load-error');
    banner.textContent = data ? `${message} Showing the figures from ${clock.format(data.receivedAt)}.` : message;
    banner.hidden = false;
  }

  async function load() {
    if (loading || !session) return;
    if (session.expiresAt <= Date.now()) {
      signOut('Your session has ended. Please sign in again.');
      return;
    }
    loading = true;
    const refresh = byId('refresh');
    refresh.disabled = true;
    refresh.textContent = 'Refreshing…';
    const token = session.token;
    try {
      let response;
      try {
        response = await fetch('/maintainer/api/model', {
          headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
          cache: 'no-store',
          signal: AbortSignal.timeout(requestTimeout),
        });
      } catch {
        showLoadError('The server cannot be reached.');
        return;
      }
      if (!session || session.token !== token) return; // signed out while the request was on its way
      const body = await response.json().catch(() => null);
      if (response.status === 401) {
        signOut('Your session has ended. Please sign in again.');
        return;
      }
      if (response.status === 403) {
        showNotMaintainer(`The server says ${session.name || session.id} is not a maintainer${body?.error?.message ? ` (${body.error.message})` : ''}.`);
        return;
      }
      if (!response.ok || !body?.card) {
        showLoadError(body?.error?.message || `The model could not be loaded (HTTP ${response.status}).`);
        return;
      }
      const previous = data;
      data = { card: body.card, registry: body.registry || {}, receivedAt: new Date() };
      const registryProblem = byId('load-error');
      registryProblem.hidden = !body.registryError;
      registryProblem.textContent = body.registryError ? `The model registry could not be read: ${body.registryError}` : '';
      if (previous && previous.card.version !== data.card.version) {
        const changed = byId('changed');
        changed.textContent = `The serving model changed from ${previous.card.version} to ${data.card.version} at ${clock.format(data.receivedAt)}.`;
        changed.hidden = false;
      }
      render();
    } finally {
      loading = false;
      refresh.disabled = false;
      refresh.textContent = 'Refresh';
    }
  }
  byId('refresh').addEventListener('click', () => load());

  // ---- rendering -------------------------------------------------------------------------------------------

  function render() {
    const { card, registry, receivedAt } = data;
    byId('not-maintainer').hidden = true;
    byId('model').hidden = false;
    byId('updated').textContent = `Updated ${clock.format(receivedAt)}`;
    renderSummary(card);
    renderLanguages(card);
    renderIntents();
    renderConfused(card);
    renderReliability(card);
    renderRegistry(card, registry);
  }

  function renderSummary(card) {
    byId('model-version').textContent = card.version || '(no version)';
    const facts = [
      ['Created', when(card.createdAt), card.createdAt],
      ['Trainer', [card.trainer, card.features, card.weighting].filter(Boolean).join(' · ') || '—'],
      ['Training examples', count(card.trainingExamples)],
      ['Validation examples', count(card.validationExamples), card.validationSource],
      ['Threshold', decimal(card.threshold), 'Below this calibrated confidence a message counts as out of scope'],
      ['Ambiguity margin', decimal(card.ambiguityMargin), 'Top two intents closer than this: the bot asks which one was meant'],
      ['Temperature', decimal(card.temperature, 3), 'Softmax temperature fitted on the validation data'],
      ['Training time', seconds(card.trainingSeconds)],
      ['Data hash', shortHash(card.dataHash), card.dataHash],
      ['Data files', (card.dataFiles || []).join(', ') || '—'],
    ];
    byId('summary').replaceChildren(...facts.flatMap(([label, value, title]) => [
      el('dt', {}, label),
      el('dd', { title: title || undefined, className: label === 'Data hash' ? 'mono' : undefined }, value),
    ]));

    const validation = card.validation;
    byId('no-validation').hidden = !!validation;
    const scores = validation ? [
      ['Accuracy', percent(validation.accuracy), 'accuracy', 'Top intent is the labelled one (in-scope rows)'],
      ['Macro-F1', percent(validation.macroF1), 'macro-f1', 'F1 averaged over intents'],
      ['In-scope accuracy', percent(validation.inScopeAccuracy), 'in-scope', 'Right and above the threshold'],
      ['OOS recall', percent(validation.outOfScopeRecall), 'oos-recall', 'Out-of-scope rows the model rejected'],
      ['Calibration error', percent(validation.calibrationError), 'calibration', 'How far confidence is from accuracy, on average'],
    ] : [];
    byId('headline').replaceChildren(...scores.map(([label, value, id, title]) =>
      el('div', { className: 'score', title, dataset: { testid: `score-${id}` } },
        el('span', { className: 'score__value' }, value),
        el('span', { className: 'score__label' }, label))));
  }

  function renderLanguages(card) {
    const rows = card.validation?.perLanguage || [];
    const trained = card.examplesPerLanguage || {};
    const codes = new Set([...rows.map((row) => row.language), ...Object.keys(trained)]);
    const byLanguage = new Map(rows.map((row) => [row.language, row]));
    byId('languages-body').replaceChildren(...[...codes].sort().map((code) => {
      const row = byLanguage.get(code) || {};
      return el('tr', { dataset: { language: code } },
        el('td', {}, languageName(code)),
        num(count(trained[code])),
        num(count(row.examples)),
        num(percent(row.accuracy)),
        num(percent(row.macroF1)),
        num(percent(row.inScopeAccuracy)),
        num(percent(row.outOfScopeRecall)));
    }));
  }

  /** One row per intent the model knows, with its validation figures where it had any. */
  function intentRows() {
    const { card } = data;
    const figures = new Map((card.validation?.perIntent || []).map((row) => [row.intent, row]));
    const names = [...new Set([...(card.labels || []), ...figures.keys()])];
    return names.map((intent) => {
      const row = figures.get(intent);
      return row ? { ...row } : { intent, support: null, precision: null, recall: null, f1: null };
    });
  }

  function renderIntents() {
    const { key, direction } = sort;
    const rows = intentRows().sort((a, b) => {
      const x = a[key];
      const y = b[key];
      if (x === null || x === undefined) return y === null || y === undefined ? a.intent.localeCompare(b.intent) : 1; // blanks last
      if (y === null || y === undefined) return -1;
      const order = typeof x === 'number' ? x - y : String(x).localeCompare(String(y));
      return order * direction || a.intent.localeCompare(b.intent);
    });
    byId('intents-body').replaceChildren(...rows.map((row) => {
      const weak = isNumber(row.f1) && row.f1 < weakF1;
      return el('tr', { className: weak ? 'weak' : undefined, dataset: { intent: row.intent } },
        el('td', { className: 'mono' }, row.intent),
        num(count(row.support)),
        num(percent(row.precision)),
        num(percent(row.recall)),
        num(percent(row.f1), weak ? 'weak__f1' : ''));
    }));
    for (const header of byId('intents-head').children) {
      header.setAttribute('aria-sort', header.dataset.key === key ? (direction > 0 ? 'ascending' : 'descending') : 'none');
    }
  }

  byId('intents-head').addEventListener('click', (event) => {
    const header = event.target.closest('th[data-key]');
    if (!header || !data) return;
    sort = header.dataset.key === sort.key ? { key: sort.key, direction: -sort.direction } : { key: header.dataset.key, direction: 1 };
    renderIntents();
  });

  function renderConfused(card) {
    const pairs = card.validation?.mostConfused || [];
    const support = new Map((card.validation?.perIntent || []).map((row) => [row.intent, row.support]));
    byId('confused-body').replaceChildren(...pairs.map((pair) => {
      const of = support.get(pair.expected);
      return el('tr', {},
        el('td', { className: 'mono' }, pair.expected),
        el('td', { className: 'mono' }, pair.predicted),
        num(count(pair.count)),
        num(isNumber(of) && of > 0 ? percent((100 * pair.count) / of) : '—'));
    }));
    byId('confused-empty').hidden = pairs.length > 0;
  }

  function renderReliability(card) {
    const bins = card.validation?.reliability || [];
    byId('reliability-body').replaceChildren(...bins.map((bin) => {
      const empty = !bin.count;
      const gap = empty ? null : bin.accuracy - bin.meanConfidence;
      const off = isNumber(gap) && Math.abs(gap) >= 10;
      return el('tr', { className: empty ? 'muted' : undefined },
        el('td', { className: 'mono' }, `${decimal(bin.from)}–${decimal(bin.to)}`),
        num(count(bin.count)),
        num(empty ? '—' : percent(bin.meanConfidence)),
        num(empty ? '—' : percent(bin.accuracy)),
        num(isNumber(gap) ? `${gap > 0 ? '+' : gap < 0 ? '−' : ''}${Math.abs(gap).toFixed(1)}` : '—', off ? 'off' : ''));
    }));
  }

  function renderRegistry(card, registry) {
    const time = (entry) => Date.parse(entry.promotedAt) || 0;
    const versions = [...(registry.versions || [])].sort((a, b) => time(b) - time(a)); // the latest promotion first
    const history = registry.history || [];
    byId('versions-table').hidden = versions.length === 0;
    byId('versions-empty').hidden = versions.length > 0;
    const previous = history.length >= 2 ? history[history.length - 2] : null;
    byId('versions-body').replaceChildren(...versions.map((entry) => {
      const current = entry.version === registry.current;
      return el('tr', { className: current ? 'current' : undefined, dataset: { version: entry.version, current: String(current) } },
        el('td', {},
          el('code', {}, entry.version),
          current ? el('span', { className: 'badge badge--current' }, 'current') : null,
          entry.version === previous ? el('span', { className: 'badge', title: 'What rollback would restore' }, 'rollback target') : null),
        el('td', { title: entry.promotedAt || undefined }, when(entry.promotedAt)),
        num(percent(entry.validationAccuracy)),
        num(count(entry.intents)),
        el('td', { className: 'mono', title: entry.dataHash || undefined }, shortHash(entry.dataHash)));
    }));

    const mismatch = byId('registry-mismatch');
    const differs = registry.current && registry.current !== card.version;
    mismatch.textContent = differs
      ? `The registry's current version is ${registry.current}, but this server serves ${card.version}: a promotion or rollback `
        + 'is still being picked up, or the serving model file was replaced outside promote.'
      : '';
    mismatch.hidden = !differs;
  }

  // ---- start -----------------------------------------------------------------------------------------------

  session = storedSession();
  if (session) start();
  else showSignIn();
})();
