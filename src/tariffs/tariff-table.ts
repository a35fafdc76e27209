import type { TradeComposition } from '../analytics/trade-composition.ts';
import type { TariffBaseline } from './tariff-baseline.ts';
import type { TariffScenario } from './tariff-scenario.ts';
import { tariffLineTable, type TariffLine, type TariffLines } from './tariff-line.ts';

/** Results of the tariff commands and endpoints (composition rides along: same consumers). */
export type TariffResult =
  TariffBaseline | TariffScenario | TradeComposition | TariffLine | TariffLines;

export interface ResultTable {
  columns: string[];
  rows: unknown[][];
}

type Kind = TariffResult['kind'];
type Of<K extends Kind> = Extract<TariffResult, { kind: K }>;

/**
 * The main table of each tariff result, for CSV and Parquet downloads; a complete map over
 * the kinds, so a new result fails to compile until its table is stated. Money ends in _usd.
 */
const TABLE: { [K in Kind]: (r: Of<K>) => ResultTable } = {
  'tariff-line': tariffLineTable,
  'tariff-lines': tariffLineTable,
  'tariff-baseline': (b) => ({
    columns: [
      'year',
      'partner_code',
      'partner',
      'imports_usd',
      'mfn_usd',
      'usmca_usd',
      'section301_usd',
      'section232_usd',
      'engine_usd',
      'official_usd',
      'difference_usd',
      'error_pct',
    ],
    rows: [...b.partners, b.total].map((r) => [
      b.year,
      r.partner.code,
      r.partner.name,
      r.valueUsd,
      r.engine.mfn,
      r.engine.usmca,
      r.engine.section301,
      r.engine.section232,
      r.engine.total,
      r.officialUsd,
      r.differenceUsd,
      r.errorPct,
    ]),
  }),
  // One row per line of every table the scenario returns, so one CSV carries all of it.
  'tariff-scenario': (r) => ({
    columns: [
      'scenario',
      'year',
      'grouping',
      'partner_code',
      'key',
      'label',
      'imports_usd',
      'baseline_usd',
      'added_usd',
      'baseline_rate_pct',
      'new_rate_pct',
      'estimate',
    ],
    rows: [
      ...r.partners.map(
        (p) => ['partner', p.partner.code, p.partner.code, p.partner.name, p] as const,
      ),
      ...r.chapters.map((c) => ['chapter', c.partnerCode, c.chapter, null, c] as const),
      ...r.products.map((c) => ['product', c.partnerCode, c.hsCode, c.description, c] as const),
    ]
      .map(([g, partner, key, label, t]) => [
        r.name,
        r.year,
        g,
        partner,
        key,
        label,
        t.valueUsd,
        t.baselineUsd,
        t.addedUsd,
        t.baselineRatePct,
        t.newRatePct,
        false,
      ])
      .concat(
        (['states', 'ports'] as const).flatMap((k) =>
          (r.places?.[k] ?? []).map((p) => [
            r.name,
            r.year,
            k === 'states' ? 'us_state' : 'port',
            p.partnerCode,
            p.key,
            p.name,
            null,
            null,
            p.addedUsd,
            null,
            null,
            true,
          ]),
        ),
      ),
  }),
  'trade-composition': (c) => ({
    columns: [
      'partner_code',
      'year',
      'flow',
      'grouping',
      'code',
      'label',
      'value_usd',
      'share_pct',
    ],
    rows: [
      ...c.sections.map((s) => ['section', s] as const),
      ...c.chapters.map((s) => ['chapter', s] as const),
      ...c.endUse.classes.map((s) => ['end_use', s] as const),
    ].map(([g, s]) => [c.partner.code, c.year, c.flow, g, s.code, s.label, s.valueUsd, s.share]),
  }),
};

export function tariffTable(r: TariffResult): ResultTable {
  return (TABLE[r.kind] as (x: TariffResult) => ResultTable)(r);
}
