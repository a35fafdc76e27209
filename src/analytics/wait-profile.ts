import { memoize, type Store } from '../store/open-store.ts';
import { runQuery, type Row } from './compiled-query.ts';
import type { WaitCrossingRef } from './resolve-wait-place.ts';
import { compileWait, waitRead, type WaitScope } from './wait-queries.ts';
import { waitScope, type WaitBasis, type WaitOptions } from './wait-scope.ts';
import { waitSources, type WaitSourceGroup } from './wait-sources.ts';

/**
 * A cell is shown only when this many hourly values stand behind it: about two months of one
 * weekday's hour. Fewer would let one odd day set the "typical" wait.
 */
export const MIN_HOURS = 8;

/** Median and 80th percentile of the hourly values in a cell, and what they rest on. */
export interface WaitCell {
  median: number;
  p80: number;
  /** Hourly values (UTC hours with readings) behind the cell. */
  hours: number;
  /** Readings behind those hourly values. */
  readings: number;
}

export interface LaneProfile {
  portNumber: string;
  crossing: string;
  laneType: string;
  laneKind: string;
  /** Cells with at least `minHours` hourly values, by local weekday (1 Monday) and hour. */
  hourOfWeek: (WaitCell & { weekday: number; hour: number })[];
  byMonth: (WaitCell & { month: number })[];
  /** Cells left out for having too few hourly values. */
  hidden: { hourOfWeek: number; byMonth: number };
}

export interface WaitProfile extends WaitBasis {
  kind: 'wait-profile';
  minHours: number;
  lanesProfiled: LaneProfile[];
  sources: WaitSourceGroup[];
  notes: string[];
}

type Key = string;
const keyOf = (r: Row) => `${String(r.port_number)}|${String(r.lane_type)}|${String(r.lane_kind)}`;

const cell = (r: Row): WaitCell => ({
  median: round1(Number(r.median)),
  p80: round1(Number(r.p80)),
  hours: Number(r.hours),
  readings: Number(r.readings),
});
const round1 = (x: number) => Math.round(x * 10) / 10;

/** Every cell of the scope, shown or not, per crossing and lane (computed once per store state). */
export function profileCells(
  store: Store,
  scope: WaitScope,
): Promise<{ week: Map<Key, Row[]>; month: Map<Key, Row[]> }> {
  return memoize(store, `wait-cells:${JSON.stringify(scope)}`, async () => {
    const group = (rows: Row[]) => {
      const m = new Map<Key, Row[]>();
      for (const r of rows) {
        const k = keyOf(r);
        const g = m.get(k);
        if (g) g.push(r);
        else m.set(k, [r]);
      }
      return m;
    };
    const [week, month] = await Promise.all([
      runQuery(store, compileWait({ kind: 'wait-hour-of-week', scope })),
      runQuery(store, compileWait({ kind: 'wait-by-month', scope })),
    ]);
    return { week: group(week), month: group(month) };
  });
}

/** The typical cell of one crossing and lane at a local hour of the week, if shown. */
export async function typicalAt(
  store: Store,
  scope: WaitScope,
  lane: { portNumber: string; laneType: string; laneKind: string },
  weekday: number,
  hour: number,
  minHours = MIN_HOURS,
): Promise<(WaitCell & { weekday: number; hour: number }) | null> {
  const { week } = await profileCells(store, scope);
  const r = week
    .get(`${lane.portNumber}|${lane.laneType}|${lane.laneKind}`)
    ?.find((x) => Number(x.weekday) === weekday && Number(x.hour) === hour);
  if (!r || Number(r.hours) < minHours) return null;
  return { ...cell(r), weekday, hour };
}

/**
 * Typical wait by local hour of week and by month, per crossing and lane: the median and 80th
 * percentile (DuckDB `quantile_cont`, interpolated) of the hourly values, with how many hourly
 * values and readings stand behind each cell.
 */
export async function waitProfile(
  store: Store,
  asked: string,
  opts: WaitOptions & { minHours?: number } = {},
): Promise<WaitProfile> {
  const minHours = opts.minHours ?? MIN_HOURS;
  const { scope, basis, notes } = await waitScope(store, asked, opts);
  const { week, month } = await profileCells(store, scope);
  const names = new Map(basis.place.crossings.map((c) => [c.portNumber, c]));
  const lanes: LaneProfile[] = [];
  for (const [k, rows] of week) {
    const [portNumber, laneType, laneKind] = k.split('|') as [string, string, string];
    const months = month.get(k) ?? [];
    const shownWeek = rows.filter((r) => Number(r.hours) >= minHours);
    const shownMonth = months.filter((r) => Number(r.hours) >= minHours);
    lanes.push({
      portNumber,
      crossing: crossingLabel(names.get(portNumber), portNumber),
      laneType,
      laneKind,
      hourOfWeek: shownWeek.map((r) => ({
        weekday: Number(r.weekday),
        hour: Number(r.hour),
        ...cell(r),
      })),
      byMonth: shownMonth.map((r) => ({ month: Number(r.month), ...cell(r) })),
      hidden: {
        hourOfWeek: rows.length - shownWeek.length,
        byMonth: months.length - shownMonth.length,
      },
    });
  }
  const thin = lanes.filter((l) => l.hourOfWeek.length === 0);
  if (thin.length > 0)
    notes.push(
      `no hour of the week has ${minHours} hourly values for ${thin.map((l) => `${l.crossing} ${l.laneType}/${l.laneKind}`).join(', ')}: nothing typical is shown for them`,
    );
  return {
    kind: 'wait-profile',
    ...basis,
    method: [
      ...basis.method,
      `median and 80th percentile of the hourly values in each cell (interpolated); a cell is shown when at least ${minHours} hourly values stand behind it`,
    ],
    minHours,
    lanesProfiled: lanes,
    sources: await waitSources(store, waitRead(scope)),
    notes,
  };
}

export const crossingLabel = (c: WaitCrossingRef | undefined, portNumber: string) =>
  c ? c.label : portNumber;
