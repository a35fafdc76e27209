import type { Store } from '../store/open-store.ts';
import { BASIS } from './basis.ts';
import { cagr } from './growth.ts';
import { partnerAnnual } from './partner-annual.ts';
import type { SourceRef } from './provenance.ts';
import { partnerYearsProvenance } from './partner-years-provenance.ts';
import { resolvePartner } from './resolve-partner.ts';
import {
  rankPartners,
  yearAndMonths,
  type PartnerRanking,
  type TradeMetric,
} from './top-partners.ts';

export interface PartnerComparison {
  kind: 'partner-comparison';
  metric: TradeMetric;
  years: { from: number; to: number };
  partners: { code: string; name: string }[];
  /** One row per year: the metric for each partner, in the order asked. */
  rows: { year: number; months: number; values: (bigint | null)[] }[];
  /** Ratio of the first partner's value to each other's, for the last year. */
  ratios: { of: string; to: string; ratio: number | null }[];
  cagr: { code: string; cagr: number | null }[];
  basis: string[];
  sources: SourceRef[];
  notes: string[];
}

/** Two or more partners side by side, year by year, with ratios and growth. */
export async function comparePartners(
  store: Store,
  asked: string[],
  opts: { metric?: TradeMetric; years?: { from: number; to: number } },
): Promise<PartnerComparison> {
  const metric = opts.metric ?? 'two_way';
  const partners: Awaited<ReturnType<typeof resolvePartner>>[] = [];
  for (const a of asked) partners.push(await resolvePartner(store, a));
  const last = await yearAndMonths(store, opts.years?.to);
  const years = opts.years ?? { from: last.year - 9, to: last.year };
  const rows = await partnerAnnual(
    store,
    partners.map((p) => p.code),
    { years },
  );
  const pick = (r: (typeof rows)[number] | undefined): bigint | null => {
    if (!r) return null;
    const e = (r.exports as bigint | null) ?? 0n;
    const i = (r.imports as bigint | null) ?? 0n;
    return { exports: e, imports: i, two_way: e + i, balance: e - i }[metric];
  };
  const out: PartnerComparison['rows'] = [];
  for (let y = years.from; y <= years.to; y++) {
    const these = partners.map((p) =>
      rows.find((r) => r.partner_code === p.code && Number(r.year) === y),
    );
    if (these.every((r) => !r)) continue;
    const months = Math.min(...these.map((r) => (r ? Number(r.export_months) : 12)));
    out.push({ year: y, months, values: these.map(pick) });
  }
  const final = out.filter((r) => r.months === 12).at(-1) ?? out.at(-1);
  const firstFull = out.find((r) => r.months === 12);
  return {
    kind: 'partner-comparison',
    metric,
    years,
    partners: partners.map((p) => ({ code: p.code, name: p.name })),
    rows: out,
    ratios: partners.slice(1).map((p, i) => {
      const a = final?.values[0];
      const b = final?.values[i + 1];
      return {
        of: partners[0]!.name,
        to: p.name,
        ratio: a != null && b != null && b !== 0n ? Number(a) / Number(b) : null,
      };
    }),
    cagr: partners.map((p, i) => ({
      code: p.code,
      cagr:
        firstFull && final && firstFull.year < final.year
          ? cagr(firstFull.values[i] ?? 0n, final.values[i] ?? 0n, final.year - firstFull.year)
          : null,
    })),
    basis: [BASIS.census_goods],
    sources: await partnerYearsProvenance(
      store,
      partners.map((p) => p.code),
      years,
    ),
    notes: out.some((r) => r.months < 12)
      ? ['years with fewer than 12 months are year to date']
      : [],
  };
}

export interface GroupComparison {
  kind: 'group-comparison';
  year: number;
  /** The months compared: a partial year is year to date, never a year. */
  period: PartnerRanking['period'];
  metric: TradeMetric;
  group: { code: string; name: string; rank: number; value: bigint }[];
  groupTotal: bigint;
  next: { code: string; name: string; rank: number; value: bigint }[];
  nextTotal: bigint;
  /** groupTotal / nextTotal. */
  ratio: number | null;
  basis: string[];
  sources: SourceRef[];
  notes: string[];
}

/** "A and B together against the next N combined": the N countries ranked just below the group. */
export async function compareGroupWithNext(
  store: Store,
  asked: string[],
  opts: { metric?: TradeMetric; year?: number; next: number },
): Promise<GroupComparison> {
  const metric = opts.metric ?? 'exports';
  const codes: string[] = [];
  for (const a of asked) codes.push((await resolvePartner(store, a)).code);
  const ranking = await rankPartners(store, { year: opts.year, metric, limit: 100_000 });
  const val = (r: (typeof ranking.rows)[number]) =>
    ({ exports: r.exports, imports: r.imports, two_way: r.twoWay, balance: r.balance })[metric];
  const group = ranking.rows.filter((r) => codes.includes(r.code));
  const lowest = Math.max(...group.map((g) => ranking.rows.indexOf(g)));
  const next = ranking.rows
    .filter((r, i) => i > lowest && !codes.includes(r.code))
    .slice(0, opts.next);
  const groupTotal = group.reduce((a, g) => a + val(g), 0n);
  const nextTotal = next.reduce((a, g) => a + val(g), 0n);
  const slim = (r: (typeof ranking.rows)[number]) => ({
    code: r.code,
    name: r.name,
    rank: r.rank,
    value: val(r),
  });
  return {
    kind: 'group-comparison',
    year: ranking.year,
    period: ranking.period,
    metric,
    group: group.map(slim),
    groupTotal,
    next: next.map(slim),
    nextTotal,
    ratio: nextTotal === 0n ? null : Number(groupTotal) / Number(nextTotal),
    basis: ranking.basis,
    sources: ranking.sources,
    notes: ranking.notes,
  };
}
