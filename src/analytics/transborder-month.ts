import type { FactTable } from '../model/tables.ts';
import type { Store } from '../store/open-store.ts';
import { runShared } from './compiled-query.ts';
import { CoverageError } from './lookup-error.ts';

/**
 * The TransBorder month a profile shows: the one asked for, or the latest loaded in that cut.
 * An asked month that is not loaded is an error naming the months that are, never a zero.
 * Null when the cut holds no data and no month was asked (the profile says so in a note).
 */
export async function transborderMonth(
  store: Store,
  asked?: string,
  table: Extract<FactTable, `transborder_${string}`> = 'transborder_state_port',
): Promise<{ month: string; months: string[] } | null> {
  const rows = await runShared(store, {
    kind: 'compiled-query',
    name: 'transborder-months',
    tables: [table],
    params: {},
    sql: `SELECT DISTINCT strftime(month, '%Y-%m') AS month FROM ${table} ORDER BY 1`,
  });
  const months = rows.map((r) => String(r.month));
  const want = asked === undefined ? undefined : normalise(asked);
  if (want === undefined) {
    const latest = months[months.length - 1];
    return latest === undefined ? null : { month: latest, months };
  }
  if (!months.includes(want))
    throw new CoverageError('BTS TransBorder freight', asked ?? want, spans(months));
  return { month: want, months };
}

/** "2015-1" and "2015/01" mean 2015-01. */
function normalise(asked: string): string {
  const m = /^\s*(\d{4})[-/](\d{1,2})\s*$/.exec(asked);
  return m ? `${m[1]}-${m[2]!.padStart(2, '0')}` : asked.trim();
}

/** Loaded months as runs: "2015-01", or "2014-01 – 2014-12, 2015-03". */
function spans(months: string[]): string {
  if (months.length === 0) return 'no month: no TransBorder file is loaded';
  const index = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7));
  const runs: string[][] = [];
  for (const m of months) {
    const run = runs[runs.length - 1];
    const last = run?.[run.length - 1];
    if (run && last && index(m) === index(last) + 1) run.push(m);
    else runs.push([m]);
  }
  return runs.map((r) => (r.length === 1 ? r[0] : `${r[0]} – ${r[r.length - 1]}`)).join(', ');
}
