/**
 * True for a YYYY-MM-DD date that exists on the calendar. `Date.parse` alone accepts
 * 2023-02-29 and 2023-04-31 (it rolls them into the next month), so the parsed date must read
 * back as the same text.
 */
export function isCalendarDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const t = Date.parse(`${s}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === s;
}
