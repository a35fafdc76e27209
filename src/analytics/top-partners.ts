import type { Store } from '../store/open-store.ts';
import { BASIS } from './basis.ts';
import { runShared } from './compiled-query.ts';
import { share } from './growth.ts';
import { CoverageError } from './lookup-error.ts';
import { provenance, type SourceRef } from './provenance.ts';
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
}

export interface PartnerRanking {
  kind: 'partner-ranking';
  year: number;
  months: number;
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
  const notes = months < 12 ? [`${year} is year to date: ${months} month(s) published`] : [];
  return {
    kind: 'partner-ranking',
    year,
    months,
    metric,
    countries: ranked.length,
    world,
    rows: ranked.slice(0, opts.limit ?? 10),
    basis: [
      BASIS.census_goods,
      'Ranks count countries only; Census aggregates (world, EU, USMCA…) are excluded.',
    ],
    sources: await provenance(store, ['trade_country_month'], 'country.xlsx'),
    notes,
  };
}

/** The asked year, or the latest complete one; says what is covered when it is not. */
export async function yearAndMonths(
  store: Store,
  asked?: number,
): Promise<{ year: number; months: number }> {
  const rows = await runShared(store, {
    kind: 'compiled-query',
    name: 'trade-years',
    tables: ['trade_country_month'],
    params: {},
    sql: `SELECT year(month)::INTEGER AS y, count(DISTINCT month)::INTEGER AS m FROM trade_country_month
          WHERE series = 'country.xlsx' GROUP BY 1 ORDER BY 1`,
  });
  const years = rows.map((r) => ({ year: Number(r.y), months: Number(r.m) }));
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
