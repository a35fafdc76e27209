import { memoize, type Store } from '../store/open-store.ts';

export interface Labels {
  mode: Map<string, string>;
  usState: Map<string, string>;
  port: Map<string, string>;
  hs: Map<string, string>;
}

/** Names for the codes TransBorder and Census use, from the loaded reference tables. */
export function loadLabels(store: Store): Promise<Labels> {
  return memoize(store, 'labels', () => readLabels(store));
}

async function readLabels(store: Store): Promise<Labels> {
  const map = async (sql: string) =>
    new Map(
      (await store.read((c) => c.runAndReadAll(sql)))
        .getRowsJS()
        .map(([k, v]) => [String(k), String(v)] as [string, string]),
    );
  return {
    mode: await map(`SELECT code, name FROM region WHERE code_list = 'mode'`),
    usState: await map(
      `SELECT usps, name FROM us_state UNION ALL
       SELECT code, name FROM region WHERE code_list = 'us_state_code'
         AND code NOT IN (SELECT usps FROM us_state)`,
    ),
    port: await map(`SELECT port_code, name FROM port_directory WHERE name IS NOT NULL`),
    hs: await map(`SELECT hs_code, description FROM hs_product WHERE level = 2`),
  };
}
