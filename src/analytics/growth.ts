/** Growth arithmetic on exact dollars; percentages are the only floats. */
export interface Change {
  from: bigint;
  to: bigint;
  usd: bigint;
  /** null when the base is zero. */
  pct: number | null;
}

export function change(
  from: bigint | null | undefined,
  to: bigint | null | undefined,
): Change | null {
  if (from == null || to == null) return null;
  return {
    from,
    to,
    usd: to - from,
    pct: from === 0n ? null : (Number(to - from) / Number(from)) * 100,
  };
}

/** Compound annual growth rate over `years` years, in percent. */
export function cagr(from: bigint, to: bigint, years: number): number | null {
  if (from <= 0n || to <= 0n || years <= 0) return null;
  return (Math.pow(Number(to) / Number(from), 1 / years) - 1) * 100;
}

export interface Rates {
  days: number;
  perDay: number;
  perHour: number;
  perMinute: number;
}

/** Dollars per day, hour and minute over a number of calendar days. */
export function rates(total: bigint, days: number): Rates {
  const perDay = Number(total) / days;
  return { days, perDay, perHour: perDay / 24, perMinute: perDay / 1440 };
}

export function share(part: bigint | null, whole: bigint | null): number | null {
  if (part == null || whole == null || whole === 0n) return null;
  return (Number(part) / Number(whole)) * 100;
}
