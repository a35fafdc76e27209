import { memoize, type Store } from '../store/open-store.ts';
import { runQuery } from './compiled-query.ts';
import type { SourceRef } from './provenance.ts';

export interface CensusVintage {
  /** The release, as `frontera status` shows it ("2018-10"). */
  vintage: string;
  /** First and last month the release covers, YYYY-MM. */
  first: string;
  last: string;
  /** The file the release was loaded from. */
  source: SourceRef;
}

/**
 * The Census `country.xlsx` releases loaded, oldest first, with the months each covers and
 * its file: what `partnerSeries(…, { vintage })` can be asked for when a figure may come from
 * an earlier release than the current one (provenance lists current files only).
 */
export function censusVintages(store: Store): Promise<CensusVintage[]> {
  return memoize(store, 'census-vintages', async () => {
    const rows = await runQuery(store, {
      kind: 'compiled-query',
      name: 'census-vintages',
      tables: ['trade_country_month'],
      params: {},
      sql: `SELECT f.vintage, f.source, f.series, f.path, f.sha256,
                   strftime(min(t.month), '%Y-%m') AS first, strftime(max(t.month), '%Y-%m') AS last
            FROM trade_country_month_all t JOIN source_file f ON f.id = t.source_file_id
            WHERE t.series = 'country.xlsx'
            GROUP BY ALL ORDER BY f.vintage`,
    });
    return rows.map((r) => ({
      vintage: String(r.vintage),
      first: String(r.first),
      last: String(r.last),
      source: {
        source: String(r.source),
        series: String(r.series),
        vintage: String(r.vintage),
        path: String(r.path),
        sha256: String(r.sha256),
        periods: `${String(r.first)} – ${String(r.last)}`,
      },
    }));
  });
}
