import { zoneOffsetMinutes } from '../sources/zoned-time.ts';

export const HOUR_MS = 3_600_000;

/** One CBP lane of one crossing: the unit the forecast is made for. */
export interface LaneKey {
  portNumber: string;
  laneType: string;
  laneKind: string;
}

/** One stated wait: when CBP read it, when a pull first carried it, and the minutes. */
export interface Reading {
  observedMs: number;
  /** The snapshot that stated this value: before then nobody could have known it. */
  availableMs: number;
  minutes: number;
}

/**
 * A lane's readings as an hourly series (UTC hours since the epoch). Each hour's value is the
 * mean of the readings observed in it. `settledMs` is when the hour's last revision was
 * published: asked at a time after it, the hour's value is `final`; asked earlier, only the
 * readings (and revisions) already published count — that is what keeps a forecast "as of T"
 * from seeing anything CBP had not yet published at T.
 */
export interface LaneSeries {
  key: LaneKey;
  zone: string;
  /** Hour index of `final[0]`. */
  firstHour: number;
  final: Float64Array;
  settledMs: Float64Array;
  /** Hour-of-week in the crossing's local time, 0 = Sunday 00:00, for each hour of `final`. */
  localHourOfWeek: Uint8Array;
  /** Local calendar date (YYYY-MM-DD) of each hour, for calendar effects. */
  localDate: string[];
  /** Every reading and revision, by hour, for hours asked before they settled. */
  readings: Map<number, Reading[]>;
  /** Readings counted (with a wait in minutes). */
  count: number;
}

/** Builds a lane's hourly series from its readings (any order, revisions included). */
export function laneSeries(
  key: LaneKey,
  zone: string,
  readings: readonly Reading[],
  lastHour?: number,
): LaneSeries {
  let lo = Infinity;
  let hi = -Infinity;
  for (const r of readings) {
    const h = Math.floor(r.observedMs / HOUR_MS);
    if (h < lo) lo = h;
    if (h > hi) hi = h;
  }
  if (!Number.isFinite(lo)) lo = hi = lastHour ?? 0;
  if (lastHour !== undefined && lastHour > hi) hi = lastHour;
  const n = hi - lo + 1;
  const byHour = new Map<number, Reading[]>();
  for (const r of readings) {
    const h = Math.floor(r.observedMs / HOUR_MS);
    let list = byHour.get(h);
    if (!list) byHour.set(h, (list = []));
    list.push(r);
  }
  const final = new Float64Array(n).fill(NaN);
  const settledMs = new Float64Array(n).fill(-Infinity);
  for (const [h, list] of byHour) {
    final[h - lo] = valueOf(list, Infinity);
    settledMs[h - lo] = Math.max(...list.map((r) => r.availableMs));
  }
  const localHourOfWeek = new Uint8Array(n);
  const localDate: string[] = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    const l = localHour(zone, lo + i);
    localHourOfWeek[i] = l.hourOfWeek;
    localDate[i] = l.date;
  }
  return {
    key,
    zone,
    firstHour: lo,
    final,
    settledMs,
    localHourOfWeek,
    localDate,
    readings: byHour,
    count: readings.length,
  };
}

/**
 * The mean of an hour's readings as known before `beforeMs`: each observation at its latest
 * revision published by then; NaN when none was.
 */
function valueOf(list: readonly Reading[], beforeMs: number): number {
  const latest = new Map<number, Reading>();
  for (const r of list) {
    if (r.availableMs >= beforeMs) continue;
    const seen = latest.get(r.observedMs);
    if (!seen || r.availableMs > seen.availableMs) latest.set(r.observedMs, r);
  }
  if (latest.size === 0) return NaN;
  let sum = 0;
  for (const r of latest.values()) sum += r.minutes;
  return sum / latest.size;
}

/** Local hour-of-week (0 = Sunday 00:00) and calendar date of UTC hour index `h` in a zone. */
export function localHour(zone: string, h: number): { hourOfWeek: number; date: string } {
  let memo = localHours.get(zone);
  if (!memo) localHours.set(zone, (memo = new Map()));
  let l = memo.get(h);
  if (!l) memo.set(h, (l = askLocalHour(zone, h)));
  return l;
}

/** Every hour asked, per zone: a backtest asks each hour of ten months for dozens of lanes. */
const localHours = new Map<string, Map<number, { hourOfWeek: number; date: string }>>();

function askLocalHour(zone: string, h: number): { hourOfWeek: number; date: string } {
  const ms = h * HOUR_MS;
  const local = ms + zoneOffsetMinutes(ms, zone) * 60_000;
  const day = Math.floor(local / 86_400_000);
  return {
    hourOfWeek: ((day + 4) % 7) * 24 + Math.floor((local - day * 86_400_000) / HOUR_MS),
    date: new Date(day * 86_400_000).toISOString().slice(0, 10),
  };
}

/** The local hour-of-week of hour `h`, from the series' table where it reaches. */
export function hourOfWeekAt(s: LaneSeries, h: number): number {
  const i = h - s.firstHour;
  return i >= 0 && i < s.final.length ? s.localHourOfWeek[i]! : localHour(s.zone, h).hourOfWeek;
}

/** The local date of hour `h`. */
export function localDateAt(s: LaneSeries, h: number): string {
  const i = h - s.firstHour;
  return i >= 0 && i < s.final.length ? s.localDate[i]! : localHour(s.zone, h).date;
}

/** The value of hour `h` (index) as known before `beforeMs` (NaN: nothing published yet). */
export function knownValue(s: LaneSeries, h: number, beforeMs: number): number {
  const i = h - s.firstHour;
  if (i < 0 || i >= s.final.length) return NaN;
  if (s.settledMs[i]! < beforeMs) return s.final[i]!;
  const list = s.readings.get(h);
  return list ? valueOf(list, beforeMs) : NaN;
}
