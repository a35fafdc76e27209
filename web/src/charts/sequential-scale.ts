import { scaleLinear } from 'd3-scale';
import { h } from '../dom.ts';

/**
 * Binned sequential colours for charts coloured by a quantity (the treemap by added duty rate,
 * the state map by added dollars). Bins rather than a gradient, so a reader can match a colour
 * to a range in the legend; ColorBrewer's YlOrRd, which most colour-blind readers can order.
 */
const RAMP = [
  '#ffffcc',
  '#ffeda0',
  '#fed976',
  '#feb24c',
  '#fd8d3c',
  '#fc4e2a',
  '#e31a1c',
  '#bd0026',
  '#800026',
];

export interface LegendItem {
  color: string;
  label: string;
}

export interface SequentialScale {
  color: (v: number) => string;
  legend: LegendItem[];
}

/** Values below `thresholds[0]` get the lightest colour, at or above the last the darkest. */
export function sequentialScale(
  thresholds: number[],
  format: (v: number) => string,
): SequentialScale {
  const n = thresholds.length + 1;
  // The palest colour is skipped: it is hard to tell from the background.
  const colors = Array.from(
    { length: n },
    (_, i) => RAMP[n === 1 ? 5 : Math.round(1 + (i * (RAMP.length - 2)) / (n - 1))]!,
  );
  const legend = colors.map((color, i) => ({
    color,
    label:
      i === 0
        ? `< ${format(thresholds[0]!)}`
        : i === n - 1
          ? `≥ ${format(thresholds[i - 1]!)}`
          : `${format(thresholds[i - 1]!)}–${format(thresholds[i]!)}`,
  }));
  return {
    color: (v) => colors[thresholds.filter((t) => v >= t).length]!,
    legend: n === 1 ? [{ color: colors[0]!, label: format(thresholds[0] ?? 0) }] : legend,
  };
}

/** Evenly spaced round breaks between 0 and `max` (rates: 5%, 10%, …). */
export function linearThresholds(max: number, count = 6): number[] {
  if (!(max > 0)) return [];
  return scaleLinear()
    .domain([0, max])
    .nice(count)
    .ticks(count)
    .filter((t) => t > 0 && t < max);
}

/**
 * Breaks at the quantiles of skewed values (dollars by state), each rounded to 1, 2 or 5 times a
 * power of ten, so every bin holds some values and the legend reads as round numbers.
 */
export function quantileThresholds(values: number[], count = 6): number[] {
  const sorted = values.filter((v) => v > 0).sort((a, b) => a - b);
  if (sorted.length === 0) return [];
  const out: number[] = [];
  for (let i = 1; i < count; i++) {
    const q = niceRound(sorted[Math.floor((i / count) * (sorted.length - 1))]!);
    if (q > (out.at(-1) ?? 0)) out.push(q);
  }
  return out;
}

function niceRound(v: number): number {
  const e = 10 ** Math.floor(Math.log10(v));
  const m = v / e;
  // Nearest of 1, 2, 5, 10 on a log scale.
  const step = m < Math.sqrt(2) ? 1 : m < Math.sqrt(10) ? 2 : m < Math.sqrt(50) ? 5 : 10;
  return step * e;
}

/** The legend of a sequential scale: a title and one swatch per bin. */
export function colorLegend(title: string, items: LegendItem[], extra: LegendItem[] = []) {
  return h(
    'div',
    { class: 'color-legend', 'data-role': 'color-legend' },
    h('span', { class: 'color-legend-title' }, title),
    h(
      'ul',
      { class: 'legend' },
      [...items, ...extra].map((it) =>
        h(
          'li',
          { 'data-color': it.color },
          h('span', { class: 'swatch', style: `background:${it.color}` }),
          it.label,
        ),
      ),
    ),
  );
}
