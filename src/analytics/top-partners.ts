import type { Store } from '../store/open-store.ts';
import { monthName } from '../model/month-names.ts';
import { BASIS } from './basis.ts';
import { runShared } from './compiled-query.ts';
import { share } from './growth.ts';
import { CoverageError } from './lookup-error.ts';
import { readProvenance, type SourceRef } from './provenance.ts';
import { compileTrade } from './trade-queries.ts';

export type TradeMetric = 'exports' | 'imports' | 'two_way' | 'balance';

export interface RankedPartner {
  rank: number;
  code: string;
  name: string;
  exports: bigint;
  imports: bigint;
  twoWay: bigint;
  balance: bigint;
  /** Share of the world total for the metric (not for balance). */
  share: number | null;
  /** The metric over the same months a year earlier (null when not loaded or no trade). */
  prior: bigint | null;
}

export interface PartnerRanking {
  kind: 'partner-ranking';
  year: number;
  months: number;
  /**
   * What the values cover, stated: "2022", or "2023 year to date (January)" — a partial year
   * is never ranked as a year, and `comparedWith` is the same months a year earlier.
   */
  period: {
    label: string;
    from: string;
    to: string;
    yearToDate: boolean;
    comparedWith: { label: string; from: string; to: string } | null;
  };
  metric: TradeMetric;
  countries: number;
  world: { exports: bigint | null; imports: bigint | null };
  rows: RankedPartner[];
  basis: string[];
  sources: SourceRef[];
  notes: string[];
}

/** Countries ranked for a year (aggregates never ranked; ties share a rank). */
export async function rankPartners(
  store: Store,
  opts: { year?: number; metric?: TradeMetric; limit?: number },
): Promise<PartnerRanking> {
  const metric = opts.metric ?? 'two_way';
  const { year, months } = await yearAndMonths(store, opts.year);
  const rows = await runShared(store, compileTrade({ kind: 'partner-ranking', year, months }));
  const before = await runShared(
    store,
    compileTrade({ kind: 'partner-ranking', year: year - 1, months }),
  );
  const priorOf = new Map(
    before.map((r) => {
      const e = (r.exports as bigint | null) ?? 0n;
      const i = (r.imports as bigint | null) ?? 0n;
      const v: Record<TradeMetric, bigint> = {
        exports: e,
        imports: i,
        two_way: e + i,
        balance: e - i,
      };
      return [String(r.partner_code), v[metric]];
    }),
  );
  const first = rows[0];
  const world = {
    exports: (first?.world_exports as bigint | null) ?? null,
    imports: (first?.world_imports as bigint | null) ?? null,
  };
  const worldFor: Record<TradeMetric, bigint | null> = {
    exports: world.exports,
    imports: world.imports,
    two_way: world.exports != null && world.imports != null ? world.exports + world.imports : null,
    balance: null,
  };
  const all = rows.map((r) => {
    const exports = (r.exports as bigint | null) ?? 0n;
    const imports = (r.imports as bigint | null) ?? 0n;
    const values: Record<TradeMetric, bigint> = {
      exports,
      imports,
      two_way: exports + imports,
      balance: exports - imports,
    };
    return {
      code: String(r.partner_code),
      name: String(r.partner_name),
      exports,
      imports,
      twoWay: exports + imports,
      balance: exports - imports,
      value: values[metric],
      share: share(values[metric], worldFor[metric]),
      prior: priorOf.get(String(r.partner_code)) ?? null,
    };
  });
  all.sort((a, b) =>
    a.value === b.value ? a.code.localeCompare(b.code) : a.value > b.value ? -1 : 1,
  );
  // Competition ranking: tied values share a rank, the next rank is skipped.
  const ranked: RankedPartner[] = [];
  all.forEach((p, i) => {
    const prev = ranked[i - 1];
    const rank = prev && all[i - 1]!.value === p.value ? prev.rank : i + 1;
    const { value: _v, ...rest } = p;
    ranked.push({ rank, ...rest });
  });
  const period = periodOf(year, months, before.length > 0);
  const notes =
    months < 12
      ? [
          `${period.label}: only ${months} month(s) of ${year} are published, so partners are ranked on ${period.from} – ${period.to}, not on a year${period.comparedWith ? `; the comparison is ${period.comparedWith.label}` : ''}`,
        ]
      : [];
  return {
    kind: 'partner-ranking',
    year,
    months,
    period,
    metric,
    countries: ranked.length,
    world,
    rows: ranked.slice(0, opts.limit ?? 10),
    basis: [
      BASIS.census_goods,
      'Ranks count countries only; Census aggregates (world, EU, USMCA…) are excluded.',
    ],
    sources: await readProvenance(store, [
      ...(compileTrade({ kind: 'partner-ranking', year, months }).reads ?? []),
      ...(before.length > 0
        ? (compileTrade({ kind: 'partner-ranking', year: year - 1, months }).reads ?? [])
        : []),
    ]),
    notes,
  };
}

/** Every loaded year of Census partner trade with its months, in order. */
export async function tradeYears(store: Store): Promise<{ year: number; months: number }[]> {
  const rows = await runShared(store, {
    kind: 'compiled-query',
    name: 'trade-years',
    tables: ['trade_country_month'],
    params: {},
    sql: `SELECT year(month)::INTEGER AS y, count(DISTINCT month)::INTEGER AS m FROM trade_country_month
          WHERE series = 'country.xlsx' GROUP BY 1 ORDER BY 1`,
  });
  return rows.map((r) => ({ year: Number(r.y), months: Number(r.m) }));
}

/** The asked year, or the latest complete one; says what is covered when it is not. */
export async function yearAndMonths(
  store: Store,
  asked?: number,
): Promise<{ year: number; months: number }> {
  const years = await tradeYears(store);
  if (years.length === 0) {
    throw new CoverageError(
      'Census partner trade',
      String(asked ?? 'any year'),
      'nothing: run frontera ingest',
    );
  }
  const span = `${years[0]!.year}–${years[years.length - 1]!.year}`;
  if (asked !== undefined) {
    const hit = years.find((y) => y.year === asked);
    if (!hit) throw new CoverageError('Census partner trade', String(asked), span);
    return hit;
  }
  const complete = years.filter((y) => y.months === 12);
  return (complete[complete.length - 1] ?? years[years.length - 1])!;
}

/** The months a ranking covers, and the same months a year earlier when they are loaded. */
function periodOf(year: number, months: number, priorLoaded: boolean): PartnerRanking['period'] {
  const mm = (m: number) => String(m).padStart(2, '0');
  const span = (y: number) => ({ from: `${y}-01`, to: `${y}-${mm(months)}` });
  const names = months === 1 ? monthName(1) : `January–${monthName(months)}`;
  if (months === 12)
    return {
      label: String(year),
      ...span(year),
      yearToDate: false,
      comparedWith: priorLoaded ? { label: String(year - 1), ...span(year - 1) } : null,
    };
  return {
    label: `${year} year to date (${names})`,
    ...span(year),
    yearToDate: true,
    comparedWith: priorLoaded ? { label: `${names} ${year - 1}`, ...span(year - 1) } : null,
  };
}
