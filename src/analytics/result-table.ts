import type { GroupComparison, PartnerComparison } from './compare-partners.ts';
import type { PartnerProfile } from './partner-profile.ts';
import type { PartnerSeries } from './partner-series.ts';
import type { PortMap } from './port-map.ts';
import type { PortProfile } from './port-profile.ts';
import type { ProductProfile } from './product-profile.ts';
import type { RevisionDiff } from './revision-diff.ts';
import type { MexicanStateProfile } from './mexican-state-profile.ts';
import type { ProductNames } from './product-names.ts';
import type { UsStateNames } from './us-state-names-es.ts';
import type { StateProfile } from './state-profile.ts';
import type { PlaceRanking } from './top-places.ts';
import type { PartnerRanking } from './top-partners.ts';
import type { WaitCompare } from './wait-compare.ts';
import type { WaitHistory } from './wait-history.ts';
import type { WaitNow } from './wait-now.ts';
import type { WaitProfile } from './wait-profile.ts';
import { WAIT_TABLES } from './wait-tables.ts';

export type AnalysisResult =
  | PartnerProfile
  | StateProfile
  | MexicanStateProfile
  | ProductNames
  | UsStateNames
  | PortProfile
  | ProductProfile
  | PartnerRanking
  | PlaceRanking
  | PartnerComparison
  | GroupComparison
  | PartnerSeries
  | RevisionDiff
  | PortMap
  | WaitHistory
  | WaitProfile
  | WaitCompare
  | WaitNow;

export interface ResultTable {
  columns: string[];
  rows: unknown[][];
}

type Kind = AnalysisResult['kind'];
type Of<K extends Kind> = Extract<AnalysisResult, { kind: K }>;

/**
 * The main table of each result, for CSV and Parquet downloads: one complete map over result
 * kinds, so a new kind fails to compile until its table is stated. Money columns end in _usd.
 */
const TABLE: { [K in Kind]: (r: Of<K>) => ResultTable } = {
  'partner-profile': (p) => ({
    columns: ['partner_code', 'year', 'exports_usd', 'imports_usd', 'balance_usd', 'months'],
    rows: p.yearly.map((y) => [
      p.partner.code,
      y.year,
      y.exports,
      y.imports,
      (y.exports ?? 0n) - (y.imports ?? 0n),
      y.months,
    ]),
  }),
  'us-state-names': (p) => ({
    columns: ['usps', 'name_es'],
    rows: Object.entries(p.names).map(([code, name]) => [code, name]),
  }),
  'product-names': (p) => ({
    columns: ['hs_code', 'named_code', 'name_es'],
    rows: Object.entries(p.names).map(([code, n]) => [code, n.code, n.name]),
  }),
  'mexican-state-profile': (p) => ({
    columns: ['mex_state', 'month', 'flow', 'split', 'key', 'label', 'value_usd', 'share'],
    rows: (['byMode', 'byUsState', 'byPort', 'byHs2'] as const).flatMap((k) =>
      p[k].map((r) => [
        p.state.code,
        p.month,
        p.flow,
        k.slice(2).replace('UsState', 'us_state').toLowerCase(),
        r.key,
        r.label,
        r.exports,
        r.share,
      ]),
    ),
  }),
  'state-profile': (p) => ({
    columns: [
      'state',
      'month',
      'partner_code',
      'split',
      'key',
      'label',
      'exports_usd',
      'imports_usd',
      'total_usd',
    ],
    rows: p.partners.flatMap((t) =>
      (['byMode', 'byHs2', 'byPort'] as const).flatMap((k) =>
        t[k].map((r) => [
          p.state.code,
          p.month,
          t.partner.code,
          k.slice(2).toLowerCase(),
          r.key,
          r.label,
          r.exports,
          r.imports,
          r.total,
        ]),
      ),
    ),
  }),
  'port-profile': (p) => ({
    columns: ['port_code', 'year', 'measure', 'count', 'months'],
    rows: (p.crossings?.yearly ?? []).flatMap((y) =>
      y.byMeasure.map((m) => [p.port.code, y.year, m.measure, m.count, m.months]),
    ),
  }),
  'product-profile': (p) => ({
    columns: [
      'hs_code',
      'partner_code',
      'partner',
      'flow',
      'period_start',
      'period_end',
      'value_usd',
      'duty_usd',
    ],
    rows: p.census.map((c) => [
      p.product.code,
      c.partner.code,
      c.partner.name,
      c.flow,
      c.periodStart,
      c.periodEnd,
      c.valueUsd,
      c.dutyUsd,
    ]),
  }),
  'partner-ranking': (r) => ({
    columns: [
      'rank',
      'partner_code',
      'partner',
      'exports_usd',
      'imports_usd',
      'two_way_usd',
      'balance_usd',
      'share_pct',
      'period',
      'prior_period',
      'prior_value_usd',
    ],
    // The period on every row: a year-to-date ranking must not pass for a year once downloaded.
    rows: r.rows.map((p) => [
      p.rank,
      p.code,
      p.name,
      p.exports,
      p.imports,
      p.twoWay,
      p.balance,
      p.share,
      r.period.label,
      r.period.comparedWith?.label ?? null,
      p.prior,
    ]),
  }),
  'place-ranking': (r) => ({
    columns: ['rank', 'code', 'name', r.unit === 'usd' ? 'value_usd' : 'count', 'share_pct'],
    rows: r.rows.map((x) => [x.rank, x.key, x.label, x.value, x.share]),
  }),
  'partner-comparison': (r) => ({
    columns: ['year', ...r.partners.map((p) => `${p.code}_usd`), 'months'],
    rows: r.rows.map((row) => [row.year, ...row.values, row.months]),
  }),
  'group-comparison': (r) => ({
    columns: ['side', 'rank', 'partner_code', 'partner', 'value_usd'],
    rows: [
      ...r.group.map((g) => ['group', g.rank, g.code, g.name, g.value]),
      ...r.next.map((g) => ['next', g.rank, g.code, g.name, g.value]),
    ],
  }),
  'partner-series': (r) => ({
    columns: ['period', 'exports_usd', 'imports_usd', 'balance_usd'],
    rows: r.rows.map((x) => [x.period, x.exports, x.imports, x.balance]),
  }),
  'port-map': (r) => ({
    columns: [
      'port_code',
      'name',
      'state',
      'border',
      'latitude',
      'longitude',
      'measure',
      'year',
      'count',
    ],
    rows: r.ports.map((p) => [
      p.code,
      p.name,
      p.state,
      p.border,
      p.latitude,
      p.longitude,
      r.measure,
      r.year,
      p.count,
    ]),
  }),
  'revision-diff': (r) => ({
    columns: ['month', 'old_usd', 'new_usd', 'change_usd'],
    rows: r.rows.map((x) => [x.month, x.old, x.new, x.change]),
  }),
  ...WAIT_TABLES,
};

export function resultTable(r: AnalysisResult): ResultTable {
  return (TABLE[r.kind] as (x: AnalysisResult) => ResultTable)(r);
}
