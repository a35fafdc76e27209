import type { Store } from '../store/open-store.ts';
import { waitCrossings } from '../analytics/resolve-wait-place.ts';
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
 * a file set aside are left out, as in the default views.
 */
export async function loadLaneHistory(
  store: Store,
  portNumbers: readonly string[],
  beforeMs = Infinity,
): Promise<LaneHistory> {
  const before = Number.isFinite(beforeMs) ? new Date(beforeMs).toISOString() : null;
  const list = portNumbers.map((p) => `'${p.replace(/'/g, "''")}'`).join(', ');
  if (list === '') return { lanes: [], noZone: [], sources: [], span: null };
  const where = `set_aside IS NULL AND delay_minutes IS NOT NULL AND port_number IN (${list})${
    before ? ` AND snapshot_at < '${before}'::TIMESTAMPTZ` : ''
  }`;
  const r = await store.conn.runAndReadAll(
    `SELECT port_number, lane_type, lane_kind, epoch_ms(observed_at)::DOUBLE, epoch_ms(snapshot_at)::DOUBLE, delay_minutes
     FROM wait_times_all WHERE ${where}`,
  );
  const groups = new Map<string, { key: LaneKey; readings: Reading[] }>();
  let lo = Infinity;
  let hi = -Infinity;
  for (const [port, type, kind, obs, snap, mins] of r.getRowsJS()) {
    const key = { portNumber: String(port), laneType: String(type), laneKind: String(kind) };
    const t = keyText(key);
    let g = groups.get(t);
    if (!g) groups.set(t, (g = { key, readings: [] }));
    g.readings.push({ observedMs: Number(obs), availableMs: Number(snap), minutes: Number(mins) });
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
  const f = await store.conn.runAndReadAll(
    `WITH used AS (SELECT DISTINCT source_file_id FROM wait_times_all WHERE ${where})
     SELECT regexp_replace(path, '/[^/]*$', '') AS folder, count(*), min(regexp_extract(path, '[^/]*$')), max(regexp_extract(path, '[^/]*$'))
     FROM source_file JOIN used ON used.source_file_id = source_file.id GROUP BY 1 ORDER BY 1`,
  );
  const sources = f.getRowsJS().map(([folder, n, first, last]) => ({
    folder: String(folder),
    files: Number(n),
    firstFile: String(first),
    lastFile: String(last),
  }));
  const span = Number.isFinite(lo)
    ? { from: new Date(lo).toISOString(), to: new Date(hi).toISOString() }
    : null;
  return { lanes, noZone, sources, span };
}
