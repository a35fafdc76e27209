import { CoverageError } from '../analytics/lookup-error.ts';
import { runQuery, runShared } from '../analytics/compiled-query.ts';
import { memoize, type Store } from '../store/open-store.ts';
import { lineDutiesParams, lineDutiesSql } from './line-duties-sql.ts';
import { SECTION_232_2022_2025 } from './section-232-regime.ts';
import { section232Table } from './section232-table.ts';
import { section301Table } from './section301-table.ts';

/** The temporary table holding a year's line frame, named from a number, never from text. */
export function frameTable(year: number): string {
  if (!Number.isInteger(year) || year < 1900 || year > 2100) throw new Error(`bad year ${year}`);
  return `tariff_line_frame_${year}`;
}

/**
 * Builds the year's per-line frame (every import line with its baseline duty components) once
 * per loaded state of the store, as a temporary table (allowed on a read-only database):
 * baselines and scenarios then read 50,000 rows instead of re-running the joins. Ingest clears
 * the memo, so the next call rebuilds it.
 */
export async function lineFrame(store: Store, year: number): Promise<string> {
  await checkCoverage(store, year);
  const table = frameTable(year);
  await memoize(store, `tariff-frame:${year}`, async () => {
    const s301 = await section301Table(store, year);
    const s232 = await section232Table(store, year);
    await runQuery(store, {
      kind: 'compiled-query',
      name: 'tariff-line-frame',
      session: true,
      tables: [
        'trade_product',
        'tariff_line',
        'hts_line',
        'usmca_share',
        'tariff_measure',
        'chapter99_heading',
        'chapter99_provision',
      ],
      params: lineDutiesParams(year),
      sql: `CREATE OR REPLACE TEMP TABLE ${table} AS WITH ${lineDutiesSql(SECTION_232_2022_2025, s301, s232)}
            SELECT * FROM line_duties`,
    });
    return table;
  });
  return table;
}

/** The engine needs a full year of HTS10 imports and that year's tariff schedule. */
async function checkCoverage(store: Store, year: number): Promise<void> {
  const [r] = await runShared(store, {
    kind: 'compiled-query',
    name: 'tariff-coverage',
    tables: ['trade_product', 'tariff_line'],
    params: {},
    sql: `SELECT
            (SELECT list(DISTINCT year(period_end) ORDER BY year(period_end)) FROM trade_product
             WHERE flow = 'import_consumption' AND hs_level = 10 AND geo_level = 'country'
               AND month(period_start) = 1 AND month(period_end) = 12
               AND year(period_start) = year(period_end)) AS trade_years,
            (SELECT list(DISTINCT year ORDER BY year) FROM tariff_line) AS schedule_years`,
  });
  const trade = ((r?.trade_years as number[] | null) ?? []).map(Number);
  const schedules = ((r?.schedule_years as number[] | null) ?? []).map(Number);
  if (!trade.includes(year)) {
    throw new CoverageError(
      'Full-year HTS10 imports for consumption (Census API, year to date at December)',
      String(year),
      trade.length ? trade.join(', ') : 'no full year',
    );
  }
  if (!schedules.includes(year)) {
    throw new CoverageError(
      'The USITC tariff database',
      String(year),
      schedules.length ? schedules.map(String).join(', ') : 'no schedule year',
    );
  }
}
