import { EngineRefusal } from '../store/engine-refusal.ts';
import {
  anyValue,
  compareText,
  inList,
  isoSeconds,
  lit,
  monthText,
  monthsFrom,
  oneValueEach,
  sumWhere,
  type Exec,
  type Translation,
} from './clickhouse-sql.ts';
import type { CompiledQuery, Row } from './compiled-query.ts';

/**
 * ClickHouse translations of the place analyses' queries (state, port, product and
 * Mexican-state profiles, the other rankings, maps), written as `clickhouse-dialect.ts`
 * describes. Where 18.16 has no construct a query needs (joins on anything but equal keys,
 * several joins in one SELECT, QUALIFY), the rows are read in parts and put together here
 * exactly as DuckDB's query puts them together.
 */

/** A port's crossings by year and measure, with the months it and the data cover. */
const crossingYears = (exec: Exec, where: string, perPort: boolean) => {
  const port = perPort ? 'port_code, ' : '';
  return exec(
    `SELECT ${port}year, measure, n AS count, months, port_months${perPort ? ', data_months' : ''} FROM (
       SELECT ${port}year, measure, n, months, port_months FROM (
         SELECT ${port}toInt32(toYear(month)) AS year, measure, ${sumWhere('`count`', '1')} AS n,
                toInt32(uniqExact(month)) AS months
         FROM crossings WHERE ${where} GROUP BY ${port}year, measure
       ) ALL INNER JOIN (
         SELECT ${port}toInt32(toYear(month)) AS year, toInt32(uniqExact(month)) AS port_months
         FROM crossings WHERE ${where} GROUP BY ${port}year
       ) USING (${port}year)
     )${
       perPort
         ? ` ALL INNER JOIN (
       SELECT toInt32(toYear(month)) AS year, toInt32(uniqExact(month)) AS data_months
       FROM crossings GROUP BY year
     ) USING year`
         : ''
     }
     ORDER BY ${port}year, measure`,
  );
};

/** `d - INTERVAL 12 MONTH` of a first of the month, 'YYYY-MM-DD'. */
const yearBefore = (d: string) =>
  `${String(Number(d.slice(0, 4)) - 1).padStart(4, '0')}${d.slice(4)}`;

const big = (v: unknown): bigint | null => (v == null ? null : BigInt(v as bigint));

export const PLACE_TRANSLATIONS: Record<string, Translation> = {
  // --- names -----------------------------------------------------------------------------
  'port-directory': {
    written: ['29fdfebb8268'],
    // `LEFT JOIN us_state s ON d.state IN (s.usps, s.name)` is no equality join: the three
    // parts are read and joined here as DuckDB joins them.
    run: async (q, exec) => {
      const [dir, alt, states] = await Promise.all([
        exec(
          `SELECT port_code, name, state, border, district, latitude, longitude
           FROM port_directory WHERE name IS NOT NULL ORDER BY port_code`,
        ),
        exec(
          `SELECT port_code, arraySort(groupUniqArray(name)) AS names, ${anyValue('border', 'border')}
           FROM port WHERE name IS NOT NULL GROUP BY port_code`,
        ).then((r) => oneValueEach(q, r)),
        exec(`SELECT usps, name FROM us_state`),
      ]);
      const altOf = new Map(alt.filter((a) => a.port_code != null).map((a) => [a.port_code, a]));
      return dir.flatMap((d) => {
        const a = d.port_code == null ? undefined : altOf.get(d.port_code);
        const matches =
          d.state == null ? [] : states.filter((s) => s.usps === d.state || s.name === d.state);
        return (matches.length ? matches : [{ usps: null, name: null }]).map((s) => ({
          code: d.port_code,
          name: d.name,
          state: s.usps ?? d.state,
          state_name: s.name,
          border: d.border ?? a?.border ?? null,
          district: d.district,
          latitude: d.latitude,
          longitude: d.longitude,
          names: a?.names ?? [],
        }));
      });
    },
  },
  'us-state-directory': {
    written: ['d244c5d0c7f9'],
    // Two parts ordered together by code (bytes, NULLs last, as DuckDB orders VARCHAR).
    run: async (q, exec) => {
      const [states, codes] = await Promise.all([
        exec(`SELECT usps AS code, fips, name FROM us_state`),
        exec(
          `SELECT code, ${anyValue('name', 'name')} FROM region
           WHERE code_list = 'us_state_code' GROUP BY code`,
        ).then((r) => oneValueEach(q, r)),
      ]);
      const usps = states.map((s) => s.code);
      // DuckDB's NOT IN: a NULL among the states' codes lets no region code through.
      const others = usps.includes(null)
        ? []
        : codes
            .filter((c) => c.code == null || !usps.includes(c.code))
            .filter((c) => c.code != null)
            .map((c) => ({ code: c.code, fips: null, name: c.name }));
      return [...states, ...others].sort((a, b) => compareNullsLast(a.code, b.code));
    },
  },
  'us-state-names-es': {
    written: ['44dc1e11366d'],
    run: (_q, exec) =>
      exec(
        `SELECT usps, name FROM (
           SELECT substring(code, 4) AS usps, min(name) AS name FROM subdivision
           WHERE country = 'US' AND lang = 'es' GROUP BY usps)
         ORDER BY usps`,
      ),
  },
  'mexican-state-codes': {
    written: ['2f3fdd76a7c4'],
    run: async (q, exec) =>
      oneValueEach(
        q,
        await exec(
          `SELECT code, ${anyValue('name', 'bts_name')} FROM region
           WHERE code_list = 'mexican_state' GROUP BY code ORDER BY code`,
        ),
      ),
  },
  'mexican-state-iso-names': {
    written: ['d6e0d6b88b61'],
    run: async (q, exec) =>
      oneValueEach(
        q,
        await exec(
          `SELECT code, ${anyValue(`if(lang = 'en', name, NULL)`, 'en')},
                  ${anyValue(`if(lang = 'es', name, NULL)`, 'es')}
           FROM subdivision WHERE country = 'MX' GROUP BY code`,
        ),
      ),
  },

  // --- port profiles ---------------------------------------------------------------------
  'port-crossings-by-year': {
    written: ['cd1593954895'],
    run: (_q, exec) => crossingYears(exec, 'port_code IS NOT NULL', true),
  },
  'port-combined-by-year': {
    written: ['fb15e07c2e58'],
    run: (q, exec) => crossingYears(exec, `port_code IN ${inList(q.params.ports)}`, false),
  },
  'port-crossings-by-month': {
    written: ['49168cda2d8b'],
    run: (q, exec) =>
      exec(
        `SELECT measure, m AS month, n AS count FROM (
           SELECT measure, ${monthText()} AS m, ${sumWhere('`count`', '1')} AS n
           FROM crossings WHERE port_code = ${lit(q.params.port)} GROUP BY measure, m)
         ORDER BY measure, month`,
      ),
  },
  'port-change-evidence': {
    written: ['3e1553476dc1'],
    run: (q, exec) => {
      const { from, to, start } = q.params;
      const at = `toDate(${lit(start)})`;
      return exec(
        `SELECT measure, from_before, from_after, to_after FROM (
           SELECT measure,
                  ${sumWhere('`count`', `port_code = ${lit(from)} AND month < ${at}`)} AS from_before,
                  ${sumWhere('`count`', `port_code = ${lit(from)} AND month >= ${at}`)} AS from_after,
                  ${sumWhere('`count`', `port_code = ${lit(to)} AND month >= ${at}`)} AS to_after
           FROM crossings WHERE port_code IN (${lit(from)}, ${lit(to)})
             AND month >= ${monthsFrom(start, -12)} AND month < ${monthsFrom(start, 12)}
           GROUP BY measure)
         WHERE from_before > 0 AND to_after > 0
         ORDER BY to_after DESC, measure LIMIT 3`,
      );
    },
  },
  'port-splits': {
    written: ['58edd4785a92'],
    // The ports and their pairs are few: paired here; the twelve months either side are
    // summed in ClickHouse, and the split test (`m`) is applied here in DuckDB's arithmetic
    // (exact integers, then the division in doubles).
    run: async (q, exec) => {
      const [ports, [first]] = await Promise.all([
        exec(
          `SELECT port_code, ${anyValue('state', 'state')}, ${anyValue('border', 'border')},
                  toString(min(month)) AS start
           FROM crossings WHERE port_code IS NOT NULL GROUP BY port_code`,
        ).then((r) => oneValueEach(q, r)),
        exec(`SELECT toString(min(month)) AS m FROM crossings`),
      ]);
      const pairs: { n: Row; o: Row }[] = [];
      for (const n of ports)
        for (const o of ports)
          if (
            n.state != null &&
            n.border != null &&
            o.state === n.state &&
            o.border === n.border &&
            o.port_code !== n.port_code &&
            String(o.start) <= yearBefore(String(n.start)) &&
            String(n.start) > String(first?.m)
          )
            pairs.push({ n, o });
      if (pairs.length === 0) return [];
      const list = pairs
        .map(
          ({ n, o }) =>
            `(${lit(n.port_code)}, ${lit(o.port_code)}, ${lit(n.border)}, ${lit(n.start)})`,
        )
        .join(', ');
      const w = await exec(
        `SELECT new_port, old_port, toString(start) AS start, measure,
           ${sumWhere('`count`', 'port_code = old_port AND month < start')} AS old_before,
           ${sumWhere('`count`', 'port_code = old_port AND month >= start')} AS old_after,
           ${sumWhere('`count`', 'port_code = new_port AND month >= start')} AS new_after,
           ${sumWhere('`count`', 'port_code NOT IN (new_port, old_port) AND month < start')} AS rest_before,
           ${sumWhere('`count`', 'port_code NOT IN (new_port, old_port) AND month >= start')} AS rest_after
         FROM (
           SELECT assumeNotNull(port_code) AS port_code, measure, month, \`count\`,
                  assumeNotNull(border) AS border
           FROM crossings WHERE port_code IS NOT NULL AND border IS NOT NULL
         ) ALL INNER JOIN (
           SELECT tupleElement(p, 1) AS new_port, tupleElement(p, 2) AS old_port,
                  tupleElement(p, 3) AS border, toDate(tupleElement(p, 4)) AS start
           FROM system.one ARRAY JOIN [${list}] AS p
         ) USING border
         WHERE month >= addMonths(start, -12) AND month < addMonths(start, 12)
         GROUP BY new_port, old_port, start, measure`,
      );
      const out: Row[] = [];
      for (const r of w) {
        const [ob, oa, na, rb, ra] = [
          r.old_before,
          r.old_after,
          r.new_after,
          r.rest_before,
          r.rest_after,
        ].map(big);
        if (ob == null || rb == null || !(ob > 0n && rb > 0n)) continue;
        if (oa == null || na == null || ra == null) continue;
        const missing = Number(ob * ra) / Number(rb) - Number(oa);
        if (!(na >= 1000n && missing >= Number(3n * ob) / 10)) continue;
        if (!(Number(na) >= 0.67 * missing && Number(na) <= 1.5 * missing)) continue;
        out.push({
          old_port: r.old_port,
          new_port: r.new_port,
          month: String(r.start).slice(0, 7),
          measure: r.measure,
          old_before: ob,
          old_after: oa,
          new_after: na,
        });
      }
      return out.sort(
        (a, b) =>
          compareText(a.old_port, b.old_port) ||
          compareText(a.new_port, b.new_port) ||
          (a.new_after === b.new_after
            ? 0
            : (a.new_after as bigint) > (b.new_after as bigint)
              ? -1
              : 1) ||
          compareNullsLast(a.measure, b.measure),
      );
    },
  },
  // Conflict notes (`conflict-notes.ts`): the `<table>_all` rows publish copies (see its
  // EXTRA), so whether a current file stated a key twice is known on ClickHouse too.
  'has-conflicts': {
    written: ['*'],
    run: async (q, exec) => {
      const all = `${allTable(q)}`;
      const [r] = await exec(
        `SELECT count() > 0 AS found FROM (
           SELECT 1 FROM ${all} WHERE current AND set_aside = 'conflict' LIMIT 1)`,
        ['found'],
      );
      return [{ found: r?.found === true }];
    },
  },
  'port-wait-times': {
    written: ['9cea4ead5b30'],
    // QUALIFY row_number() … = 1 is each lane's latest reading: LIMIT 1 BY over the readings
    // ordered newest first (ISO text in UTC orders as the instants do).
    run: (_q, exec) =>
      exec(
        `SELECT port_code, port_number, port_name, crossing_name, matched_by, readings,
                ${isoSeconds('first_observed')} AS first_observed,
                ${isoSeconds('last_observed')} AS last_observed,
                ${isoSeconds('last_wait')} AS last_wait,
                lane_type, lane_kind, ${isoSeconds('w_observed_at')} AS observed_at,
                operational_status, delay_minutes, lanes_open, source_file_id
         FROM (
           SELECT port_code, port_number, port_name, crossing_name, matched_by, readings,
                  first_observed, last_observed, last_wait
           FROM cbp_crossing WHERE port_code IS NOT NULL
         ) ALL INNER JOIN (
           SELECT port_number, lane_type, lane_kind, observed_at AS w_observed_at,
                  operational_status, delay_minutes, lanes_open, source_file_id
           FROM (
             SELECT port_number, lane_type, lane_kind, observed_at, operational_status,
                    delay_minutes, lanes_open, source_file_id
             FROM wait_times WHERE port_number IN (
               SELECT port_number FROM ${exec.table('cbp_crossing')} WHERE port_code IS NOT NULL)
           )
           ORDER BY port_number, lane_type, lane_kind, observed_at DESC
           LIMIT 1 BY port_number, lane_type, lane_kind
         ) USING port_number
         ORDER BY port_code, port_number, lane_type, lane_kind`,
      ),
  },
};

/** Model tables whose every row (`<t>_all`, with `current` and `set_aside`) publish copies. */
const PUBLISHED_ALL = ['trade_country_month', 'crossings'];

function allTable(q: CompiledQuery): string {
  const t = q.tables[0];
  if (!t || !PUBLISHED_ALL.includes(t) || q.sql !== hasConflictsSql(t))
    throw new EngineRefusal(
      'ClickHouse',
      'this analysis',
      `its query '${q.name}' reads a table publish does not copy whole`,
    );
  return `${t}_all`;
}

const hasConflictsSql = (t: string) =>
  `SELECT EXISTS (SELECT 1 FROM ${t}_all WHERE current AND set_aside = 'conflict')`;

/** DuckDB's ascending order of text: by bytes, NULLs last. */
function compareNullsLast(a: unknown, b: unknown): number {
  if (a == null || b == null) return a == null ? (b == null ? 0 : 1) : -1;
  return compareText(a, b);
}
