import type { ModelTable } from '../model/tables.ts';
import type { Store } from '../store/open-store.ts';
import { BASIS } from './basis.ts';
import { runQuery } from './compiled-query.ts';
import { intraIndustryTrade, type IntraIndustryTrade } from './intra-industry.ts';
import { CoverageError } from './lookup-error.ts';
import { resolveProductPartner } from './product-partner.ts';
import { provenance, type SourceRef } from './provenance.ts';

export interface Share {
  code: string;
  label: string | null;
  valueUsd: bigint;
  share: number;
}

export interface TradeComposition {
  kind: 'trade-composition';
  partner: { code: string; name: string };
  flow: string;
  year: number;
  /** HS digits of the lines summed (the finest level loaded). */
  level: number;
  totalUsd: bigint;
  sections: Share[];
  chapters: Share[];
  endUse: {
    /** HS edition of the HS6 → BEC correspondence applied to this year's codes. */
    edition: string | null;
    classes: Share[];
    /** Share of the value placed in intermediate, capital or consumption goods. */
    coverage: number;
  };
  intraIndustry: IntraIndustryTrade | null;
  basis: string[];
  sources: SourceRef[];
  notes: string[];
}

/** HS codes of a year are read with the BEC correspondence of the HS edition then in force. */
export function hsEditionFor(year: number): string | null {
  if (year >= 2022) return '2022';
  if (year >= 2017) return '2017';
  return null;
}

const share = (v: bigint, total: bigint) => (total === 0n ? 0 : (Number(v) / Number(total)) * 100);

/**
 * What a partner's trade is made of, from the Census product lines of one year: shares by HS
 * section and chapter, and by end use (intermediate, capital, consumption) through HS6 → BEC
 * Rev.4 → SNA class. An HS6 with several BEC codes has its value split evenly among them (to
 * the dollar: the remainder goes to the first). For Mexico and Canada, the Grubel–Lloyd index of
 * intra-industry trade from TransBorder comes with it.
 */
export async function tradeComposition(
  store: Store,
  asked: string,
  opts: { year?: number; flow?: string } = {},
): Promise<TradeComposition> {
  const partner = await resolveProductPartner(store, asked);
  const flow = opts.flow ?? 'import_consumption';
  const years = await runQuery(store, {
    kind: 'compiled-query',
    name: 'composition-years',
    tables: ['trade_product'],
    params: { partner: partner.code, flow },
    sql: `SELECT DISTINCT year(period_end)::INTEGER AS y FROM trade_product
          WHERE partner_code = $partner AND flow = $flow AND geo_level = 'country'
            AND month(period_start) = 1 AND month(period_end) = 12 ORDER BY 1`,
  });
  const covered = years.map((r) => Number(r.y));
  const year = opts.year ?? covered.at(-1);
  if (year === undefined || !covered.includes(year))
    throw new CoverageError(
      `Full-year ${flow} product data for ${partner.name}`,
      String(opts.year ?? 'any year'),
      covered.join(', ') || 'nothing',
    );
  const params = { partner: partner.code, flow, year };
  const lines = `
    WITH lvl AS (
      SELECT max(hs_level) AS level FROM trade_product
      WHERE partner_code = $partner AND flow = $flow AND geo_level = 'country'
        AND period_start = make_date($year, 1, 1) AND period_end = make_date($year, 12, 1)
    ), lines AS (
      SELECT t.hs_code, t.value_usd, t.hs_level FROM trade_product t, lvl
      WHERE t.partner_code = $partner AND t.flow = $flow AND t.geo_level = 'country'
        AND t.period_start = make_date($year, 1, 1) AND t.period_end = make_date($year, 12, 1)
        AND t.hs_level = lvl.level
    )`;
  const q = (name: string, tables: ModelTable[], sql: string, extra = {}) =>
    runQuery(store, { kind: 'compiled-query', name, tables, params: { ...params, ...extra }, sql });
  const chapters = await q(
    'composition-chapters',
    ['trade_product', 'hs_product', 'hs_section'],
    `${lines}
     SELECT left(l.hs_code, 2) AS code, any_value(p.description) AS label,
            any_value(p.section) AS section, any_value(s.name) AS section_name,
            sum(l.value_usd) AS value, any_value(l.hs_level)::INTEGER AS level
     FROM lines l LEFT JOIN hs_product p ON p.hs_code = left(l.hs_code, 2) AND p.level = 2
     LEFT JOIN hs_section s ON s.section = p.section
     GROUP BY 1 ORDER BY value DESC`,
  );
  const edition = hsEditionFor(year);
  const endUse = await q(
    'composition-end-use',
    ['trade_product', 'hs_bec', 'bec_end_use'],
    `${lines}, bec AS (
       SELECT hs6, bec_code, row_number() OVER (PARTITION BY hs6 ORDER BY bec_code) AS k,
              count(*) OVER (PARTITION BY hs6) AS n
       FROM (SELECT DISTINCT hs6, bec_code FROM hs_bec WHERE hs_edition = $edition)
     ), split AS (
       SELECT coalesce(e.end_use, CASE WHEN b.bec_code IS NULL THEN 'unmapped' ELSE 'not_classified' END) AS end_use,
              CASE WHEN b.n IS NULL THEN l.value_usd
                   ELSE l.value_usd // b.n + CASE WHEN b.k = 1 THEN l.value_usd % b.n ELSE 0 END END AS value
       FROM lines l LEFT JOIN bec b ON b.hs6 = left(l.hs_code, 6)
       LEFT JOIN bec_end_use e ON e.bec_code = b.bec_code
     )
     SELECT end_use AS code, sum(value) AS value FROM split GROUP BY 1 ORDER BY value DESC`,
    { edition: edition ?? '' },
  );
  const total = chapters.reduce((a, c) => a + (c.value as bigint), 0n);
  const sectionMap = new Map<string, Share>();
  for (const c of chapters) {
    const code = c.section == null ? 'none' : String(c.section);
    const s = sectionMap.get(code) ?? {
      code,
      label:
        c.section_name == null ? 'not in an HS section (chapters 98–99)' : String(c.section_name),
      valueUsd: 0n,
      share: 0,
    };
    s.valueUsd += c.value as bigint;
    sectionMap.set(code, s);
  }
  const classes = endUse.map((e) => ({
    code: String(e.code),
    label: null,
    valueUsd: e.value as bigint,
    share: share(e.value as bigint, total),
  }));
  const classified = classes
    .filter((c) => ['intermediate', 'capital', 'consumption'].includes(c.code))
    .reduce((a, c) => a + c.valueUsd, 0n);
  const notes = [
    `HS${Number(chapters[0]?.level ?? 0)} lines of ${year}; an HS6 with several BEC codes is split evenly among them`,
  ];
  if (edition === null)
    notes.push(`no HS → BEC correspondence covers ${year}: end use is not classified`);
  const intra = ['2010', '1220'].includes(partner.code)
    ? await intraIndustryTrade(store, { partner: partner.code })
    : null;
  const tables: ModelTable[] = [
    'trade_product',
    'hs_product',
    'hs_section',
    'hs_bec',
    'bec_end_use',
  ];
  return {
    kind: 'trade-composition',
    partner: { code: partner.code, name: partner.name },
    flow,
    year,
    level: Number(chapters[0]?.level ?? 0),
    totalUsd: total,
    sections: [...sectionMap.values()]
      .map((s) => ({ ...s, share: share(s.valueUsd, total) }))
      .sort((a, b) => (b.valueUsd > a.valueUsd ? 1 : -1)),
    chapters: chapters.map((c) => ({
      code: String(c.code),
      label: c.label == null ? null : String(c.label),
      valueUsd: c.value as bigint,
      share: share(c.value as bigint, total),
    })),
    endUse: { edition, classes, coverage: share(classified, total) },
    intraIndustry: intra,
    basis: [BASIS.census_products, ...(intra ? [BASIS.transborder] : [])],
    sources: await provenance(store, intra ? [...tables, 'transborder_state_hs2'] : tables),
    notes,
  };
}
