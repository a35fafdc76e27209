import { EngineRefusal } from '../store/engine-refusal.ts';
import {
  compareBigDesc,
  compareText,
  inList,
  lit,
  sumWhere,
  type Exec,
  type Translation,
} from './clickhouse-sql.ts';
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

/** One formatter per zone: making one is far dearer than using it (an hour of history each). */
const FORMATTERS = new Map<string, Intl.DateTimeFormat>();
function formatter(zone: string): Intl.DateTimeFormat {
  let f = FORMATTERS.get(zone);
  if (!f) {
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
    FORMATTERS.set(zone, f);
  }
  return f;
}

/** Wall-clock parts of an instant in an IANA zone (the zone rules `wait-week.ts` uses). */
function localParts(ms: number, zone: string) {
  const f = formatter(zone);
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
  // DuckDB's interpolation, lo·(1 − d) + hi·d (not lo + (hi − lo)·d, which rounds otherwise).
  const d = rn - lo;
  return sorted[lo]! * (1 - d) + sorted[hi]! * d;
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
     GROUP BY port_number, lane_type, lane_kind, h
     ORDER BY port_number, lane_type, lane_kind, h`,
  );
  // Many lanes share an hour: each hour is made local once per zone.
  const seen = new Map<string, ReturnType<typeof localParts>>();
  const out: Hourly[] = [];
  for (const r of rows) {
    const zone = zones.get(String(r.port_number));
    if (zone === undefined) continue; // JOIN z: only the crossings asked
    const key = `${zone} ${String(r.h)}`;
    let local = seen.get(key);
    if (!local) {
      local = localParts(Date.parse(`${String(r.h)}:00:00Z`), zone);
      seen.set(key, local);
    }
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
  // In ClickHouse's order: strings by their bytes, as DuckDB orders them.
  return out;
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
    written: ['165e836d8236'],
    // A local time in a zone → the UTC instant, as DuckDB's timezone() reads it. Near a
    // daylight-time change (a local time that is skipped or repeated) the engines' zone rules
    // could pick differently: refused there rather than guessed.
    run: async (q) => {
      const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})(?::(\d{2}))?$/.exec(String(q.params.t));
      const zone = String(q.params.zone);
      if (!m) return [{ instant: null }];
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
        return [{ instant: null }];
      const target = wall + (q.params.end === true ? 86_400_000 : 0);
      let t = target;
      for (let i = 0; i < 3; i++) t = target - (localParts(t, zone).wall - t);
      const offset = (ms: number) => localParts(ms, zone).wall - ms;
      if (localParts(t, zone).wall !== target || offset(t - 3_600_000) !== offset(t + 3_600_000))
        throw refuse(
          `${String(q.params.t)} in ${zone} is within an hour of a daylight-time change`,
        );
      return [{ instant: `${new Date(t).toISOString().slice(0, 19)}Z` }];
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

/** `make_date($year, m, 1)`. */
const firstOf = (year: Param | undefined, month: number) => {
  if (typeof year !== 'number' || !Number.isInteger(year)) throw refuse('its year is not a year');
  return `toDate('${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-01')`;
};

/** The product lines a composition query reads, as a ClickHouse filter over their table. */
interface ProductLines {
  table: 'trade_product' | 'dataweb_product';
  /** The column holding the line's dollars (DataWeb's `value`, read as `value_usd`). */
  value: string;
  where: string;
}

/**
 * The lines of `trade-composition.ts`'s two sources, found by the text of their CTE:
 * - `CENSUS_LINES` (Census API lines of a partner, flow and full year at the finest HS level
 *   loaded): its filter, with the level read first;
 * - `DATAWEB_LINES` (a DataWeb download of all commodities: one measure at the level
 *   `compositionSource` chose), checked on the bundle's HS2 download of exports to Mexico.
 * Null when no line passes.
 */
async function productLines(q: CompiledQuery, exec: Exec): Promise<ProductLines | null> {
  const year = `period_start = ${firstOf(q.params.year, 1)} AND period_end = ${firstOf(q.params.year, 12)}`;
  if (
    /WITH lines AS \(\s*SELECT hs_code, value AS value_usd, hs_level, description FROM dataweb_product\s+WHERE partner_code = \$partner AND flow = \$flow AND measure = \$measure\s+AND hs_level = \$level\s+AND period_start = make_date\(\$year, 1, 1\) AND period_end = make_date\(\$year, 12, 1\)\s*\)/.test(
      q.sql,
    )
  ) {
    if (typeof q.params.level !== 'number' || !Number.isInteger(q.params.level))
      throw refuse('its HS level is not a whole number');
    return {
      table: 'dataweb_product',
      value: 'value',
      where: `partner_code = ${lit(q.params.partner)} AND flow = ${lit(q.params.flow)}
        AND measure = ${lit(q.params.measure)} AND hs_level = ${lit(q.params.level)} AND ${year}`,
    };
  }
  if (!/WITH lvl AS \(\s*SELECT max\(hs_level\) AS level FROM trade_product/.test(q.sql))
    throw refuse(`its query '${q.name}' reads product lines it does not know`);
  const where = `partner_code = ${lit(q.params.partner)} AND flow = ${lit(q.params.flow)}
    AND geo_level = 'country' AND ${year}`;
  const [l] = await exec(
    `SELECT max(hs_level) AS level, count() AS n FROM trade_product WHERE ${where}`,
  );
  // max() of no rows is NULL in DuckDB (so no line passes), 0 in ClickHouse.
  if (!l || l.n === 0n) return null;
  return {
    table: 'trade_product',
    value: 'value_usd',
    where: `${where} AND hs_level = ${lit(l.level as number)}`,
  };
}

/** The one row a reference code has (a second would multiply the lines joined to it). */
function uniqueBy(rows: Row[], key: string, what: string): Map<unknown, Row> {
  const m = new Map<unknown, Row>();
  for (const r of rows) {
    if (m.has(r[key])) throw refuse(`${what} ${String(r[key])} has more than one row`);
    m.set(r[key], r);
  }
  return m;
}

/** ORDER BY value DESC NULLS LAST, code. */
const byValueThenCode = (a: Row, b: Row) =>
  compareBigDesc(a.value as bigint | null, b.value as bigint | null) || compareText(a.code, b.code);

/** The DuckDB SQL of `intra-industry.ts`'s two queries these were written against. */
const INTRA_WRITTEN = { chapters: ['6ef402c5548d'], states: ['5babb2e16d42'] };

const COMPOSITION_TRANSLATIONS: Record<string, Translation> = {
  // `provenance(store, tables)`: the files of the tables' current rows (`currentFiles` in
  // provenance.ts writes one `SELECT DISTINCT source_file_id FROM t` per table, UNIONed).
  'product-partners': {
    written: ['*'],
    run: (q, exec) => {
      const tables = q.tables.filter((t) => t === 'trade_product' || t === 'dataweb_product');
      if (tables.length !== q.tables.length || tables.length === 0)
        throw refuse(`its query '${q.name}' reads tables it does not know`);
      // list(DISTINCT partner_name ORDER BY partner_name): NULLs are dropped by the reader.
      return exec(
        `SELECT partner_code, arraySort(groupUniqArray(partner_name)) AS names FROM (
           ${tables
             .map(
               (t) =>
                 `SELECT partner_code, CAST(partner_name AS Nullable(String)) AS partner_name FROM ${t}`,
             )
             .join(' UNION ALL ')})
         GROUP BY partner_code ORDER BY partner_code`,
      );
    },
  },
  'composition-years': {
    written: ['9fc413753227'],
    run: (q, exec) =>
      exec(
        `SELECT DISTINCT toInt32(toYear(period_end)) AS y FROM trade_product
         WHERE partner_code = ${lit(q.params.partner)} AND flow = ${lit(q.params.flow)}
           AND geo_level = 'country' AND toMonth(period_start) = 1 AND toMonth(period_end) = 12
         ORDER BY y`,
      ),
  },
  'composition-dataweb-slices': {
    written: ['bcd42b7931e3'],
    // The downloads' path and notes read apart and joined here: 18.16 cannot give a joined
    // list column.
    run: async (q, exec) => {
      const slices = await exec(
        `SELECT toInt32(toYear(period_start)) AS y, toInt32(hs_level) AS level,
                toInt32(source_file_id) AS id
         FROM dataweb_product
         WHERE partner_code = ${lit(q.params.partner)} AND flow = ${lit(q.params.flow)}
           AND measure = ${lit(q.params.measure)}
           AND toMonth(period_start) = 1 AND toMonth(period_end) = 12
         GROUP BY y, level, id ORDER BY y, level, id`,
      );
      if (slices.length === 0) return [];
      const files = await exec(
        `SELECT toInt32(id) AS id, path, notes FROM source_file
         WHERE id IN (${[...new Set(slices.map((r) => Number(r.id)))].join(', ')})`,
      );
      const byId = new Map(files.map((f) => [Number(f.id), f]));
      // JOIN source_file: a slice whose file is not listed has no row.
      return slices
        .filter((r) => byId.has(Number(r.id)))
        .map((r) => ({
          ...r,
          path: byId.get(Number(r.id))!.path,
          notes: byId.get(Number(r.id))!.notes,
        }));
    },
  },
  'composition-chapters': {
    // Over Census lines (900ec22bfc04) and DataWeb lines (683dc59b30bc).
    written: ['900ec22bfc04', '683dc59b30bc'],
    // The chapters summed in ClickHouse; their HS reference rows joined here, as the LEFT JOINs
    // on hs_product and hs_section do (each code has one row, else refused). DataWeb's own
    // chapter title (its HS2 line's description) stands in where the HS reference has none,
    // as DuckDB's coalesce of any_value (which skips NULLs) does: two different titles for
    // one chapter are refused, never one picked.
    run: async (q, exec) => {
      const lines = await productLines(q, exec);
      if (lines === null) return [];
      const own =
        lines.table === 'dataweb_product'
          ? `anyIf(description, hs_level = 2 AND isNotNull(description)) AS own,
             uniqExactIf(description, hs_level = 2 AND isNotNull(description)) AS owns`
          : `CAST(NULL AS Nullable(String)) AS own, toUInt64(0) AS owns`;
      const [chapters, products, sections] = await Promise.all([
        exec(
          `SELECT substring(hs_code, 1, 2) AS code, ${sumWhere(lines.value, '1')} AS value,
                  toInt32(any(hs_level)) AS level, ${own}
           FROM ${lines.table} WHERE ${lines.where} GROUP BY code`,
        ),
        exec(`SELECT hs_code, description, section FROM hs_product WHERE level = 2`),
        exec(`SELECT section, name FROM hs_section`),
      ]);
      const p = uniqueBy(products, 'hs_code', 'HS chapter');
      const s = uniqueBy(sections, 'section', 'HS section');
      return chapters
        .map((c) => {
          const pr = c.code == null ? undefined : p.get(c.code);
          const se = pr?.section == null ? undefined : s.get(pr.section);
          if (pr?.description == null && Number(c.owns) > 1)
            throw refuse(`HS chapter ${String(c.code)} has more than one DataWeb title`);
          return {
            code: c.code,
            label: pr?.description ?? c.own ?? null,
            section: pr?.section ?? null,
            section_name: se?.name ?? null,
            value: c.value,
            level: c.level,
          };
        })
        .sort(byValueThenCode);
    },
  },
  'composition-end-use': {
    written: ['9a3100751fc6'],
    // The window functions of `bec` (row_number, count per HS6) and the split, done here over
    // the lines, in exact integers as DuckDB's `//` and `%` (both truncate toward zero).
    run: async (q, exec) => {
      const read = await productLines(q, exec);
      if (read === null) return [];
      // DataWeb lines at HS6 or finer (a download of all commodities at that level): the bundle
      // has none, so nothing checks this path against DuckDB: refused until one does.
      if (read.table !== 'trade_product')
        throw refuse(`its query '${q.name}' reads DataWeb lines at HS6 or finer, never checked`);
      const [lines, becRows, endUses] = await Promise.all([
        exec(`SELECT hs_code, value_usd FROM trade_product WHERE ${read.where}`),
        exec(
          `SELECT DISTINCT hs6, bec_code FROM hs_bec WHERE hs_edition = ${lit(q.params.edition)}`,
        ),
        exec(`SELECT bec_code, end_use FROM bec_end_use`),
      ]);
      const bec = new Map<string, (string | null)[]>();
      for (const b of becRows) {
        if (b.hs6 == null) continue; // never joins
        const l = bec.get(String(b.hs6)) ?? [];
        l.push(b.bec_code as string | null);
        bec.set(String(b.hs6), l);
      }
      for (const l of bec.values())
        l.sort((x, y) => (x === null ? 1 : y === null ? -1 : compareText(x, y)));
      const uses = new Map<string, (string | null)[]>();
      for (const e of endUses) {
        if (e.bec_code == null) continue;
        const l = uses.get(String(e.bec_code)) ?? [];
        l.push(e.end_use as string | null);
        uses.set(String(e.bec_code), l);
      }
      const sums = new Map<string | null, bigint | null>();
      const add = (code: string | null, v: bigint | null) => {
        const had = sums.get(code);
        sums.set(code, v === null ? (had ?? null) : (had ?? 0n) + v);
      };
      for (const l of lines) {
        const v = l.value_usd == null ? null : BigInt(l.value_usd as bigint);
        const codes = l.hs_code == null ? undefined : bec.get(String(l.hs_code).slice(0, 6));
        if (!codes) {
          add('unmapped', v);
          continue;
        }
        const n = BigInt(codes.length);
        codes.forEach((code, i) => {
          const part = v === null ? null : v / n + (i === 0 ? v % n : 0n);
          const matched = code === null ? undefined : uses.get(code);
          const fallback = code === null ? 'unmapped' : 'not_classified';
          if (!matched) add(fallback, part);
          else for (const use of matched) add(use ?? fallback, part);
        });
      }
      return [...sums].map(([code, value]) => ({ code, value })).sort(byValueThenCode);
    },
  },
  ...Object.fromEntries(
    (['chapters', 'states'] as const).map((by) => [
      `intra-industry-${by}`,
      {
        written: INTRA_WRITTEN[by],
        run: (q: CompiledQuery, exec: Exec) => {
          const base = `FROM transborder_state_hs2 WHERE partner_code = ${lit(q.params.partner)}
            AND formatDateTime(month, '%Y-%m') = ${lit(q.params.month)}`;
          const flows = `${sumWhere('value_usd', `flow = 'export'`)} AS cx,
                         ${sumWhere('value_usd', `flow = 'import_general'`)} AS cm`;
          return by === 'chapters'
            ? exec(
                `SELECT key, cx AS x, cm AS m FROM (
                   SELECT hs2 AS key, ${flows} ${base} GROUP BY key)
                 ORDER BY ifNull(x, 0) + ifNull(m, 0) DESC, key`,
              )
            : exec(
                `SELECT key, sx AS x, sm AS m, sg AS gap FROM (
                   SELECT us_state AS key, sum(ifNull(cx, 0)) AS sx, sum(ifNull(cm, 0)) AS sm,
                          sum(abs(ifNull(cx, 0) - ifNull(cm, 0))) AS sg,
                          sum(ifNull(cx, 0) + ifNull(cm, 0)) AS st
                   FROM (SELECT us_state, hs2, ${flows} ${base} GROUP BY us_state, hs2)
                   GROUP BY key)
                 ORDER BY st DESC, key`,
              );
        },
      },
    ]),
  ),
};

export const WAIT_TARIFF_TRANSLATIONS: Record<string, Translation> = {
  ...WAIT_TRANSLATIONS,
  ...REVISION_TRANSLATIONS,
  ...COMPOSITION_TRANSLATIONS,
};
