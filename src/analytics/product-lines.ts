import { memoize, type Store } from '../store/open-store.ts';
import { runQuery } from './compiled-query.ts';

/**
 * Above this many stored rows, `trade_product` is not held in memory: each product profile
 * asks DuckDB for its own rows instead (a full-detail store can hold a hundred million).
 */
export const PRODUCT_LINES_IN_MEMORY = 300_000;

/** One current row of `trade_product`, as a product profile sums and cites it. */
export interface ProductLine {
  sourceFileId: number;
  hsCode: string | null;
  hsLevel: number | null;
  /** Only country-level rows are summed (state and district rows are cited, not summed). */
  country: boolean;
  partnerCode: string | null;
  /** The partner's name from the code list, else the file's own. */
  partnerName: string | null;
  fileName: string | null;
  flow: string | null;
  /** The period as stored (a group key) and as shown (year-month). */
  periodStart: string | null;
  periodEnd: string | null;
  startMonth: string | null;
  endMonth: string | null;
  valueUsd: bigint | null;
  dutyUsd: bigint | null;
}

/**
 * Every current `trade_product` row with an HS code, by chapter, read once per loaded state when the table is small (the
 * bundle's: tens of thousands of rows), so that a product profile filters memory instead of
 * running its queries: the uncached API answers thousands of distinct products. Undefined
 * when the table is too large to hold.
 */
export function productLines(store: Store): Promise<Map<string, ProductLine[]> | undefined> {
  return memoize(store, 'product-lines', async () => {
    const [count] = await runQuery(store, {
      kind: 'compiled-query',
      name: 'product-lines-count',
      tables: ['trade_product'],
      params: {},
      sql: `SELECT count(*)::BIGINT AS n FROM trade_product_all`,
    });
    if (Number(count?.n ?? 0) > PRODUCT_LINES_IN_MEMORY) return undefined;
    const rows = await runQuery(store, {
      kind: 'compiled-query',
      name: 'product-lines',
      tables: ['trade_product', 'census_partner', 'census_partner_aggregate'],
      params: {},
      sql: `SELECT t.source_file_id, t.hs_code, t.hs_level::INTEGER AS hs_level,
                   coalesce(t.geo_level, 'country') = 'country' AS country,
                   t.partner_code, p.name AS partner_name, t.partner_name AS file_name, t.flow,
                   strftime(t.period_start, '%Y-%m-%d') AS period_start,
                   strftime(t.period_end, '%Y-%m-%d') AS period_end,
                   strftime(t.period_start, '%Y-%m') AS start_month,
                   strftime(t.period_end, '%Y-%m') AS end_month, t.value_usd, t.duty_usd
            FROM trade_product t LEFT JOIN partner p USING (partner_code)`,
    });
    const text = (v: unknown) => (v == null ? null : String(v));
    const lines = rows.map((r) => ({
      sourceFileId: Number(r.source_file_id),
      hsCode: text(r.hs_code),
      hsLevel: r.hs_level == null ? null : Number(r.hs_level),
      country: r.country === true,
      partnerCode: text(r.partner_code),
      partnerName: text(r.partner_name),
      fileName: text(r.file_name),
      flow: text(r.flow),
      periodStart: text(r.period_start),
      periodEnd: text(r.period_end),
      startMonth: text(r.start_month),
      endMonth: text(r.end_month),
      valueUsd: (r.value_usd as bigint | null) ?? null,
      dutyUsd: (r.duty_usd as bigint | null) ?? null,
    }));
    // By HS chapter (every product code has at least its two digits), in the order read.
    const byChapter = new Map<string, ProductLine[]>();
    for (const l of lines) {
      if (l.hsCode === null || l.hsCode.length < 2) continue;
      const key = l.hsCode.slice(0, 2);
      const chapter = byChapter.get(key);
      if (chapter) chapter.push(l);
      else byChapter.set(key, [l]);
    }
    return byChapter;
  });
}
