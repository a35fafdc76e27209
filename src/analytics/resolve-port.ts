import { memoize, type Store } from '../store/open-store.ts';
import { runQuery } from './compiled-query.ts';
import { foldName } from '../model/fold-name.ts';
import { LookupError } from './lookup-error.ts';
import { SISTER_CITIES, SISTER_CITY_SOURCE, type SisterCity } from './port-sister-cities.ts';
import { resolveName, type NamedEntry } from './resolve-name.ts';

export interface Port {
  /** Schedule D code, 4 characters ("2304", or a district catch-all like "23XX"). */
  code: string;
  name: string;
  /** USPS code where one is known. */
  state: string | null;
  border: 'mexico' | 'canada' | null;
  district: string | null;
  latitude: number | null;
  longitude: number | null;
  /** Set when the port was asked for by the Mexican city across from it ("Nuevo Laredo"). */
  alias?: { asked: string; city: string; mexicanState: string; ports: string[]; source: string };
}

/**
 * A port from its Schedule D code, its name, or its name with the state ("2304", "Laredo",
 * "laredo tx", "Laredo, Texas"). Schedule D repeats some names in different states (Portland
 * ME and OR) and names contain one another ("Laredo" and "Laredo Customs District n.e.c."):
 * resolveName takes an exact name before any prefix, and a name that still fits several
 * ports is an error listing them with their states, so the state can be added.
 */
export async function resolvePort(store: Store, asked: string): Promise<Port> {
  const entries = await portDirectory(store);
  const city = SISTER_CITIES.find((c) => namesOf(c).includes(foldName(asked)));
  let found: Port;
  try {
    found = { ...resolveName('port', asked, entries).port };
  } catch (e) {
    // A city across from several ports: the choice is the user's, and the error says why.
    if (city && e instanceof LookupError)
      e.message += `; ${city.city} is across the border from each (${SISTER_CITY_SOURCE})`;
    throw e;
  }
  return city && city.ports.includes(found.code)
    ? {
        ...found,
        alias: {
          asked,
          city: city.city,
          mexicanState: city.state,
          ports: city.ports,
          source: SISTER_CITY_SOURCE,
        },
      }
    : found;
}

/** Every named port with the names it is known by, read once per loaded state of the store. */
function portDirectory(store: Store): Promise<(NamedEntry & { port: Port })[]> {
  return memoize(store, 'port-directory', () => readPorts(store));
}

async function readPorts(store: Store): Promise<(NamedEntry & { port: Port })[]> {
  const rows = await runQuery(store, {
    kind: 'compiled-query',
    name: 'port-directory',
    tables: ['port', 'crossings', 'us_state'],
    params: {},
    // The `port` table also holds the names BTS uses in its crossing data ("Hidalgo" for
    // Schedule D's "Hidalgo/Pharr", "Tornillo" for "Fabens"): those are accepted too. States
    // come as USPS codes from Schedule D and as full names from BTS; both are made USPS.
    sql: `
      WITH alt AS (
        SELECT port_code, list(DISTINCT name ORDER BY name) AS names, any_value(border) AS border
        FROM port WHERE name IS NOT NULL GROUP BY port_code
      )
      SELECT d.port_code AS code, d.name, coalesce(s.usps, d.state) AS state,
             s.name AS state_name, coalesce(d.border, a.border) AS border, d.district,
             d.latitude, d.longitude, coalesce(a.names, []) AS names
      FROM port_directory d
      LEFT JOIN alt a USING (port_code)
      LEFT JOIN us_state s ON d.state IN (s.usps, s.name)
      WHERE d.name IS NOT NULL
      ORDER BY d.port_code`,
  });
  return rows.map((r) => {
    const port: Port = {
      code: String(r.code),
      name: String(r.name),
      state: r.state == null ? null : String(r.state),
      border: r.border === 'mexico' || r.border === 'canada' ? r.border : null,
      district: r.district == null ? null : String(r.district),
      latitude: r.latitude == null ? null : Number(r.latitude),
      longitude: r.longitude == null ? null : Number(r.longitude),
    };
    const names = [port.name, ...(r.names as string[]).filter((n) => n !== port.name)];
    const states = [port.state, r.state_name].filter((s): s is string => typeof s === 'string');
    const cities = SISTER_CITIES.filter((c) => c.ports.includes(port.code));
    const keys = [
      ...names,
      ...names.flatMap((n) => states.map((s) => `${n} ${s}`)),
      ...cities.flatMap((c) => [c.city, ...c.also]),
    ];
    // The entry's name is what an ambiguity error shows: with the state, it tells them apart.
    const label = port.state ? `${port.name}, ${port.state}` : port.name;
    return { code: port.code, name: label, keys, port } satisfies NamedEntry & { port: Port };
  });
}

const namesOf = (c: SisterCity) => [c.city, ...c.also].map(foldName);
