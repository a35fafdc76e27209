import { readFile } from 'node:fs/promises';
import type { FileExtract } from '../model/extract.ts';
import type { Problem } from '../model/problem.ts';
import {
  US_ZONES,
  WAIT_TIME_COLUMNS,
  latestLocalDate,
  parseClock,
  parseUsDate,
  readingZone,
  toCells,
  type WaitTimeRow,
} from './cbp-wait-time.ts';
import { isObj, readPortLanes, str, type Obj } from './cbp-port-lanes.ts';
import type { FileSample, Source } from './source.ts';
import { zonedInstant } from './zoned-time.ts';

/**
 * The raw response of CBP's `bwtnew` API: one object per port crossing, with commercial,
 * passenger and pedestrian lanes, each split into standard / FAST / NEXUS-SENTRI / Ready
 * sub-lanes whose values are all strings (read by readPortLanes, shared with bwt.xml).
 *
 * The snapshot is the moment of the response: each port's `date` + `time` on that port's
 * clock. That clock's zone is not stated, and for Arizona it differs from the zone of the
 * readings, so it is inferred from the response as a whole: the instant most ports' clocks
 * agree on (their time read in the zone of their own readings). 'Lanes Closed' and 'Update
 * Pending' are stamped at it when the port's clock shows it in some US zone.
 */
export const cbpBwtJson: Source = {
  id: 'cbp-bwt-json',
  expects:
    'CBP Border Wait Times bwtnew JSON (an array of ports with port_number and *_lanes objects)',
  detect: (s) =>
    s.container === 'text' &&
    /^\s*\[\s*\{/.test(s.head) &&
    /"port_number"\s*:/.test(s.head) &&
    /"(?:commercial_vehicle|passenger_vehicle|pedestrian)_lanes"\s*:\s*\{/.test(s.head),
  async read(s: FileSample): Promise<FileExtract> {
    const text = s.plain?.toString('utf8') ?? (await readFile(s.path, 'utf8'));
    let ports: unknown;
    try {
      ports = JSON.parse(text);
    } catch (e) {
      const message = (e as Error).message;
      // A response cut short fails wherever the cut falls; what marks it is the missing ']'.
      const cut = /end of (JSON )?input/i.test(message) || !text.trimEnd().endsWith(']');
      const problem: Problem = {
        code: cut ? 'truncated' : 'bad-structure',
        file: s.path,
        message: `${cut ? 'the JSON ends early (truncated?)' : 'not valid JSON'}: ${message}`,
      };
      return result([], [problem], []);
    }
    if (!Array.isArray(ports)) {
      const problem: Problem = {
        code: 'bad-structure',
        file: s.path,
        message: 'expected a JSON array',
      };
      return result([], [problem], []);
    }
    const responseAt = responseInstant(ports);
    const stampable = (p: Obj) => {
      const date = parseUsDate(str(p.date));
      const seconds = clockSeconds(str(p.time));
      if (!date || seconds === undefined || responseAt === undefined) return false;
      return US_ZONES.some((z) => zonedInstant(date, seconds, z) === responseAt);
    };
    const r = readPortLanes(s.path, ports, responseAt, stampable);
    return result(r.rows, r.problems, r.notes);
  },
};

/**
 * The instant of the response: for each port whose readings state a zone, its date + time
 * read in that zone; the value most ports agree on wins (Arizona ports disagree by an hour).
 */
function responseInstant(ports: readonly unknown[]): number | undefined {
  const votes = new Map<number, number>();
  for (const p of ports) {
    if (!isObj(p)) continue;
    const date = parseUsDate(str(p.date));
    const seconds = clockSeconds(str(p.time));
    const zone = firstZone(p);
    if (!date || seconds === undefined || zone === undefined) continue;
    const instant = zonedInstant(date, seconds, zone);
    votes.set(instant, (votes.get(instant) ?? 0) + 1);
  }
  let best: number | undefined;
  let most = 0;
  for (const [instant, n] of votes) {
    if (n > most) [best, most] = [instant, n];
  }
  return best;
}

/** The zone of a port's first reading, as printed (an Arizona port's clock is not Arizona's). */
function firstZone(p: Obj): string | undefined {
  for (const group of Object.values(p)) {
    if (!isObj(group)) continue;
    for (const lane of Object.values(group)) {
      if (!isObj(lane)) continue;
      const clock = parseClock(str(lane.update_time));
      if (clock) return readingZone(clock.abbreviation, null);
    }
  }
  return undefined;
}

function result(rows: WaitTimeRow[], problems: Problem[], notes: string[]): FileExtract {
  const latest = latestLocalDate(rows);
  return {
    kind: 'file-extract',
    source: 'cbp-bwt-json',
    series: 'bwtnew',
    vintage: latest ?? 'data-through',
    vintageBasis: latest ? 'published-date' : 'data-through',
    notes,
    problems,
    extracts: [
      { kind: 'rows', table: 'wait_times', columns: WAIT_TIME_COLUMNS, rows: rows.map(toCells) },
    ],
  };
}

function clockSeconds(text: string): number | undefined {
  const m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(text);
  if (!m) return undefined;
  const [h, min, sec] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
  return h < 24 && min < 60 && sec < 60 ? h * 3600 + min * 60 + sec : undefined;
}
