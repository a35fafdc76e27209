import type { Store } from '../store/open-store.ts';
import { runShared, type Row } from './compiled-query.ts';
import { compileTrade } from './trade-queries.ts';

/**
 * The rows of the `partner-annual` query for these partners and years, built from each
 * partner's whole yearly series, read once per partner (and vintage) and loaded state: the
 * query groups by partner and year, so keeping the years asked afterwards gives the same rows,
 * and they come in its order (partner code, then year; a partner named twice counts once).
 */
export async function partnerAnnual(
  store: Store,
  partners: readonly string[],
  opts: { years?: { from: number; to: number }; vintage?: string } = {},
): Promise<Row[]> {
  const codes = [...new Set(partners)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const y0 = opts.years?.from ?? 0;
  const y1 = opts.years?.to ?? 9999;
  const series = await Promise.all(
    codes.map((code) =>
      runShared(
        store,
        compileTrade({ kind: 'partner-annual', partners: [code], vintage: opts.vintage }),
      ),
    ),
  );
  return series.flat().filter((r) => Number(r.year) >= y0 && Number(r.year) <= y1);
}
