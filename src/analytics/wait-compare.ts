import type { Store } from '../store/open-store.ts';
import { MIN_HOURS, profileCells, crossingLabel } from './wait-profile.ts';
import { waitRead } from './wait-queries.ts';
import { waitScope, type WaitBasis, type WaitOptions } from './wait-scope.ts';
import { waitSources, type WaitSourceGroup } from './wait-sources.ts';
import { hourOfWeekAt, hourOfWeekLabel, parseHourOfWeek, type HourOfWeek } from './wait-week.ts';

/** One crossing and lane at the asked hour of week. */
export interface CompareRow {
  portNumber: string;
  crossing: string;
  laneType: string;
  laneKind: string;
  /** null when fewer than `minHours` hourly values stand behind the cell. */
  median: number | null;
  p80: number | null;
  hours: number;
  readings: number;
  /** 1 = the lowest median among the crossings with this lane; null when not ranked. */
  rank: number | null;
}

export interface WaitCompare extends WaitBasis {
  kind: 'wait-compare';
  at: HourOfWeek & { label: string; defaulted: boolean };
  minHours: number;
  rows: CompareRow[];
  /** Per lane: which crossing is faster at that hour, in words. */
  verdicts: string[];
  sources: WaitSourceGroup[];
  notes: string[];
}

/**
 * The crossings of one border city (or port) side by side at a local hour of the week: the
 * median and 80th percentile of each crossing's hourly values at that hour, per lane, the
 * lowest median first.
 */
export async function waitCompare(
  store: Store,
  asked: string,
  opts: WaitOptions & { at?: string; asOf?: Date } = {},
): Promise<WaitCompare> {
  const { scope, basis, notes } = await waitScope(store, asked, opts, true);
  const defaulted = opts.at === undefined;
  const at = defaulted
    ? hourOfWeekAt(opts.asOf ?? new Date(), basis.place.crossings[0]!.zone)
    : parseHourOfWeek(opts.at!);
  const { week } = await profileCells(store, scope);
  const names = new Map(basis.place.crossings.map((c) => [c.portNumber, c]));
  const rows: CompareRow[] = [];
  for (const [k, cells] of week) {
    const [portNumber, laneType, laneKind] = k.split('|') as [string, string, string];
    const r = cells.find((x) => Number(x.weekday) === at.weekday && Number(x.hour) === at.hour);
    const shown = r && Number(r.hours) >= MIN_HOURS;
    rows.push({
      portNumber,
      crossing: crossingLabel(names.get(portNumber), portNumber),
      laneType,
      laneKind,
      median: shown ? Math.round(Number(r.median) * 10) / 10 : null,
      p80: shown ? Math.round(Number(r.p80) * 10) / 10 : null,
      hours: r ? Number(r.hours) : 0,
      readings: r ? Number(r.readings) : 0,
      rank: null,
    });
  }
  const verdicts: string[] = [];
  const lanes = [...new Set(rows.map((r) => `${r.laneType}/${r.laneKind}`))].sort();
  const ordered: CompareRow[] = [];
  for (const lane of lanes) {
    const of = rows
      .filter((r) => `${r.laneType}/${r.laneKind}` === lane)
      .sort(
        (a, b) =>
          (a.median ?? Infinity) - (b.median ?? Infinity) ||
          a.portNumber.localeCompare(b.portNumber),
      );
    let rank = 0;
    for (const r of of) if (r.median !== null) r.rank = ++rank;
    ordered.push(...of);
    const ranked = of.filter((r) => r.median !== null);
    if (ranked.length >= 2) {
      const [a, b] = ranked as [CompareRow, CompareRow];
      verdicts.push(
        a.median === b.median
          ? `${lane}: ${a.crossing} and ${b.crossing} are alike, median ${a.median} min`
          : `${lane}: ${a.crossing} is faster, median ${a.median} min (p80 ${a.p80}; ${a.hours} hours) against ${b.crossing} ${b.median} min (p80 ${b.p80}; ${b.hours} hours)`,
      );
    } else if (of.length >= 2)
      verdicts.push(
        `${lane}: ${ranked.length === 1 ? `only ${ranked[0]!.crossing} has` : 'no crossing has'} ${MIN_HOURS} hourly values at ${hourOfWeekLabel(at)}`,
      );
  }
  if (basis.place.crossings.length < 2)
    notes.push(
      `${basis.place.name} has one CBP crossing with readings: nothing to compare it with`,
    );
  return {
    kind: 'wait-compare',
    ...basis,
    method: [
      ...basis.method,
      `median and 80th percentile of the hourly values at ${hourOfWeekLabel(at)} local time over all loaded history; a crossing is ranked when at least ${MIN_HOURS} hourly values stand behind it`,
    ],
    at: { ...at, label: hourOfWeekLabel(at), defaulted },
    minHours: MIN_HOURS,
    rows: ordered,
    verdicts,
    sources: await waitSources(store, waitRead(scope)),
    notes,
  };
}
