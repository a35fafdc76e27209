import type { CompiledQuery, Param } from './compiled-query.ts';
import type { Read } from './provenance.ts';
import { laneKey, type Lane } from './wait-lane.ts';

/**
 * What a wait-time analysis reads: some CBP crossings (each with its port's IANA zone), some
 * lanes (all when absent) and a period (instants, `to` exclusive; all loaded when absent).
 * Every value reaches the SQL as a named parameter.
 */
export interface WaitScope {
  crossings: readonly { portNumber: string; zone: string }[];
  lanes?: readonly Lane[];
  from?: string;
  to?: string;
}

export type WaitQuery =
  /** One value per crossing, lane and UTC hour: the mean of the readings in that hour. */
  | { kind: 'wait-hourly'; scope: WaitScope }
  /** Median, 80th percentile and counts of the hourly values by local weekday and hour. */
  | { kind: 'wait-hour-of-week'; scope: WaitScope }
  /** The same by local calendar month. */
  | { kind: 'wait-by-month'; scope: WaitScope }
  /** The newest reading of each crossing and lane, with or without minutes. */
  | { kind: 'wait-latest'; scope: WaitScope }
  /** First and last reading with minutes, and how many. */
  | { kind: 'wait-span'; scope: WaitScope }
  /** Runs of days with readings (a gap of over 7 days starts a new run). */
  | { kind: 'wait-runs'; scope: WaitScope };

const iso = (col: string) => `strftime(timezone('UTC', ${col}), '%Y-%m-%dT%H:%M:%SZ')`;

/** The filter every wait query shares, on `wait_times` (minutes only unless `any`). */
export function waitWhere(
  scope: WaitScope,
  any = false,
): { where: string; params: Record<string, Param> } {
  const params: Record<string, Param> = { crossings: scope.crossings.map((c) => c.portNumber) };
  const parts = ['port_number IN (SELECT unnest($crossings))'];
  if (!any) parts.push('delay_minutes IS NOT NULL');
  if (scope.lanes && scope.lanes.length > 0) {
    params.lanes = scope.lanes.map(laneKey);
    parts.push(`lane_type || '/' || lane_kind IN (SELECT unnest($lanes))`);
  }
  if (scope.from) {
    params.from = scope.from;
    parts.push('observed_at >= $from::TIMESTAMPTZ');
  }
  if (scope.to) {
    params.to = scope.to;
    parts.push('observed_at < $to::TIMESTAMPTZ');
  }
  return { where: parts.join(' AND '), params };
}

/** The rows a query reads, for citing their files. */
export function waitRead(scope: WaitScope, any = false): Read {
  return { table: 'wait_times', ...waitWhere(scope, any) };
}

/** Hourly values with each hour's local time in its crossing's zone. */
function hourlyCte(scope: WaitScope): { sql: string; params: Record<string, Param> } {
  const { where, params } = waitWhere(scope);
  return {
    params: { ...params, zones: scope.crossings.map((c) => c.zone) },
    sql: `z AS (SELECT unnest($crossings) AS port_number, unnest($zones) AS zone),
      hourly AS (
        SELECT port_number, lane_type, lane_kind,
               date_trunc('hour', timezone('UTC', observed_at)) AS hour_utc,
               avg(delay_minutes) AS minutes, count(*)::INTEGER AS readings
        FROM wait_times WHERE ${where} GROUP BY ALL
      ),
      local AS (
        SELECT h.*, timezone(z.zone, timezone('UTC', h.hour_utc)) AS hour_local
        FROM hourly h JOIN z USING (port_number)
      )`,
  };
}

export function compileWait(q: WaitQuery): CompiledQuery {
  const base = { kind: 'compiled-query' as const, tables: ['wait_times' as const] };
  const read = waitRead(q.scope, q.kind === 'wait-latest');
  switch (q.kind) {
    case 'wait-hourly': {
      const { sql, params } = hourlyCte(q.scope);
      return {
        ...base,
        name: q.kind,
        params,
        reads: [read],
        sql: `WITH ${sql}
          SELECT port_number, lane_type, lane_kind,
                 strftime(hour_utc, '%Y-%m-%dT%H:00:00Z') AS hour_utc,
                 strftime(hour_local, '%Y-%m-%dT%H:00') AS hour_local,
                 minutes, readings
          FROM local ORDER BY port_number, lane_type, lane_kind, hour_utc`,
      };
    }
    case 'wait-hour-of-week':
    case 'wait-by-month': {
      const { sql, params } = hourlyCte(q.scope);
      const keys =
        q.kind === 'wait-hour-of-week'
          ? 'isodow(hour_local)::INTEGER AS weekday, hour(hour_local)::INTEGER AS hour'
          : 'month(hour_local)::INTEGER AS month';
      return {
        ...base,
        name: q.kind,
        params,
        reads: [read],
        sql: `WITH ${sql}
          SELECT port_number, lane_type, lane_kind, ${keys},
                 quantile_cont(minutes, 0.5) AS median, quantile_cont(minutes, 0.8) AS p80,
                 count(*)::INTEGER AS hours, sum(readings)::INTEGER AS readings
          FROM local GROUP BY ALL ORDER BY ALL`,
      };
    }
    case 'wait-latest': {
      const { where, params } = waitWhere(q.scope, true);
      return {
        ...base,
        name: q.kind,
        params: { ...params, zones: q.scope.crossings.map((c) => c.zone) },
        reads: [],
        sql: `WITH z AS (SELECT unnest($crossings) AS port_number, unnest($zones) AS zone),
          latest AS (
            SELECT * FROM wait_times WHERE ${where}
            QUALIFY row_number() OVER (
              PARTITION BY port_number, lane_type, lane_kind ORDER BY observed_at DESC) = 1
          )
          SELECT l.port_number, l.lane_type, l.lane_kind, ${iso('l.observed_at')} AS observed_at,
                 strftime(timezone(z.zone, l.observed_at), '%Y-%m-%dT%H:%M') AS observed_local,
                 isodow(timezone(z.zone, l.observed_at))::INTEGER AS weekday,
                 hour(timezone(z.zone, l.observed_at))::INTEGER AS hour,
                 l.delay_minutes, l.operational_status, l.lanes_open, l.source_file_id
          FROM latest l JOIN z USING (port_number)
          ORDER BY l.port_number, l.lane_type, l.lane_kind`,
      };
    }
    case 'wait-span': {
      const { where, params } = waitWhere(q.scope);
      return {
        ...base,
        name: q.kind,
        params,
        reads: [read],
        sql: `SELECT ${iso('min(observed_at)')} AS first, ${iso('max(observed_at)')} AS last,
                     count(*)::BIGINT AS readings
              FROM wait_times WHERE ${where}`,
      };
    }
    case 'wait-runs': {
      const { where, params } = waitWhere(q.scope);
      return {
        ...base,
        name: q.kind,
        params,
        reads: [read],
        sql: `WITH d AS (
                SELECT DISTINCT CAST(timezone('UTC', observed_at) AS DATE) AS day
                FROM wait_times WHERE ${where}
              ), g AS (
                SELECT day, CASE WHEN datediff('day', lag(day) OVER (ORDER BY day), day) > 7
                                 THEN 1 ELSE 0 END AS brk FROM d
              ), r AS (SELECT day, sum(brk) OVER (ORDER BY day) AS run FROM g)
              SELECT strftime(min(day), '%Y-%m-%d') AS first, strftime(max(day), '%Y-%m-%d') AS last,
                     count(*)::INTEGER AS days
              FROM r GROUP BY run ORDER BY 1`,
      };
    }
  }
}
