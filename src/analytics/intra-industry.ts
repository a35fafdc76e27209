import type { Store } from '../store/open-store.ts';
import { runQuery } from './compiled-query.ts';
import { transborderMonth } from './transborder-month.ts';

export interface GrubelLloyd {
  key: string;
  exportsUsd: bigint;
  importsUsd: bigint;
  /** 1 − |X − M| / (X + M): 1 when trade is all two-way, 0 when it is all one-way. */
  index: number | null;
}

export interface IntraIndustryTrade {
  kind: 'intra-industry-trade';
  partnerCode: string;
  month: string;
  /** Trade-weighted over HS chapters: 1 − Σ|X − M| / Σ(X + M). */
  aggregate: number | null;
  chapters: GrubelLloyd[];
  /** Each US state's own trade-weighted index over its chapters. */
  states: GrubelLloyd[];
  coverage: { chapters: number; twoWayChapters: number; twoWayShare: number };
  notes: string[];
}

const toIndex = (x: bigint, m: bigint): number | null =>
  x + m === 0n ? null : 1 - Number(x > m ? x - m : m - x) / Number(x + m);

/**
 * The Grubel–Lloyd index of intra-industry trade with Mexico or Canada, from TransBorder's
 * state × HS2 file (dot2), where exports and imports are published at the same level: by
 * chapter, by US state, and trade-weighted over chapters — the co-production signal. One
 * month (the latest loaded unless asked), as BTS publishes it.
 */
export async function intraIndustryTrade(
  store: Store,
  opts: { partner: string; month?: string },
): Promise<IntraIndustryTrade | null> {
  const picked = await transborderMonth(store, opts.month, 'transborder_state_hs2');
  if (!picked) return null;
  const params = { partner: opts.partner, month: picked.month };
  const q = (name: string, sql: string) =>
    runQuery(store, {
      kind: 'compiled-query',
      name,
      tables: ['transborder_state_hs2'],
      params,
      sql,
    });
  const base = `FROM transborder_state_hs2
    WHERE partner_code = $partner AND strftime(month, '%Y-%m') = $month`;
  const flows = `sum(value_usd) FILTER (WHERE flow = 'export') AS x,
                 sum(value_usd) FILTER (WHERE flow = 'import_general') AS m`;
  const chapters = await q(
    'intra-industry-chapters',
    `SELECT hs2 AS key, ${flows} ${base} GROUP BY 1 ORDER BY coalesce(x, 0) + coalesce(m, 0) DESC, key`,
  );
  const states = await q(
    'intra-industry-states',
    `WITH c AS (SELECT us_state, hs2, ${flows} ${base} GROUP BY ALL)
     SELECT us_state AS key, sum(coalesce(x, 0)) AS x, sum(coalesce(m, 0)) AS m,
            sum(abs(coalesce(x, 0) - coalesce(m, 0))) AS gap
     FROM c GROUP BY 1 ORDER BY sum(coalesce(x, 0) + coalesce(m, 0)) DESC, key`,
  );
  if (chapters.length === 0) return null;
  const big = (v: unknown) => (v == null ? 0n : BigInt(v as bigint));
  const rows = chapters.map((c) => ({
    key: String(c.key),
    exportsUsd: big(c.x),
    importsUsd: big(c.m),
    index: toIndex(big(c.x), big(c.m)),
  }));
  const sum = (f: (r: GrubelLloyd) => bigint) => rows.reduce((a, r) => a + f(r), 0n);
  const trade = sum((r) => r.exportsUsd + r.importsUsd);
  const gap = sum((r) =>
    r.exportsUsd > r.importsUsd ? r.exportsUsd - r.importsUsd : r.importsUsd - r.exportsUsd,
  );
  const twoWay = rows.filter((r) => r.exportsUsd > 0n && r.importsUsd > 0n);
  const twoWayTrade = twoWay.reduce((a, r) => a + r.exportsUsd + r.importsUsd, 0n);
  return {
    kind: 'intra-industry-trade',
    partnerCode: opts.partner,
    month: picked.month,
    aggregate: trade === 0n ? null : 1 - Number(gap) / Number(trade),
    chapters: rows,
    states: states.map((s) => {
      const x = big(s.x);
      const m = big(s.m);
      return {
        key: String(s.key),
        exportsUsd: x,
        importsUsd: m,
        index: x + m === 0n ? null : 1 - Number(big(s.gap)) / Number(x + m),
      };
    }),
    coverage: {
      chapters: rows.length,
      twoWayChapters: twoWay.length,
      twoWayShare: trade === 0n ? 0 : (Number(twoWayTrade) / Number(trade)) * 100,
    },
    notes: [
      `TransBorder ${picked.month}: exports include re-exports of foreign goods; imports are general imports`,
      "a state's index is trade-weighted over its own chapters, so chapters it only exports count as one-way",
    ],
  };
}
