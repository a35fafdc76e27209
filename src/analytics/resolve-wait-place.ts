import type { Store } from '../store/open-store.ts';
import { foldName } from '../model/fold-name.ts';
import { runShared } from './compiled-query.ts';
import { CoverageError, LookupError } from './lookup-error.ts';
import { portZone } from './port-zone.ts';
import { resolveName } from './resolve-name.ts';
import { resolvePort } from './resolve-port.ts';
import { WAIT_CITIES } from './wait-cities.ts';

/** One CBP crossing, the Schedule D port it belongs to and the zone its clock keeps. */
export interface WaitCrossingRef {
  /** CBP's crossing number ("230404"): a code. */
  portNumber: string;
  portCode: string | null;
  portName: string | null;
  crossingName: string | null;
  /** "Laredo – World Trade Bridge" (CBP's names; the number when CBP gives no crossing name). */
  label: string;
  /** IANA zone of the port's local time. */
  zone: string;
}

/** What a wait-time command was asked about: a port, one crossing, or a border city's ports. */
export interface WaitPlace {
  asked: string;
  kind: 'port' | 'crossing' | 'city';
  name: string;
  /** The Schedule D ports concerned. */
  ports: string[];
  crossings: WaitCrossingRef[];
}

interface CrossingRow extends WaitCrossingRef {
  state: string | null;
}

/**
 * Every CBP crossing the loaded readings name, with its port (through `cbp_crossing`) and the
 * IANA zone of its clock (`port-zone.ts`, '' when its port is not matched to a border state):
 * the one place crossings get their zone, for the readers here and for `forecast/`.
 */
export async function waitCrossings(store: Store): Promise<CrossingRow[]> {
  const rows = await runShared(store, {
    kind: 'compiled-query',
    name: 'wait-crossings',
    tables: ['wait_times', 'port'],
    params: {},
    sql: `SELECT c.port_number, c.port_code, c.port_name, c.crossing_name, d.state
          FROM cbp_crossing c LEFT JOIN port_directory d USING (port_code)
          ORDER BY c.port_number`,
  });
  return rows.map((r) => {
    const portName = r.port_name == null ? null : String(r.port_name);
    const crossingName = r.crossing_name == null ? null : String(r.crossing_name);
    const portNumber = String(r.port_number);
    const portCode = r.port_code == null ? null : String(r.port_code);
    const state = r.state == null ? null : String(r.state);
    return {
      portNumber,
      portCode,
      portName,
      crossingName,
      state,
      label: `${portName ?? portCode ?? portNumber} – ${crossingName ?? portNumber}`,
      zone: (portCode && portZone(portCode, state)) ?? '',
    };
  });
}

const ref = ({ state: _s, ...c }: CrossingRow): WaitCrossingRef => c;

/**
 * A port (Schedule D code or name: "2304", "Laredo"), or one CBP crossing (its number
 * "230404" or its name "World Trade Bridge"). A port whose name is known but that has no CBP
 * reading loaded is refused saying so; a name neither ports nor crossings know is refused with
 * the closest of both.
 */
export async function resolveWaitPlace(store: Store, asked: string): Promise<WaitPlace> {
  const all = await waitCrossings(store);
  const q = asked.trim().toLowerCase();
  const byNumber = all.find((c) => c.portNumber.toLowerCase() === q);
  if (byNumber) return crossingPlace(asked, byNumber);
  let portError: LookupError | undefined;
  try {
    const port = await resolvePort(store, asked);
    const of = all.filter((c) => c.portCode === port.code);
    if (of.length > 0)
      return withZones({
        asked,
        kind: 'port',
        name: port.name,
        ports: [port.code],
        crossings: of.map(ref),
      });
    // "Ysleta" is a Schedule D port and also a CBP crossing of El Paso: the crossing has data.
    const named = crossingByName(asked, all, true);
    if (named) return crossingPlace(asked, named);
    throw new CoverageError(
      `CBP wait times at ${port.name} (${port.code})`,
      'any crossing',
      `${new Set(all.map((c) => c.portCode).filter(Boolean)).size} ports with CBP readings, e.g. ${portsWithData(all)}`,
    );
  } catch (e) {
    if (!(e instanceof LookupError) || e.message.includes('matches several')) throw e;
    portError = e;
  }
  try {
    return crossingPlace(asked, crossingByName(asked, all, false)!);
  } catch (e) {
    if (!(e instanceof LookupError)) throw e;
    const candidates = [...portError.candidates.slice(0, 3), ...e.candidates.slice(0, 3)];
    throw new LookupError('port or crossing', asked, candidates);
  }
}

function crossingByName(
  asked: string,
  all: CrossingRow[],
  exactOnly: boolean,
): CrossingRow | undefined {
  const entries = all
    .filter((c) => c.crossingName)
    .map((c) => ({
      code: c.portNumber,
      name: c.label,
      keys: [c.crossingName!, `${c.portName ?? ''} ${c.crossingName}`],
      c,
    }));
  if (exactOnly) {
    const f = foldName(asked);
    const hits = entries.filter((e) => e.keys.some((k) => foldName(k) === f));
    return hits.length === 1 ? hits[0]!.c : undefined;
  }
  return resolveName('crossing', asked, entries).c;
}

function crossingPlace(asked: string, c: CrossingRow): WaitPlace {
  return withZones({
    asked,
    kind: 'crossing',
    name: c.label,
    ports: c.portCode ? [c.portCode] : [],
    crossings: [ref(c)],
  });
}

function portsWithData(all: CrossingRow[]): string {
  const seen = new Map<string, string>();
  for (const c of all)
    if (c.portCode && !seen.has(c.portCode)) seen.set(c.portCode, c.portName ?? '');
  return [...seen]
    .slice(0, 6)
    .map(([code, name]) => `${name} (${code})`)
    .join(', ');
}

/** Local time needs the zone: a crossing whose port's zone is unknown is refused by name. */
function withZones(place: WaitPlace): WaitPlace {
  const missing = place.crossings.filter((c) => !c.zone);
  if (missing.length > 0)
    throw new CoverageError(
      `the local time zone of CBP crossing ${missing.map((c) => `${c.portNumber} (${c.label})`).join(', ')}`,
      'hour-of-week figures',
      'zones of ports matched to a Schedule D port in a border state',
    );
  return place;
}

/**
 * A border city's crossings side by side: a city that spans several Schedule D ports
 * ("San Diego": San Ysidro and Otay Mesa; "Ciudad Juárez") or any port or crossing.
 */
export async function resolveWaitCity(store: Store, asked: string): Promise<WaitPlace> {
  const f = foldName(asked);
  const city = WAIT_CITIES.find((c) => [c.name, ...c.keys].some((k) => foldName(k) === f));
  if (!city) return resolveWaitPlace(store, asked);
  const all = await waitCrossings(store);
  const of = all.filter((c) => c.portCode !== null && city.ports.includes(c.portCode));
  if (of.length === 0)
    throw new CoverageError(`CBP wait times in ${city.name}`, 'any crossing', 'none loaded');
  return withZones({
    asked,
    kind: 'city',
    name: city.name,
    ports: city.ports,
    crossings: of.map(ref),
  });
}
