import type { Store } from '../store/open-store.ts';
import { ArgumentError } from './argument-error.ts';
import { runQuery } from './compiled-query.ts';
import { readProvenance, type SourceRef } from './provenance.ts';

export interface ProductNames {
  kind: 'product-names';
  lang: 'es';
  /** Each asked code (2 to 10 digits) → the name of its HS6, heading or chapter, and which. */
  names: Record<string, { code: string; name: string }>;
  sources: SourceRef[];
  notes: string[];
}

/** At most this many codes per request (a page's treemap shows 200). */
export const MAX_NAMED = 400;

/**
 * Spanish names for HS codes, in the EU Combined Nomenclature's wording (`hs_product_name`):
 * a national line (HTS8/HTS10) takes its HS6 subheading's name, and says which code it is, as
 * the EU names no US lines. A code with no Spanish name loaded is left out.
 */
export async function productNames(store: Store, codes: string[]): Promise<ProductNames> {
  const asked = [...new Set(codes.map((c) => c.trim()).filter(Boolean))];
  const bad = asked.find((c) => !/^\d{2}(\d{2}){0,4}$/.test(c));
  if (bad !== undefined) throw new ArgumentError('codes', `not an HS code: ${JSON.stringify(bad)}`);
  if (asked.length > MAX_NAMED)
    throw new ArgumentError(
      'codes',
      `at most ${MAX_NAMED} codes per request (${asked.length} asked)`,
    );
  const prefixes = [...new Set(asked.flatMap((c) => [2, 4, 6].map((n) => c.slice(0, n))))];
  const rows = await runQuery(store, {
    kind: 'compiled-query',
    name: 'product-names-es',
    tables: ['hs_product_name'],
    params: { codes: prefixes },
    sql: `SELECT hs_code, name FROM hs_product_name
          WHERE lang = 'es' AND hs_code IN (SELECT unnest($codes))`,
  });
  const byCode = new Map(rows.map((r) => [String(r.hs_code), String(r.name)]));
  const names: ProductNames['names'] = {};
  for (const c of asked) {
    const own = [6, 4, 2].map((n) => c.slice(0, Math.min(n, c.length))).find((p) => byCode.has(p));
    if (own !== undefined) names[c] = { code: own, name: byCode.get(own)! };
  }
  return {
    kind: 'product-names',
    lang: 'es',
    names,
    sources: await readProvenance(store, [
      {
        table: 'hs_product_name',
        where: "lang = 'es' AND hs_code IN (SELECT unnest($codes))",
        params: { codes: prefixes },
      },
    ]),
    notes: [
      "Spanish names in the wording of the EU's Combined Nomenclature (HS 2022-based), not Mexico's TIGIE; US lines (HTS8, HTS10) take their HS6 subheading's name",
    ],
  };
}
