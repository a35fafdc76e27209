import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import { h, s } from '../dom.ts';
import { dataTable } from './data-table.ts';
import { fitWidth } from './fit-width.ts';
import { textWidth } from './text-width.ts';
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
  /** The widest it is drawn, in CSS pixels (a figure that spans the page is wider). */
  width?: number;
  /** The x column's heading in the chart's data table (default: none). */
  xName?: string;
  zero?: boolean;
}

const M = { top: 12, right: 16, bottom: 26, left: 72 };

/**
 * A time series: one line per series over shared x positions, with a hover read-out. Drawn at
 * its box's width (`fitWidth`): on a phone, fewer x labels and a shorter plot, never smaller text.
 * Its data table, folded under it, is its text alternative.
 */
export function lineChart(spec: LineChartSpec): HTMLElement {
  const legend = h(
    'ul',
    { class: 'legend' },
    spec.series.map((sr) =>
      h('li', null, h('span', { class: 'swatch', style: `background:${sr.color}` }), sr.name),
    ),
  );
  const box = h('div', { class: 'chart-box' });
  const tip = tooltip(box);
  const xFull = (i: number) => (spec.xFull ? spec.xFull(spec.x[i] ?? '') : (spec.x[i] ?? ''));
  const table = dataTable(
    [spec.xName ?? '', ...spec.series.map((sr) => sr.name)],
    spec.x.map((_, i) => [
      xFull(i),
      ...spec.series.map((sr) => (sr.values[i] == null ? '—' : spec.yFull(sr.values[i]!))),
    ]),
  );
  const svg = fitWidth(box, spec.width ?? 640, (W) => draw(spec, W, box, tip, xFull, table.id));
  box.prepend(legend, svg);
  box.append(table.element);
  return box;
}

function draw(
  spec: LineChartSpec,
  W: number,
  box: HTMLElement,
  tip: ReturnType<typeof tooltip>,
  xFull: (i: number) => string,
  tableId: string,
): SVGSVGElement {
  // A phone gets a shorter plot, not smaller text.
  const H = Math.round(Math.min(spec.height ?? 280, Math.max(200, W * 0.7)));
  const n = spec.x.length;
  const all = spec.series.flatMap((sr) => sr.values.filter((v): v is number => v !== null));
  const lo = Math.min(spec.zero === false ? Infinity : 0, ...all);
  const hi = Math.max(0, ...all);
  const y = scaleLinear()
    .domain([lo, hi === lo ? lo + 1 : hi])
    .nice(W < 500 ? 4 : 5)
    .range([H - M.bottom, M.top]);
  const yTicks = y.ticks(W < 500 ? 4 : 5);
  // The left margin fits the widest y label, measured in the chart's 11 px font.
  const left = Math.max(
    36,
    Math.min(110, 12 + Math.max(...yTicks.map((v) => textWidth(spec.yTick(v))))),
  );
  const x = scaleLinear()
    .domain([0, Math.max(1, n - 1)])
    .range([left, W - M.right]);
  // x labels no closer than their own width plus a gap: fewer of them on a phone, never smaller.
  const given = spec.xTick;
  const candidates = spec.x
    .map((label, i) => [given ? given(label, i) : label, i] as const)
    .filter((c): c is readonly [string, number] => c[0] !== null);
  const longest = Math.max(1, ...candidates.map(([l]) => l.length));
  const room = Math.max(56, longest * 7 + 14);
  const every = Math.max(
    1,
    Math.ceil(candidates.length / Math.max(2, Math.floor((W - left - M.right) / room))),
  );
  // Evenly spaced from the first; the last x always labelled, and a label too near it dropped.
  const lastI = n - 1;
  const kept = candidates.filter((_, k) => k % every === 0);
  if (!given && !kept.some(([, i]) => i === lastI)) kept.push([spec.x[lastI]!, lastI]);
  const xLabels = kept.filter(
    ([, i]) => i === lastI || !kept.some(([, j]) => j === lastI) || x(lastI) - x(i) >= room,
  );
  const grid = yTicks.map((v) =>
    s(
      'g',
      { class: 'tick', transform: `translate(0,${y(v)})` },
      s('line', { x1: left, x2: W - M.right, class: v === 0 ? 'zero' : 'grid' }),
      s('text', { x: left - 6, dy: '0.32em', 'text-anchor': 'end' }, spec.yTick(v)),
    ),
  );
  const xTicks = xLabels.map(([label, i]) =>
    s(
      'text',
      {
        x: x(i),
        y: H - M.bottom + 16,
        'text-anchor': x(i) > W - M.right - room / 2 ? 'end' : i === 0 ? 'start' : 'middle',
        class: 'xtick',
      },
      label,
    ),
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
    x: left,
    y: M.top,
    width: W - left - M.right,
    height: H - M.top - M.bottom,
    fill: 'transparent',
  });
  const svg = s(
    'svg',
    {
      viewBox: `0 0 ${W} ${H}`,
      width: W,
      height: H,
      class: 'chart line-chart',
      role: 'img',
      'aria-describedby': tableId,
    },
    grid,
    xTicks,
    lines,
    ends,
    rule,
    overlay,
  );
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
    tip.show(ev.clientX - boxRect.left, ev.clientY - boxRect.top, [xFull(i), ...lines]);
  };
  overlay.addEventListener('pointermove', read);
  overlay.addEventListener('pointerleave', () => {
    rule.setAttribute('visibility', 'hidden');
    tip.hide();
  });
  return svg;
}
