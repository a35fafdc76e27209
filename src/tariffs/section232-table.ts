import { runQuery } from '../analytics/compiled-query.ts';
import type { Store } from '../store/open-store.ts';
import {
  S232_KINDS,
  s232Inputs,
  s232On,
  s232Segments,
  s232YearRates,
} from './section232-measures.ts';
import { SECTION_232_2022_2025 } from './section-232-regime.ts';

/** The temporary table of a year's Section 232 rates per partner and kind, named from a number. */
export function s232TableName(year: number): string {
  if (!Number.isInteger(year) || year < 1900 || year > 2100) throw new Error(`bad year ${year}`);
  return `tariff_s232_${year}`;
}

/**
 * Writes the year's Section 232 rate for every partner the year's imports come from and every
 * kind of product (the dated measure table reduced to the year by days): central (the labelled
 * share assumptions), none paying and all paying, the heading in force on 1 July, and whether
 * the general heading excepts the partner (scenario layers that replace the rate leave it).
 */
export async function section232Table(store: Store, year: number): Promise<string> {
  const table = s232TableName(year);
  const inp = await s232Inputs(store, year);
  const partners = await runQuery(store, {
    kind: 'compiled-query',
    name: 's232-partners',
    tables: ['trade_product'],
    params: { year },
    sql: `SELECT DISTINCT partner_code FROM trade_product
          WHERE flow = 'import_consumption' AND hs_level = 10 AND geo_level = 'country'
            AND period_start = make_date($year, 1, 1) AND period_end = make_date($year, 12, 1)`,
  });
  await store.conn.run(
    `CREATE OR REPLACE TEMP TABLE ${table} (partner_code VARCHAR, kind VARCHAR, rate DOUBLE,
       low_rate DOUBLE, high_rate DOUBLE, heading_jul1 VARCHAR, exempt BOOLEAN)`,
  );
  const app = await store.conn.createAppender(table, null, 'temp');
  for (const p of partners) {
    const code = String(p.partner_code);
    for (const kind of S232_KINDS) {
      const segs = s232Segments(inp, code, kind, year);
      const r = s232YearRates(inp, segs, year);
      const jul = s232On(segs, `${year}-07-01`);
      const material = kind.startsWith('steel') ? 'steel' : 'aluminum';
      app.appendVarchar(code);
      app.appendVarchar(kind);
      app.appendDouble(r.central);
      app.appendDouble(r.low);
      app.appendDouble(r.high);
      if (jul?.heading) app.appendVarchar(jul.heading);
      else app.appendNull();
      app.appendBoolean(SECTION_232_2022_2025.materials[material].exempt.includes(code));
      app.endRow();
    }
  }
  app.closeSync();
  return table;
}
