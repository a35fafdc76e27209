import type { Problem } from '../model/problem.ts';
import {
  CBP_CLOCK,
  emptyPlacements,
  observationKey,
  parseClock,
  parseUsDate,
  placeReading,
  placementNotes,
  readingZone,
  type LaneKind,
  type LaneType,
  type WaitTimeRow,
} from './cbp-wait-time.ts';
import { isoInZone } from './zoned-time.ts';

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

export type Obj = Record<string, unknown>;

export interface PortLanes {
  rows: WaitTimeRow[];
  problems: Problem[];
  notes: string[];
}

/**
 * The port objects CBP serves both as `bwtnew` JSON and as `bwt.xml`: one per port crossing
 * (`port_number`, `border`, `port_name`, `crossing_name`, `date`), with commercial, passenger and
 * pedestrian lane groups split into standard / FAST / NEXUS-SENTRI / Ready sub-lanes. One row
 * per sub-lane that reports something. A reading's time is its port's wall clock in the zone it
 * prints, placed no later than the snapshot; 'Lanes Closed' and 'Update Pending' carry no time
 * and are stamped at the snapshot, when `stampable` says the port's clock agrees with it.
 */
export function readPortLanes(
  file: string,
  ports: readonly unknown[],
  snapshotMs: number | undefined,
  stampable: (p: Obj) => boolean,
  line: (i: number) => number = (i) => i + 1,
): PortLanes {
  const problems: Problem[] = [];
  const bad = (code: Problem['code'], i: number, column: string, value: unknown, msg: string) =>
    problems.push({
      code,
      file,
      line: line(i),
      column,
      value: typeof value === 'string' ? value : JSON.stringify(value),
      message: msg,
    });
  const snapshotAt = snapshotMs === undefined ? null : isoInZone(snapshotMs, CBP_CLOCK);
  const rows: WaitTimeRow[] = [];
  const seen = new Set<string>();
  const odd = { notAvailable: 0, stamped: 0, unstamped: 0, untimed: 0 };
  const placed = emptyPlacements();
  const oddPortNumbers = new Set<string>();

  for (const [i, p] of ports.entries()) {
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
    const canStamp = snapshotMs !== undefined && stampable(p);

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
        // A reading whose time CBP gives as "N/A" (El Paso pedestrians, 18 June 2025) has
        // nothing to place it by; stamping it at the snapshot would invent its time.
        if (/^N\/A$/i.test(updateTime)) {
          odd.untimed++;
          continue;
        }

        let observedAt: string;
        if (updateTime !== '') {
          const clock = parseClock(updateTime);
          const zone = clock ? readingZone(clock.abbreviation, portNumber) : undefined;
          if (!clock || !zone) {
            bad('bad-date', i, `${path}.update_time`, updateTime, 'expected "At 1:00 pm CDT"');
            continue;
          }
          const r = placeReading(date, clock.minutes, zone, snapshotMs);
          placed[r.placed]++;
          observedAt = r.observedAt;
        } else if (canStamp && snapshotAt !== null) {
          observedAt = snapshotAt;
          odd.stamped++;
        } else {
          odd.unstamped++;
          continue;
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
          snapshotAt,
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

  const notes = [`${odd.notAvailable} sub-lanes with status N/A and no reading skipped`];
  if (odd.stamped > 0) {
    notes.push(
      `${odd.stamped} readings without update_time (Lanes Closed, Update Pending) stamped at the snapshot time ${snapshotAt}`,
    );
  }
  if (odd.unstamped > 0) {
    notes.push(
      `${odd.unstamped} readings without update_time skipped: no snapshot time their port's clock agrees with`,
    );
  }
  if (odd.untimed > 0) {
    notes.push(`${odd.untimed} readings with update_time "N/A" skipped: no time to place them by`);
  }
  notes.push(...placementNotes(placed));
  if (oddPortNumbers.size > 0) {
    notes.push(`port numbers kept as published though not six digits: ${[...oddPortNumbers]}`);
  }
  return { rows, problems, notes };
}

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** CBP sends every value as a string; tolerate numbers, treat anything else as empty. */
export function str(v: unknown): string {
  return typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '';
}

/** '' → null (no reading); digits → number; anything else → undefined (a problem). */
function integer(text: string): number | null | undefined {
  if (text === '') return null;
  return /^\d{1,6}$/.test(text) ? Number(text) : undefined;
}
