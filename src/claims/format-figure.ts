import type { FigureUnit } from './claim.ts';
import { usdText } from '../model/usd-text.ts';

/** Exact dollars with separators: $324,377,863,297. */
export function exactUsd(v: bigint): string {
  const neg = v < 0n;
  return `${neg ? '-' : ''}$${(neg ? -v : v).toLocaleString('en-US')}`;
}

/** A figure for reading: $324.4 billion, $617,157, 17.3%, 2.11×, #2, 7,617,207. */
export function showFigure(v: number | bigint, unit: FigureUnit): string {
  const n = Number(v);
  switch (unit) {
    case 'usd':
      return shortUsd(n);
    case 'percent':
      return `${+n.toFixed(1)}%`;
    case 'times':
      return `${n.toFixed(2)}×`;
    case 'rank':
      return `#${n}`;
    case 'count':
      return Math.round(n).toLocaleString('en-US');
  }
}

/** Kept as the claims' name for the shared rounding. */
export const shortUsd = (n: number): string => usdText(n);

/** A difference in the words of its measure: "+1.7%", "-0.4 percentage points", "1 place". */
export function showDifference(d: number, measure: 'relative' | 'points' | 'places'): string {
  const a = Math.abs(d);
  const shown = measure === 'relative' ? +(a * 100).toFixed(1) : +a.toFixed(1);
  const sign = shown === 0 ? '±' : d > 0 ? '+' : '-';
  if (measure === 'relative') return `${sign}${shown}%`;
  if (measure === 'points') return `${sign}${shown} percentage point${shown === 1 ? '' : 's'}`;
  return `${a} place${a === 1 ? '' : 's'} ${d > 0 ? 'lower' : d < 0 ? 'higher' : ''}`.trim();
}
