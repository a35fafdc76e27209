import { memoize, type Store } from '../store/open-store.ts';
import { runQuery } from './compiled-query.ts';

export interface PlaceName {
  /** USPS code for a state, Schedule D code for a port. */
  code: string;
  name: string;
  /** Other names the data uses for the same place (BTS crossing names for ports). */
  alternates: string[];
  /** USPS code of the port's state; null for states themselves. */
  state: string | null;
  border: 'mexico' | 'canada' | null;
}

export interface PlaceNames {
  states: PlaceName[];
  ports: PlaceName[];
}

/**
 * Every US state and every named port, for finding places named inside running text (a
 * resolver answers one name at a time; a sentence has to be searched for all of them).
 * What a match means is still settled by `resolveState` and `resolvePort`.
 */
export function placeNames(store: Store): Promise<PlaceNames> {
  return memoize(store, 'place-names', async () => {
    const states = await runQuery(store, {
      kind: 'compiled-query',
      name: 'state-names',
      tables: ['us_state'],
      params: {},
      sql: `SELECT usps AS code, name FROM us_state ORDER BY usps`,
    });
    const ports = await runQuery(store, {
      kind: 'compiled-query',
      name: 'port-names',
      tables: ['port', 'crossings'],
      params: {},
      sql: `WITH alt AS (
              SELECT port_code, list(DISTINCT name ORDER BY name) AS names FROM port
              WHERE name IS NOT NULL GROUP BY port_code
            )
            SELECT d.port_code AS code, d.name, d.state, d.border, coalesce(a.names, []) AS names
            FROM port_directory d LEFT JOIN alt a USING (port_code)
            WHERE d.name IS NOT NULL ORDER BY d.port_code`,
    });
    return {
      states: states.map((r) => ({
        code: String(r.code),
        name: String(r.name),
        alternates: [],
        state: null,
        border: null,
      })),
      ports: ports.map((r) => ({
        code: String(r.code),
        name: String(r.name),
        alternates: (r.names as string[]).filter((n) => n !== r.name),
        state: r.state == null ? null : String(r.state),
        border: r.border === 'mexico' || r.border === 'canada' ? r.border : null,
      })),
    };
  });
}
