import { EngineRefusal } from '../store/engine-refusal.ts';
import {
  compareBigDesc,
  compareNullsLast,
  inList,
  lit,
  type Translation,
} from './clickhouse-sql.ts';
import type { CompiledQuery, Param, Row } from './compiled-query.ts';

/**
 * ClickHouse translations of the wait forecast's and backtest's reads
 * (`forecast/forecast-queries.ts`), written as `clickhouse-dialect.ts` describes. The readings
 * come from `wait_times_all` (every revision, published by `frontera publish`), with
 * `observed_at` and `snapshot_at` stored as ISO text with microseconds and a Z
 * (`2025-10-01T14:05:00.000000Z`): text order is time order, and the first 23 characters are
 * the instant to the millisecond, which is what DuckDB's `epoch_ms` gives (truncated). The
 * model's arithmetic stays in `forecast/`, on the same rows in the same order.
 */

function refuse(why: string): EngineRefusal {
  return new EngineRefusal('ClickHouse', 'this analysis', why);
}

/** An instant `toISOString()` gave (`2025-09-28T20:00:00.000Z`) as the stored text compares. */
function storedInstant(v: Param | undefined): string {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(v))
    throw refuse(`the instant ${JSON.stringify(v)} is not one it compares as text`);
  return `${v.slice(0, 23)}000Z`;
}

/** An ISO text instant as stored → DuckDB's `epoch_ms(t)::DOUBLE` (NULL stays NULL). */
function epochMs(stored: unknown): number | null {
  if (stored == null) return null;
  const t = String(stored);
  const ms = Date.parse(`${t.slice(0, 23)}Z`);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}/.test(t) || Number.isNaN(ms))
    throw refuse(`the stored instant ${JSON.stringify(t)} is not ISO text`);
  return ms;
}

/** `readingsWhere` of `forecast-queries.ts`, on `wait_times_all`. */
function readingsWhere(q: CompiledQuery): string {
  return `set_aside IS NULL AND delay_minutes IS NOT NULL
    AND port_number IN ${inList(q.params.crossings)}${
      Object.hasOwn(q.params, 'before')
        ? ` AND snapshot_at < ${lit(storedInstant(q.params.before))}`
        : ''
    }`;
}

export const FORECAST_TRANSLATIONS: Record<string, Translation> = {
  'forecast-lane-readings': {
    written: ['5fae31b309eb', '1f0bdcd48e95'],
    // The same total order as DuckDB's ORDER BY (strings by their bytes, NULLs last, the
    // instants' text in time order): the rows reach the model in one order on both engines.
    run: async (q, exec) =>
      (
        await exec(
          `SELECT port_number, lane_type, lane_kind, observed_at, snapshot_at, delay_minutes
           FROM wait_times_all WHERE ${readingsWhere(q)}
           ORDER BY port_number, lane_type, lane_kind, observed_at, snapshot_at, delay_minutes`,
        )
      ).map((r) => ({
        port_number: r.port_number,
        lane_type: r.lane_type,
        lane_kind: r.lane_kind,
        observed_ms: epochMs(r.observed_at),
        snapshot_ms: epochMs(r.snapshot_at),
        delay_minutes: r.delay_minutes,
      })),
  },
  'forecast-lane-sources': {
    written: ['f8625a3f390a', 'e474f43f19c2'],
    // source_file is copied whole to every shard; the readings' file ids come from all shards.
    run: (q, exec) =>
      exec(
        `SELECT folder, count() AS files, min(file) AS first_file, max(file) AS last_file FROM (
           SELECT replaceRegexpOne(path, '/[^/]*$', '') AS folder, extract(path, '[^/]*$') AS file
           FROM source_file
           WHERE id IN (SELECT source_file_id FROM ${exec.table('wait_times_all')} WHERE ${readingsWhere(q)}))
         GROUP BY folder ORDER BY folder`,
      ),
  },
  'forecast-crossings': {
    written: ['c1f33a0beef5'],
    run: (_q, exec) =>
      exec(
        `SELECT port_number, port_name, crossing_name, port_code FROM cbp_crossing ORDER BY port_number`,
      ),
  },
  'forecast-busiest-crossings': {
    written: ['47426f139b14'],
    // The readings counted in ClickHouse; each crossing's names joined here, as the LEFT JOIN
    // on cbp_crossing does (one row per crossing there, else refused: a second would double
    // DuckDB's count).
    run: async (q, exec) => {
      const [counts, crossings] = await Promise.all([
        exec(
          `SELECT port_number, count() AS n FROM wait_times
           WHERE delay_minutes IS NOT NULL AND snapshot_at < ${lit(storedInstant(q.params.before))}
           GROUP BY port_number`,
        ),
        exec(`SELECT port_number, port_name, crossing_name FROM cbp_crossing`),
      ]);
      const names = new Map<unknown, Row>();
      for (const c of crossings) {
        if (names.has(c.port_number))
          throw refuse(`CBP crossing ${String(c.port_number)} has more than one row`);
        names.set(c.port_number, c);
      }
      return counts
        .map((r) => {
          const c = r.port_number == null ? undefined : names.get(r.port_number);
          // DuckDB's || of a NULL is NULL: no port name, no name; no crossing name, the port's.
          const name =
            c?.port_name == null
              ? ''
              : `${String(c.port_name)}${c.crossing_name == null ? '' : `, ${String(c.crossing_name)}`}`;
          return { port_number: r.port_number, name, n: r.n };
        })
        .sort(
          (a, b) =>
            compareBigDesc(a.n as bigint, b.n as bigint) ||
            compareNullsLast(a.port_number, b.port_number),
        );
    },
  },
};
