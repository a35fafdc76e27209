import { holidaysOf, type HolidayCountry } from './holidays.ts';
import type { LaneSeries } from './lane-series.ts';

/** Whose holidays move a crossing's traffic: the US side and the country across. */
export function holidayCountries(portNumber: string): HolidayCountry[] {
  const district = portNumber.slice(0, 2).toLowerCase();
  const canada = ['01', '02', '07', '09', '30', '33', '34', '36', '38', 'l0'].includes(district);
  return canada ? ['US', 'CA'] : ['US', 'MX'];
}

const byCountries = new Map<string, Map<string, string[]>>();

/** The holidays (names) on a local date for these countries, from the rules in holidays.ts. */
export function holidaysOn(countries: readonly HolidayCountry[], date: string): string[] {
  const key = countries.join(',');
  let m = byCountries.get(key);
  if (!m) byCountries.set(key, (m = new Map()));
  const year = Number(date.slice(0, 4));
  if (!m.has(`${year}`)) {
    m.set(`${year}`, []);
    for (const h of holidaysOf(year)) {
      if (!countries.includes(h.country)) continue;
      const list = m.get(h.date) ?? [];
      m.set(h.date, [...list, `${h.name} (${h.country})`]);
    }
  }
  return m.get(date) ?? [];
}

/** Is this local date a public holiday on either side of the lane's crossing? */
export function isHoliday(s: LaneSeries, date: string): boolean {
  return holidaysOn(holidayCountries(s.key.portNumber), date).length > 0;
}
