import type { Store } from '../store/open-store.ts';
import { askedOften } from './asked-often.ts';
import { fileProvenance, filesByValue, readProvenance, valueKey } from './provenance.ts';
import type { SourceRef } from './provenance.ts';
import { compileTrade } from './trade-queries.ts';

/**
 * The files behind the current Census country rows of some partners over a span of years
 * (`series = 'country.xlsx' AND partner_code IN (…) AND year(month) BETWEEN $y0 AND $y1`): a
 * query of its own on a one-off command; on a store asked for it often (a server comparing
 * partners, listing series), looked up among every partner's and year's files, read in one
 * query once per loaded state (`filesByValue`).
 */
export async function partnerYearsProvenance(
  store: Store,
  partners: readonly string[],
  years?: { from: number; to: number },
): Promise<SourceRef[]> {
  if (!(await askedOften(store, 'partner-years-files')))
    return readProvenance(
      store,
      compileTrade({ kind: 'partner-annual', partners: [...partners], years }).reads ?? [],
    );
  const byValue = await filesByValue(
    store,
    'trade_country_month',
    ['partner_code', 'year(month)::INTEGER'],
    "series = 'country.xlsx'",
  );
  const y0 = years?.from ?? 0;
  const y1 = years?.to ?? 9999;
  const ids: number[] = [];
  for (const code of new Set(partners))
    for (let y = y0; y <= y1; y++) ids.push(...(byValue.get(valueKey([code, y])) ?? []));
  return fileProvenance(store, ids);
}
