import { memoize, type Store } from '../store/open-store.ts';
import { askedOften } from './asked-often.ts';
import { runQuery, runShared, type Row } from './compiled-query.ts';
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
    codes.map((code) => partnerRows(store, 'partner-annual', code, opts.vintage)),
  );
  return series.flat().filter((r) => Number(r.year) >= y0 && Number(r.year) <= y1);
}

/** One partner's rows of the `partner-monthly` query (every month, in its order). */
export function partnerMonthly(store: Store, code: string, vintage?: string): Promise<Row[]> {
  return partnerRows(store, 'partner-monthly', code, vintage);
}

/**
 * One partner's rows of a per-partner query. A store asked for it often (a server answering
 * partner after partner) reads the query once for every partner and keeps each one's rows:
 * the query groups by partner first, so a partner's rows are the same either way.
 */
async function partnerRows(
  store: Store,
  kind: 'partner-annual' | 'partner-monthly',
  code: string,
  vintage: string | undefined,
): Promise<Row[]> {
  if (!(await askedOften(store, `${kind}:${vintage ?? ''}`)))
    return runShared(store, compileTrade({ kind, partners: [code], vintage }));
  const all = await memoize(store, `${kind}-all:${vintage ?? ''}`, async () => {
    const partners = (
      await runQuery(store, {
        kind: 'compiled-query',
        name: 'census-partner-codes',
        tables: ['trade_country_month'],
        params: {},
        sql: `SELECT DISTINCT partner_code FROM trade_country_month_all
              WHERE series = 'country.xlsx' AND partner_code IS NOT NULL`,
      })
    ).map((r) => String(r.partner_code));
    const byPartner = new Map<string, Row[]>();
    for (const r of await runQuery(store, compileTrade({ kind, partners, vintage }))) {
      const rows = byPartner.get(String(r.partner_code));
      if (rows) rows.push(r);
      else byPartner.set(String(r.partner_code), [r]);
    }
    return byPartner;
  });
  return all.get(code) ?? [];
}
