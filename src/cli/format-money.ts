import { usdText } from '../model/usd-text.ts';

/** Exact dollars with thousands separators: $324,377,863,297. */
export function usd(v: bigint | null | undefined): string {
  if (v === null || v === undefined) return '–';
  const neg = v < 0n;
  return `${neg ? '-' : ''}$${(neg ? -v : v).toLocaleString('en-US')}`;
}

/** Rounded for reading: $324.4 billion, $888.7 million, $617,157. */
/** Rounded for reading: $324.4 billion, $888.7 million, $617,157. */
export function usdShort(v: bigint | number | null | undefined): string {
  return v === null || v === undefined ? '–' : usdText(v);
}

export function pct(v: number | null | undefined, digits = 1): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '–';
  return `${v >= 0 ? '' : '-'}${Math.abs(v).toFixed(digits)}%`;
}

export function signedPct(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '–';
  return `${v >= 0 ? '+' : '-'}${Math.abs(v).toFixed(1)}%`;
}

export function count(v: bigint | number | null | undefined): string {
  if (v === null || v === undefined) return '–';
  return typeof v === 'bigint' ? v.toLocaleString('en-US') : Math.round(v).toLocaleString('en-US');
}
