/*
 * The maintainer page's figures: the serving model's card (summary, per language, per intent, most confused,
 * reliability) and the registry. Everything from the server reaches the page as text (shared/dom.js), never as HTML.
 */
import { byId, el } from '../shared/dom.js';
import { languages } from '../shared/languages.js';

const weakF1 = 70;
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
export const clock = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });

let data = null; // { card, registry, receivedAt } as last rendered
let sort = { key: 'intent', direction: 1 };
let source = 'validation'; // which report the figures come from: the validation set or a recorded evaluation's name

/** The report shown: the card's validation figures, or a frozen set's recorded by `supportbot evaluate --record`. */
function figures(card) {
  if (source === 'validation') return card.validation;
  return (card.evaluations || []).find((evaluation) => evaluation.name === source)?.report ?? card.validation;
}

const isNumber = (value) => typeof value === 'number' && Number.isFinite(value);
const percent = (value) => (isNumber(value) ? `${value.toFixed(1)}%` : '—');
const decimal = (value, digits = 2) => (isNumber(value) ? value.toFixed(digits) : '—');
const count = (value) => (isNumber(value) ? value.toLocaleString() : '—');
const shortHash = (hash) => (hash ? String(hash).slice(0, 12) : '—');
function languageName(code) {
  const language = languages.find((known) => known.code === code);
  return language ? `${language.name} (${code})` : String(code);
}

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

/** Shows `shown` ({ card, registry, receivedAt }), the answer of GET /maintainer/api/model. */
export function render(shown) {
  data = shown;
  const { card, registry, receivedAt } = data;
  byId('not-maintainer').hidden = true;
  byId('model').hidden = false;
  byId('updated').textContent = `Updated ${clock.format(receivedAt)}`;
  renderSources(card);
  renderSummary(card);
  renderLanguages(card);
  renderIntents();
  renderConfused(card);
  renderReliability(card);
  renderRegistry(card, registry);
}

/** The choice of figures: validation, then each frozen set recorded in the card, with its size and date. */
function renderSources(card) {
  const evaluations = card.evaluations || [];
  if (!evaluations.some((evaluation) => evaluation.name === source)) source = 'validation';
  const options = [
    el('option', { value: 'validation' }, `Validation (${count(card.validation?.examples)} examples)`),
    ...evaluations.map((evaluation) => el('option', { value: evaluation.name },
      `${evaluation.name} (${count(evaluation.report?.examples)} examples, evaluated ${when(evaluation.at)})`)),
  ];
  const select = byId('figures-from');
  select.replaceChildren(...options);
  select.value = source;
  byId('figures-from-label').hidden = evaluations.length === 0;
}

byId('figures-from').addEventListener('change', (event) => {
  source = event.target.value;
  if (data) render(data);
});

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

  const validation = figures(card);
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
  const rows = figures(card)?.perLanguage || [];
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
  const byIntent = new Map((figures(card)?.perIntent || []).map((row) => [row.intent, row]));
  const names = [...new Set([...(card.labels || []), ...byIntent.keys()])];
  return names.map((intent) => {
    const row = byIntent.get(intent);
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
  const report = figures(card);
  const pairs = report?.mostConfused || [];
  const support = new Map((report?.perIntent || []).map((row) => [row.intent, row.support]));
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
  const bins = figures(card)?.reliability || [];
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
