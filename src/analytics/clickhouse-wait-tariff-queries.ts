import { EngineRefusal } from '../store/engine-refusal.ts';
import { compareText, inList, lit, type Exec, type Translation } from './clickhouse-sql.ts';
import type { CompiledQuery, Param, Row } from './compiled-query.ts';

/**
 * ClickHouse translations of the wait-time, revision, tariff and claim-checker queries,
 * written as `clickhouse-dialect.ts` describes.
 *
 * Wait readings: `observed_at` is published as ISO text with microseconds and a Z
 * (`2025-10-01T14:05:00.000000Z`, see the dialect's header), so text order is time order, a
 * UTC hour is its first 13 characters and a day its first 10. What 18.16 cannot do in SQL is
 * done here on the rows, exactly as DuckDB does it:
 * - local time in each crossing's IANA zone: ClickHouse takes only a constant zone, DuckDB
 *   joins one per crossing, so the UTC hours are turned into local ones with the zone rules
 *   `wait-week.ts` already uses for "now" (Intl);
 * - `quantile_cont` (interpolated; 18.16's quantiles are not): `quantileCont` below, DuckDB's
 *   formula;
 * - `avg` of whole minutes: the exact sum and count, divided as DuckDB divides (a double);
 * - `row_number() OVER … = 1`, the run of days (`lag`, a running sum): `LIMIT 1 BY`, and the
 *   runs counted over the sorted days.
 */

/** The only filters `waitWhere` writes (`wait-queries.ts`), each in ClickHouse SQL. */
function waitWhereCh(where: string, params: Record<string, Param>): string {
  const value = (k: string): Param => {
    if (!Object.hasOwn(params, k)) throw refuse(`its wait filter names $${k} without a value`);
    return params[k]!;
  };
  return where
    .split(' AND ')
    .map((part) => {
      if (part === 'port_number IN (SELECT unnest($crossings))')
        return `port_number IN ${inList(value('crossings'))}`;
      if (part === 'delay_minutes IS NOT NULL') return part;
      if (part === `lane_type || '/' || lane_kind IN (SELECT unnest($lanes))`)
        return `concat(lane_type, '/', lane_kind) IN ${inList(value('lanes'))}`;
      const m = /^observed_at (>=|<) \$(from|to)::TIMESTAMPTZ$/.exec(part);
      if (m) return `observed_at ${m[1]} ${lit(storedInstant(value(m[2]!)))}`;
      throw refuse(`its wait filter "${part}" is not translated`);
    })
    .join(' AND ');
}

/** An instant `periodInstants` gave (`2025-10-01T07:00:00Z`) as `observed_at` is stored. */
function storedInstant(v: Param): string {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(v))
    throw refuse(`the instant ${JSON.stringify(v)} is not one it compares as text`);
  return `${v.slice(0, 19)}.000000Z`;
}

function refuse(why: string): EngineRefusal {
  return new EngineRefusal('ClickHouse', 'this analysis', why);
}

/**
 * The query's filter over wait_times in ClickHouse SQL: the DuckDB text `waitWhere` writes for
 * its parameters (readings with minutes, or any), found in the query's own SQL, else refused.
 */
function waitFilter(q: CompiledQuery): string {
  const sql = q.sql.replace(/\s+/g, ' ');
  for (const any of [false, true]) {
    const parts = ['port_number IN (SELECT unnest($crossings))'];
    if (!any) parts.push('delay_minutes IS NOT NULL');
    if (Object.hasOwn(q.params, 'lanes'))
      parts.push(`lane_type || '/' || lane_kind IN (SELECT unnest($lanes))`);
    if (Object.hasOwn(q.params, 'from')) parts.push('observed_at >= $from::TIMESTAMPTZ');
    if (Object.hasOwn(q.params, 'to')) parts.push('observed_at < $to::TIMESTAMPTZ');
    const where = parts.join(' AND ');
    if (new RegExp(`FROM wait_times WHERE ${escape(where)}( GROUP BY| QUALIFY| \\)| ?$)`).test(sql))
      return waitWhereCh(where, q.params);
  }
  throw refuse(`its query '${q.name}' has no wait filter it knows`);
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Wall-clock parts of an instant in an IANA zone (the zone rules `wait-week.ts` uses). */
function localParts(ms: number, zone: string) {
  let f: Intl.DateTimeFormat;
  try {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
  } catch {
    throw refuse(`the zone ${JSON.stringify(zone)} is not one it knows`);
  }
  const p = Object.fromEntries(f.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  const [y, mo, d, h, mi, s] = [p.year, p.month, p.day, p.hour, p.minute, p.second].map(Number);
  const weekday = ((new Date(Date.UTC(y!, mo! - 1, d!)).getUTCDay() + 6) % 7) + 1;
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return {
    text: `${pad(y!, 4)}-${pad(mo!)}-${pad(d!)}T${pad(h!)}:${pad(mi!)}`,
    weekday,
    month: mo!,
    hour: h!,
    wall: Date.UTC(y!, mo! - 1, d!, h!, mi!, s!),
  };
}

/** `2025-10-01T14:05:00.000000Z` (as stored) → milliseconds. */
const instantMs = (stored: string) => Date.parse(`${stored.slice(0, 19)}Z`);

/** DuckDB's `quantile_cont(x, q)`: between the two nearest of the sorted values. */
export function quantileCont(sorted: readonly number[], q: number): number {
  const rn = (sorted.length - 1) * q;
  const lo = Math.floor(rn);
  const hi = Math.ceil(rn);
  if (lo === hi) return sorted[lo]!;
  const a = sorted[lo]!;
  return a + (sorted[hi]! - a) * (rn - lo);
}

/** The crossings' zones, as the query pairs them (`unnest($crossings), unnest($zones)`). */
function zonesOf(q: CompiledQuery): Map<string, string> {
  const c = q.params.crossings;
  const z = q.params.zones;
  if (!Array.isArray(c) || !Array.isArray(z) || c.length !== z.length)
    throw refuse(`its query '${q.name}' pairs no zone with each crossing`);
  return new Map(c.map((x, i) => [x, z[i]!]));
}

interface Hourly {
  port_number: string;
  lane_type: string;
  lane_kind: string;
  hour_utc: string;
  hour_local: string;
  weekday: number;
  hour: number;
  month: number;
  minutes: number;
  readings: number;
}

/** The `hourly` and `local` CTEs of `wait-queries.ts`, in their ORDER BY. */
async function hourly(q: CompiledQuery, exec: Exec): Promise<Hourly[]> {
  const zones = zonesOf(q);
  const rows = await exec(
    `SELECT port_number, lane_type, lane_kind, substring(observed_at, 1, 13) AS h,
            sum(delay_minutes) AS total, toInt32(count()) AS readings
     FROM wait_times WHERE ${waitFilter(q)}
     GROUP BY port_number, lane_type, lane_kind, h`,
  );
  const out: Hourly[] = [];
  for (const r of rows) {
    const zone = zones.get(String(r.port_number));
    if (zone === undefined) continue; // JOIN z: only the crossings asked
    const local = localParts(Date.parse(`${String(r.h)}:00:00Z`), zone);
    out.push({
      port_number: String(r.port_number),
      lane_type: r.lane_type as string,
      lane_kind: r.lane_kind as string,
      hour_utc: `${String(r.h)}:00:00Z`,
      hour_local: `${local.text.slice(0, 13)}:00`,
      weekday: local.weekday,
      hour: local.hour,
      month: local.month,
      // DuckDB's avg of an INTEGER column: the exact sum over the count, as a double.
      minutes: Number(r.total as bigint) / Number(r.readings),
      readings: Number(r.readings),
    });
  }
  return out.sort(
    (a, b) =>
      compareText(a.port_number, b.port_number) ||
      compareText(a.lane_type, b.lane_type) ||
      compareText(a.lane_kind, b.lane_kind) ||
      compareText(a.hour_utc, b.hour_utc),
  );
}

/** Median, 80th percentile and counts of hourly values grouped by crossing, lane and keys. */
function cells(rows: Hourly[], keys: ('weekday' | 'hour' | 'month')[]): Row[] {
  const groups = new Map<string, Hourly[]>();
  for (const r of rows) {
    const k = JSON.stringify([r.port_number, r.lane_type, r.lane_kind, ...keys.map((x) => r[x])]);
    const g = groups.get(k);
    if (g) g.push(r);
    else groups.set(k, [r]);
  }
  const out = [...groups.values()].map((g) => {
    const v = g.map((r) => r.minutes).sort((a, b) => a - b);
    const first = g[0]!;
    return {
      port_number: first.port_number,
      lane_type: first.lane_type,
      lane_kind: first.lane_kind,
      ...Object.fromEntries(keys.map((x) => [x, first[x]])),
      median: quantileCont(v, 0.5),
      p80: quantileCont(v, 0.8),
      hours: g.length,
      readings: g.reduce((a, r) => a + r.readings, 0),
    } as Row;
  });
  // ORDER BY ALL: every column in turn (the keys decide before the figures do).
  return out.sort(
    (a, b) =>
      compareText(a.port_number, b.port_number) ||
      compareText(a.lane_type, b.lane_type) ||
      compareText(a.lane_kind, b.lane_kind) ||
      keys.reduce((c, x) => c || Number(a[x]) - Number(b[x]), 0),
  );
}

const WAIT_TRANSLATIONS: Record<string, Translation> = {
  // Ports by name (`resolve-port.ts`): wait times resolve places through it too.
  'port-directory': {
    written: ['29fdfebb8268'],
    run: async (_q, exec) => {
      const [ports, alts, states] = await Promise.all([
        exec(
          `SELECT port_code AS code, name, state AS d_state, border AS d_border, district,
                  latitude, longitude
           FROM port_directory WHERE name IS NOT NULL ORDER BY code`,
        ),
        // list(DISTINCT name ORDER BY name), any_value(border) (read apart: ClickHouse 18.16
        // cannot give a LEFT JOIN's missing list as NULL).
        exec(
          `SELECT port_code, arraySort(groupUniqArray(name)) AS names, any(border) AS a_border,
                  uniqExact(border) AS borders
           FROM port WHERE name IS NOT NULL GROUP BY port_code`,
        ),
        exec(`SELECT usps, name FROM us_state`),
      ]);
      const alt = new Map(alts.map((a) => [a.port_code, a]));
      const out: Row[] = [];
      for (const d of ports) {
        const a = d.code == null ? undefined : alt.get(d.code);
        // any_value() between differing borders is DuckDB's choice, which nothing can match.
        if (Number(a?.borders ?? 0) > 1)
          throw refuse(`port ${String(d.code)} is listed with different borders`);
        // LEFT JOIN us_state s ON d.state IN (s.usps, s.name): a join ClickHouse 18.16 cannot write.
        const matched = states.filter(
          (s) => d.d_state != null && (s.usps === d.d_state || s.name === d.d_state),
        );
        for (const s of matched.length > 0 ? matched : [null])
          out.push({
            code: d.code,
            name: d.name,
            state: s?.usps ?? d.d_state,
            state_name: s?.name ?? null,
            border: d.d_border ?? a?.a_border ?? null,
            district: d.district,
            latitude: d.latitude,
            longitude: d.longitude,
            names: a?.names ?? [],
          });
      }
      return out;
    },
  },
  'wait-crossings': {
    written: ['db1ebdced281'],
    run: (_q, exec) =>
      exec(
        `SELECT port_number, port_code, port_name, crossing_name, state FROM cbp_crossing
         ALL LEFT JOIN (
           SELECT port_code, state FROM port_directory WHERE port_code IS NOT NULL
         ) USING port_code
         ORDER BY port_number`,
      ),
  },
  'wait-lanes': {
    written: ['bf843cbd50b7'],
    run: (q, exec) => {
      const lanes = q.params.lanes;
      return exec(
        `SELECT DISTINCT concat(lane_type, '/', lane_kind) AS lane FROM wait_times
         WHERE port_number IN ${inList(q.params.crossings)} AND delay_minutes IS NOT NULL
           ${Array.isArray(lanes) && lanes.length > 0 ? `AND concat(lane_type, '/', lane_kind) IN ${inList(lanes)}` : ''}
         ORDER BY lane`,
      );
    },
  },
  'wait-instant': {
    written: ['*'],
    // A local time in a zone → the UTC instant, as DuckDB's timezone() reads it. Near a
    // daylight-time change (a local time that is skipped or repeated) the engines' zone rules
    // could pick differently: refused there rather than guessed.
    run: (q) => {
      const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})(?::(\d{2}))?$/.exec(String(q.params.t));
      const zone = String(q.params.zone);
      if (!m) return Promise.resolve([{ instant: null }]);
      const [y, mo, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0));
      const wall = Date.UTC(y!, mo! - 1, d!, h!, mi!, s!);
      const back = new Date(wall);
      // TRY_CAST: a date that does not exist (30 February, hour 24) is NULL.
      if (
        back.getUTCFullYear() !== y ||
        back.getUTCMonth() !== mo! - 1 ||
        back.getUTCDate() !== d ||
        back.getUTCHours() !== h ||
        back.getUTCMinutes() !== mi ||
        back.getUTCSeconds() !== s
      )
        return Promise.resolve([{ instant: null }]);
      const target = wall + (q.params.end === true ? 86_400_000 : 0);
      let t = target;
      for (let i = 0; i < 3; i++) t = target - (localParts(t, zone).wall - t);
      const offset = (ms: number) => localParts(ms, zone).wall - ms;
      if (localParts(t, zone).wall !== target || offset(t - 3_600_000) !== offset(t + 3_600_000))
        throw refuse(
          `${String(q.params.t)} in ${zone} is within an hour of a daylight-time change`,
        );
      return Promise.resolve([{ instant: `${new Date(t).toISOString().slice(0, 19)}Z` }]);
    },
  },
  'wait-hourly': {
    written: ['*'],
    run: async (q, exec) =>
      (await hourly(q, exec)).map((r) => ({
        port_number: r.port_number,
        lane_type: r.lane_type,
        lane_kind: r.lane_kind,
        hour_utc: r.hour_utc,
        hour_local: r.hour_local,
        minutes: r.minutes,
        readings: r.readings,
      })),
  },
  'wait-hour-of-week': {
    written: ['*'],
    run: async (q, exec) => cells(await hourly(q, exec), ['weekday', 'hour']),
  },
  'wait-by-month': {
    written: ['*'],
    run: async (q, exec) => cells(await hourly(q, exec), ['month']),
  },
  'wait-latest': {
    written: ['*'],
    run: async (q, exec) => {
      const zones = zonesOf(q);
      const rows = await exec(
        `SELECT port_number, lane_type, lane_kind, observed_at, delay_minutes,
                operational_status, lanes_open, source_file_id
         FROM wait_times WHERE ${waitFilter(q)}
         ORDER BY port_number, lane_type, lane_kind, observed_at DESC
         LIMIT 1 BY port_number, lane_type, lane_kind`,
      );
      return rows
        .filter((r) => zones.has(String(r.port_number)))
        .map((r) => {
          const at = String(r.observed_at);
          const local = localParts(instantMs(at), zones.get(String(r.port_number))!);
          return {
            port_number: r.port_number,
            lane_type: r.lane_type,
            lane_kind: r.lane_kind,
            observed_at: `${at.slice(0, 19)}Z`,
            observed_local: local.text,
            weekday: local.weekday,
            hour: local.hour,
            delay_minutes: r.delay_minutes,
            operational_status: r.operational_status,
            lanes_open: r.lanes_open,
            source_file_id: r.source_file_id,
          };
        })
        .sort(
          (a, b) =>
            compareText(a.port_number, b.port_number) ||
            compareText(a.lane_type, b.lane_type) ||
            compareText(a.lane_kind, b.lane_kind),
        );
    },
  },
  'wait-span': {
    written: ['*'],
    run: async (q, exec) => {
      const [r] = await exec(
        `SELECT min(observed_at) AS a, max(observed_at) AS b, count() AS readings
         FROM wait_times WHERE ${waitFilter(q)}`,
      );
      // DuckDB's min of no rows is NULL (ClickHouse's an empty string).
      const none = !r || r.readings === 0n;
      return [
        {
          first: none ? null : `${String(r.a).slice(0, 19)}Z`,
          last: none ? null : `${String(r.b).slice(0, 19)}Z`,
          readings: none ? 0n : r.readings,
        },
      ];
    },
  },
  'wait-runs': {
    written: ['*'],
    // Days with readings; a gap of over 7 days starts a new run (DuckDB: lag and a running sum).
    run: async (q, exec) => {
      const days = await exec(
        `SELECT DISTINCT substring(observed_at, 1, 10) AS day FROM wait_times
         WHERE ${waitFilter(q)} ORDER BY day`,
      );
      const runs: { first: string; last: string; days: number }[] = [];
      let prev = NaN;
      for (const r of days) {
        const day = String(r.day);
        const ms = Date.parse(`${day}T00:00:00Z`);
        const run = runs.at(-1);
        if (run && (ms - prev) / 86_400_000 <= 7) {
          run.last = day;
          run.days++;
        } else runs.push({ first: day, last: day, days: 1 });
        prev = ms;
      }
      return runs;
    },
  },
  'wait-sources': {
    written: ['*'],
    run: (q, exec) => {
      const read = q.reads?.length === 1 ? q.reads[0]! : undefined;
      if (read?.table !== 'wait_times')
        throw refuse(`its query '${q.name}' reads no wait filter it knows`);
      const ids = (Array.isArray(q.params.ids) ? q.params.ids : []).map((x) => Number(x));
      if (ids.some((x) => !Number.isInteger(x))) throw refuse('its file ids are not whole numbers');
      return exec(
        `SELECT source, series, folder, toInt32(count()) AS files,
                min(vintage) AS v0, max(vintage) AS v1, min(period_from) AS p0, max(period_to) AS p1,
                argMin(path, concat(vintage, path)) AS first_path,
                argMin(sha256, concat(vintage, path)) AS first_sha,
                argMax(path, concat(vintage, path)) AS last_path,
                argMax(sha256, concat(vintage, path)) AS last_sha
         FROM (
           SELECT source, series, replaceRegexpOne(path, '/[^/]*$', '') AS folder, vintage,
                  period_from, period_to, path, sha256
           FROM source_file
           WHERE id IN (SELECT source_file_id FROM ${exec.table('wait_times')}
                        WHERE ${waitWhereCh(read.where, read.params ?? {})})
              ${ids.length > 0 ? `OR id IN (${ids.join(', ')})` : ''})
         GROUP BY source, series, folder ORDER BY source, series, folder`,
      );
    },
  },
};

/** `max(value_usd) FILTER (WHERE c)`: NULL when no row passes with a value. */
const maxWhere = (x: string, c: string) =>
  `if(countIf(${x} IS NOT NULL AND (${c})) = 0, NULL, maxIf(${x}, ${c}))`;

const REVISION_TRANSLATIONS: Record<string, Translation> = {
  'revision-diff': {
    written: ['1db78bedf1b5'],
    run: (q, exec) => {
      const { old, new: nu, code, flow, year } = q.params;
      const files = (vintage: Param | undefined) =>
        `(SELECT id FROM ${exec.table('source_file')}
          WHERE source = 'census-country-xlsx' AND vintage = ${lit(vintage)})`;
      return exec(
        `SELECT m AS month,
                ${maxWhere('value_usd', `source_file_id IN ${files(old)}`)} AS old,
                ${maxWhere('value_usd', `source_file_id IN ${files(nu)}`)} AS new
         FROM (
           SELECT formatDateTime(month, '%Y-%m') AS m, value_usd, source_file_id
           FROM trade_country_month_all
           WHERE partner_code = ${lit(code)} AND flow = ${lit(flow)}
             ${year == null ? '' : `AND toYear(month) = ${lit(year)}`}
             AND (source_file_id IN ${files(old)} OR source_file_id IN ${files(nu)}))
         GROUP BY m ORDER BY m`,
      );
    },
  },
};

export const WAIT_TARIFF_TRANSLATIONS: Record<string, Translation> = {
  ...WAIT_TRANSLATIONS,
  ...REVISION_TRANSLATIONS,
};
