import { memoize, type Store } from '../store/open-store.ts';
import { runQuery } from './compiled-query.ts';
import { readProvenance, type SourceRef } from './provenance.ts';

/**
 * Spanish names of US states by USPS code ("SC" → "Carolina del Sur"), from the ISO 3166-2
 * gettext translation (`subdivision`, lang es; Debian iso-codes). Empty when it is not loaded.
 */
export function usStateNamesEs(store: Store): Promise<Record<string, string>> {
  return memoize(store, 'us-state-names-es', async () => {
    const rows = await runQuery(store, {
      kind: 'compiled-query',
      name: 'us-state-names-es',
      tables: ['subdivision'],
      params: {},
      // Ordered, so the object's keys (and the JSON answer) do not follow DuckDB's threads;
      // min, not any_value, so two loaded translations could not take turns.
      sql: `SELECT substr(code, 4) AS usps, min(name) AS name FROM subdivision
            WHERE country = 'US' AND lang = 'es' GROUP BY 1 ORDER BY 1`,
    });
    return Object.fromEntries(rows.map((r) => [String(r.usps), String(r.name)]));
  });
}

export interface UsStateNames {
  kind: 'us-state-names';
  lang: 'es';
  /** USPS code → Spanish name. */
  names: Record<string, string>;
  sources: SourceRef[];
  notes: string[];
}

/** The Spanish US state names as an API result, citing the translation file. */
export async function usStateNames(store: Store): Promise<UsStateNames> {
  return {
    kind: 'us-state-names',
    lang: 'es',
    names: await usStateNamesEs(store),
    sources: await readProvenance(store, [
      { table: 'subdivision', where: "country = 'US' AND lang = 'es'" },
    ]),
    notes: [],
  };
}
