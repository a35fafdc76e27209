/** Calendar facts for rates: 2020 has 366 days, February 2024 has 29. */
export function daysInYear(year: number): number {
  return isLeap(year) ? 366 : 365;
}

export function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Days in the first `months` months of a year (a year-to-date span). */
export function daysInFirstMonths(year: number, months: number): number {
  let d = 0;
  for (let m = 1; m <= months; m++) d += daysInMonth(year, m);
  return d;
}
