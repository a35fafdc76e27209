import type { Store } from '../store/open-store.ts';
import { runQuery } from './compiled-query.ts';
import {
  crossingLabel,
  MIN_HOURS,
  profileCells,
  typicalAt,
  type WaitCell,
} from './wait-profile.ts';
import { compileWait, waitRead, type WaitScope } from './wait-queries.ts';
import { waitScope, type WaitBasis, type WaitOptions } from './wait-scope.ts';
import { waitSources, type WaitSourceGroup } from './wait-sources.ts';
import { hourOfWeekAt, hourOfWeekLabel, next24, type HourOfWeek } from './wait-week.ts';

/** The latest reading of a crossing and lane against the typical wait at that hour of week. */
export interface WaitNowRow {
  portNumber: string;
  crossing: string;
  laneType: string;
  laneKind: string;
  /** UTC instant of the latest reading, and the same in the port's local time. */
  observedAt: string;
  observedLocal: string;
  minutes: number | null;
  status: string | null;
  lanesOpen: number | null;
  /** The profile's cell at the reading's local hour of week; null when too few hours. */
  typical: (WaitCell & HourOfWeek) | null;
  /** "now 45 min, usually 20 at this hour (Mon 07:00; 80% of hours ≤ 35 min; 41 hours)". */
  text: string;
}

/** The lowest typical wait in the 24 hours of the week from a moment: history, not forecast. */
export interface BestTime {
  portNumber: string;
  crossing: string;
  laneType: string;
  laneKind: string;
  /** The hour of week the 24 hours start at (the asked moment in local time). */
  from: HourOfWeek;
  best: (WaitCell & HourOfWeek) | null;
  text: string;
}

export interface WaitNow extends WaitBasis {
  kind: 'wait-now';
  /** The moment "the next 24 hours" start from (UTC). */
  asOf: string;
  minHours: number;
  rows: WaitNowRow[];
  bestTimes: BestTime[];
  sources: WaitSourceGroup[];
  notes: string[];
}

const min = (x: number) => `${Math.round(x)} min`;

/** Per crossing and lane: the latest reading and the typical wait at its local hour of week. */
export async function latestAgainstTypical(
  store: Store,
  scope: WaitScope,
  basis: WaitBasis,
): Promise<{ rows: WaitNowRow[]; files: number[]; untimed: string[] }> {
  // The readings' own files are cited; the profile's are cited through the scope's filter.
  // Only lanes that ever showed a wait in minutes: a lane CBP lists but never times
  // (San Ysidro's commercial lanes, always 'Update Pending') has no typical wait either, and
  // is named in `untimed`.
  const { week } = await profileCells(store, scope);
  const names = new Map(basis.place.crossings.map((c) => [c.portNumber, c]));
  const all = await runQuery(store, compileWait({ kind: 'wait-latest', scope }));
  const timed = (r: (typeof all)[number]) =>
    week.has(`${String(r.port_number)}|${String(r.lane_type)}|${String(r.lane_kind)}`);
  const latest = all.filter(timed);
  const untimed = all
    .filter((r) => !timed(r))
    .map(
      (r) =>
        `${crossingLabel(names.get(String(r.port_number)), String(r.port_number))} ${String(r.lane_type)}/${String(r.lane_kind)}`,
    );
  const rows: WaitNowRow[] = [];
  const files: number[] = [];
  for (const r of latest) {
    files.push(Number(r.source_file_id));
    const lane = {
      portNumber: String(r.port_number),
      laneType: String(r.lane_type),
      laneKind: String(r.lane_kind),
    };
    const weekday = Number(r.weekday);
    const hour = Number(r.hour);
    const typical = await typicalAt(store, scope, lane, weekday, hour);
    const minutes = r.delay_minutes == null ? null : Number(r.delay_minutes);
    const status = r.operational_status == null ? null : String(r.operational_status);
    const now = minutes === null ? (status ?? 'no wait stated') : `now ${min(minutes)}`;
    const at = hourOfWeekLabel({ weekday, hour });
    rows.push({
      ...lane,
      crossing: crossingLabel(names.get(lane.portNumber), lane.portNumber),
      observedAt: String(r.observed_at),
      observedLocal: String(r.observed_local),
      minutes,
      status,
      lanesOpen: r.lanes_open == null ? null : Number(r.lanes_open),
      typical,
      text: typical
        ? `${now}, usually ${min(typical.median)} at this hour (${at}; 80% of hours ≤ ${min(typical.p80)}; ${typical.hours} hours)`
        : `${now}; too few hours at ${at} for a typical wait (fewer than ${MIN_HOURS})`,
    });
  }
  return { rows, files, untimed };
}

/** For each crossing and lane, the hour with the lowest median in the next 24 hours of the week. */
export async function bestTimes(
  store: Store,
  scope: WaitScope,
  basis: WaitBasis,
  asOf: Date,
): Promise<BestTime[]> {
  const { week } = await profileCells(store, scope);
  const byNumber = new Map(basis.place.crossings.map((c) => [c.portNumber, c]));
  const out: BestTime[] = [];
  for (const [k, cells] of week) {
    const [portNumber, laneType, laneKind] = k.split('|') as [string, string, string];
    const c = byNumber.get(portNumber);
    const from = hourOfWeekAt(asOf, c?.zone ?? 'UTC');
    let best: BestTime['best'] = null;
    for (const h of next24(from)) {
      const r = cells.find((x) => Number(x.weekday) === h.weekday && Number(x.hour) === h.hour);
      if (!r || Number(r.hours) < MIN_HOURS) continue;
      if (best === null || Number(r.median) < best.median)
        best = {
          ...h,
          median: Math.round(Number(r.median) * 10) / 10,
          p80: Math.round(Number(r.p80) * 10) / 10,
          hours: Number(r.hours),
          readings: Number(r.readings),
        };
    }
    out.push({
      portNumber,
      crossing: crossingLabel(c, portNumber),
      laneType,
      laneKind,
      from,
      best,
      text: best
        ? `from history: ${hourOfWeekLabel(best)} has the lowest median in the 24 hours from ${hourOfWeekLabel(from)}, ${min(best.median)} (80% of hours ≤ ${min(best.p80)}; ${best.hours} hours)`
        : `from history: no hour in the 24 hours from ${hourOfWeekLabel(from)} has ${MIN_HOURS} hourly values`,
    });
  }
  return out;
}

/**
 * `waits now`: every crossing and lane's latest reading against the typical wait at that hour
 * of the week, and the best hour to cross in the next 24 hours of the week by its history.
 */
export async function waitNow(
  store: Store,
  asked: string,
  opts: WaitOptions & { asOf?: Date } = {},
): Promise<WaitNow> {
  const { scope, basis, notes } = await waitScope(store, asked, { lanes: opts.lanes });
  const asOf = opts.asOf ?? new Date();
  const { rows, files, untimed } = await latestAgainstTypical(store, scope, basis);
  if (untimed.length > 0) notes.push(untimedNote(untimed));
  const newest = rows.reduce((a, r) => (r.observedAt > a ? r.observedAt : a), '');
  const day = 86_400_000;
  if (newest && asOf.getTime() - Date.parse(newest) > day)
    notes.push(
      `the newest reading loaded is from ${newest}, ${Math.floor((asOf.getTime() - Date.parse(newest)) / day)} days before ${asOf.toISOString()}: "latest" is the latest loaded, not live`,
    );
  return {
    kind: 'wait-now',
    ...basis,
    method: [
      ...basis.method,
      `typical = median and 80th percentile of the hourly values at the reading's local hour of week over all loaded history (at least ${MIN_HOURS} hourly values); best time = the lowest such median in the 24 hours of the week from ${asOf.toISOString()}, from history, not a forecast`,
    ],
    asOf: asOf.toISOString(),
    minHours: MIN_HOURS,
    rows,
    bestTimes: await bestTimes(store, scope, basis, asOf),
    sources: await waitSources(store, waitRead(scope), files),
    notes,
  };
}

/** The lanes CBP lists at a place but never gave a wait in minutes for, said once. */
export function untimedNote(untimed: readonly string[]): string {
  return `${untimed.length} lane${untimed.length === 1 ? '' : 's'} CBP lists here never showed a wait in minutes in the loaded history (only a status such as 'Update Pending' or 'Lanes Closed') and ${untimed.length === 1 ? 'is' : 'are'} left out: ${untimed.join(', ')}`;
}
