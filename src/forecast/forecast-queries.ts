import type { CompiledQuery } from '../analytics/compiled-query.ts';

/**
 * The forecast's and backtest's reads of the store, as compiled queries: run through
 * `runQuery`, so on a ClickHouse store each is compiled by name in the dialect
 * (`analytics/clickhouse-forecast-queries.ts`). Values are parameters; the SQL text is one of
 * a few fixed texts, which the dialect's translations are checked against (fingerprints).
 */

/** The filter on `wait_times_all` of the readings a forecast learns from. */
function readingsWhere(before: string | null): string {
  return `set_aside IS NULL AND delay_minutes IS NOT NULL AND port_number IN (SELECT unnest($crossings))${
    before !== null ? ' AND snapshot_at < $before::TIMESTAMPTZ' : ''
  }`;
}

/**
 * Every reading with a wait of these crossings, revisions included (`wait_times_all`), as
 * published before `before` (ISO instant; null: all). Ordered on every column read, so both
 * engines give the rows in one order: an hour's readings are combined in that order, and two
 * revisions published in the same snapshot are told apart by it.
 */
export function laneReadingsQuery(
  crossings: readonly string[],
  before: string | null,
): CompiledQuery {
  return {
    kind: 'compiled-query',
    name: 'forecast-lane-readings',
    tables: ['wait_times'],
    params: { crossings: [...crossings], ...(before !== null ? { before } : {}) },
    sql: `SELECT port_number, lane_type, lane_kind, epoch_ms(observed_at)::DOUBLE AS observed_ms,
                 epoch_ms(snapshot_at)::DOUBLE AS snapshot_ms, delay_minutes
          FROM wait_times_all WHERE ${readingsWhere(before)}
          ORDER BY port_number, lane_type, lane_kind, observed_at, snapshot_at, delay_minutes`,
  };
}

/** The files those readings came from, by folder: how many, the first and last by name. */
export function laneSourcesQuery(
  crossings: readonly string[],
  before: string | null,
): CompiledQuery {
  return {
    kind: 'compiled-query',
    name: 'forecast-lane-sources',
    tables: ['wait_times'],
    params: { crossings: [...crossings], ...(before !== null ? { before } : {}) },
    sql: `WITH used AS (SELECT DISTINCT source_file_id FROM wait_times_all WHERE ${readingsWhere(before)})
          SELECT regexp_replace(path, '/[^/]*$', '') AS folder, count(*) AS files,
                 min(regexp_extract(path, '[^/]*$')) AS first_file, max(regexp_extract(path, '[^/]*$')) AS last_file
          FROM source_file JOIN used ON used.source_file_id = source_file.id GROUP BY 1 ORDER BY 1`,
  };
}

/** Every CBP crossing with its names and Schedule D port. */
export function crossingListQuery(): CompiledQuery {
  return {
    kind: 'compiled-query',
    name: 'forecast-crossings',
    tables: ['wait_times', 'port'],
    params: {},
    sql: `SELECT port_number, port_name, crossing_name, port_code FROM cbp_crossing ORDER BY port_number`,
  };
}

/** Readings with a wait (current revisions) per crossing published before `before`, most first. */
export function busiestCrossingsQuery(before: string): CompiledQuery {
  return {
    kind: 'compiled-query',
    name: 'forecast-busiest-crossings',
    tables: ['wait_times'],
    params: { before },
    sql: `SELECT w.port_number, coalesce(any_value(c.port_name) || coalesce(', ' || any_value(c.crossing_name), ''), '') AS name, count(*) AS n
          FROM wait_times w LEFT JOIN cbp_crossing c USING (port_number)
          WHERE w.delay_minutes IS NOT NULL AND w.snapshot_at < $before::TIMESTAMPTZ
          GROUP BY w.port_number ORDER BY n DESC, w.port_number`,
  };
}
