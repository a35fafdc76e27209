import { memoize, type Store } from '../store/open-store.ts';
import { runQuery } from './compiled-query.ts';
import { resolveName, type NamedEntry } from './resolve-name.ts';

export interface UsState {
  /** USPS code: the code TransBorder files use (`USASTATE`). */
  code: string;
  /** FIPS code, two digits; null for TransBorder-only codes (DU "Unknown", territories). */
  fips: string | null;
  name: string;
}

/**
 * A US state from its name, USPS or FIPS code ("Texas", "TX", "48", "téxas"). TransBorder
 * also uses codes that are not states (DU for unknown, some territories): those come from its
 * own code list, so every `us_state` value in the TransBorder tables can be asked for.
 */
export async function resolveState(store: Store, asked: string): Promise<UsState> {
  const found = resolveName('US state', asked, await stateDirectory(store));
  return { code: found.code, fips: found.fips, name: found.name };
}

/** Every state and TransBorder state code, read once per loaded state of the store. */
function stateDirectory(store: Store): Promise<(NamedEntry & { fips: string | null })[]> {
  return memoize(store, 'us-state-directory', () => readStates(store));
}

async function readStates(store: Store): Promise<(NamedEntry & { fips: string | null })[]> {
  const rows = await runQuery(store, {
    kind: 'compiled-query',
    name: 'us-state-directory',
    tables: ['us_state', 'region'],
    params: {},
    sql: `SELECT usps AS code, fips, name FROM us_state
          UNION ALL
          SELECT code, NULL AS fips, any_value(name) AS name FROM region
          WHERE code_list = 'us_state_code' AND code NOT IN (SELECT usps FROM us_state)
          GROUP BY code
          ORDER BY code`,
  });
  return rows.map((r) => {
    const fips = r.fips == null ? null : String(r.fips);
    // "6" is as common as "06" for California when a spreadsheet has eaten the zero.
    const keys = fips ? [fips, String(Number(fips))] : [];
    return { code: String(r.code), name: String(r.name), keys, fips };
  });
}
