import { basename } from 'node:path';
import type { WaitCompare } from '../../analytics/wait-compare.ts';
import type { WaitHistory } from '../../analytics/wait-history.ts';
import type { WaitNow, WaitNowRow } from '../../analytics/wait-now.ts';
import type { WaitProfile } from '../../analytics/wait-profile.ts';
import type { WaitBasis } from '../../analytics/wait-scope.ts';
import type { WaitSourceGroup } from '../../analytics/wait-sources.ts';
import { WEEKDAYS } from '../../analytics/wait-week.ts';
import { code, formatTable } from '../format-table.ts';

const lane = (x: { laneType: string; laneKind: string }) => `${x.laneType}/${x.laneKind}`;

/** Sources summarised as `status` shows a recorded feed: folder, count, first and last file. */
export function waitSourceLines(groups: readonly WaitSourceGroup[]): string[] {
  return groups.map((g) =>
    g.files === 1
      ? `Source: ${g.source} ${basename(g.first.path)}, vintage ${g.vintage} (sha256 ${g.first.sha256.slice(0, 12)}…)`
      : `Source: ${g.source} ${g.series}, ${g.files.toLocaleString('en-US')} files in ${g.folder}/, ${basename(g.first.path)} (sha256 ${g.first.sha256.slice(0, 12)}…) … ${basename(g.last.path)} (sha256 ${g.last.sha256.slice(0, 12)}…), vintages ${g.vintage}`,
  );
}

/** What every wait result ends with: span, method, notes and sources. */
function footer(r: WaitBasis & { notes: string[]; sources: WaitSourceGroup[] }): string[] {
  const runs = r.span.runs
    .map((x) => (x.first === x.last ? x.first : `${x.first} – ${x.last}`))
    .join(', ');
  return [
    `History: ${r.span.readings.toLocaleString('en-US')} readings with a wait, first ${r.span.first}, last ${r.span.last} (days loaded: ${runs})`,
    ...r.method.map((m) => `Method: ${m}`),
    ...r.notes.map((n) => `Note: ${n}`),
    ...waitSourceLines(r.sources),
  ];
}

function head(r: WaitBasis, what: string): string {
  const kind = r.place.kind === 'crossing' ? 'CBP crossing' : r.place.kind;
  return `${what}, ${r.place.name} (${kind} ${r.place.kind === 'crossing' ? r.place.crossings[0]!.portNumber : r.place.ports.join(', ')}; ${r.place.crossings.length} crossing${r.place.crossings.length === 1 ? '' : 's'}; zone ${[...new Set(r.place.crossings.map((c) => c.zone))].join(', ')})`;
}

export function nowTable(rows: readonly WaitNowRow[]): string {
  return formatTable(
    ['crossing', 'no.', 'lane', 'latest (local)', 'minutes', 'usual (median)', 'p80', 'hours', ''],
    rows.map((x) => [
      x.crossing,
      code(x.portNumber),
      lane(x),
      x.observedLocal.replace('T', ' '),
      x.minutes ?? x.status ?? '',
      x.typical?.median ?? '',
      x.typical?.p80 ?? '',
      x.typical?.hours ?? '',
      x.text.split(' (')[0],
    ]),
  );
}

export function renderWaitHistory(r: WaitHistory): string {
  const out = [
    head(r, 'Hourly CBP wait times'),
    `Period: ${r.period.from} – ${r.period.to} UTC (${r.period.hours} hours)`,
  ];
  const byCrossing = new Map<string, typeof r.series>();
  for (const s of r.series)
    byCrossing.set(s.portNumber, [...(byCrossing.get(s.portNumber) ?? []), s]);
  for (const [, series] of byCrossing) {
    out.push(
      '',
      `${series[0]!.crossing} (${series[0]!.portNumber}), minutes; – = no reading (gap)`,
    );
    out.push(
      formatTable(
        ['hour (local)', ...series.map(lane)],
        series[0]!.values.map((v, i) => [
          v.hourLocal.replace('T', ' '),
          ...series.map((s) => s.values[i]!.minutes ?? '–'),
        ]),
      ),
    );
    out.push(
      ...series.map(
        (s) =>
          `  ${lane(s)}: ${s.withReadings} of ${s.hours} hours with a reading, ${s.gaps} gap${s.gaps === 1 ? '' : 's'}${s.longestGap ? ` (longest ${s.longestGap.hours} h from ${s.longestGap.from})` : ''}`,
      ),
    );
  }
  if (r.latest.length > 0)
    out.push('', 'Latest reading against the typical one', nowTable(r.latest));
  return [...out, '', ...footer(r)].join('\n');
}

const grid = (
  cells: { weekday: number; hour: number; median: number; p80: number }[],
  pick: 'median' | 'p80',
) =>
  formatTable(
    ['', ...Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0'))],
    WEEKDAYS.map((d, i) => [
      d,
      ...Array.from({ length: 24 }, (_, h) => {
        const c = cells.find((x) => x.weekday === i + 1 && x.hour === h);
        // Text padded alike, so figures and the '·' of thin cells line up.
        return (c ? String(Math.round(c[pick])) : '·').padStart(2);
      }),
    ]),
  );

export function renderWaitProfile(r: WaitProfile): string {
  const out = [
    head(r, 'Typical CBP wait by hour of week and month'),
    `Cells: median and 80th percentile of hourly values, minutes, local time; · = fewer than ${r.minHours} hourly values`,
  ];
  for (const l of r.lanesProfiled) {
    const hours = l.hourOfWeek.map((c) => c.hours);
    out.push(
      '',
      `${l.crossing} (${l.portNumber}) ${lane(l)}: ${l.hourOfWeek.length} hours of the week shown (${l.hidden.hourOfWeek} left out), ${hours.length ? `${Math.min(...hours)}–${Math.max(...hours)} hourly values each` : 'none'}`,
    );
    if (l.hourOfWeek.length > 0)
      out.push(
        'median',
        grid(l.hourOfWeek, 'median'),
        '80th percentile',
        grid(l.hourOfWeek, 'p80'),
      );
    if (l.byMonth.length > 0)
      out.push(
        formatTable(
          ['month', 'median', 'p80', 'hours', 'readings'],
          l.byMonth.map((c) => [c.month, c.median, c.p80, c.hours, c.readings]),
        ),
      );
  }
  return [...out, '', ...footer(r)].join('\n');
}

export function renderWaitCompare(r: WaitCompare): string {
  return [
    head(r, `CBP crossings compared at ${r.at.label} local time${r.at.defaulted ? ' (now)' : ''}`),
    formatTable(
      ['lane', 'rank', 'crossing', 'no.', 'median', 'p80', 'hours', 'readings'],
      r.rows.map((x) => [
        lane(x),
        x.rank ?? '',
        x.crossing,
        code(x.portNumber),
        x.median ?? '·',
        x.p80 ?? '·',
        x.hours,
        x.readings,
      ]),
    ),
    ...r.verdicts,
    `· = fewer than ${r.minHours} hourly values at that hour`,
    '',
    ...footer(r),
  ].join('\n');
}

export function renderWaitNow(r: WaitNow): string {
  return [
    head(r, 'Latest CBP wait against the typical one'),
    nowTable(r.rows),
    '',
    `Best time to cross in the 24 hours of the week from ${r.asOf} (from history, not a forecast)`,
    formatTable(
      ['crossing', 'lane', 'from', 'best hour', 'median', 'p80', 'hours'],
      r.bestTimes.map((b) => [
        b.crossing,
        lane(b),
        `${WEEKDAYS[b.from.weekday - 1]} ${String(b.from.hour).padStart(2, '0')}:00`,
        b.best ? `${WEEKDAYS[b.best.weekday - 1]} ${String(b.best.hour).padStart(2, '0')}:00` : '–',
        b.best?.median ?? '',
        b.best?.p80 ?? '',
        b.best?.hours ?? '',
      ]),
    ),
    '',
    ...footer(r),
  ].join('\n');
}
