import type { Store } from '../store/open-store.ts';
import { BASIS } from './basis.ts';
import { runQuery } from './compiled-query.ts';
import { provenance, type SourceRef } from './provenance.ts';
import { resolvePartner } from './resolve-partner.ts';
import { compileTrade } from './trade-queries.ts';

export interface PartnerSeries {
  kind: 'partner-series';
  partner: { code: string; name: string };
  frequency: 'monthly' | 'yearly';
  vintage: string | null;
  rows: {
    period: string;
    exports: bigint | null;
    imports: bigint | null;
    balance: bigint | null;
    months?: number;
  }[];
  basis: string[];
  sources: SourceRef[];
}

/** A partner's exports and imports month by month or year by year, in any loaded vintage. */
export async function partnerSeries(
  store: Store,
  asked: string,
  opts: {
    frequency?: 'monthly' | 'yearly';
    vintage?: string;
    years?: { from: number; to: number };
  },
): Promise<PartnerSeries> {
  const p = await resolvePartner(store, asked);
  const frequency = opts.frequency ?? 'yearly';
  const bal = (e: unknown, i: unknown) =>
    e == null || i == null ? null : (e as bigint) - (i as bigint);
  let rows: PartnerSeries['rows'];
  if (frequency === 'yearly') {
    const r = await runQuery(
      store,
      compileTrade({
        kind: 'partner-annual',
        partners: [p.code],
        vintage: opts.vintage,
        years: opts.years,
      }),
    );
    rows = r.map((x) => ({
      period: String(x.year),
      exports: x.exports as bigint | null,
      imports: x.imports as bigint | null,
      balance: bal(x.exports, x.imports),
      months: Math.min(Number(x.export_months), Number(x.import_months)),
    }));
  } else {
    const r = await runQuery(
      store,
      compileTrade({ kind: 'partner-monthly', partners: [p.code], vintage: opts.vintage }),
    );
    rows = r
      .filter(
        (x) =>
          !opts.years ||
          (Number(String(x.month).slice(0, 4)) >= opts.years.from &&
            Number(String(x.month).slice(0, 4)) <= opts.years.to),
      )
      .map((x) => ({
        period: String(x.month),
        exports: x.exports as bigint | null,
        imports: x.imports as bigint | null,
        balance: bal(x.exports, x.imports),
      }));
  }
  return {
    kind: 'partner-series',
    partner: { code: p.code, name: p.name },
    frequency,
    vintage: opts.vintage ?? null,
    rows,
    basis: [BASIS.census_goods],
    sources: await provenance(store, ['trade_country_month'], 'country.xlsx'),
  };
}
