/** English month names, January first: how US statistical releases write them. */
export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** "January" for 1; the number itself outside 1–12. */
export function monthName(m: number): string {
  return MONTH_NAMES[m - 1] ?? String(m);
}
