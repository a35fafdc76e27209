import type { Cell } from '../model/extract.ts';

/**
 * What the two CBP Border Wait Times readers (bwtnew JSON, RSS) share: the row shape of
 * `wait_times`, and CBP's way of writing a time ("At Noon EDT", "At 1:00 pm CDT") on a date
 * written "6/29/2022".
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
  ];
}

/** The store's observation key; one file must not state the same observation twice. */
export function observationKey(r: WaitTimeRow): string {
  const instant = Date.parse(r.observedAt);
  return [r.portNumber, r.crossingName, r.laneType, r.laneKind, instant].join('\u0000');
}

/**
 * UTC offsets in minutes of the abbreviations CBP prints. Taken literally: CBP writes "PST" for
 * some Arizona ports in summer, and the reading is stored as the abbreviation says.
 */
export const ZONE_OFFSETS: Readonly<Record<string, number>> = {
  EST: -300,
  EDT: -240,
  CST: -360,
  CDT: -300,
  MST: -420,
  MDT: -360,
  PST: -480,
  PDT: -420,
  AKST: -540,
  AKDT: -480,
  HST: -600,
};

export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

/** "6/29/2022" (month/day/year, as CBP writes dates) → parts; undefined if not a real date. */
export function parseUsDate(text: string): LocalDate | undefined {
  const m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(text);
  if (!m) return undefined;
  const [month, day, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return undefined;
  return { year, month, day };
}

export interface ClockTime {
  /** Minutes after local midnight. */
  minutes: number;
  zone: string;
  offset: number;
}

/**
 * "At Noon EDT", "At Midnight CDT", "At 1:00 pm CDT" (the "At" is optional) → local time and
 * offset. Midnight is the start of the day the time is written on.
 */
export function parseClock(text: string): ClockTime | undefined {
  const m =
    /^\s*(?:At\s+)?(?:(noon|midnight)|(\d{1,2}):(\d{2})\s*([ap])\.?m\.?)\s+([a-z]{2,4})\s*$/i.exec(
      text,
    );
  if (!m) return undefined;
  const zone = (m[5] ?? '').toUpperCase();
  const offset = ZONE_OFFSETS[zone];
  if (offset === undefined) return undefined;
  let minutes: number;
  if (m[1]) {
    minutes = m[1].toLowerCase() === 'noon' ? 12 * 60 : 0;
  } else {
    const hour = Number(m[2]);
    const minute = Number(m[3]);
    if (hour < 1 || hour > 12 || minute > 59) return undefined;
    // 12:xx am is just after midnight, 12:xx pm just after noon.
    minutes = ((hour % 12) + (m[4]?.toLowerCase() === 'p' ? 12 : 0)) * 60 + minute;
  }
  return { minutes, zone, offset };
}

/** Local wall time with its offset, written as an ISO string the store casts to TIMESTAMPTZ. */
export function isoLocal(date: LocalDate, seconds: number, offsetMinutes: number): string {
  const p2 = (n: number) => String(n).padStart(2, '0');
  const hh = Math.floor(seconds / 3600);
  const mm = Math.floor((seconds % 3600) / 60);
  const ss = seconds % 60;
  const sign = offsetMinutes < 0 ? '-' : '+';
  const off = Math.abs(offsetMinutes);
  return (
    `${date.year}-${p2(date.month)}-${p2(date.day)}T${p2(hh)}:${p2(mm)}:${p2(ss)}` +
    `${sign}${p2(Math.floor(off / 60))}:${p2(off % 60)}`
  );
}

/** Milliseconds of a local wall time read as if it were UTC; subtract the offset for the instant. */
export function wallMillis(date: LocalDate, seconds: number): number {
  return Date.UTC(date.year, date.month - 1, date.day) + seconds * 1000;
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
