import { BASIS } from '../analytics/basis.ts';
import { runQuery } from '../analytics/compiled-query.ts';
import { provenance, readProvenance, type SourceRef } from '../analytics/provenance.ts';
import type { Store } from '../store/open-store.ts';
import { BASELINE_RULES, TARIFF_BASIS } from './engine-notes.ts';
import { tariffEngineStore } from './clickhouse-tariff-store.ts';
import { lineFrame } from './line-frame.ts';
import { SECTION_232_2022_2025 } from './section-232-regime.ts';
import { s301TableName } from './section301-table.ts';
import { s232Inputs, type ShareAssumption } from './section232-measures.ts';
import { SECTION_301_PARTNERS } from './line-duties-sql.ts';

export const TOLERANCE_PCT = 10;

export interface DutyComponents {
  mfn: bigint;
  usmca: bigint;
  section301: bigint;
  section232: bigint;
  total: bigint;
}

export interface BaselineRow {
  partner: { code: string; name: string };
  lines: number;
  valueUsd: bigint;
  engine: DutyComponents;
  /** Census calculated duty (CAL_DUT_YR); null where the extract has none. */
  officialUsd: bigint | null;
  differenceUsd: bigint | null;
  errorPct: number | null;
  withinTolerance: boolean | null;
}

export interface ChapterError {
  partnerCode: string;
  chapter: string;
  valueUsd: bigint;
  engineUsd: bigint;
  officialUsd: bigint | null;
  differenceUsd: bigint | null;
  errorPct: number | null;
}

/** How the MFN rate of a slice of the imports was read (or why it could not be). */
export interface CoverageRow {
  partnerCode: string;
  basis: string;
  /** Where an ad valorem equivalent came from: other partners' imports of the HTS10 or HTS8. */
  aveSource: 'peer_hts10' | 'peer_hts8' | null;
  lines: number;
  valueUsd: bigint;
  engineUsd: bigint;
  officialUsd: bigint | null;
}

export interface TariffBaseline {
  kind: 'tariff-baseline';
  year: number;
  tolerancePct: number;
  partners: BaselineRow[];
  total: BaselineRow;
  chapters: ChapterError[];
  coverage: CoverageRow[];
  /**
   * Section 301 on lines a product exclusion may cover: at the estimated claim shares
   * (central, in the engine's figure), none claimed and all claimed; and the whole partner's
   * Section 301 with mid-year changes weighted by its monthly imports instead of by days.
   */
  section301Exclusions: {
    partnerCode: string;
    lines: number;
    valueUsd: bigint;
    centralUsd: bigint;
    noneClaimedUsd: bigint;
    allClaimedUsd: bigint;
  }[];
  section301Weighting: { partnerCode: string; daysUsd: bigint; importsUsd: bigint }[];
  /**
   * Section 232 per partner from the dated measure table: at the labelled share assumptions
   * (central, in the engine's figure), with no unknown share paying, with all of it paying;
   * and the shares assumed with their sources.
   */
  section232Range: { partnerCode: string; centralUsd: bigint; lowUsd: bigint; highUsd: bigint }[];
  section232Shares: ShareAssumption[];
  /** MFN on Pharmaceutical Appendix lines (chapters 29, 30): central, none claimed (all claimed is 0). */
  pharmaAppendix: {
    partnerCode: string;
    lines: number;
    valueUsd: bigint;
    centralUsd: bigint;
    noneClaimedUsd: bigint;
  }[];
  /** Per partner: the sum of absolute differences across HS chapters ÷ the official total. */
  chapterError: { partnerCode: string; pct: number | null }[];
  rules: string[];
  basis: string[];
  sources: SourceRef[];
  notes: string[];
}

const big = (v: unknown): bigint => (v === null || v === undefined ? 0n : BigInt(v as bigint));
const bigOrNull = (v: unknown): bigint | null =>
  v === null || v === undefined ? null : BigInt(v as bigint);

function errorPct(engine: bigint, official: bigint | null): number | null {
  if (official === null || official === 0n) return null;
  return (Number(engine - official) / Number(official)) * 100;
}

function row(r: Record<string, unknown>): BaselineRow {
  const engine: DutyComponents = {
    mfn: big(r.mfn),
    usmca: big(r.usmca),
    section301: big(r.s301),
    section232: big(r.s232),
    total: big(r.engine),
  };
  const official = bigOrNull(r.official);
  const err = errorPct(engine.total, official);
  return {
    partner: { code: String(r.partner_code), name: String(r.partner_name ?? r.partner_code) },
    lines: Number(r.lines),
    valueUsd: big(r.value),
    engine,
    officialUsd: official,
    differenceUsd: official === null ? null : engine.total - official,
    errorPct: err,
    withinTolerance: err === null ? null : Math.abs(err) <= TOLERANCE_PCT,
  };
}

/**
 * The statutory duty the engine computes for every HTS10 import line of a year, set against
 * Census's calculated duty: per partner and in total, each component apart, the error by HS
 * chapter, and how much of the value each kind of rate covers, so a gap can be traced.
 */
export async function tariffBaseline(
  asked: Store,
  opts: { year?: number } = {},
): Promise<TariffBaseline> {
  const store = await tariffEngineStore(asked);
  const year = opts.year ?? 2024;
  const frame = await lineFrame(store, year);
  const q = (name: string, sql: string) =>
    runQuery(store, { kind: 'compiled-query', name, tables: [], params: {}, sql, session: true });
  const sums = `count(*)::INTEGER AS lines, sum(value_usd) AS value, sum(mfn_usd) AS mfn,
    sum(usmca_usd) AS usmca, sum(s301_usd) AS s301, sum(s232_usd) AS s232,
    sum(engine_usd) AS engine, sum(duty_usd) AS official`;
  const partners = await q(
    'tariff-baseline-partners',
    `SELECT partner_code, coalesce(any_value(p.name), any_value(partner_name)) AS partner_name, ${sums}
     FROM ${frame} LEFT JOIN partner p USING (partner_code) GROUP BY partner_code ORDER BY partner_code`,
  );
  const [total] = await q(
    'tariff-baseline-total',
    `SELECT 'total' AS partner_code, 'All partners loaded' AS partner_name, ${sums} FROM ${frame}`,
  );
  const chapters = await q(
    'tariff-baseline-chapters',
    `SELECT partner_code, chapter, sum(value_usd) AS value, sum(engine_usd) AS engine,
            sum(duty_usd) AS official
     FROM ${frame} GROUP BY ALL
     ORDER BY partner_code, abs(engine - coalesce(official, 0)) DESC, chapter`,
  );
  const coverage = await q(
    'tariff-baseline-coverage',
    `SELECT partner_code, mfn_basis AS basis, mfn_ave_source AS ave_source,
            count(*)::INTEGER AS lines, sum(value_usd) AS value, sum(engine_usd) AS engine,
            sum(duty_usd) AS official
     FROM ${frame} GROUP BY ALL ORDER BY partner_code, value DESC, basis, ave_source`,
  );
  const split = await q(
    'tariff-baseline-301-exclusions',
    `SELECT partner_code, count(*)::INTEGER AS lines, sum(value_usd) AS value,
            sum(s301_usd) AS central, sum(s301_high_usd) AS none, sum(s301_low_usd) AS all_claimed
     FROM ${frame} WHERE s301_split GROUP BY 1 ORDER BY 1`,
  );
  const weighting = await q(
    'tariff-baseline-301-weighting',
    `SELECT partner_code, sum(s301_usd) AS days, sum(s301_imports_usd) AS imports
     FROM ${frame} GROUP BY 1 HAVING sum(s301_usd) <> 0 ORDER BY 1`,
  );
  const s232 = await q(
    'tariff-baseline-232-range',
    `SELECT partner_code, sum(s232_usd) AS central, sum(s232_low_usd) AS low,
            sum(s232_high_usd) AS high
     FROM ${frame} WHERE s232_material IS NOT NULL GROUP BY 1 ORDER BY 1`,
  );
  const pharma = await q(
    'tariff-baseline-pharma',
    `SELECT partner_code, count(*)::INTEGER AS lines, sum(value_usd) AS value,
            sum(mfn_usd) AS central, sum(pharma_none_usd) AS none
     FROM ${frame} WHERE pharma_share > 0 GROUP BY 1 ORDER BY 1`,
  );
  const s232Inp = await s232Inputs(store, year);
  const usmcaUnknown = await q(
    'tariff-baseline-usmca-unknown',
    `SELECT partner_code, count(*)::INTEGER AS lines, sum(value_usd) AS value
     FROM ${frame} WHERE usmca_note IS NOT NULL GROUP BY 1 ORDER BY 1`,
  );
  // Where each Chinese line's list came from, and the lines the sources disagree on.
  const sources301 = await q(
    'tariff-baseline-301-sources',
    `SELECT m.list_source, count(*)::INTEGER AS lines, sum(f.value_usd) AS value,
            count(m.conflict)::INTEGER AS conflicts,
            sum(f.value_usd) FILTER (WHERE m.conflict IS NOT NULL) AS conflict_value
     FROM ${frame} f JOIN ${s301TableName(year)} m USING (hs_code)
     WHERE f.partner_code IN (${SECTION_301_PARTNERS.map((c) => `'${c}'`).join(', ')})
     GROUP BY 1 ORDER BY 1`,
  );
  const SOURCE_LABEL: Record<string, string> = {
    note20: 'the 2026 note 20 lists',
    footnote2025:
      'the 2025 HTS footnotes (lines the four-year review moved off the 2026 lists, or listed only there)',
    table2020:
      'the USITC table of 1 January 2020 (lines the four-year review moved off the 2026 lists)',
  };
  const notes = sources301.map(
    (r) =>
      `Section 301 list read from ${SOURCE_LABEL[String(r.list_source)] ?? 'no source (on no list)'}: ${r.lines} Chinese lines ($${big(r.value).toLocaleString('en-US')}); ${r.conflicts} of them ($${big(r.conflict_value).toLocaleString('en-US')}) where the 2026 notes, 2025 footnotes and 2020 table disagree (tariff line <hts10> --partner china names the disagreement)`,
  );
  notes.push(
    ...usmcaUnknown.map(
      (u) =>
        `${u.partner_code}: ${u.lines} lines ($${big(u.value).toLocaleString('en-US')}) claim USMCA where the database gives no computable USMCA rate (rate type 9, "see the HTS"); they keep the MFN rate`,
    ),
  );
  const [shares] = await runQuery(store, {
    kind: 'compiled-query',
    name: 'tariff-baseline-usmca-loaded',
    tables: ['usmca_share'],
    params: { year },
    sql: `SELECT count(*)::INTEGER AS n FROM usmca_share WHERE year = $year`,
  });
  const [text] = await runQuery(store, {
    kind: 'compiled-query',
    name: 'tariff-baseline-ch99-loaded',
    tables: ['chapter99_provision'],
    params: {},
    sql: `SELECT count(*)::INTEGER AS n FROM chapter99_provision WHERE kind = 'list'`,
  });
  if (Number(text?.n ?? 0) === 0)
    notes.push(
      'no HTSUS chapter 99 text is loaded (usitc/hts/chapter99_*.txt): Section 301 is not computed, so Chinese duty is understated; load it and run again',
    );
  if (Number(shares?.n ?? 0) === 0)
    notes.push(
      `no USMCA claim shares are loaded for ${year}: the preference is not applied, so Canadian and Mexican duty is overstated`,
    );
  notes.push(...s232Inp.conflicts.map((c) => `Section 232 headings: ${c}`));
  const now = new Date(`${year}-07-01`);
  const { validFrom, validTo } = SECTION_232_2022_2025;
  if (now < new Date(validFrom) || now > new Date(validTo))
    notes.push(
      `the Section 232 regime encoded is the one in force ${validFrom} – ${validTo}; ${year} lies outside it`,
    );
  return {
    kind: 'tariff-baseline',
    year,
    tolerancePct: TOLERANCE_PCT,
    partners: partners.map(row),
    total: row(total ?? {}),
    chapters: chapters.map((c) => {
      const engine = big(c.engine);
      const official = bigOrNull(c.official);
      return {
        partnerCode: String(c.partner_code),
        chapter: String(c.chapter),
        valueUsd: big(c.value),
        engineUsd: engine,
        officialUsd: official,
        differenceUsd: official === null ? null : engine - official,
        errorPct: errorPct(engine, official),
      };
    }),
    coverage: coverage.map((c) => ({
      partnerCode: String(c.partner_code),
      basis: String(c.basis),
      aveSource:
        c.ave_source === 'peer_hts10' || c.ave_source === 'peer_hts8' ? c.ave_source : null,
      lines: Number(c.lines),
      valueUsd: big(c.value),
      engineUsd: big(c.engine),
      officialUsd: bigOrNull(c.official),
    })),
    section301Exclusions: split.map((s) => ({
      partnerCode: String(s.partner_code),
      lines: Number(s.lines),
      valueUsd: big(s.value),
      centralUsd: big(s.central),
      noneClaimedUsd: big(s.none),
      allClaimedUsd: big(s.all_claimed),
    })),
    section232Range: s232.map((r) => ({
      partnerCode: String(r.partner_code),
      centralUsd: big(r.central),
      lowUsd: big(r.low),
      highUsd: big(r.high),
    })),
    section232Shares: [...s232Inp.shares.values()],
    pharmaAppendix: pharma.map((r) => ({
      partnerCode: String(r.partner_code),
      lines: Number(r.lines),
      valueUsd: big(r.value),
      centralUsd: big(r.central),
      noneClaimedUsd: big(r.none),
    })),
    section301Weighting: weighting.map((w) => ({
      partnerCode: String(w.partner_code),
      daysUsd: big(w.days),
      importsUsd: big(w.imports),
    })),
    chapterError: partners.map((p) => {
      const code = String(p.partner_code);
      const official = bigOrNull(p.official);
      const abs = chapters
        .filter((c) => String(c.partner_code) === code)
        .reduce((a, c) => a + Math.abs(Number(big(c.engine) - big(c.official))), 0);
      return {
        partnerCode: code,
        pct: official === null || official === 0n ? null : (abs / Number(official)) * 100,
      };
    }),
    rules: BASELINE_RULES,
    basis: [BASIS.census_products, TARIFF_BASIS],
    // The year's import lines and schedule (the rows line-duties-sql.ts reads of them), and
    // the reference tables the duties are looked up in.
    sources: [
      ...(await readProvenance(store, [
        {
          table: 'trade_product',
          where: `flow = 'import_consumption' AND geo_level = 'country' AND hs_level = 10
                  AND period_start = make_date($year, 1, 1) AND period_end = make_date($year, 12, 1)`,
          params: { year },
        },
        { table: 'tariff_line', where: 'year = $year', params: { year } },
      ])),
      ...(await provenance(store, [
        'hts_line',
        'usmca_share',
        'tariff_measure',
        'chapter99_heading',
        'chapter99_provision',
        'chapter99_note_heading',
        'hts_footnote',
        'china_tariff_reference',
        'exclusion_claim_share',
        'dataweb_product',
      ])),
    ],
    notes,
  };
}
