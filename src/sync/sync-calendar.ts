/** Months as `YYYY-MM` strings and whole numbers (year × 12 + month − 1) for arithmetic. */
export function monthNumber(ym: string): number {
  return Number(ym.slice(0, 4)) * 12 + Number(ym.slice(5, 7)) - 1;
}

export function monthText(n: number): string {
  return `${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;
}

export function monthOfDate(d: Date): string {
  return d.toISOString().slice(0, 7);
}

/** Every month from `from` to `to`, both included. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let n = monthNumber(from); n <= monthNumber(to); n++) out.push(monthText(n));
  return out;
}

export const DAY_MS = 86_400_000;

export { MONTH_NAMES } from '../model/month-names.ts';
