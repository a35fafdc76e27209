import { runQuery } from '../analytics/compiled-query.ts';
import type { Store } from '../store/open-store.ts';
import { waitCrossings } from '../analytics/resolve-wait-place.ts';
import { laneReadingsQuery, laneSourcesQuery } from './forecast-queries.ts';
import { laneSeries, type LaneKey, type LaneSeries, type Reading } from './lane-series.ts';

/** The files a forecast rests on, summarised: a recorded feed is thousands of pulls. */
export interface SourceSummary {
  folder: string;
  files: number;
  firstFile: string;
  lastFile: string;
}

export interface LaneHistory {
  lanes: LaneSeries[];
  /** Crossings asked whose zone is unknown (`analytics/port-zone.ts`; refused by callers). */
  noZone: string[];
  sources: SourceSummary[];
  /** First and last reading (with a wait) used, ISO UTC; null when none. */
  span: { from: string; to: string } | null;
}

const keyText = (k: LaneKey) => `${k.portNumber}|${k.laneType}|${k.laneKind}`;

/**
 * Every reading with a wait in minutes for these crossings, revisions included, as published
 * before `beforeMs` (a reading counts from the snapshot that carried it: `snapshot_at`). Rows
 * a file set aside are left out, as in the default views. Read through `runQuery`, so it runs
 * on either engine (`forecast-queries.ts`).
 */
export async function loadLaneHistory(
  store: Store,
  portNumbers: readonly string[],
  beforeMs = Infinity,
): Promise<LaneHistory> {
  const before = Number.isFinite(beforeMs) ? new Date(beforeMs).toISOString() : null;
  if (portNumbers.length === 0) return { lanes: [], noZone: [], sources: [], span: null };
  const rows = await runQuery(store, laneReadingsQuery(portNumbers, before));
  const groups = new Map<string, { key: LaneKey; readings: Reading[] }>();
  let lo = Infinity;
  let hi = -Infinity;
  for (const r of rows) {
    const obs = r.observed_ms;
    const key = {
      portNumber: String(r.port_number),
      laneType: String(r.lane_type),
      laneKind: String(r.lane_kind),
    };
    const t = keyText(key);
    let g = groups.get(t);
    if (!g) groups.set(t, (g = { key, readings: [] }));
    g.readings.push({
      observedMs: Number(obs),
      availableMs: Number(r.snapshot_ms),
      minutes: Number(r.delay_minutes),
    });
    lo = Math.min(lo, Number(obs));
    hi = Math.max(hi, Number(obs));
  }
  // The zone comes from the crossing's port and state, as for the waits readers: one table.
  const zones = new Map(
    (await waitCrossings(store)).filter((c) => c.zone !== '').map((c) => [c.portNumber, c.zone]),
  );
  const crossingZone = (p: string) => zones.get(p);
  const noZone = portNumbers.filter((p) => crossingZone(p) === undefined);
  const lanes = [...groups.values()]
    .filter((g) => crossingZone(g.key.portNumber) !== undefined)
    .sort((a, b) => keyText(a.key).localeCompare(keyText(b.key)))
    .map((g) => laneSeries(g.key, crossingZone(g.key.portNumber)!, g.readings));
  const f = await runQuery(store, laneSourcesQuery(portNumbers, before));
  const sources = f.map((x) => ({
    folder: String(x.folder),
    files: Number(x.files),
    firstFile: String(x.first_file),
    lastFile: String(x.last_file),
  }));
  const span = Number.isFinite(lo)
    ? { from: new Date(lo).toISOString(), to: new Date(hi).toISOString() }
    : null;
  return { lanes, noZone, sources, span };
}
