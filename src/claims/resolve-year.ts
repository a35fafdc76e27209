import { compileBorder } from '../analytics/border-queries.ts';
import { runShared } from '../analytics/compiled-query.ts';
import { yearAndMonths } from './shared-analytics.ts';
import type { Store } from '../store/open-store.ts';
import type { Claim } from './claim.ts';
import type { At } from './measurement.ts';

/**
 * The year (or month) a claim is checked for. A statement that names no period is checked
 * against the latest complete year loaded, and never a year after the statement was made.
 */
export async function resolveAt(
  store: Store,
  claim: Claim,
  asOf: string,
  data: 'census' | 'crossings',
): Promise<{ at: At; note: string | null }> {
  const p = claim.period;
  if (p.kind === 'year') return { at: { year: p.year, month: null, vintage: null }, note: null };
  if (p.kind === 'month')
    return { at: { year: Number(p.month.slice(0, 4)), month: p.month, vintage: null }, note: null };
  const before = Number(asOf.slice(0, 4)) - 1;
  const complete = data === 'census' ? await censusYears(store) : await crossingYears(store);
  const fit = complete.filter((y) => y <= before);
  const year = fit[fit.length - 1] ?? complete[0];
  if (year === undefined) return { at: { year: null, month: null, vintage: null }, note: null };
  const what = data === 'census' ? 'Census partner totals' : 'BTS crossings';
  const note =
    year < before
      ? `no period stated: checked against ${year}, the latest complete year of ${what} loaded (the statement was made ${asOf}; ${before} is not loaded)`
      : `no period stated: checked against ${year}, the last complete year before the statement (${asOf})`;
  return { at: { year, month: null, vintage: null }, note };
}

/** Census country totals run without gaps from 1985 to the latest complete year. */
async function censusYears(store: Store): Promise<number[]> {
  const latest = await yearAndMonths(store).catch(() => null);
  if (!latest) return [];
  return Array.from({ length: latest.year - 1984 }, (_v, i) => 1985 + i);
}

async function crossingYears(store: Store): Promise<number[]> {
  const rows = await runShared(store, compileBorder({ kind: 'crossings', by: 'year' }));
  return rows.filter((r) => Number(r.months) === 12).map((r) => Number(r.key));
}
