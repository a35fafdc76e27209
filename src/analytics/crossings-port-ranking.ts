import { memoize, type Store } from '../store/open-store.ts';
import { askedOften } from './asked-often.ts';
import { compileBorder } from './border-queries.ts';
import { runQuery, runShared, type Row } from './compiled-query.ts';
import { fileProvenance, readProvenance, type SourceRef } from './provenance.ts';

interface PortYear {
  measure: string;
  year: number;
  border: string | null;
  key: string | null;
  portName: unknown;
  count: bigint;
  files: number[];
}

/**
 * Ports ranked by one measure's crossings in a year (optionally on one border), up to 1,000,
 * as the `crossings` by-port query ranks them (count descending, then port code), with the
 * files of the rows read. A store asked for rankings often (a server: every measure, border and
 * year) sums every measure, year and port once and ranks each in memory; a one-off command
 * runs the query. The same rows and files either way.
 */
export async function crossingsPortRanking(
  store: Store,
  spec: { measure: string; border?: 'mexico' | 'canada'; year: number },
): Promise<{ rows: Row[]; sources: () => Promise<SourceRef[]> }> {
  const ranking = compileBorder({ kind: 'crossings', by: 'port', ...spec, limit: 1000 });
  const all = (await askedOften(store, 'crossings-port-ranking'))
    ? await portYears(store)
    : undefined;
  if (!all) {
    // The same for every limit asked (it ranks up to 1,000 ports): read once per loaded state.
    const rows = await runShared(store, ranking);
    return { rows, sources: () => readProvenance(store, ranking.reads ?? []) };
  }
  const picked = (all.get(`${spec.measure}\u0000${spec.year}`) ?? []).filter(
    (p) => spec.border === undefined || p.border === spec.border,
  );
  const rows = picked
    .sort((a, b) => {
      if (a.count !== b.count) return a.count > b.count ? -1 : 1;
      if (a.key === b.key) return 0;
      if (a.key === null) return 1;
      if (b.key === null) return -1;
      return a.key < b.key ? -1 : 1;
    })
    .slice(0, 1000)
    .map((p) => ({ key: p.key, port_name: p.portName, count: p.count }));
  return {
    rows,
    sources: () =>
      fileProvenance(
        store,
        picked.flatMap((p) => p.files),
      ),
  };
}

/**
 * Crossings summed by measure, year and port, by measure and year, read once per loaded state;
 * undefined (rank by query) if some port is on more than one border, where a ranking of both
 * borders would have to add a port's rows across them.
 */
function portYears(store: Store): Promise<Map<string, PortYear[]> | undefined> {
  return memoize(store, 'crossings-port-years', async () => {
    const rows = await runQuery(store, {
      kind: 'compiled-query',
      name: 'crossings-port-years',
      tables: ['crossings'],
      params: {},
      sql: `SELECT measure, year(month)::INTEGER AS year, border, port_code AS key,
                   any_value(port_name) AS port_name, sum(count) AS count,
                   list(DISTINCT source_file_id) AS files
            FROM crossings WHERE measure IS NOT NULL AND month IS NOT NULL
            GROUP BY measure, year(month), border, port_code`,
    });
    const borders = new Map<string | null, string | null>();
    const byMeasureYear = new Map<string, PortYear[]>();
    for (const r of rows) {
      const key = r.key == null ? null : String(r.key);
      const border = r.border == null ? null : String(r.border);
      if (borders.has(key) && borders.get(key) !== border) return undefined;
      borders.set(key, border);
      const k = `${String(r.measure)}\u0000${Number(r.year)}`;
      const list = byMeasureYear.get(k) ?? [];
      list.push({
        measure: String(r.measure),
        year: Number(r.year),
        border,
        key,
        portName: r.port_name,
        count: r.count as bigint,
        files: (r.files as number[]).map(Number),
      });
      byMeasureYear.set(k, list);
    }
    return byMeasureYear;
  });
}

/**
 * Each port's crossings of one measure in a year (all borders), with the files of the rows
 * (`measure = $measure AND year(month) = $year`), from the sums `crossingsPortRanking` keeps:
 * undefined on a store not asked for them often (the caller runs its query).
 */
export async function crossingsPortCounts(
  store: Store,
  measure: string,
  year: number,
): Promise<{ counts: Map<string, bigint>; sources: () => Promise<SourceRef[]> } | undefined> {
  if (!(await askedOften(store, 'crossings-port-counts'))) return undefined;
  const all = await portYears(store);
  if (!all) return undefined;
  const picked = all.get(`${measure}\u0000${year}`) ?? [];
  return {
    counts: new Map(picked.map((p) => [String(p.key), p.count])),
    sources: () =>
      fileProvenance(
        store,
        picked.flatMap((p) => p.files),
      ),
  };
}
