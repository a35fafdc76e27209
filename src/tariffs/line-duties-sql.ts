import type { Param } from '../analytics/compiled-query.ts';
import { scopeValues, type Section232Regime } from './section-232-regime.ts';

/** Schedule C codes the preference and country measures name. */
export const USMCA_PARTNERS = ['1220', '2010'] as const;
/**
 * USMCA lines marked S+ refer to chapter 98 subchapter XXIII (9823) for their treatment: its
 * provisions enter "USMCA goods … of Mexico or of USA" free and hold goods of Canada to
 * quantitative limits (tariff database lines 9823.08.01 and 9823.08.02, for example).
 */
export const USMCA_FREE_UNDER_9823 = ['2010'] as const;
/**
 * MFN rates the extracts cannot compute from value alone (specific, compound, derived or text
 * rates): they take an ad valorem equivalent from the other partners' imports of the line.
 */
const PEER_AVE_BASES = `'specific', 'ad_valorem_part', 'not_computable'`;

/**
 * The Pharmaceutical Appendix (special program indicator K, the tariff database's
 * `pharmaceutical` flag on an HTS8 line) enters named products free of the MFN rate, from any
 * country. The flag marks a line holding at least one named product; how much of the line's
 * value is such products, and claims K, no file in the bundle says. ASSUMPTION: on lines of
 * chapters 29 and 30 (the appendix's named active ingredients and medicaments), half, the middle
 * of the range from none (the MFN rate on all of it) to all (free); the baseline reports both
 * ends. In other chapters (28, 32, 34, 38, 39) the flag marks a narrow item inside a broad line
 * and is taken as not claimed — Census's duty on those lines is within 3% of their MFN duty for
 * the EU, so this is checked against the data, and said so. Section 301 and 232 are additional
 * duties that K does not lift.
 */
export const PHARMA_APPENDIX_SHARE = 0.5;

/** Section 301 (the China investigation) applies to products of China only. */
export const SECTION_301_PARTNERS = ['5700'] as const;

/**
 * The engine's per-line frame, as SQL CTEs ending in `line_duties`: one row per import line
 * (partner × HTS10) of the year, with each component of the statutory duty separate. Every
 * value a caller chooses is a named parameter; the only text built here is the Section 232
 * scope, from the digits-only table in `section-232-regime.ts`.
 *
 * - MFN: the tariff database's ad valorem rate for the HTS8 line above the HTS10 (its
 *   ad valorem equivalent where it gives one). Specific, compound and derived rates need
 *   quantities the product extracts do not carry, so they take an ad valorem equivalent the way
 *   USITC computes one — calculated duty ÷ dutiable value — from the *other* loaded partners'
 *   imports of the same HTS10 line (else of its HTS8) that pay the plain MFN rate: no Section
 *   301 or 232, and only the unclaimed share where USMCA enters free (`mfn_ave_source`). Never
 *   from the partner's own figures, so the comparison with Census stays a test. Lines no other
 *   partner pays MFN on stay not computed (`mfn_basis`).
 * - USMCA: on the claimed share of Canadian and Mexican imports, the USMCA rate replaces the
 *   MFN rate where the database states one. Rate type 9 ("see the HTS", the S+ lines) states
 *   none: Mexico's S+ lines under 9823 enter free; every other S+ line keeps the MFN rate.
 * - Section 301: the HTS10 line's rate over the year from the dated measure table
 *   (`section301-measures.ts`, read from the chapter 99 text), weighted by days; exclusions at
 *   their estimated claim share (`s301_rate`), none claimed (`s301_high_rate`), all claimed
 *   (`s301_low_rate`), and weighted by the partner's monthly imports (`s301_rate_imports`).
 * - Section 232: the partner's rate on the line's kind of product (steel, aluminium, or their
 *   derivatives, on the regime's product scope) over the year from the dated measure table
 *   (`section232-measures.ts`, read from the chapter 99 headings), weighted by days: central
 *   (the labelled share assumptions: over quota, steel melted outside North America…), none
 *   paying (`s232_low_rate`), all paying (`s232_high_rate`). `s232_exempt` says the general
 *   heading excepts the partner (scenario layers that replace the rate leave it alone).
 * - Pharmaceutical Appendix (K): on flagged lines the MFN rate is paid on 1 − the assumed
 *   share (`PHARMA_APPENDIX_SHARE`); `pharma_none_usd` is the MFN duty if none claimed.
 * `s301_lists` names the lists an HTS8 is on whatever the partner, for scenario layers.
 */
export function lineDutiesSql(
  regime: Section232Regime,
  s301Table: string,
  s232Table: string,
): string {
  return `
  period AS (
    SELECT make_date($year, 1, 1) AS p_start, make_date($year, 12, 31) AS p_end,
           (make_date($year + 1, 1, 1) - make_date($year, 1, 1))::DOUBLE AS p_days
  ), lines AS (
    SELECT t.partner_code, t.partner_name, t.hs_code, left(t.hs_code, 8) AS hts8,
           left(t.hs_code, 2) AS chapter, t.value_usd, t.duty_usd
    FROM trade_product t
    WHERE t.flow = 'import_consumption' AND t.geo_level = 'country' AND t.hs_level = 10
      AND t.period_start = make_date($year, 1, 1) AND t.period_end = make_date($year, 12, 1)
  ), sched AS (
    SELECT * FROM tariff_line WHERE year = $year AND line_kind <> 'chapter99'
    QUALIFY row_number() OVER (PARTITION BY hts8 ORDER BY begin_date DESC NULLS LAST) = 1
  ), hts AS (
    SELECT hts_code, general_ad_valorem FROM hts_line WHERE hts_level = 10
    QUALIFY row_number() OVER (
      PARTITION BY hts_code ORDER BY abs(coalesce(year, 9999) - $year), year DESC) = 1
  ), s301_lists AS (
    SELECT hts_prefix AS hts8, string_agg(DISTINCT list, ',' ORDER BY list) AS lists,
           count(DISTINCT list) AS n_lists
    FROM tariff_measure WHERE measure = 'section_301' GROUP BY 1
  ), s232_scope(material, lo, hi, derivative) AS ${scopeValues(regime)},
  s232_lines AS (
    SELECT l.partner_code, l.hs_code, any_value(sc.material) AS material,
           bool_or(sc.derivative) AS derivative
    FROM lines l JOIN s232_scope sc
      ON l.chapter BETWEEN left(sc.lo, 2) AND left(sc.hi, 2)
     AND left(l.hs_code, length(sc.lo)) BETWEEN sc.lo AND sc.hi
    WHERE l.chapter IN (SELECT left(lo, 2) FROM s232_scope UNION SELECT left(hi, 2) FROM s232_scope)
    GROUP BY ALL
  ), s232_rated AS (
    SELECT x.*, t.rate, t.low_rate, t.high_rate, t.heading_jul1, t.exempt
    FROM s232_lines x LEFT JOIN ${s232Table} t ON t.partner_code = x.partner_code
     AND t.kind = x.material || CASE WHEN x.derivative THEN '_derivative' ELSE '' END
  ), rated AS (
    SELECT l.*, s.mfn_rate_type, s.mfn_text, s.usmca_indicator, s.usmca_rate_type,
      CASE WHEN l.chapter = '99' THEN 'not_a_product'
           WHEN s.hts8 IS NULL THEN CASE WHEN h.general_ad_valorem IS NULL THEN 'no_rate'
                                         ELSE 'hts_edition' END
           WHEN s.mfn_rate_type = '0' THEN 'free'
           WHEN s.mfn_rate_type = '7' AND s.mfn_ad_valorem IS NOT NULL THEN 'ad_valorem'
           WHEN s.mfn_ave IS NOT NULL THEN 'ave'
           WHEN s.mfn_rate_type IN ('4', '5', '6') AND s.mfn_ad_valorem IS NOT NULL
             THEN 'ad_valorem_part'
           WHEN s.mfn_rate_type IN ('1', '2', '3') THEN 'specific'
           ELSE 'not_computable' END AS mfn_basis,
      CASE mfn_basis WHEN 'hts_edition' THEN h.general_ad_valorem WHEN 'ad_valorem' THEN s.mfn_ad_valorem
                     WHEN 'ave' THEN s.mfn_ave WHEN 'ad_valorem_part' THEN s.mfn_ad_valorem
                     ELSE 0 END AS mfn_rate,
      CASE WHEN list_contains($usmca_partners, l.partner_code) THEN coalesce(u.share, 0) ELSE 0 END
        AS usmca_share,
      regexp_extract(s.special_text, 'See (9[0-9]{3})[.0-9, -]*\\(S\\+\\)', 1) AS usmca_provision,
      CASE WHEN s.usmca_indicator IS NULL THEN NULL
           WHEN s.usmca_rate_type IN ('0', '1', '2', '3') THEN 0
           WHEN s.usmca_rate_type IN ('4', '5', '6', '7') THEN s.usmca_ad_valorem
           WHEN s.usmca_indicator = 'S+' AND usmca_provision = '9823'
                AND list_contains($usmca_free_9823, l.partner_code) THEN 0
           ELSE NULL END AS usmca_rate,
      CASE WHEN list_contains($s301_partners, l.partner_code) THEN coalesce(r.s301_rate, 0) ELSE 0 END
        AS s301_rate,
      CASE WHEN list_contains($s301_partners, l.partner_code) THEN coalesce(r.s301_all, 0) ELSE 0 END
        AS s301_low_rate,
      CASE WHEN list_contains($s301_partners, l.partner_code) THEN coalesce(r.s301_none, 0) ELSE 0 END
        AS s301_high_rate,
      CASE WHEN list_contains($s301_partners, l.partner_code) THEN coalesce(r.s301_rate_imports, 0) ELSE 0 END
        AS s301_rate_imports,
      CASE WHEN list_contains($s301_partners, l.partner_code) THEN r.heading_jul1 END AS s301_heading,
      CASE WHEN list_contains($s301_partners, l.partner_code) THEN r.reference_jul1 END AS s301_reference,
      sl.lists AS s301_lists,
      coalesce(r.excluded, false) AND list_contains($s301_partners, l.partner_code) AS s301_split,
      coalesce(x.rate, 0) AS s232_rate, coalesce(x.low_rate, 0) AS s232_low_rate,
      coalesce(x.high_rate, 0) AS s232_high_rate, x.heading_jul1 AS s232_heading,
      x.material AS s232_material, coalesce(x.derivative, false) AS s232_derivative,
      coalesce(x.exempt, false) AS s232_exempt,
      coalesce(s.pharmaceutical, false) AS pharma_appendix,
      CASE WHEN pharma_appendix AND l.chapter IN ('29', '30') THEN $pharma_share ELSE 0 END
        AS pharma_share
    FROM lines l
    LEFT JOIN sched s ON s.hts8 = l.hts8
    LEFT JOIN hts h ON h.hts_code = l.hs_code
    LEFT JOIN usmca_share u ON u.year = $year AND u.hts10 = l.hs_code AND u.partner_code = l.partner_code
    LEFT JOIN ${s301Table} r ON r.hs_code = l.hs_code
    LEFT JOIN s301_lists sl ON sl.hts8 = l.hts8
    LEFT JOIN s232_rated x ON x.partner_code = l.partner_code AND x.hs_code = l.hs_code
  ), peer_base AS (
    SELECT partner_code, hs_code, hts8, duty_usd,
           value_usd * (1 - CASE WHEN usmca_rate = 0 THEN usmca_share ELSE 0 END) AS base
    FROM rated
    WHERE mfn_basis IN (${PEER_AVE_BASES}) AND duty_usd IS NOT NULL
      AND s301_rate = 0 AND s232_rate = 0 AND (usmca_share = 0 OR usmca_rate = 0)
  ), peer_ave AS (
    SELECT r.partner_code, r.hs_code,
           sum(b.duty_usd) FILTER (WHERE b.hs_code = r.hs_code)
             / nullif(sum(b.base) FILTER (WHERE b.hs_code = r.hs_code), 0) AS ave10,
           sum(b.duty_usd) / nullif(sum(b.base), 0) AS ave8
    FROM rated r JOIN peer_base b ON b.hts8 = r.hts8 AND b.partner_code <> r.partner_code
    WHERE r.mfn_basis IN (${PEER_AVE_BASES})
    GROUP BY ALL
  ), rated_ave AS (
    SELECT r.* REPLACE (CASE WHEN p.ave10 IS NOT NULL THEN p.ave10
                             WHEN p.ave8 IS NOT NULL THEN p.ave8
                             ELSE r.mfn_rate END AS mfn_rate),
           CASE WHEN p.ave10 IS NOT NULL THEN 'peer_hts10'
                WHEN p.ave8 IS NOT NULL THEN 'peer_hts8' END AS mfn_ave_source
    FROM rated r LEFT JOIN peer_ave p USING (partner_code, hs_code)
  ), line_duties AS (
    SELECT *,
      mfn_rate * (1 - pharma_share) AS mfn_paid_rate,
      round(value_usd * mfn_paid_rate)::BIGINT AS mfn_usd,
      CASE WHEN pharma_share > 0 THEN round(value_usd * mfn_rate)::BIGINT END AS pharma_none_usd,
      CASE WHEN usmca_share > 0 AND usmca_rate IS NULL AND mfn_rate > 0 THEN 'usmca_not_computable'
           END AS usmca_note,
      -round(value_usd * usmca_share
             * greatest(mfn_paid_rate - coalesce(usmca_rate, mfn_paid_rate), 0))::BIGINT AS usmca_usd,
      round(value_usd * s301_rate)::BIGINT AS s301_usd,
      round(value_usd * s301_low_rate)::BIGINT AS s301_low_usd,
      round(value_usd * s301_high_rate)::BIGINT AS s301_high_usd,
      round(value_usd * s301_rate_imports)::BIGINT AS s301_imports_usd,
      round(value_usd * s232_rate)::BIGINT AS s232_usd,
      round(value_usd * s232_low_rate)::BIGINT AS s232_low_usd,
      round(value_usd * s232_high_rate)::BIGINT AS s232_high_usd,
      mfn_usd + usmca_usd + s301_usd + s232_usd AS engine_usd
    FROM rated_ave
  )`;
}

/** The parameters `lineDutiesSql` needs, for a year and a Section 232 regime. */
export function lineDutiesParams(year: number): Record<string, Param> {
  return {
    year,
    usmca_partners: [...USMCA_PARTNERS],
    usmca_free_9823: [...USMCA_FREE_UNDER_9823],
    s301_partners: [...SECTION_301_PARTNERS],
    pharma_share: PHARMA_APPENDIX_SHARE,
  };
}
