// The campaign's results over time: a uPlot line chart (window.uPlot, vendored) that follows its container's width,
// with the same numbers as a table in a <details> for screen readers and anyone who prefers figures.
import { h, replace } from '../../dom.js';
import { keepFocus, number, table } from '../../ui.js';

const withSeconds = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

const series = [
  ['sent', 'Sent', '#0b5cad', []],
  ['delivered', 'Delivered', '#1a7f37', [8, 4]],
  ['read', 'Read', '#6f42c1', [2, 3]],
  ['replied', 'Replied', '#8a5a00', [12, 4, 2, 4]],
  ['failed', 'Failed', '#b3261e', [1, 4]],
];

/** The chart's section; update(timeline) draws the API's timeline (GET /api/campaigns/{id}/timeline). */
export function timelineChart(signal) {
  const plotArea = h('div', {
    class: 'timeline-plot',
    role: 'img',
    'aria-label': 'Line chart of the messages sent, delivered, read, replied to and failed over time. The same figures are in the table below it.',
  });
  const empty = h('p', { class: 'muted' }, 'Nothing has been sent yet.');
  const tableArea = h('div');
  const details = h('details', { class: 'timeline-table' }, h('summary', null, 'The chart as a table'), tableArea);
  const element = h('div', { class: 'timeline' }, empty, plotArea, details);
  plotArea.hidden = true;
  details.hidden = true;
  let plot = null;

  const height = () => (plotArea.clientWidth < 500 ? 220 : 300);
  const observer = new ResizeObserver(() => {
    if (plot && plotArea.clientWidth > 0) plot.setSize({ width: plotArea.clientWidth, height: height() });
  });
  observer.observe(plotArea);
  signal.addEventListener('abort', () => { observer.disconnect(); plot?.destroy(); }, { once: true });

  function update(timeline) {
    const points = timeline.points;
    empty.hidden = points.length > 0;
    plotArea.hidden = points.length === 0;
    details.hidden = points.length === 0;
    if (points.length === 0) return;
    const start = Date.parse(points[0].at) / 1000 - timeline.bucketSeconds;
    const data = [
      [start, ...points.map(p => Date.parse(p.at) / 1000)],
      ...series.map(([key]) => [0, ...points.map(p => p[key])]),
    ];
    if (plot) {
      plot.setData(data);
    } else if (window.uPlot) {
      plot = new window.uPlot({
        width: Math.max(plotArea.clientWidth, 280),
        height: height(),
        scales: { x: { time: true } },
        axes: [{ stroke: '#57606a' }, { stroke: '#57606a', size: 60 }],
        series: [{ label: 'Time' }, ...series.map(([, label, stroke, dash]) => ({ label, stroke, dash, width: 2, points: { show: false } }))],
        legend: { live: false },
      }, data, plotArea);
    }
    keepFocus(tableArea, () => replace(tableArea, table(
      `Messages over time, ${timeline.bucketSeconds}-second steps; each figure counts everything up to that time`,
      ['Up to', ...series.map(([, label]) => label)],
      points.map(p => h('tr', null,
        h('th', { scope: 'row' }, h('time', { datetime: p.at }, withSeconds.format(new Date(p.at)))),
        series.map(([key]) => h('td', { class: 'number' }, number(p[key]))))))));
  }

  return { element, update, hasPoints: () => plot !== null || !details.hidden };
}
