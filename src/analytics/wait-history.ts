import type { Store } from '../store/open-store.ts';
import { runQuery } from './compiled-query.ts';
import { latestAgainstTypical, untimedNote, type WaitNowRow } from './wait-now.ts';
import { crossingLabel } from './wait-profile.ts';
import { compileWait, waitRead } from './wait-queries.ts';
import { waitScope, type WaitBasis, type WaitOptions } from './wait-scope.ts';
import { waitSources, type WaitSourceGroup } from './wait-sources.ts';

const HOUR = 3_600_000;

/** One crossing and lane, hour by hour: `minutes` null is an hour with no reading (a gap). */
export interface WaitSeries {
  portNumber: string;
  crossing: string;
  laneType: string;
  laneKind: string;
  hours: number;
  withReadings: number;
  gaps: number;
  longestGap: { from: string; hours: number } | null;
  values: { hourUtc: string; hourLocal: string; minutes: number | null; readings: number }[];
}

export interface WaitHistory extends WaitBasis {
  kind: 'wait-history';
  /** The hours shown, UTC, both ends included; `defaulted` when no period was asked. */
  period: { from: string; to: string; hours: number; defaulted: boolean };
  series: WaitSeries[];
  /** Each crossing and lane's latest loaded reading against the typical one at that hour. */
  latest: WaitNowRow[];
  sources: WaitSourceGroup[];
  notes: string[];
}

const isoHour = (ms: number) => new Date(ms).toISOString().slice(0, 13) + ':00:00Z';
const floorHour = (iso: string) => Math.floor(Date.parse(iso) / HOUR) * HOUR;

function localHour(zone: string): (ms: number) => string {
  const f = new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    hourCycle: 'h23',
  });
  return (ms) => {
    const p = Object.fromEntries(f.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
    return `${p.year}-${p.month}-${p.day}T${p.hour}:00`;
  };
}

/**
 * The hourly series of every crossing and lane of a port or crossing: each hour's value is the
 * mean of the readings in that UTC hour, and hours without a reading are listed as gaps. With
 * no period asked, the last 7 days of loaded readings.
 */
export async function waitHistory(
  store: Store,
  asked: string,
  opts: WaitOptions = {},
): Promise<WaitHistory> {
  const { scope, basis, notes, loaded } = await waitScope(store, asked, opts);
  const defaulted = opts.from === undefined && opts.to === undefined;
  // Hours asked but outside the loaded readings are not gaps: the series stops at the ends of
  // the loaded history; inside it, an hour without a reading is a gap.
  const lastHour = floorHour(loaded.last);
  const firstLoaded = floorHour(loaded.first);
  const firstHour = defaulted
    ? Math.max(lastHour - 167 * HOUR, firstLoaded)
    : Math.max(scope.from ? floorHour(scope.from) : firstLoaded, firstLoaded);
  const endHour = defaulted
    ? lastHour
    : Math.min(
        scope.to ? floorHour(new Date(Date.parse(scope.to) - 1).toISOString()) : lastHour,
        lastHour,
      );
  if (defaulted)
    notes.push('no period asked: the last 7 days of loaded readings (--from/--to for another)');
  else if (
    (scope.to && Date.parse(scope.to) - HOUR > lastHour) ||
    (scope.from && Date.parse(scope.from) < firstLoaded)
  )
    notes.push(
      `the asked period runs beyond the loaded readings (${loaded.first} – ${loaded.last}): shown within them`,
    );
  const periodScope = { ...scope, from: isoHour(firstHour), to: isoHour(endHour + HOUR) };
  const rows = await runQuery(store, compileWait({ kind: 'wait-hourly', scope: periodScope }));
  const byLane = new Map<string, Map<string, (typeof rows)[number]>>();
  for (const r of rows) {
    const k = `${String(r.port_number)}|${String(r.lane_type)}|${String(r.lane_kind)}`;
    let m = byLane.get(k);
    if (!m) byLane.set(k, (m = new Map()));
    m.set(String(r.hour_utc), r);
  }
  const crossings = new Map(basis.place.crossings.map((c) => [c.portNumber, c]));
  const series: WaitSeries[] = [];
  for (const [k, m] of byLane) {
    const [portNumber, laneType, laneKind] = k.split('|') as [string, string, string];
    const local = localHour(crossings.get(portNumber)!.zone);
    const values: WaitSeries['values'] = [];
    let gap: { from: string; hours: number } | null = null;
    let longest: { from: string; hours: number } | null = null;
    for (let t = firstHour; t <= endHour; t += HOUR) {
      const iso = isoHour(t);
      const r = m.get(iso);
      values.push({
        hourUtc: iso,
        hourLocal: local(t),
        minutes: r ? Math.round(Number(r.minutes) * 10) / 10 : null,
        readings: r ? Number(r.readings) : 0,
      });
      if (r) gap = null;
      else {
        gap = gap ? { from: gap.from, hours: gap.hours + 1 } : { from: iso, hours: 1 };
        if (!longest || gap.hours > longest.hours) longest = { from: gap.from, hours: gap.hours };
      }
    }
    const withReadings = values.filter((v) => v.minutes !== null).length;
    series.push({
      portNumber,
      crossing: crossingLabel(crossings.get(portNumber), portNumber),
      laneType,
      laneKind,
      hours: values.length,
      withReadings,
      gaps: values.length - withReadings,
      longestGap: longest,
      values,
    });
  }
  // The latest loaded reading against the whole history's typical wait, whatever period is shown.
  const { from: _f, to: _t, ...whole } = scope;
  const { rows: latest, files, untimed } = await latestAgainstTypical(store, whole, basis);
  if (untimed.length > 0) notes.push(untimedNote(untimed));
  return {
    kind: 'wait-history',
    ...basis,
    period: {
      from: isoHour(firstHour),
      to: isoHour(endHour),
      hours: (endHour - firstHour) / HOUR + 1,
      defaulted,
    },
    series,
    latest,
    sources: await waitSources(store, waitRead(periodScope), files),
    notes,
  };
}
