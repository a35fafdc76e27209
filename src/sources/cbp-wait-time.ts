import type { Cell } from '../model/extract.ts';
import { isoInZone, previousDay, zonedInstant, type LocalDate } from './zoned-time.ts';

export type { LocalDate } from './zoned-time.ts';

/**
 * What the CBP Border Wait Times readers (bwtnew JSON, RSS, bwt.xml) share: the row shape of
 * `wait_times`, CBP's way of writing a time ("At Noon EDT", "At 1:00 pm CDT") on a date written
 * "6/29/2022", which zone that time is in, and where a reading falls against its snapshot.
 */
export const WAIT_TIME_COLUMNS = [
  'port_number',
  'port_name',
  'crossing_name',
  'border',
  'lane_type',
  'lane_kind',
  'observed_at',
  'operational_status',
  'delay_minutes',
  'lanes_open',
  'snapshot_at',
];

export type LaneType = 'commercial' | 'passenger' | 'pedestrian';
export type LaneKind = 'standard' | 'fast' | 'nexus_sentri' | 'ready';

export interface WaitTimeRow {
  portNumber: string | null;
  portName: string | null;
  crossingName: string | null;
  border: 'canada' | 'mexico' | null;
  laneType: LaneType;
  laneKind: LaneKind;
  /** ISO instant with the offset the source stated, e.g. 2022-06-29T12:00:00-04:00. */
  observedAt: string;
  status: string | null;
  delayMinutes: number | null;
  lanesOpen: number | null;
  /** When the feed that stated this reading was current (ISO instant); no reading is later. */
  snapshotAt: string | null;
}

export function toCells(r: WaitTimeRow): Cell[] {
  return [
    r.portNumber,
    r.portName,
    r.crossingName,
    r.border,
    r.laneType,
    r.laneKind,
    r.observedAt,
    r.status,
    r.delayMinutes,
    r.lanesOpen,
    r.snapshotAt,
  ];
}

/** The store's observation key; one file must not state the same observation twice. */
export function observationKey(r: WaitTimeRow): string {
  const instant = Date.parse(r.observedAt);
  return [r.portNumber, r.crossingName, r.laneType, r.laneKind, instant].join('\u0000');
}

/**
 * The IANA zone each abbreviation CBP prints belongs to. Only the zone is taken from it: the
 * season comes from the zone's rules on the reading's date. CBP's labels agree with the season
 * everywhere but Arizona, which keeps MST all year and whose ports sometimes print "PST" (the
 * same clock as PDT in summer): "MST" is read as Arizona's zone (identical to Mountain time in
 * winter), and a port in Arizona is read in Arizona's zone whatever it prints.
 */
const ZONES: Readonly<Record<string, string>> = {
  EST: 'America/New_York',
  EDT: 'America/New_York',
  CST: 'America/Chicago',
  CDT: 'America/Chicago',
  MST: 'America/Phoenix',
  MDT: 'America/Denver',
  PST: 'America/Los_Angeles',
  PDT: 'America/Los_Angeles',
  AKST: 'America/Anchorage',
  AKDT: 'America/Anchorage',
  HST: 'Pacific/Honolulu',
};

/** The zones US land ports keep. */
export const US_ZONES: readonly string[] = [...new Set(Object.values(ZONES))];

/** CBP's own clock: `last_updated` and the RSS pubDate are US Eastern local time ("EST" all year). */
export const CBP_CLOCK = 'America/New_York';

/** CBP numbers Arizona's ports (Nogales field office) 26xxxx. */
const ARIZONA = /^26\d{4}$/;

/** The zone a lane time is written in, from its abbreviation and, where known, its port. */
export function readingZone(abbreviation: string, portNumber: string | null): string | undefined {
  const zone = ZONES[abbreviation.toUpperCase()];
  if (zone && portNumber && ARIZONA.test(portNumber)) return 'America/Phoenix';
  return zone;
}

/** "6/29/2022" (month/day/year, as CBP writes dates) → parts; undefined if not a real date. */
export function parseUsDate(text: string): LocalDate | undefined {
  const m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(text);
  if (!m) return undefined;
  return checkedDate(Number(m[3]), Number(m[1]), Number(m[2]));
}

/** Year, month, day → parts; undefined if not a real date (CBP writes "2025-6-22" too). */
export function checkedDate(year: number, month: number, day: number): LocalDate | undefined {
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return undefined;
  return { year, month, day };
}

export interface ClockTime {
  /** Minutes after local midnight. */
  minutes: number;
  /** The zone abbreviation as printed ("CDT"). */
  abbreviation: string;
}

/**
 * "At Noon EDT", "At Midnight CDT", "At 1:00 pm CDT", "At 0:05 am EDT" (the "At" is optional)
 * → local time and the printed zone. Midnight is the start of the day the time is written on.
 */
export function parseClock(text: string): ClockTime | undefined {
  const m =
    /^\s*(?:At\s+)?(?:(noon|midnight)|(\d{1,2}):(\d{2})\s*([ap])\.?m\.?)\s+([a-z]{2,4})\s*$/i.exec(
      text,
    );
  if (!m) return undefined;
  const abbreviation = (m[5] ?? '').toUpperCase();
  if (!ZONES[abbreviation]) return undefined;
  let minutes: number;
  if (m[1]) {
    minutes = m[1].toLowerCase() === 'noon' ? 12 * 60 : 0;
  } else {
    const hour = Number(m[2]);
    const minute = Number(m[3]);
    const am = m[4]?.toLowerCase() === 'a';
    // CBP writes the first hour after midnight both as "12:05 am" and as "0:05 am".
    if (hour > 12 || (hour === 0 && !am) || minute > 59) return undefined;
    // 12:xx am is just after midnight, 12:xx pm just after noon.
    minutes = ((hour % 12) + (m[4]?.toLowerCase() === 'p' ? 12 : 0)) * 60 + minute;
  }
  return { minutes, abbreviation };
}

/**
 * How far past its snapshot a reading may be stated and still be taken as today's: CBP stamps
 * some readings up to a couple of hours ahead of the feed that carries them (a clock error at
 * the port). Further ahead, it is an older reading whose port has already turned the date.
 */
export const AHEAD_OF_SNAPSHOT_MS = 3 * 3_600_000;

export type Placement = 'as-stated' | 'previous-day' | 'at-snapshot';

/**
 * A lane reading placed in time. No observation may be later than the snapshot that carries
 * it: a stale reading (hours old) keeps its own time; one stated later than the snapshot is
 * yesterday's reading if that fits (8:00 pm on a date CBP has already moved on), otherwise it
 * is taken at the snapshot time.
 */
export function placeReading(
  date: LocalDate,
  minutes: number,
  zone: string,
  snapshotMs: number | undefined,
): { observedAt: string; placed: Placement } {
  const stated = zonedInstant(date, minutes * 60, zone);
  if (snapshotMs === undefined || stated <= snapshotMs) {
    return { observedAt: isoInZone(stated, zone), placed: 'as-stated' };
  }
  if (stated - snapshotMs > AHEAD_OF_SNAPSHOT_MS) {
    const yesterday = zonedInstant(previousDay(date), minutes * 60, zone);
    if (yesterday <= snapshotMs) {
      return { observedAt: isoInZone(yesterday, zone), placed: 'previous-day' };
    }
  }
  return { observedAt: isoInZone(snapshotMs, zone), placed: 'at-snapshot' };
}

/** Notes saying how many readings were placed other than as stated. */
export function placementNotes(counts: Readonly<Record<Placement, number>>): string[] {
  const notes: string[] = [];
  if (counts['previous-day'] > 0) {
    notes.push(
      `${counts['previous-day']} readings stated later than the snapshot taken as the previous day's (a stale reading on a date CBP had moved on)`,
    );
  }
  if (counts['at-snapshot'] > 0) {
    notes.push(
      `${counts['at-snapshot']} readings stated up to ${AHEAD_OF_SNAPSHOT_MS / 3_600_000} h later than the snapshot stamped at the snapshot time`,
    );
  }
  return notes;
}

export function emptyPlacements(): Record<Placement, number> {
  return { 'as-stated': 0, 'previous-day': 0, 'at-snapshot': 0 };
}

/** The latest local date among observations (their ISO strings start with it), or undefined. */
export function latestLocalDate(rows: readonly WaitTimeRow[]): string | undefined {
  let latest: string | undefined;
  for (const r of rows) {
    const d = r.observedAt.slice(0, 10);
    if (latest === undefined || d > latest) latest = d;
  }
  return latest;
}
