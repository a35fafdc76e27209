import type { CompiledQuery } from './compiled-query.ts';

/**
 * Where product rows are read: SQL text of this code base, never from user text. The product
 * reads the Census API table; a benchmark may pass a table of its own with the same columns.
 */
export interface ProductSource {
  from: string;
  hs: string;
  period: string;
}

const TABLES = {
  // Country totals only: state and port rows (geo_level) are other cuts of the same trade.
  trade_product: {
    from: `(SELECT * FROM trade_product WHERE coalesce(geo_level, 'country') = 'country') AS trade_product`,
    hs: 'hs_code',
    period: 'period_end',
  },
} as const satisfies Record<string, ProductSource>;

export type ProductTable = keyof typeof TABLES;

export type ProductSpec =
  | { kind: 'partner-product-profile'; table: ProductTable; partner: string; year: number }
  | {
      kind: 'top-products';
      table: ProductTable;
      flow: string;
      year: number;
      level: 2 | 4 | 6 | 8 | 10;
      partner?: string;
      limit: number;
    };

/** A range, not year(col) = $year: DuckDB can skip whole row groups by their min/max. */
function inYear(col: string): string {
  return `${col} >= make_date($year, 1, 1) AND ${col} < make_date($year + 1, 1, 1)`;
}

/**
 * A product query is a few statements, each compiled with parameters. `source` replaces the
 * spec's table (a benchmark's synthetic table, which the model does not know).
 */
export function compileProductQuery(spec: ProductSpec, source?: ProductSource): CompiledQuery[] {
  const t = source ?? TABLES[spec.table];
  const q = (name: string, sql: string, params: CompiledQuery['params']): CompiledQuery => ({
    kind: 'compiled-query',
    name,
    sql,
    params,
    tables: source ? [] : ['trade_product'],
  });
  switch (spec.kind) {
    case 'partner-product-profile':
      return [
        q(
          'partner-product-years',
          `SELECT year(${t.period})::INTEGER AS year, flow, sum(value_usd) AS value_usd
           FROM ${t.from} WHERE partner_code = $partner GROUP BY ALL ORDER BY 1, 2`,
          { partner: spec.partner },
        ),
        q(
          'partner-product-chapters',
          `SELECT flow, left(${t.hs}, 2) AS hs2, sum(value_usd) AS value_usd
           FROM ${t.from} WHERE partner_code = $partner AND ${inYear(t.period)}
           GROUP BY ALL ORDER BY value_usd DESC, flow, hs2`,
          { partner: spec.partner, year: spec.year },
        ),
        q(
          'partner-product-top-hs10',
          `SELECT flow, ${t.hs} AS hs_code, sum(value_usd) AS value_usd
           FROM ${t.from} WHERE partner_code = $partner AND ${inYear(t.period)}
           GROUP BY ALL ORDER BY value_usd DESC, flow, hs_code LIMIT 25`,
          { partner: spec.partner, year: spec.year },
        ),
      ];
    case 'top-products':
      return [
        q(
          'top-products',
          // No count of partners per product: no reader shows one, and a set of partners kept
          // per product was most of the work over a year of HS10 × partner rows.
          `SELECT left(${t.hs}, $level) AS hs_code, sum(value_usd) AS value_usd
           FROM ${t.from}
           WHERE flow = $flow AND ${inYear(t.period)}
             AND ($partner IS NULL OR partner_code = $partner)
           GROUP BY 1 ORDER BY value_usd DESC, hs_code LIMIT $limit`,
          {
            flow: spec.flow,
            year: spec.year,
            level: spec.level,
            partner: spec.partner ?? null,
            limit: spec.limit,
          },
        ),
      ];
  }
}
