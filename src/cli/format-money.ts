/** Exact dollars with thousands separators: $324,377,863,297. */
export function usd(v: bigint | null | undefined): string {
  if (v === null || v === undefined) return '–';
  const neg = v < 0n;
  return `${neg ? '-' : ''}$${(neg ? -v : v).toLocaleString('en-US')}`;
}

/** Rounded for reading: $324.4 billion, $888.7 million, $617,157. */
export function usdShort(v: bigint | number | null | undefined): string {
  if (v === null || v === undefined) return '–';
  const n = Number(v);
  const a = Math.abs(n);
  const sign = n < 0 ? '-' : '';
  if (a >= 1e12) return `${sign}$${(a / 1e12).toFixed(2)} trillion`;
  if (a >= 1e9) return `${sign}$${(a / 1e9).toFixed(1)} billion`;
  if (a >= 1e6) return `${sign}$${(a / 1e6).toFixed(1)} million`;
  if (a >= 100) return `${sign}$${Math.round(a).toLocaleString('en-US')}`;
  return `${sign}$${a.toFixed(2)}`;
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
