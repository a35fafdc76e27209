import { readFile } from 'node:fs/promises';
import type { FileExtract } from '../model/extract.ts';
import type { Problem } from '../model/problem.ts';
import {
  WAIT_TIME_COLUMNS,
  ZONE_OFFSETS,
  isoLocal,
  latestLocalDate,
  observationKey,
  parseClock,
  parseUsDate,
  toCells,
  wallMillis,
  type LaneKind,
  type LaneType,
  type WaitTimeRow,
} from './cbp-wait-time.ts';
import type { FileSample, Source } from './source.ts';

const LANE_TYPES: Readonly<Record<string, LaneType>> = {
  commercial_vehicle_lanes: 'commercial',
  passenger_vehicle_lanes: 'passenger',
  pedestrian_lanes: 'pedestrian',
};
const LANE_KINDS: Readonly<Record<string, LaneKind>> = {
  standard_lanes: 'standard',
  FAST_lanes: 'fast',
  NEXUS_SENTRI_lanes: 'nexus_sentri',
  ready_lanes: 'ready',
};
const BORDERS: Readonly<Record<string, 'canada' | 'mexico'>> = {
  'Canadian Border': 'canada',
  'Mexican Border': 'mexico',
};
const KNOWN_OFFSETS = new Set(Object.values(ZONE_OFFSETS));

type Obj = Record<string, unknown>;

/**
 * The raw response of CBP's `bwtnew` API: one object per port crossing, with commercial,
 * passenger and pedestrian lanes, each split into standard / FAST / NEXUS-SENTRI / Ready
 * sub-lanes whose values are all strings. One row per sub-lane that reports something.
 *
 * A reading carries its own time ("At Noon EDT") on the port's date. 'Lanes Closed' and
 * 'Update Pending' carry none: they are stamped at the moment of the response, which is each
 * port's `date` + `time` on that port's clock. That clock's zone is not stated, and for Arizona
 * it differs from the zone of the readings, so it is inferred from the response as a whole: the
 * instant most ports' clocks agree on (their time minus the zone of their own readings).
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
    const problems: Problem[] = [];
    const text = await readFile(s.path, 'utf8');
    let ports: unknown;
    try {
      ports = JSON.parse(text);
    } catch (e) {
      const message = (e as Error).message;
      // A response cut short fails wherever the cut falls; what marks it is the missing ']'.
      const cut = /end of (JSON )?input/i.test(message) || !text.trimEnd().endsWith(']');
      problems.push({
        code: cut ? 'truncated' : 'bad-structure',
        file: s.path,
        message: `${cut ? 'the JSON ends early (truncated?)' : 'not valid JSON'}: ${message}`,
      });
      return result([], problems, []);
    }
    if (!Array.isArray(ports)) {
      problems.push({ code: 'bad-structure', file: s.path, message: 'expected a JSON array' });
      return result([], problems, []);
    }
    const bad = (code: Problem['code'], i: number, column: string, value: unknown, msg: string) =>
      problems.push({
        code,
        file: s.path,
        line: i + 1,
        column,
        value: typeof value === 'string' ? value : JSON.stringify(value),
        message: msg,
      });

    const responseAt = responseInstant(ports);
    const rows: WaitTimeRow[] = [];
    const seen = new Set<string>();
    const odd = { notAvailable: 0, stamped: 0, unstamped: 0, future: new Set<string>() };
    const oddPortNumbers = new Set<string>();

    for (const [i, p] of (ports as unknown[]).entries()) {
      if (!isObj(p)) {
        bad('bad-structure', i, `[${i}]`, p, 'expected a port object');
        continue;
      }
      const portNumber = str(p.port_number);
      if (portNumber === '') {
        bad('missing-value', i, `[${i}].port_number`, p.port_number, 'a port has no port_number');
      } else if (!/^\d{6}$/.test(portNumber)) oddPortNumbers.add(portNumber);
      const border = BORDERS[str(p.border)];
      if (!border) {
        bad('unknown-code', i, `[${i}].border`, p.border, 'expected Canadian or Mexican Border');
      }
      const date = parseUsDate(str(p.date));
      if (!date) bad('bad-date', i, `[${i}].date`, p.date, 'expected a date like 6/29/2022');
      let portClockBad = false;

      for (const [groupKey, group] of Object.entries(p)) {
        if (!groupKey.endsWith('_lanes')) continue;
        const laneType = LANE_TYPES[groupKey];
        const at = `[${i}].${groupKey}`;
        if (!laneType) {
          bad('unknown-code', i, at, groupKey, 'a lane type this reader does not know');
          continue;
        }
        if (!isObj(group)) {
          bad('bad-structure', i, at, group, 'expected an object of sub-lanes');
          continue;
        }
        for (const [kindKey, lane] of Object.entries(group)) {
          if (!isObj(lane)) continue; // maximum_lanes, automation type, tolerances …
          const laneKind = LANE_KINDS[kindKey];
          const path = `${at}.${kindKey}`;
          if (!laneKind) {
            bad('unknown-code', i, path, kindKey, 'a sub-lane kind this reader does not know');
            continue;
          }
          const status = str(lane.operational_status);
          const updateTime = str(lane.update_time);
          const delayText = str(lane.delay_minutes);
          const lanesText = str(lane.lanes_open);
          // CBP lists every sub-lane kind for every port; N/A with no reading means the port has
          // no such lane, which is not an observation.
          if ((status === 'N/A' || status === '') && updateTime === '' && delayText === '') {
            odd.notAvailable++;
            continue;
          }
          const delayMinutes = integer(delayText);
          if (delayMinutes === undefined) {
            bad('not-a-number', i, `${path}.delay_minutes`, delayText, 'expected whole minutes');
          }
          const lanesOpen = integer(lanesText);
          if (lanesOpen === undefined) {
            bad('not-a-number', i, `${path}.lanes_open`, lanesText, 'expected a lane count');
          }
          if (!date || !border || portNumber === '') continue;

          let observedAt: string | undefined;
          if (updateTime !== '') {
            const clock = parseClock(updateTime);
            if (!clock) {
              bad('bad-date', i, `${path}.update_time`, updateTime, 'expected "At 1:00 pm CDT"');
              continue;
            }
            observedAt = isoLocal(date, clock.minutes * 60, clock.offset);
            const instant = wallMillis(date, clock.minutes * 60) - clock.offset * 60_000;
            if (responseAt !== undefined && instant > responseAt) odd.future.add(portNumber);
          } else {
            const seconds = clockSeconds(str(p.time));
            if (seconds === undefined) {
              if (!portClockBad) bad('bad-date', i, `[${i}].time`, p.time, 'expected 13:25:16');
              portClockBad = true;
              continue;
            }
            const offset =
              responseAt === undefined
                ? undefined
                : Math.round((wallMillis(date, seconds) - responseAt) / 60_000);
            if (offset === undefined || !KNOWN_OFFSETS.has(offset)) {
              odd.unstamped++;
              continue;
            }
            observedAt = isoLocal(date, seconds, offset);
            odd.stamped++;
          }
          const row: WaitTimeRow = {
            portNumber,
            portName: str(p.port_name) || null,
            crossingName: str(p.crossing_name) || null,
            border,
            laneType,
            laneKind,
            observedAt,
            status: status || null,
            delayMinutes: delayMinutes ?? null,
            lanesOpen: lanesOpen ?? null,
          };
          const key = observationKey(row);
          if (seen.has(key)) {
            bad('duplicate-row', i, path, observedAt, 'this observation appears twice');
            continue;
          }
          seen.add(key);
          rows.push(row);
        }
      }
    }

    const at =
      responseAt === undefined
        ? 'unknown'
        : new Date(responseAt).toISOString().replace('.000Z', 'Z');
    const notes = [`${odd.notAvailable} sub-lanes with status N/A and no reading skipped`];
    if (odd.stamped > 0) {
      notes.push(
        `${odd.stamped} readings without update_time (Lanes Closed, Update Pending) stamped at the response time ${at}`,
      );
    }
    if (odd.unstamped > 0) {
      notes.push(
        `${odd.unstamped} readings without update_time skipped: their port's clock does not give a known zone`,
      );
    }
    if (odd.future.size > 0) {
      notes.push(
        `readings stamped after the response time ${at} kept as published (ports ${[...odd.future].join(', ')})`,
      );
    }
    if (oddPortNumbers.size > 0) {
      notes.push(`port numbers kept as published though not six digits: ${[...oddPortNumbers]}`);
    }
    return result(rows, problems, notes);
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
    const instant = wallMillis(date, seconds) - zone * 60_000;
    votes.set(instant, (votes.get(instant) ?? 0) + 1);
  }
  let best: number | undefined;
  let most = 0;
  for (const [instant, n] of votes) {
    if (n > most) [best, most] = [instant, n];
  }
  return best;
}

function firstZone(p: Obj): number | undefined {
  for (const group of Object.values(p)) {
    if (!isObj(group)) continue;
    for (const lane of Object.values(group)) {
      if (!isObj(lane)) continue;
      const clock = parseClock(str(lane.update_time));
      if (clock) return clock.offset;
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

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The API sends every value as a string; tolerate numbers, treat anything else as empty. */
function str(v: unknown): string {
  return typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '';
}

/** '' → null (no reading); digits → number; anything else → undefined (a problem). */
function integer(text: string): number | null | undefined {
  if (text === '') return null;
  return /^\d{1,6}$/.test(text) ? Number(text) : undefined;
}

function clockSeconds(text: string): number | undefined {
  const m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(text);
  if (!m) return undefined;
  const [h, min, sec] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
  return h < 24 && min < 60 && sec < 60 ? h * 3600 + min * 60 + sec : undefined;
}
