import { createHash } from 'node:crypto';
import { chName } from '../store/clickhouse-literal.ts';
import type { ClickHouseReader } from '../store/clickhouse-reader.ts';
import { EngineRefusal } from '../store/engine-refusal.ts';
import { FORECAST_TRANSLATIONS } from './clickhouse-forecast-queries.ts';
import { CLAIM_TRANSLATIONS } from './clickhouse-claim-queries.ts';
import { PLACE_TRANSLATIONS } from './clickhouse-place-queries.ts';
import {
  CENSUS,
  censusFrom,
  compareText,
  inList,
  lit,
  onlyRead,
  rankDesc,
  sumWhere,
  tableOf,
  type Exec,
  type Translation,
  whereClause,
} from './clickhouse-sql.ts';
import type { CompiledQuery, Row } from './compiled-query.ts';
import { WAIT_TARIFF_TRANSLATIONS } from './clickhouse-wait-tariff-queries.ts';

/**
 * The ClickHouse dialect: every difference between DuckDB and ClickHouse SQL lives here.
 * Each analysis query is compiled by name to ClickHouse SQL that runs on 18.16 (Debian's)
 * and on current servers, with values inlined as escaped literals (18.16 has no query
 * parameters), and its rows typed as DuckDB's are (64-bit integers as bigint, booleans as
 * booleans), so an analysis gets the same rows from either engine.
 *
 * A translation is written against one DuckDB text of its query: each records the
 * fingerprints of the DuckDB SQL it was checked against (`test/store/clickhouse-parity`),
 * and a query whose DuckDB SQL has changed since is refused rather than answered by a stale
 * translation. A query with no translation is refused (`EngineRefusal`), never answered
 * differently.
 *
 * What 18.16 lacks and how it is written instead:
 * - window functions (rank() OVER): the rows are read, then ranked here exactly as
 *   DuckDB's rank() ranks them (ties share a rank, the next rank is skipped);
 * - `FILTER (WHERE …)`: the -If aggregates, with NULL when no row passes (DuckDB's sum
 *   of nothing is NULL, ClickHouse's sumIf of nothing 0);
 * - `GROUP BY ALL`, `ORDER BY 1`, `::INTEGER`: written out (toInt32);
 * - an alias that shadows a column (`strftime(month, …) AS month`) is a cyclic alias in
 *   ClickHouse: computed under another name in a subquery and renamed outside;
 * - FULL OUTER JOIN … USING loses the right side's key in 18.16: written as the union of
 *   keys LEFT JOINed to each side, with `join_use_nulls` so a missing side is NULL;
 * - joins on anything but equal keys, several joins in one SELECT, windows over small
 *   tables: the parts are read and joined, grouped or ranked in the translation as DuckDB's
 *   query does (`clickhouse-place-queries.ts`); QUALIFY … = 1: argMax;
 * - `any_value`: `any()` with a count of distinct values, a group whose rows differ refused
 *   (`anyValue`, `oneValueEach`);
 * - `x IN (col_a, col_b)` over a join's columns is an unknown identifier: `x != a AND x != b`;
 * - argMax of a tuple holding NULLs returned another row's values: NULLs are flagged in the
 *   tuple (`port-wait-times`), and a NULL given to an aggregate alone is skipped;
 * - decimal text is read into doubles inexactly (31.673 as 31.673000000000002): publish
 *   loads DOUBLE columns as their IEEE bits (`publish-clickhouse.ts`).
 */

/** The Census partner queries; the places' and the waits' and tariffs' are gathered below. */
const PARTNER_TRANSLATIONS: Record<string, Translation> = {
  'partner-directory': {
    written: ['742825f42aa1'],
    run: (_q, exec) =>
      exec(
        `SELECT partner_code AS code, coalesce(p_name, traded_name) AS name, traded_name,
                name_es, iso2, iso3, partner_code < '1000' AS is_aggregate
         FROM (
           SELECT partner_code, p_name, name_es, iso2, iso3 FROM (
             SELECT DISTINCT assumeNotNull(partner_code) AS partner_code FROM (
               SELECT partner_code FROM partner WHERE partner_code IS NOT NULL
               UNION ALL
               SELECT partner_code FROM trade_country_month WHERE partner_code IS NOT NULL)
           ) ALL LEFT JOIN (
             SELECT assumeNotNull(partner_code) AS partner_code, name AS p_name, name_es, iso2, iso3
             FROM partner WHERE partner_code IS NOT NULL
           ) USING partner_code
         ) ALL LEFT JOIN (
           SELECT assumeNotNull(partner_code) AS partner_code, argMax(partner_name, month) AS traded_name
           FROM trade_country_month WHERE partner_code IS NOT NULL GROUP BY partner_code
         ) USING partner_code
         ORDER BY code`,
        ['is_aggregate'],
      ),
  },
  'partner-monthly': {
    written: ['e3e011929753', '223be091dd44'],
    run: (q, exec) =>
      exec(
        `SELECT partner_code, m AS month, exports, imports FROM (
           SELECT partner_code, formatDateTime(month, '%Y-%m') AS m,
                  ${sumWhere('value_usd', `flow = 'export'`)} AS exports,
                  ${sumWhere('value_usd', `flow = 'import_general'`)} AS imports
           FROM ${censusFrom(q, exec)} AND partner_code IN ${inList(q.params.partners)}
           GROUP BY partner_code, m)
         ORDER BY partner_code, month`,
      ),
  },
  'partner-annual': {
    written: ['0b2dfc4dc258', '9361c7085923'],
    run: (q, exec) =>
      exec(
        `SELECT partner_code, toInt32(toYear(month)) AS year,
                ${sumWhere('value_usd', `flow = 'export'`)} AS exports,
                ${sumWhere('value_usd', `flow = 'import_general'`)} AS imports,
                uniqExactIf(month, flow = 'export') AS export_months,
                uniqExactIf(month, flow = 'import_general') AS import_months,
                toInt32(toMonth(max(month))) AS last_month
         FROM ${censusFrom(q, exec)} AND partner_code IN ${inList(q.params.partners)}
           AND toYear(month) BETWEEN ${lit(q.params.y0)} AND ${lit(q.params.y1)}
         GROUP BY partner_code, year ORDER BY partner_code, year`,
      ),
  },
  'partner-ranking': {
    written: ['a08bd151c033'],
    run: async (q, exec) => {
      const period = `toYear(month) = ${lit(q.params.year)} AND toMonth(month) <= ${lit(q.params.months)}`;
      const rows = await exec(
        `SELECT partner_code, argMax(partner_name, month) AS partner_name,
                ${sumWhere('value_usd', `flow = 'export'`)} AS exports,
                ${sumWhere('value_usd', `flow = 'import_general'`)} AS imports,
                uniqExactIf(month, flow = 'export') AS export_months,
                uniqExactIf(month, flow = 'import_general') AS import_months
         FROM trade_country_month
         WHERE ${CENSUS} AND NOT is_aggregate AND ${period}
         GROUP BY partner_code`,
      );
      const [world] = await exec(
        `SELECT ${sumWhere('value_usd', `flow = 'export'`)} AS world_exports,
                ${sumWhere('value_usd', `flow = 'import_general'`)} AS world_imports
         FROM trade_country_month WHERE ${CENSUS} AND partner_code = '0015' AND ${period}`,
      );
      const big = (v: unknown) => (v == null ? null : (v as bigint));
      const m = rows.map((r): Row & { two_way: bigint } => ({
        ...r,
        two_way: (big(r.exports) ?? 0n) + (big(r.imports) ?? 0n),
        balance: (big(r.exports) ?? 0n) - (big(r.imports) ?? 0n),
      }));
      const exportRank = rankDesc(m.map((r) => big(r.exports)));
      const importRank = rankDesc(m.map((r) => big(r.imports)));
      const twoWayRank = rankDesc(m.map((r) => r.two_way));
      const ranked = m.map((r, i): Row & { two_way_rank: number } => ({
        ...r,
        export_rank: exportRank[i]!,
        import_rank: importRank[i]!,
        two_way_rank: twoWayRank[i]!,
        countries: m.length,
        world_exports: world?.world_exports ?? null,
        world_imports: world?.world_imports ?? null,
      }));
      return ranked.sort((a, b) =>
        a.two_way_rank !== b.two_way_rank
          ? a.two_way_rank - b.two_way_rank
          : compareText(a.partner_code, b.partner_code),
      );
    },
  },
  'trade-years': {
    written: ['9637c0f2febe'],
    run: (_q, exec) =>
      exec(
        `SELECT toInt32(toYear(month)) AS y, toInt32(uniqExact(month)) AS m
         FROM trade_country_month WHERE ${CENSUS} GROUP BY y ORDER BY y`,
      ),
  },
  'population-series': {
    written: ['ac43f22fe213'],
    run: (q, exec) =>
      exec(
        `SELECT year, population FROM population
         WHERE iso3 = ${lit(q.params.iso3)} AND population IS NOT NULL ORDER BY year DESC`,
      ),
  },
  'census-vintages': {
    written: ['41a0dc5cabd2'],
    run: (_q, exec) =>
      exec(
        `SELECT vintage, source, series, path, sha256,
                formatDateTime(min(mn), '%Y-%m') AS first, formatDateTime(max(mx), '%Y-%m') AS last
         FROM (
           SELECT assumeNotNull(source_file_id) AS id, min(month) AS mn, max(month) AS mx
           FROM trade_country_month_all WHERE ${CENSUS} AND source_file_id IS NOT NULL
           GROUP BY id
         ) ALL INNER JOIN (
           SELECT id, vintage, source, series, path, sha256 FROM source_file
         ) USING id
         GROUP BY vintage, source, series, path, sha256 ORDER BY vintage`,
      ),
  },
  'partner-series-files': {
    written: ['c9ec6652b39b', '0bd98ea03c3a'],
    run: (q, exec) => {
      const table = /trade_country_month_all/.test(q.sql)
        ? 'trade_country_month_all'
        : 'trade_country_month';
      const vintage = q.params.vintage;
      return exec(
        `SELECT source_file_id, y AS year FROM (
           SELECT source_file_id, toInt32(toYear(month)) AS y FROM ${table}
           WHERE ${CENSUS} AND partner_code = ${lit(q.params.code)}
             AND source_file_id IN (SELECT id FROM ${exec.table('source_file')}
               ${typeof vintage === 'string' ? `WHERE vintage = ${lit(vintage)}` : ''})
             AND toYear(month) BETWEEN ${lit(q.params.y0)} AND ${lit(q.params.y1)}
           GROUP BY source_file_id, y)
         ORDER BY year`,
      );
    },
  },
  labels: {
    written: ['*'],
    // One part after another, as DuckDB's UNION ALL gives them (a later name wins in the map).
    run: (_q, exec) =>
      exec(
        `SELECT kind, k, v FROM (
           SELECT 1 AS p, 'mode' AS kind, CAST(code AS Nullable(String)) AS k, CAST(name AS Nullable(String)) AS v
             FROM region WHERE code_list = 'mode'
           UNION ALL
           SELECT 2, 'usState', CAST(usps AS Nullable(String)), CAST(name AS Nullable(String)) FROM us_state
           UNION ALL
           SELECT 3, 'usState', CAST(code AS Nullable(String)), CAST(name AS Nullable(String)) FROM region
             WHERE code_list = 'us_state_code' AND code NOT IN (SELECT usps FROM us_state WHERE usps IS NOT NULL)
           UNION ALL
           SELECT 4, 'port', CAST(port_code AS Nullable(String)), CAST(name AS Nullable(String)) FROM port_directory
             WHERE name IS NOT NULL
           UNION ALL
           SELECT 5, 'hs', CAST(hs_code AS Nullable(String)), CAST(description AS Nullable(String)) FROM hs_product
             WHERE level = 2)
         ORDER BY p`,
      ),
  },
  'transborder-months': {
    written: ['*'],
    run: (q, exec) =>
      exec(
        `SELECT m AS month FROM (
           SELECT DISTINCT formatDateTime(month, '%Y-%m') AS m FROM ${tableOf(q)}) ORDER BY month`,
      ),
  },
  ...Object.fromEntries(
    (['mode', 'us_state', 'port', 'hs2', 'partner', 'mex_state'] as const).map((by) => [
      `transborder-by-${by}`,
      {
        written: ['*'],
        run: (q: CompiledQuery, exec: Exec) => {
          const key =
            by === 'mode'
              ? 'toString(mode)'
              : by === 'port'
                ? 'port_code'
                : by === 'partner'
                  ? 'partner_code'
                  : by;
          const read = onlyRead(q);
          return exec(
            `SELECT key, exports, imports, total, shipping_weight_kg FROM (
               SELECT ${key} AS key,
                      ${sumWhere('value_usd', `flow = 'export'`)} AS exports,
                      ${sumWhere('value_usd', `flow = 'import_general'`)} AS imports,
                      ${sumWhere('value_usd', '1')} AS total,
                      ${sumWhere('shipping_weight_kg', '1')} AS shipping_weight_kg
               FROM ${read.table} WHERE ${whereClause(read.where, read.params ?? {})}
               GROUP BY key)
             ORDER BY total DESC, key LIMIT ${lit(q.params.limit)}`,
          );
        },
      },
    ]),
  ),
  ...Object.fromEntries(
    // The row's port_name is min(port_name) on both engines (strings ordered by bytes on
    // both; DuckDB's query used any_value before branch determinism, which nothing could
    // match). By port or measure (the crossing-measure rankings) in clickhouse-place-queries.
    // One port's years or months (port profiles read `port-crossings-by-year` instead) are
    // the claim checker's crossing counts, checked by `clickhouse-parity-claims.ts`.
    (['year', 'month'] as const).map((by) => [
      `crossings-by-${by}`,
      {
        written: ['*'],
        run: (q: CompiledQuery, exec: Exec) => {
          const key = by === 'year' ? 'toString(toYear(month))' : `formatDateTime(month, '%Y-%m')`;
          const read = onlyRead(q);
          return exec(
            `SELECT key, port_name, n AS count, months FROM (
               SELECT ${key} AS key, min(port_name) AS port_name, ${sumWhere('`count`', '1')} AS n,
                      toInt32(uniqExact(month)) AS months
               FROM crossings WHERE ${whereClause(read.where, read.params ?? {})}
               GROUP BY key)
             ORDER BY key LIMIT ${lit(q.params.limit)}`,
          );
        },
      },
    ]),
  ),
  'crossings-port-measure': {
    written: ['*'],
    run: (q, exec) => {
      const read = onlyRead(q);
      return exec(
        `SELECT port_code, measure, n AS count FROM (
           SELECT port_code, measure, ${sumWhere('`count`', '1')} AS n FROM crossings
           WHERE ${whereClause(read.where, read.params ?? {})} GROUP BY port_code, measure)`,
      );
    },
  },
  // Provenance (`provenance.ts`): its SQL is assembled from each result's filters, so these
  // are compiled from the structure the query carries, not checked by fingerprint.
  'table-files': {
    written: ['*'],
    run: (q, exec) =>
      exec(`SELECT DISTINCT source_file_id FROM ${tableOf(q)} ORDER BY source_file_id`),
  },
  'files-read': {
    written: ['*'],
    run: (q, exec) => {
      const parts = (q.reads ?? []).map(
        (r, i) =>
          `SELECT toUInt32(${i}) AS i, source_file_id FROM (
             SELECT DISTINCT source_file_id FROM ${r.table} WHERE ${whereClause(r.where, r.params ?? {})})`,
      );
      return parts.length === 0 ? Promise.resolve([]) : exec(parts.join(' UNION ALL '));
    },
  },
  'source-files': {
    written: ['*'],
    run: (q, exec) =>
      exec(
        `SELECT source, series, vintage, path, sha256,
                if(period_from IS NULL, NULL, concat(period_from, ' – ', period_to)) AS periods
         FROM source_file WHERE id IN ${fileIds(q.sql)}
         ORDER BY source, series, vintage, id`,
      ),
  },
};

/** The whitespace-insensitive fingerprint of a query's DuckDB SQL. */
export function fingerprint(sql: string): string {
  return createHash('sha1').update(sql.replace(/\s+/g, ' ').trim()).digest('hex').slice(0, 12);
}

/** Names of the queries compiled for ClickHouse (for the README and the refusals). */
const TRANSLATIONS: Record<string, Translation> = gather(
  PARTNER_TRANSLATIONS,
  PLACE_TRANSLATIONS,
  WAIT_TARIFF_TRANSLATIONS,
  FORECAST_TRANSLATIONS,
  CLAIM_TRANSLATIONS,
);

/** One table of translations; a query translated twice would answer by whichever came last. */
function gather(...parts: Record<string, Translation>[]): Record<string, Translation> {
  const all: Record<string, Translation> = {};
  for (const part of parts)
    for (const [name, t] of Object.entries(part)) {
      if (Object.hasOwn(all, name)) throw new Error(`query '${name}' is translated twice`);
      all[name] = t;
    }
  return all;
}

export const CLICKHOUSE_QUERIES: readonly string[] = Object.keys(TRANSLATIONS);

/** Runs a compiled query on ClickHouse, or refuses it with the query's name. */
export async function runOnClickHouse(ch: ClickHouseReader, q: CompiledQuery): Promise<Row[]> {
  const t = Object.hasOwn(TRANSLATIONS, q.name) ? TRANSLATIONS[q.name] : undefined;
  if (!t)
    throw new EngineRefusal(
      'ClickHouse',
      'this analysis',
      `its query '${q.name}' has no ClickHouse translation`,
    );
  if (!t.written.includes('*') && !t.written.includes(fingerprint(q.sql)))
    throw new EngineRefusal(
      'ClickHouse',
      'this analysis',
      `its query '${q.name}' changed (DuckDB SQL ${fingerprint(q.sql)}) since its ClickHouse translation was written`,
    );
  const exec: Exec = Object.assign(
    (sql: string, booleans: readonly string[] = []) => execute(ch, sql, booleans),
    { table: (name: string) => `${chName(ch.target.database)}.${chName(name)}` },
  );
  return t.run(q, exec);
}

async function execute(
  ch: ClickHouseReader,
  sql: string,
  booleans: readonly string[],
): Promise<Row[]> {
  // A LEFT JOIN's missing side is NULL, as in DuckDB (ClickHouse's default fills in zeros
  // and empty strings).
  const { meta, data } = await ch.query(sql, { join_use_nulls: 1 });
  const big = meta.filter((c) => /^(Nullable\()?U?Int64\b/.test(c.type)).map((c) => c.name);
  for (const row of data) {
    for (const c of big) if (row[c] != null) row[c] = BigInt(row[c] as string);
    for (const c of booleans) if (row[c] != null) row[c] = Number(row[c]) === 1;
  }
  return data;
}
/** The file ids `provenance.ts` wrote into its query (numbers it made itself). */
function fileIds(sql: string): string {
  const m = /WHERE id IN \(([\d, ]+)\)/.exec(sql);
  if (!m) throw new Error('source-files names no list of file ids');
  return `(${m[1]!
    .split(',')
    .map((n) => String(Number(n)))
    .join(', ')})`;
}
