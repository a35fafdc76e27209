import { memoize, type Store } from '../store/open-store.ts';
import { runQuery } from './compiled-query.ts';
import type { Read } from './provenance.ts';

/**
 * The files behind a wait-time result, summarised: CBP's recorded feed is thousands of hourly
 * pulls, so they are cited as `frontera status` shows them — per source, series and folder,
 * how many files, the first and the last (with checksums) and the span of their vintages.
 */
export interface WaitSourceGroup {
  source: string;
  series: string;
  folder: string;
  files: number;
  /** "2025-03-27 – 2026-01-18": the vintages (pull times) of the files. */
  vintage: string;
  periods: string | null;
  first: { path: string; sha256: string; vintage: string };
  last: { path: string; sha256: string; vintage: string };
}

/** `SELECT DISTINCT source_file_id` under the result's own filter, grouped by folder. */
export function waitSources(
  store: Store,
  read: Read,
  ids: readonly number[] = [],
): Promise<WaitSourceGroup[]> {
  const params = { ...(read.params ?? {}), ids: ids.map(String) };
  const sql = `
    WITH ids AS (
      SELECT DISTINCT source_file_id AS id FROM ${read.table} WHERE ${read.where}
      UNION SELECT CAST(unnest($ids) AS INTEGER)
    )
    SELECT source, series, regexp_replace(path, '/[^/]*$', '') AS folder, count(*)::INTEGER AS files,
           min(vintage) AS v0, max(vintage) AS v1,
           min(period_from) AS p0, max(period_to) AS p1,
           arg_min(path, vintage || path) AS first_path, arg_min(sha256, vintage || path) AS first_sha,
           arg_max(path, vintage || path) AS last_path, arg_max(sha256, vintage || path) AS last_sha
    FROM source_file WHERE id IN (SELECT id FROM ids)
    GROUP BY ALL ORDER BY source, series, folder`;
  return memoize(store, `wait-sources:${sql}:${JSON.stringify(params)}`, async () => {
    const rows = await runQuery(store, {
      kind: 'compiled-query',
      name: 'wait-sources',
      tables: ['wait_times'],
      params,
      reads: [read],
      sql,
    });
    return rows.map((r) => {
      const v0 = String(r.v0);
      const v1 = String(r.v1);
      return {
        source: String(r.source),
        series: String(r.series),
        folder: String(r.folder),
        files: Number(r.files),
        vintage: v0 === v1 ? v0 : `${v0} – ${v1}`,
        periods: r.p0 == null ? null : `${String(r.p0)} – ${String(r.p1)}`,
        first: { path: String(r.first_path), sha256: String(r.first_sha), vintage: v0 },
        last: { path: String(r.last_path), sha256: String(r.last_sha), vintage: v1 },
      };
    });
  });
}
