import { runQuery } from '../analytics/compiled-query.ts';
import type { Store } from '../store/open-store.ts';
import { SECTION_301_PARTNERS } from './line-duties-sql.ts';
import { lineMeasure, measureInputs, segmentOn, yearRates } from './section301-measures.ts';

/** The temporary table of a year's Section 301 rates per HTS10 line, named from a number. */
export function s301TableName(year: number): string {
  if (!Number.isInteger(year) || year < 1900 || year > 2100) throw new Error(`bad year ${year}`);
  return `tariff_s301_${year}`;
}

/**
 * Writes the year's Section 301 rate of every HTS10 line the partners it applies to import
 * (the dated measure table reduced to the year) into a temporary table the line frame joins:
 * central, none claimed, all claimed, weighted by days and by the partner's monthly imports,
 * with the heading and legal reference in force on 1 July.
 */
export async function section301Table(store: Store, year: number): Promise<string> {
  const table = s301TableName(year);
  const inp = await measureInputs(store, year);
  const lines = await runQuery(store, {
    kind: 'compiled-query',
    name: 's301-lines',
    tables: ['trade_product'],
    params: { year, partners: [...SECTION_301_PARTNERS] },
    sql: `SELECT DISTINCT hs_code FROM trade_product
          WHERE flow = 'import_consumption' AND hs_level = 10 AND geo_level = 'country'
            AND list_contains($partners, partner_code)
            AND period_start = make_date($year, 1, 1) AND period_end = make_date($year, 12, 1)`,
  });
  await store.conn.run(
    `CREATE OR REPLACE TEMP TABLE ${table} (hs_code VARCHAR, s301_rate DOUBLE, s301_none DOUBLE,
       s301_all DOUBLE, s301_rate_imports DOUBLE, heading_jul1 VARCHAR, reference_jul1 VARCHAR,
       excluded BOOLEAN, list_source VARCHAR, conflict VARCHAR)`,
  );
  // The appender: 14,000 rows in milliseconds, where a VALUES list takes seconds to parse.
  const app = await store.conn.createAppender(table, null, 'temp');
  const text = (v: string | null) => (v === null ? app.appendNull() : app.appendVarchar(v));
  for (const r of lines) {
    const code = String(r.hs_code);
    if (!/^\d{10}$/.test(code)) continue;
    const m = lineMeasure(inp, code, year);
    const days = yearRates(m, year, inp, 'days');
    const imports = yearRates(m, year, inp, 'imports');
    const jul = segmentOn(m, `${year}-07-01`);
    app.appendVarchar(code);
    for (const v of [days.central, days.none, days.all, imports.central]) app.appendDouble(v);
    text(jul?.heading ?? null);
    text(jul?.reference ?? null);
    app.appendBoolean(m.segments.some((s) => s.exclusions.length > 0));
    text(m.listSource);
    text(m.conflicts.join('; ') || null);
    app.endRow();
  }
  app.closeSync();
  return table;
}
