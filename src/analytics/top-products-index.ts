import { memoize, type Store } from '../store/open-store.ts';
import { runQuery, type Row } from './compiled-query.ts';
import { filesByValue, valueKey } from './provenance.ts';

/** The longest list the API asks (`limit` ≤ 1,000): each ranking is kept to that many rows. */
export const INDEXED_LIMIT = 1000;

/**
 * What `topProducts` reads for one flow, year, HS level and partner (or all partners): the
 * rows of its `top-products` query, its total and the files its rows come from, looked up
 * among every partner's of the same flow, year and level, read in one query each once per
 * loaded state. A server asked ranking after ranking (see askedOften) reads a year of product
 * lines once per level instead of once per request. The rows are the query's: grouped the same
 * way (every partner together, or one partner), in its order (value descending, then code),
 * the first `limit` of them (at most INDEXED_LIMIT).
 */
export async function topProductsFromIndex(
  store: Store,
  q: { flow: string; year: number; level: number; partner?: string; limit: number },
): Promise<{ rows: Row[]; total: bigint | null; files: number[] }> {
  if (q.limit > INDEXED_LIMIT) throw new Error(`topProductsFromIndex: limit over ${INDEXED_LIMIT}`);
  const group = (partner: string | undefined) => valueKey([partner ?? null, partner === undefined]);
  const ranking = await memoize(
    store,
    `top-products-index:${JSON.stringify([q.flow, q.year, q.level])}`,
    async () => {
      const rows = await runQuery(store, {
        kind: 'compiled-query',
        name: 'top-products-index',
        tables: ['trade_product'],
        params: { flow: q.flow, year: q.year, level: q.level, keep: INDEXED_LIMIT },
        // Country totals only, and the year as a range, as the per-request query reads them.
        sql: `WITH t AS (
                SELECT partner_code, left(hs_code, $level) AS hs_code, value_usd
                FROM trade_product WHERE coalesce(geo_level, 'country') = 'country'
                  AND flow = $flow
                  AND period_end >= make_date($year, 1, 1) AND period_end < make_date($year + 1, 1, 1)
              )
              SELECT partner_code AS partner, grouping(partner_code) = 1 AS every, hs_code,
                     sum(value_usd) AS value_usd
              FROM t GROUP BY GROUPING SETS ((partner_code, hs_code), (hs_code))
              QUALIFY row_number() OVER (
                PARTITION BY grouping(partner_code), partner_code
                ORDER BY sum(value_usd) DESC, hs_code) <= $keep
              ORDER BY every, partner, value_usd DESC, hs_code`,
      });
      const byGroup = new Map<string, Row[]>();
      for (const r of rows) {
        // The group of every partner together, or of one (a NULL partner is no partner asked).
        if (!r.every && r.partner == null) continue;
        const k = group(r.every ? undefined : String(r.partner));
        const list = byGroup.get(k) ?? [];
        list.push({ hs_code: r.hs_code, value_usd: r.value_usd });
        byGroup.set(k, list);
      }
      return byGroup;
    },
  );
  const totals = await memoize(
    store,
    `top-products-totals:${JSON.stringify([q.flow, q.year])}`,
    async () => {
      const rows = await runQuery(store, {
        kind: 'compiled-query',
        name: 'top-products-totals',
        tables: ['trade_product'],
        params: { flow: q.flow, year: q.year },
        sql: `SELECT partner_code AS partner, grouping(partner_code) = 1 AS every,
                     sum(value_usd) AS total
              FROM trade_product WHERE flow = $flow AND year(period_end) = $year
                AND coalesce(geo_level, 'country') = 'country'
              GROUP BY GROUPING SETS ((partner_code), ())`,
      });
      return new Map(
        rows
          .filter((r) => r.every || r.partner != null)
          .map((r) => [
            group(r.every ? undefined : String(r.partner)),
            (r.total ?? null) as bigint | null,
          ]),
      );
    },
  );
  // The files of the rows read: one partner's, or every partner's (any partner, or none).
  const columns = [
    'flow',
    'year(period_end)',
    ...(q.partner === undefined ? [] : ['partner_code']),
  ];
  const files = await filesByValue(
    store,
    'trade_product',
    columns,
    "coalesce(geo_level, 'country') = 'country'",
  );
  const key = [q.flow, q.year, ...(q.partner === undefined ? [] : [q.partner])];
  return {
    rows: (ranking.get(group(q.partner)) ?? []).slice(0, q.limit),
    total: totals.get(group(q.partner)) ?? null,
    files: files.get(valueKey(key)) ?? [],
  };
}
