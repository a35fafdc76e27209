/**
 * Wall-clock times in IANA zones, through the runtime's own time-zone database (Intl): the
 * season (standard or daylight time) comes from the zone's rules for that date, never from a
 * hand-kept offset table or from the abbreviation a feed happens to print.
 */

export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
    formatters.set(zone, f);
  }
  return f;
}

/**
 * Offsets already asked, by zone and exact instant: a wait-time feed asks about the same few
 * dozen instants thousands of times, and `formatToParts` is the costliest step of reading it.
 */
const offsets = new Map<string, number>();

/** The zone's offset from UTC at an instant, in minutes ("GMT-04:00" → -240). */
export function zoneOffsetMinutes(instantMs: number, zone: string): number {
  const key = `${zone} ${instantMs}`;
  let minutes = offsets.get(key);
  if (minutes === undefined) {
    minutes = askOffset(instantMs, zone);
    if (offsets.size >= 100_000) offsets.clear();
    offsets.set(key, minutes);
  }
  return minutes;
}

function askOffset(instantMs: number, zone: string): number {
  const name = formatter(zone)
    .formatToParts(new Date(instantMs))
    .find((p) => p.type === 'timeZoneName')?.value;
  const m = /^GMT(?:([+-])(\d{2}):(\d{2}))?$/.exec(name ?? '');
  if (!m) throw new Error(`no UTC offset for ${zone} at ${new Date(instantMs).toISOString()}`);
  if (!m[1]) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

/** Milliseconds of a local wall time read as if it were UTC; subtract the offset for the instant. */
export function wallMillis(date: LocalDate, seconds: number): number {
  return Date.UTC(date.year, date.month - 1, date.day) + seconds * 1000;
}

/**
 * The instant a wall time on a date names in a zone. In the hour skipped in spring the clock
 * is read with the offset before the change; in the hour repeated in autumn, the first pass.
 */
export function zonedInstant(date: LocalDate, seconds: number, zone: string): number {
  const wall = wallMillis(date, seconds);
  const before = wall - zoneOffsetMinutes(wall - 86_400_000, zone) * 60_000;
  const after = wall - zoneOffsetMinutes(wall + 86_400_000, zone) * 60_000;
  if (before === after) return before;
  // Around a change: keep the reading whose offset the zone really has at that instant.
  const fits = (t: number) => t - wall === -zoneOffsetMinutes(t, zone) * 60_000;
  return fits(before) ? before : fits(after) ? after : before;
}

/** An instant written as ISO 8601 with the zone's offset at that instant (TIMESTAMPTZ text). */
export function isoInZone(instantMs: number, zone: string): string {
  const offset = zoneOffsetMinutes(instantMs, zone);
  const local = new Date(instantMs + offset * 60_000).toISOString().slice(0, 19);
  const p2 = (n: number) => String(n).padStart(2, '0');
  const off = Math.abs(offset);
  return `${local}${offset < 0 ? '-' : '+'}${p2(Math.floor(off / 60))}:${p2(off % 60)}`;
}

/** The calendar day before a date. */
export function previousDay(date: LocalDate): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day - 1));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}
