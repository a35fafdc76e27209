import type { Store } from '../store/open-store.ts';
import { runQuery, type CompiledQuery } from './compiled-query.ts';
import { ArgumentError } from './argument-error.ts';
import { CoverageError } from './lookup-error.ts';
import { compileWait, type WaitScope } from './wait-queries.ts';

/** A run of days with readings: the loaded history is the bundle's runs, not one span. */
export interface WaitRun {
  first: string;
  last: string;
  days: number;
}

/** The readings a result rests on: first and last (UTC), how many, and the loaded runs. */
export interface WaitSpan {
  first: string;
  last: string;
  readings: number;
  runs: WaitRun[];
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const STAMP = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?$/;

/**
 * `--from`/`--to` (a day `2025-10-01`, or a local time `2025-10-01T07:00`) read in the port's
 * own zone → instants; `--to` as a day includes that whole day. Anything else is refused.
 */
export async function periodInstants(
  store: Store,
  zone: string,
  from: string | undefined,
  to: string | undefined,
): Promise<{ from?: string; to?: string }> {
  const one = async (text: string | undefined, name: string, end: boolean) => {
    if (text === undefined) return undefined;
    const t = text.trim();
    if (!DAY.test(t) && !STAMP.test(t))
      throw new ArgumentError(
        name.slice(2),
        `${name}: ${JSON.stringify(text)} is not a date (YYYY-MM-DD) or local time (YYYY-MM-DDTHH:MM)`,
      );
    const local = DAY.test(t) ? `${t} 00:00:00` : t.replace('T', ' ');
    const [r] = await runQuery(store, instantQuery(zone, local, end && DAY.test(t)));
    const v = r?.instant;
    if (v == null)
      throw new ArgumentError(name.slice(2), `${name}: ${JSON.stringify(text)} is not a real date`);
    return String(v);
  };
  const f = await one(from, '--from', false);
  const t = await one(to, '--to', true);
  if (f && t && f >= t) throw new ArgumentError('from', `--from ${from} is not before --to ${to}`);
  return { ...(f ? { from: f } : {}), ...(t ? { to: t } : {}) };
}

/** A local time (`2025-10-01 07:00`) in a zone as a UTC instant, a day later when `end`. */
export function instantQuery(zone: string, local: string, end: boolean): CompiledQuery {
  return {
    kind: 'compiled-query',
    name: 'wait-instant',
    tables: [],
    params: { zone, t: local, end },
    sql: `SELECT strftime(timezone('UTC', timezone($zone, TRY_CAST($t AS TIMESTAMP)
                 + CASE WHEN $end THEN INTERVAL 1 DAY ELSE INTERVAL 0 DAY END)),
               '%Y-%m-%dT%H:%M:%SZ') AS instant`,
  };
}

/** The loaded readings under the scope without its period: first, last, count and runs. */
export async function loadedSpan(store: Store, scope: WaitScope, what: string): Promise<WaitSpan> {
  const all = { ...scope, from: undefined, to: undefined };
  const [s] = await runQuery(store, compileWait({ kind: 'wait-span', scope: all }));
  if (!s || s.first == null)
    throw new CoverageError(what, 'any wait in minutes', 'no reading with minutes for it');
  const runs = (await runQuery(store, compileWait({ kind: 'wait-runs', scope: all }))).map((r) => ({
    first: String(r.first),
    last: String(r.last),
    days: Number(r.days),
  }));
  return { first: String(s.first), last: String(s.last), readings: Number(s.readings), runs };
}

/** The loaded runs, written for a refusal: "2022-06-29 (1 day), 2025-03-27 – 2026-01-18". */
export function runsText(runs: readonly WaitRun[]): string {
  return runs
    .map((r) => (r.first === r.last ? `${r.first} (1 day)` : `${r.first} – ${r.last}`))
    .join(', ');
}

/**
 * The span of the readings inside the asked period; a period holding none of the loaded
 * readings is refused naming the runs that are loaded.
 */
export async function spanWithin(
  store: Store,
  scope: WaitScope,
  loaded: WaitSpan,
  what: string,
  asked: string,
): Promise<WaitSpan> {
  if (!scope.from && !scope.to) return loaded;
  const [s] = await runQuery(store, compileWait({ kind: 'wait-span', scope }));
  if (!s || s.first == null || Number(s.readings) === 0)
    throw new CoverageError(what, asked, `${runsText(loaded.runs)} (UTC days with readings)`);
  const runs = (await runQuery(store, compileWait({ kind: 'wait-runs', scope }))).map((r) => ({
    first: String(r.first),
    last: String(r.last),
    days: Number(r.days),
  }));
  return { first: String(s.first), last: String(s.last), readings: Number(s.readings), runs };
}
