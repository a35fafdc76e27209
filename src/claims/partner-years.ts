import { CoverageError } from '../analytics/lookup-error.ts';
import type { PartnerProfile } from '../analytics/partner-profile.ts';
import { partnerProfile, partnerSeries } from './shared-analytics.ts';
import { compileTrade } from '../analytics/trade-queries.ts';
import type { Store } from '../store/open-store.ts';
import { call } from './computed-figure.ts';
import type { Totals } from './flow-value.ts';
import type { QueryUsed } from './measurement.ts';
import { NotVerifiable } from './not-verifiable.ts';

export interface PartnerYears {
  /** Each year's exports and imports, summed over the partners; `months` is the fewest any has. */
  yearly: Map<number, { totals: Totals; months: number }>;
  /** The current-vintage profiles of the year, one per partner (none for an older release). */
  profiles: PartnerProfile[];
  query: QueryUsed[];
}

/**
 * The yearly totals of one partner or a group: from each partner's profile for the year (the
 * current vintage), or from each partner's series in an older country.xlsx release.
 */
export async function partnerYears(
  store: Store,
  codes: string[],
  year: number,
  vintage: string | null,
): Promise<PartnerYears> {
  const out: PartnerYears = { yearly: new Map(), profiles: [], query: [] };
  const add = (y: number, t: Totals, months: number) => {
    const have = out.yearly.get(y) ?? { totals: { exports: 0n, imports: 0n }, months: 12 };
    out.yearly.set(y, {
      totals: {
        exports: have.totals.exports + t.exports,
        imports: have.totals.imports + t.imports,
      },
      months: Math.min(have.months, months),
    });
  };
  for (const code of codes) {
    if (vintage) {
      const s = await partnerSeries(store, code, { vintage });
      out.query.push(
        call(
          `partnerSeries(store, '${code}', { vintage: '${vintage}' })`,
          compileTrade({ kind: 'partner-annual', partners: [code], vintage }),
        ),
      );
      for (const r of s.rows) {
        const t = { exports: r.exports ?? 0n, imports: r.imports ?? 0n };
        add(Number(r.period), t, r.months ?? 12);
      }
    } else {
      const p = await profileFor(store, code, year);
      out.profiles.push(p);
      out.query.push(
        call(
          `partnerProfile(store, '${code}', { year: ${year} })`,
          compileTrade({ kind: 'partner-monthly', partners: [code] }),
        ),
      );
      for (const y of p.yearly)
        add(y.year, { exports: y.exports ?? 0n, imports: y.imports ?? 0n }, y.months);
    }
  }
  return out;
}

async function profileFor(store: Store, code: string, year: number): Promise<PartnerProfile> {
  try {
    return await partnerProfile(store, code, { year });
  } catch (e) {
    if (e instanceof CoverageError)
      throw new NotVerifiable(e.message, `a Census country.xlsx release covering ${year}`);
    throw e;
  }
}
