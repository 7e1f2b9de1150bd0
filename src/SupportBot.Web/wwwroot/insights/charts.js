/*
 * The daily trend charts with uPlot (npm's uplot, served from this origin). Time runs left to right in every
 * language, as on a calendar, so the charts keep dir="ltr" inside an Arabic page; their legends use its words.
 */
import uPlot from '/insights/uplot.js';
import { byId } from '../shared/dom.js';

const charts = [];

export function drawTrends(days, t, ui) {
  for (const chart of charts.splice(0)) chart.destroy();
  const x = days.map((d) => Date.parse(`${d.date}T00:00:00Z`) / 1000);
  const width = () => Math.max(260, byId('chart-volume').clientWidth || 600);
  const number = new Intl.NumberFormat(ui.locale, { maximumFractionDigits: 1 });
  const axes = [{ values: (u, ticks) => ticks.map((s) => new Date(s * 1000).toLocaleDateString(ui.locale, { month: 'short', day: 'numeric', timeZone: 'UTC' })) },
    { values: (u, ticks) => ticks.map((v) => number.format(v)) }];
  const common = { width: width(), height: 220, axes, cursor: { drag: { x: false, y: false } } };
  const day = { label: t.date, value: (u, s) => (s === null ? '–' : new Date(s * 1000).toLocaleDateString(ui.locale, { timeZone: 'UTC' })) };
  charts.push(new uPlot({ ...common, scales: { x: { time: true } }, series: [day, line(t.conversations, '#0b5cab'), line(t.engaged, '#1a7f37'), line(t.escalated, '#b54708')] },
    [x, days.map((d) => d.conversations), days.map((d) => d.engaged), days.map((d) => d.escalated)], byId('chart-volume')));
  // Rates are shares: the axis is always 0-100, so a quiet day's 100% does not look like a triumph.
  charts.push(new uPlot({ ...common, scales: { x: { time: true }, y: { range: [0, 100] } }, series: [day, line(`${t.containmentRate} %`, '#0b5cab'), line(`${t.naiveContainmentRate} %`, '#8aa4c8'), line(`${t.csat} %`, '#1a7f37')] },
    [x, days.map((d) => d.containmentRate), days.map((d) => d.naiveContainmentRate), days.map((d) => d.satisfiedRate)], byId('chart-rates')));
}

const line = (label, stroke) => ({ label, stroke, width: 2, spanGaps: true });

addEventListener('resize', () => {
  for (const chart of charts) chart.setSize({ width: Math.max(260, chart.root.parentElement.clientWidth), height: 220 });
});
