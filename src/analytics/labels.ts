import { memoize, type Store } from '../store/open-store.ts';
import { runQuery } from './compiled-query.ts';

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

/** One query for the four lists: a profile's cold start paid a round trip for each. */
async function readLabels(store: Store): Promise<Labels> {
  const rows = await runQuery(store, {
    kind: 'compiled-query',
    name: 'labels',
    tables: ['region', 'us_state', 'hs_product'],
    params: {},
    sql: `SELECT 'mode' AS kind, code AS k, name AS v FROM region WHERE code_list = 'mode'
     UNION ALL
     SELECT 'usState', usps, name FROM us_state
     UNION ALL
     SELECT 'usState', code, name FROM region WHERE code_list = 'us_state_code'
       AND code NOT IN (SELECT usps FROM us_state)
     UNION ALL
     SELECT 'port', port_code, name FROM port_directory WHERE name IS NOT NULL
     UNION ALL
     SELECT 'hs', hs_code, description FROM hs_product WHERE level = 2`,
  });
  const labels: Labels = { mode: new Map(), usState: new Map(), port: new Map(), hs: new Map() };
  for (const { kind, k, v } of rows) labels[kind as keyof Labels].set(String(k), String(v));
  return labels;
}
