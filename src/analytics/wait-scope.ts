import type { Store } from '../store/open-store.ts';
import { runShared } from './compiled-query.ts';
import { CoverageError } from './lookup-error.ts';
import { resolveWaitCity, resolveWaitPlace, type WaitPlace } from './resolve-wait-place.ts';
import { laneKey, parseLanes, type Lane } from './wait-lane.ts';
import { loadedSpan, periodInstants, spanWithin, type WaitSpan } from './wait-period.ts';
import type { WaitScope } from './wait-queries.ts';

/** What every wait-time result states about what it rests on. */
export interface WaitBasis {
  place: WaitPlace;
  /** The lanes read ("passenger/standard" …): those asked, else every lane with minutes. */
  lanes: string[];
  /** The readings with minutes under the result's filter: first, last, count, runs of days. */
  span: WaitSpan;
  /** How the figures were computed. */
  method: string[];
}

export interface WaitOptions {
  lanes?: readonly string[];
  from?: string;
  to?: string;
}

/** How the hourly values are formed, said on every result. */
export const HOURLY_METHOD =
  "a reading is one CBP observation (crossing, lane, reading time; the latest revision of it); each crossing and lane's hourly value is the mean of its readings with a wait in minutes within that UTC hour; readings that hold only a status ('Lanes Closed', 'Update Pending') are not waits and are left out; an hour with no reading is a gap, never zero";

/**
 * The place, lanes and period asked, checked against what is loaded: an unknown name or lane
 * is refused with candidates, a lane or period with no reading there is refused naming what is
 * loaded.
 */
export async function waitScope(
  store: Store,
  asked: string,
  opts: WaitOptions,
  city = false,
): Promise<{ scope: WaitScope; basis: WaitBasis; notes: string[]; loaded: WaitSpan }> {
  const place = city ? await resolveWaitCity(store, asked) : await resolveWaitPlace(store, asked);
  const notes: string[] = [];
  const lanes: Lane[] | undefined =
    opts.lanes && opts.lanes.length > 0 ? parseLanes(opts.lanes) : undefined;
  const zones = [...new Set(place.crossings.map((c) => c.zone))];
  let scope: WaitScope = { crossings: place.crossings, ...(lanes ? { lanes } : {}) };
  const present = await lanesWithMinutes(store, scope);
  if (present.length === 0) {
    const loaded = await lanesWithMinutes(store, { crossings: place.crossings });
    throw new CoverageError(
      `CBP wait times at ${place.name}`,
      `lane ${lanes?.map(laneKey).join(', ') ?? 'any'}`,
      loaded.length > 0 ? `lanes ${loaded.join(', ')}` : 'no lane with a wait in minutes',
    );
  }
  const what = `CBP wait times at ${place.name}`;
  const loaded = await loadedSpan(store, scope, what);
  if (opts.from !== undefined || opts.to !== undefined) {
    if (zones.length > 1)
      notes.push(`--from/--to are read in ${zones[0]}, the zone of ${place.crossings[0]!.label}`);
    scope = { ...scope, ...(await periodInstants(store, zones[0]!, opts.from, opts.to)) };
  }
  const span = await spanWithin(
    store,
    scope,
    loaded,
    what,
    `${opts.from ?? 'the start'} – ${opts.to ?? 'the end'} (${zones[0]})`,
  );
  return {
    scope,
    notes,
    loaded,
    basis: {
      place,
      lanes: present,
      span,
      method: [
        HOURLY_METHOD,
        `local time: ${zones.join(', ')} (IANA; daylight time from the zone's own rules)`,
      ],
    },
  };
}

/** The lanes of the scope that have at least one reading with minutes. */
async function lanesWithMinutes(store: Store, scope: WaitScope): Promise<string[]> {
  const rows = await runShared(store, {
    kind: 'compiled-query',
    name: 'wait-lanes',
    tables: ['wait_times'],
    params: {
      crossings: scope.crossings.map((c) => c.portNumber),
      lanes: (scope.lanes ?? []).map(laneKey),
    },
    sql: `SELECT DISTINCT lane_type || '/' || lane_kind AS lane FROM wait_times
          WHERE port_number IN (SELECT unnest($crossings)) AND delay_minutes IS NOT NULL
            AND (len($lanes) = 0 OR lane_type || '/' || lane_kind IN (SELECT unnest($lanes)))
          ORDER BY 1`,
  });
  return rows.map((r) => String(r.lane));
}
