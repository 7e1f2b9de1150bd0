/*
 * Draws what main.js loaded: the headline figures beside the previous period's, the bot → person → resolved
 * funnel, the trend charts and the tables. Numbers in the page's language; names and intents as the data has them.
 */
import { byId, el } from '../shared/dom.js';
import { languages } from '../shared/languages.js';
import { drawTrends } from './charts.js';

/** The language filter: all, then each language SupportBot speaks. */
export function fillLanguages(select, t) {
  const chosen = select.value;
  select.replaceChildren(new Option(t.all, ''), ...languages.map((l) => new Option(l.native, l.code, false, l.code === chosen)));
}

export function render(data, t, ui) {
  const number = new Intl.NumberFormat(ui.locale, { maximumFractionDigits: 1 });
  const n = (value) => (value === null || value === undefined ? '–' : number.format(value));
  const pct = (value) => (value === null || value === undefined ? '–' : `${number.format(value)}%`);
  const secs = (p) => (p?.p50 === null || p?.p50 === undefined ? '–' : `${n(p.p50)} / ${n(p.p90)} ${t.seconds}`);
  const languageName = new Intl.DisplayNames([ui.locale], { type: 'language' });
  headline(data, t, { n, pct, secs });
  funnel(data.summary, t, n);
  drawTrends(data.days, t, ui);
  table('intents', [t.intent, t.messages, t.helped, t.misunderstood, t.escalated, t.didYouMean], data.intents, (i) => [
    i.intent, n(i.messages), `${n(i.helpedYes)} / ${n(i.helpedNo)}`, n(i.misunderstood), n(i.escalations), pct(i.didYouMeanRate)], t);
  table('agents', [t.agent, t.chats, t.resolved, t.handle, t.csat, t.csatMean], data.agents, (a) => [
    a.name || a.agentId, n(a.chats), n(a.resolved), a.handleSecondsMean === null ? '–' : `${n(a.handleSecondsMean)} ${t.seconds}`, pct(a.satisfiedRate), n(a.csatMean)], t);
  table('languages', [t.language, t.conversations, t.engaged, t.containmentRate, t.escalated, t.csat], data.languages, (l) => [
    l.language ? languageName.of(l.language) : '–', n(l.conversations), n(l.engaged), pct(l.containmentRate), n(l.escalated), pct(l.satisfiedRate)], t);
}

// Each headline: its value, and the previous period's beside it (what a lead compares first).
function headline({ summary: s, previous: p }, t, { n, pct, secs }) {
  const cards = [
    ['conversations', t.conversations, n(s.conversations), n(p.conversations)],
    ['containment', t.containmentRate, pct(s.containmentRate), pct(p.containmentRate)],
    ['naive-containment', t.naiveContainmentRate, pct(s.naiveContainmentRate), pct(p.naiveContainmentRate)],
    ['escalated', t.escalated, n(s.escalated), n(p.escalated)],
    ['resolution', t.resolutionRate, pct(s.resolutionRate), pct(p.resolutionRate)],
    ['queue-abandonment', t.queueAbandonment, pct(s.handoffs.queueAbandonmentRate), pct(p.handoffs.queueAbandonmentRate)],
    ['pickup', t.pickup, secs(s.pickupSeconds), secs(p.pickupSeconds)],
    ['first-response', t.firstResponse, secs(s.firstResponseSeconds), secs(p.firstResponseSeconds)],
    ['csat', t.csat, pct(s.csat.satisfiedRate), pct(p.csat.satisfiedRate)],
    ['csat-mean', t.csatMean, n(s.csat.mean), n(p.csat.mean)],
    ['nps', t.nps, n(s.nps.score), n(p.nps.score)],
    ['tickets', t.tickets, n(s.tickets.opened), n(p.tickets.opened)],
  ];
  byId('headline').replaceChildren(...cards.map(([id, label, value, before]) => el('div', { className: 'stat', testid: `figure-${id}` },
    el('span', { className: 'stat__label', text: label }),
    el('bdi', { className: 'stat__value', testid: 'value', text: value }),
    el('span', { className: 'stat__previous muted' }, `${t.previous}: `, el('bdi', { testid: 'previous', text: before })))));
}

function funnel(s, t, n) {
  const steps = [[t.engaged, s.engaged], [t.containmentRate, s.contained], [t.escalated, s.escalated], [t.pickedUp, s.handoffs.pickedUp], [t.resolved, s.handoffs.resolved]];
  const top = Math.max(1, s.engaged);
  byId('funnel').replaceChildren(...steps.map(([label, value]) => el('li', { className: 'funnel__step' },
    el('span', { className: 'funnel__label', text: label }),
    el('span', { className: 'funnel__bar', style: `inline-size: ${Math.max(2, (100 * value) / top)}%` }),
    el('bdi', { className: 'funnel__value', text: n(value) }))));
}

function table(name, headings, rows, cells, t) {
  byId(`${name}-head`).replaceChildren(el('tr', {}, headings.map((h, i) => el('th', { scope: 'col', className: i ? 'num' : null, text: h }))));
  byId(`${name}-body`).replaceChildren(...(rows.length
    ? rows.map((row) => el('tr', {}, cells(row).map((cell, i) => el('td', { className: i ? 'num' : null, dir: i ? null : 'auto', text: cell }))))
    : [el('tr', {}, el('td', { colspan: headings.length, className: 'empty', text: t.empty }))]));
}
