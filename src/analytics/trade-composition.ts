import { basename } from 'node:path';
import type { ModelTable } from '../model/tables.ts';
import type { Store } from '../store/open-store.ts';
import { BASIS } from './basis.ts';
import { runQuery, type Param } from './compiled-query.ts';
import { compositionSource, type CompositionSource } from './composition-source.ts';
import { intraIndustryTrade, type IntraIndustryTrade } from './intra-industry.ts';
import { resolveProductPartner } from './product-partner.ts';
import { fileProvenance, provenance, type SourceRef } from './provenance.ts';

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
  /**
   * The product lines read: Census API extracts, or a USITC DataWeb download of all
   * commodities for a year Census has none (never the two added).
   */
  source: {
    table: CompositionSource['table'];
    name: string;
    /** The DataWeb measure read (fas_value, customs_value); null for Census, whose value is the flow's. */
    measure: string | null;
  };
  totalUsd: bigint;
  sections: Share[];
  chapters: Share[];
  endUse: {
    /** HS edition of the HS6 → BEC correspondence applied to this year's codes. */
    edition: string | null;
    classes: Share[];
    /** Share of the value placed in intermediate, capital or consumption goods. */
    coverage: number;
    /** Why end use could not be classified at all (lines coarser than HS6, no correspondence). */
    unavailable: string | null;
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

/** Mexico and Canada: the partners TransBorder publishes both directions for, by HS2. */
const TRANSBORDER_PARTNERS = ['2010', '1220'];

const share = (v: bigint, total: bigint) => (total === 0n ? 0 : (Number(v) / Number(total)) * 100);

/** Census API lines of the year at the finest HS level loaded for it. */
const CENSUS_LINES = `
    WITH lvl AS (
      SELECT max(hs_level) AS level FROM trade_product
      WHERE partner_code = $partner AND flow = $flow AND geo_level = 'country'
        AND period_start = make_date($year, 1, 1) AND period_end = make_date($year, 12, 1)
    ), lines AS (
      SELECT t.hs_code, t.value_usd, t.hs_level, NULL::VARCHAR AS description
      FROM trade_product t, lvl
      WHERE t.partner_code = $partner AND t.flow = $flow AND t.geo_level = 'country'
        AND t.period_start = make_date($year, 1, 1) AND t.period_end = make_date($year, 12, 1)
        AND t.hs_level = lvl.level
    )`;

/** DataWeb lines of the year, one measure, at the level `compositionSource` chose. */
const DATAWEB_LINES = `
    WITH lines AS (
      SELECT hs_code, value AS value_usd, hs_level, description FROM dataweb_product
      WHERE partner_code = $partner AND flow = $flow AND measure = $measure
        AND hs_level = $level
        AND period_start = make_date($year, 1, 1) AND period_end = make_date($year, 12, 1)
    )`;

/**
 * What a partner's trade is made of, from the product lines of one year: shares by HS section
 * and chapter, and by end use (intermediate, capital, consumption) through HS6 → BEC Rev.4 →
 * SNA class. An HS6 with several BEC codes has its value split evenly among them (to the
 * dollar: the remainder goes to the first). The lines are the Census API extracts, or for a year
 * they do not cover a USITC DataWeb download of all commodities (`compositionSource`); from
 * lines coarser than HS6 end use is stated as not classified rather than guessed. For Mexico
 * and Canada, the Grubel–Lloyd index of intra-industry trade from TransBorder comes with it.
 */
export async function tradeComposition(
  store: Store,
  asked: string,
  opts: { year?: number; flow?: string } = {},
): Promise<TradeComposition> {
  const partner = await resolveProductPartner(store, asked, ['trade_product', 'dataweb_product']);
  const flow = opts.flow ?? 'import_consumption';
  const source = await compositionSource(store, partner, flow, opts.year);
  const year = source.year;
  const census = source.table === 'trade_product';
  const params: Record<string, Param> = census
    ? { partner: partner.code, flow, year }
    : { partner: partner.code, flow, year, measure: source.measure, level: source.level };
  const lines = census ? CENSUS_LINES : DATAWEB_LINES;
  const q = (name: string, tables: ModelTable[], sql: string, extra = {}) =>
    runQuery(store, { kind: 'compiled-query', name, tables, params: { ...params, ...extra }, sql });
  // Sections through the chapters' HS reference rows; DataWeb's own chapter titles stand in
  // when the HS reference is not loaded.
  const chapters = await q(
    'composition-chapters',
    [source.table, 'hs_product', 'hs_section'],
    `${lines}
     SELECT left(l.hs_code, 2) AS code,
            coalesce(any_value(p.description),
                     any_value(CASE WHEN l.hs_level = 2 THEN l.description END)) AS label,
            any_value(p.section) AS section, any_value(s.name) AS section_name,
            sum(l.value_usd) AS value, any_value(l.hs_level)::INTEGER AS level
     FROM lines l LEFT JOIN hs_product p ON p.hs_code = left(l.hs_code, 2) AND p.level = 2
     LEFT JOIN hs_section s ON s.section = p.section
     GROUP BY 1 ORDER BY value DESC, code`,
  );
  const level = Number(chapters[0]?.level ?? (census ? 0 : source.level));
  const total = chapters.reduce((a, c) => a + (c.value as bigint), 0n);
  const edition = hsEditionFor(year);
  const unavailable =
    level < 6
      ? `BEC end use is mapped from HS6 and these are HS${level} lines: none of the value is classified, and none is guessed`
      : edition === null
        ? `no HS → BEC correspondence covers ${year}: end use is not classified`
        : null;
  const endUse =
    unavailable !== null
      ? total === 0n
        ? []
        : [{ code: 'unmapped', value: total }]
      : await q(
          'composition-end-use',
          [source.table, 'hs_bec', 'bec_end_use'],
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
           SELECT end_use AS code, sum(value) AS value FROM split GROUP BY 1 ORDER BY value DESC, code`,
          { edition },
        );
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
  const notes = census
    ? [`HS${level} lines of ${year}; an HS6 with several BEC codes is split evenly among them`]
    : [
        `HS${level} lines of ${year} from USITC DataWeb (${source.measure}): ${source.files.map((f) => basename(f.path)).join(', ')}, ${chapters.length} HS chapters, no commodity selection recorded in its query; Census API product data has no lines for this partner, flow and year, and the two are never added`,
      ];
  const bordering = TRANSBORDER_PARTNERS.includes(partner.code);
  const intra = bordering ? await intraIndustryTrade(store, { partner: partner.code }) : null;
  if (intra === null)
    notes.push(
      bordering
        ? 'no Grubel–Lloyd index: it needs exports and imports at the same HS level, which TransBorder state × HS2 gives, and none is loaded for this partner'
        : 'no Grubel–Lloyd index: it needs exports and imports at the same HS level, loaded only for Mexico and Canada (TransBorder state × HS2)',
    );
  const reference: ModelTable[] = [
    'hs_product',
    'hs_section',
    ...(unavailable === null ? (['hs_bec', 'bec_end_use'] as const) : []),
    ...(intra ? (['transborder_state_hs2'] as const) : []),
  ];
  return {
    kind: 'trade-composition',
    partner: { code: partner.code, name: partner.name },
    flow,
    year,
    level,
    source: census
      ? { table: source.table, name: 'Census International Trade API', measure: null }
      : { table: source.table, name: 'USITC DataWeb', measure: source.measure },
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
    endUse: {
      edition: unavailable === null ? edition : null,
      classes,
      coverage: share(classified, total),
      unavailable,
    },
    intraIndustry: intra,
    basis: [
      census ? BASIS.census_products : BASIS.usitc_dataweb,
      ...(intra ? [BASIS.transborder] : []),
    ],
    sources: census
      ? await provenance(store, ['trade_product', ...reference])
      : await sourcesOf(store, source.files, reference),
    notes,
  };
}

/** The DataWeb downloads actually read, not every file of the table, with the references. */
async function sourcesOf(
  store: Store,
  files: { id: number }[],
  reference: ModelTable[],
): Promise<SourceRef[]> {
  const all = [
    ...(await fileProvenance(
      store,
      files.map((f) => f.id),
    )),
    ...(await provenance(store, reference)),
  ];
  const key = (s: SourceRef) => [s.source, s.series, s.vintage].join('\u0000');
  return all.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
