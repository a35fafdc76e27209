import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import { h, s } from '../dom.ts';
import { tooltip } from './tooltip.ts';

export interface LineSeries {
  key: string;
  name: string;
  color: string;
  /** One value per x position; null where nothing was published. */
  values: (number | null)[];
  dashed?: boolean;
}

export interface LineChartSpec {
  /** Labels of the x positions (years, months), in order. */
  x: string[];
  series: LineSeries[];
  yTick: (v: number) => string;
  /** The value as the tooltip and the screen reader show it. */
  yFull: (v: number) => string;
  /** Which x labels to print on the axis (default: about eight, evenly spread). */
  xTick?: (label: string, i: number) => string | null;
  /** The x label as the tooltip shows it. */
  xFull?: (label: string) => string;
  height?: number;
  /** Width in the SVG's units: wider for a figure that spans the page. */
  width?: number;
  zero?: boolean;
}

const M = { top: 12, right: 16, bottom: 26, left: 72 };

/** A time series: one line per series over shared x positions, with a hover read-out. */
export function lineChart(spec: LineChartSpec): HTMLElement {
  const W = spec.width ?? 640;
  const H = spec.height ?? 280;
  const n = spec.x.length;
  const all = spec.series.flatMap((sr) => sr.values.filter((v): v is number => v !== null));
  const lo = Math.min(spec.zero === false ? Infinity : 0, ...all);
  const hi = Math.max(0, ...all);
  const x = scaleLinear()
    .domain([0, Math.max(1, n - 1)])
    .range([M.left, W - M.right]);
  const y = scaleLinear()
    .domain([lo, hi === lo ? lo + 1 : hi])
    .nice(5)
    .range([H - M.bottom, M.top]);

  const step = Math.max(1, Math.ceil(n / Math.round(W / 80)));
  const xTick =
    spec.xTick ?? ((label: string, i: number) => (i % step === 0 || i === n - 1 ? label : null));
  const grid = y
    .ticks(5)
    .map((v) =>
      s(
        'g',
        { class: 'tick', transform: `translate(0,${y(v)})` },
        s('line', { x1: M.left, x2: W - M.right, class: v === 0 ? 'zero' : 'grid' }),
        s('text', { x: M.left - 6, dy: '0.32em', 'text-anchor': 'end' }, spec.yTick(v)),
      ),
    );
  const xTicks = spec.x
    .map((label, i) => [xTick(label, i), i] as const)
    .filter(([l, i]) => l !== null && (i === n - 1 || n - 1 - i >= step * 0.6 || step === 1))
    .map(([label, i]) =>
      s('text', { x: x(i), y: H - M.bottom + 16, 'text-anchor': 'middle', class: 'xtick' }, label),
    );
  const path = line<number | null>()
    .defined((v) => v !== null)
    .x((_v, i) => x(i))
    .y((v) => y(v ?? 0));
  const lines = spec.series.map((sr) =>
    s('path', {
      d: path(sr.values) ?? '',
      fill: 'none',
      stroke: sr.color,
      'stroke-width': 2.2,
      'stroke-dasharray': sr.dashed ? '5 4' : null,
      'data-series': sr.key,
    }),
  );
  // A lone point (a series with one year) has no line: mark every last point.
  const ends = spec.series.map((sr) => {
    const i = sr.values.findLastIndex((v) => v !== null);
    return i < 0 ? null : s('circle', { cx: x(i), cy: y(sr.values[i]!), r: 3, fill: sr.color });
  });
  const rule = s('line', { class: 'rule', y1: M.top, y2: H - M.bottom, visibility: 'hidden' });
  const overlay = s('rect', {
    x: M.left,
    y: M.top,
    width: W - M.left - M.right,
    height: H - M.top - M.bottom,
    fill: 'transparent',
  });
  const svg = s(
    'svg',
    { viewBox: `0 0 ${W} ${H}`, class: 'chart line-chart', role: 'img' },
    grid,
    xTicks,
    lines,
    ends,
    rule,
    overlay,
  );
  const legend = h(
    'ul',
    { class: 'legend' },
    spec.series.map((sr) =>
      h('li', null, h('span', { class: 'swatch', style: `background:${sr.color}` }), sr.name),
    ),
  );
  const box = h('div', { class: 'chart-box' }, legend, svg);
  const tip = tooltip(box);
  const read = (ev: PointerEvent) => {
    const r = svg.getBoundingClientRect();
    const px = ((ev.clientX - r.left) / r.width) * W;
    const i = Math.max(0, Math.min(n - 1, Math.round(x.invert(px))));
    rule.setAttribute('x1', String(x(i)));
    rule.setAttribute('x2', String(x(i)));
    rule.setAttribute('visibility', 'visible');
    const lines = spec.series.map(
      (sr) =>
        `${sr.name}: ${sr.values[i] === null || sr.values[i] === undefined ? '—' : spec.yFull(sr.values[i]!)}`,
    );
    const boxRect = box.getBoundingClientRect();
    tip.show(ev.clientX - boxRect.left, ev.clientY - boxRect.top, [
      spec.xFull ? spec.xFull(spec.x[i] ?? '') : (spec.x[i] ?? ''),
      ...lines,
    ]);
  };
  overlay.addEventListener('pointermove', read);
  overlay.addEventListener('pointerleave', () => {
    rule.setAttribute('visibility', 'hidden');
    tip.hide();
  });
  return box;
}
