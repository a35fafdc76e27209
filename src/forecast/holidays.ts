/**
 * Public holidays that move border traffic, computed by rule for any year: fixed dates,
 * "nth weekday of a month" rules, and Easter by the anonymous Gregorian computus (Meeus /
 * Jones / Butcher), from which Holy Thursday, Good Friday and Semana Santa follow. No table
 * of dates to keep up to date, and no year is ever "not covered".
 */

export type HolidayCountry = 'US' | 'MX' | 'CA';

export interface Holiday {
  /** Local calendar date, YYYY-MM-DD. */
  date: string;
  country: HolidayCountry;
  name: string;
}

const ymd = (y: number, m: number, d: number) =>
  `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** The date of the n-th given weekday (0 = Sunday) of a month; n = -1 is the last. */
export function nthWeekday(year: number, month: number, weekday: number, n: number): string {
  if (n > 0) {
    const first = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
    return ymd(year, month, 1 + ((weekday - first + 7) % 7) + (n - 1) * 7);
  }
  const lastDay = new Date(Date.UTC(year, month, 0));
  const back = (lastDay.getUTCDay() - weekday + 7) % 7;
  return ymd(year, month, lastDay.getUTCDate() - back);
}

/** Easter Sunday (Gregorian), by the anonymous computus. */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return ymd(year, month, day);
}

/** A date moved by whole days. */
export function addDays(date: string, days: number): string {
  const t = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** A US federal holiday on a weekend is observed on the Friday before or the Monday after. */
function observed(date: string): string {
  const wd = new Date(`${date}T00:00:00Z`).getUTCDay();
  return wd === 6 ? addDays(date, -1) : wd === 0 ? addDays(date, 1) : date;
}

/**
 * US federal holidays (5 U.S.C. 6103, with their observed weekdays), Mexico's statutory rest
 * days (Ley Federal del Trabajo art. 74, with Holy Thursday and Good Friday and 12 December,
 * which most employers and schools keep) and Canada's national and Ontario holidays (the
 * northern crossings' other side).
 */
export function holidaysOf(year: number): Holiday[] {
  const easter = easterSunday(year);
  const us: [string, string][] = [
    [ymd(year, 1, 1), "New Year's Day"],
    [nthWeekday(year, 1, 1, 3), 'Martin Luther King Jr. Day'],
    [nthWeekday(year, 2, 1, 3), "Washington's Birthday"],
    [nthWeekday(year, 5, 1, -1), 'Memorial Day'],
    [ymd(year, 6, 19), 'Juneteenth'],
    [ymd(year, 7, 4), 'Independence Day'],
    [nthWeekday(year, 9, 1, 1), 'Labor Day'],
    [nthWeekday(year, 10, 1, 2), 'Columbus Day'],
    [ymd(year, 11, 11), 'Veterans Day'],
    [nthWeekday(year, 11, 4, 4), 'Thanksgiving Day'],
    [addDays(nthWeekday(year, 11, 4, 4), 1), 'Day after Thanksgiving'],
    [ymd(year, 12, 25), 'Christmas Day'],
  ];
  const mx: [string, string][] = [
    [ymd(year, 1, 1), 'Año Nuevo'],
    [nthWeekday(year, 2, 1, 1), 'Día de la Constitución'],
    [nthWeekday(year, 3, 1, 3), 'Natalicio de Benito Juárez'],
    [addDays(easter, -3), 'Jueves Santo'],
    [addDays(easter, -2), 'Viernes Santo'],
    [ymd(year, 5, 1), 'Día del Trabajo'],
    [ymd(year, 9, 16), 'Día de la Independencia'],
    [nthWeekday(year, 11, 1, 3), 'Día de la Revolución'],
    [ymd(year, 12, 12), 'Día de la Virgen de Guadalupe'],
    [ymd(year, 12, 25), 'Navidad'],
  ];
  if ((year - 2024) % 6 === 0) mx.push([ymd(year, 10, 1), 'Transmisión del Poder Ejecutivo']);
  const ca: [string, string][] = [
    [ymd(year, 1, 1), "New Year's Day"],
    [nthWeekday(year, 2, 1, 3), 'Family Day'],
    [addDays(easter, -2), 'Good Friday'],
    [addDays(nthWeekday(year, 5, 1, -1), -7), 'Victoria Day'],
    [ymd(year, 7, 1), 'Canada Day'],
    [nthWeekday(year, 8, 1, 1), 'Civic Holiday'],
    [nthWeekday(year, 9, 1, 1), 'Labour Day'],
    [nthWeekday(year, 10, 1, 2), 'Thanksgiving'],
    [ymd(year, 12, 25), 'Christmas Day'],
    [ymd(year, 12, 26), 'Boxing Day'],
  ];
  const out: Holiday[] = [];
  for (const [date, name] of us) {
    out.push({ date, country: 'US', name });
    const obs = observed(date);
    if (obs !== date) out.push({ date: obs, country: 'US', name: `${name} (observed)` });
  }
  for (const [date, name] of mx) out.push({ date, country: 'MX', name });
  for (const [date, name] of ca) out.push({ date, country: 'CA', name });
  return out;
}
