// Two small chart kinds drawn as inline SVG: lines with points (builds per day) and stacked bars
// (builds by version). Input is the statistics endpoints' shape: {labels: [...], datasets:
// [{label, data: [...], color?}]}. Every point or bar carries a tooltip (<title>) and data-*
// attributes with its series, label and value.
import { count, h, note, show, svg } from './common.js';

const WIDTH = 960;
const HEIGHT = 230;
const MARGIN = { top: 14, right: 12, bottom: 30, left: 48 };
const PALETTE = ['#0081b4', '#ef8c00', '#2e9d4a', '#8e44ad', '#d32f2f', '#00897b', '#795548', '#3f51b5', '#9e9d24', '#d81b60'];
const NAMED = { green: '#2e9d4a', orange: '#ef8c00', red: '#d32f2f' };

/** Builds per day and the like: one line with a point per label for every dataset. */
export function lineChart(container, chart, { title, emptyText }) {
  const { labels, datasets } = normalised(chart);
  const top = Math.max(0, ...datasets.flatMap(set => set.data));
  const plot = frame(labels, top, title);
  datasets.forEach((set, index) => {
    const colour = colourOf(set, index);
    const points = set.data.map((value, i) => [plot.x(i), plot.y(value)]);
    plot.root.append(svg('g', { class: 'series', 'data-series': set.label },
      svg('polyline', { points: points.map(p => p.join(',')).join(' '), fill: 'none', stroke: colour, 'stroke-width': 2, 'stroke-linejoin': 'round' }),
      points.map(([x, y], i) => svg('circle', {
        cx: x, cy: y, r: 3.5, fill: colour, 'data-label': labels[i], 'data-value': set.data[i],
      }, svg('title', {}, `${day(labels[i])}: ${count(set.data[i])} ${set.label}`)))));
  });
  if (top === 0) {
    plot.root.append(svg('text', { class: 'empty-note', x: WIDTH / 2, y: HEIGHT / 2, 'text-anchor': 'middle' }, emptyText));
  }
  show(container, plot.root, legend(datasets));
}

/** Builds by version: one bar per label, stacked from the datasets. */
export function stackedBarChart(container, chart, { title, emptyText }) {
  const { labels, datasets } = normalised(chart);
  if (datasets.length === 0) {
    show(container, note('empty', emptyText));
    return;
  }
  const totals = labels.map((_, i) => datasets.reduce((sum, set) => sum + set.data[i], 0));
  const top = Math.max(0, ...totals);
  const plot = frame(labels, top, title);
  const width = Math.max(2, plot.band * 0.7);
  const base = labels.map(() => 0);
  datasets.forEach((set, index) => {
    const colour = colourOf(set, index);
    plot.root.append(svg('g', { class: 'series', 'data-series': set.label },
      set.data.map((value, i) => {
        const y0 = plot.y(base[i]);
        base[i] += value;
        const y1 = plot.y(base[i]);
        return svg('rect', {
          class: 'bar', x: plot.x(i) - width / 2, y: y1, width, height: Math.max(0, y0 - y1), fill: colour,
          'data-label': labels[i], 'data-value': value,
        }, svg('title', {}, `week of ${day(labels[i])}: ${count(value)} × ${set.label}`));
      })));
  });
  if (top === 0) {
    plot.root.append(svg('text', { class: 'empty-note', x: WIDTH / 2, y: HEIGHT / 2, 'text-anchor': 'middle' }, emptyText));
  }
  show(container, plot.root, legend(datasets));
}

function normalised(chart) {
  const labels = Array.isArray(chart?.labels) ? chart.labels.map(String) : [];
  const datasets = (Array.isArray(chart?.datasets) ? chart.datasets : []).map(set => ({
    label: String(set.label),
    color: set.color,
    data: labels.map((_, i) => Number(set.data?.[i]) || 0),
  }));
  return { labels, datasets };
}

/** The SVG with its y grid, y ticks and x labels; x(i) is the middle of label i's band. */
function frame(labels, top, title) {
  const { max, step } = yScale(top);
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const band = plotWidth / Math.max(1, labels.length);
  const x = i => MARGIN.left + band * (i + 0.5);
  const y = value => MARGIN.top + plotHeight * (1 - value / max);
  const root = svg('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', 'aria-label': title },
    svg('title', {}, title));
  const ticks = svg('g', { class: 'tick' });
  for (let value = 0; value <= max; value += step) {
    ticks.append(
      svg('line', { class: value === 0 ? 'baseline' : 'grid-line', x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: y(value), y2: y(value) }),
      svg('text', { x: MARGIN.left - 8, y: y(value) + 4, 'text-anchor': 'end' }, count(value)));
  }
  const every = Math.ceil(labels.length / 10);
  const axis = svg('g', { class: 'axis' });
  labels.forEach((label, i) => {
    if ((labels.length - 1 - i) % every === 0) {
      axis.append(svg('text', { x: x(i), y: HEIGHT - 10, 'text-anchor': 'middle' }, day(label)));
    }
  });
  root.append(ticks, axis);
  return { root, x, y, band };
}

/** A y axis from 0 to a round number above the largest value, in four or five steps of 1, 2 or 5 × 10^k. */
function yScale(top) {
  if (top <= 0) {
    return { max: 4, step: 1 };
  }
  const rough = top / 4;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = Math.max(1, [1, 2, 5, 10].map(m => m * magnitude).find(candidate => candidate >= rough));
  return { max: Math.ceil(top / step) * step, step };
}

function legend(datasets) {
  return h('ul', { class: 'legend' }, datasets.map((set, index) => h('li', { 'data-series': set.label },
    svg('svg', { viewBox: '0 0 12 12', 'aria-hidden': 'true' }, svg('rect', { width: 12, height: 12, rx: 2, fill: colourOf(set, index) })),
    set.label,
    h('span', { class: 'hint' }, `(${count(set.data.reduce((sum, value) => sum + value, 0))})`))));
}

function colourOf(set, index) {
  return NAMED[set.color] ?? set.color ?? PALETTE[index % PALETTE.length];
}

/** "2026-06-02Z" as "Jun 2". */
function day(label) {
  const date = new Date(`${label.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? label
    : date.toLocaleDateString('en', { month: 'short', day: 'numeric', timeZone: 'UTC' });
}
