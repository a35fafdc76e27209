/**
 * `BENCH_ONLY=engine-scale npm run bench`: the same SYNTHETIC product-level table (HS10 ×
 * partner × customs district × month, 2000–2024, exports and imports) at 10 and 100 million
 * rows in both engines — DuckDB in a throwaway file, ClickHouse on two local shards (a
 * Distributed table over a MergeTree table on each, each partner's rows on one shard) — with
 * load time, size on disk and the median wall and CPU time of three reads: a partner
 * profile, the top 20 HS10 lines of a partner-year and a full GROUP BY partner × year (on
 * ClickHouse also with its keys packed into one integer). The CPU time is what the machine
 * spent on the query, whatever else runs on it (wall time on a shared machine is not).
 *
 * The rows are generated inside each engine (DuckDB's range(), ClickHouse's numbers() on
 * each shard), so loading is not bounded by Node. Codes are real (the bundle's HS10 codes,
 * Census partner codes, Schedule D districts); values are random, never shown by the
 * product, and the tables live only in this bench's temporary files and servers. Both
 * engines compute every row from its number with the same integer arithmetic, so they hold
 * the same rows and must give the same answers: the bench compares them.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { compileProductQuery } from '../src/analytics/product-queries.ts';
import { ClickHouseConnection } from '../src/store/clickhouse-connection.ts';
import { startClickHouseCluster, type ClickHouseCluster } from '../test/clickhouse-cluster.ts';

const MONTHS = 300; // 2000-01 … 2024-12
const RUNS = 5;
/** The bench's own table and database: names the model never uses. */
const TABLE = 'synthetic_trade_detail';
const CH_DB = 'frontera_synthetic';
/** The partner and year every partner query asks for: the largest synthetic partner. */
const PARTNER = '2010';
const YEAR = 2024;

type Dialect = 'duckdb' | 'clickhouse';
type Rows = unknown[][];

interface Codes {
  hs10: string[];
  partners: string[];
  districts: string[];
}

interface Measured {
  rows: number;
  loadMs: number;
  /** ClickHouse: the OPTIMIZE … FINAL after the load (its parts merged to one per shard). */
  mergeMs?: number;
  bytes: number;
  /** ClickHouse: each shard's rows (partners are placed whole on one shard). */
  shardRows?: number[];
  medians: Record<QueryName, number>;
  /**
   * The median CPU time one run of each query cost: on ClickHouse the user + system time of
   * every thread of the query on every server (`system.query_log`), on DuckDB this process's
   * (`process.cpuUsage()`, DuckDB's threads included). On a shared machine a query waiting for
   * a core adds wall time but no CPU time, so this is the figure that does not depend on what
   * else runs.
   */
  cpu: Record<QueryName, number>;
  answers: Record<QueryName, Rows>;
}

const QUERIES = ['profile', 'top', 'grid', 'packed'] as const;
type QueryName = (typeof QUERIES)[number];
const LABEL: Record<QueryName, string> = {
  profile: `partner profile (${PARTNER}, ${YEAR}: 3 queries)`,
  top: `top 20 HS10, partner-year (imports)`,
  grid: 'GROUP BY partner × year (all rows)',
  packed: 'the same GROUP BY, its three keys packed in one integer (ClickHouse; DuckDB: its grid)',
};

/** A fixed shuffle (mulberry32), so codes are not in code order and every run is the same. */
function shuffled<T>(xs: T[], seed: number): T[] {
  let a = seed >>> 0;
  const rand = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Real codes from the bundle: HS10 lines of the Census API extracts, partners, districts. */
export async function referenceCodes(data: string): Promise<Codes> {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  const hs = await c.runAndReadAll(
    `SELECT DISTINCT I_COMMODITY FROM read_parquet('${join(data, 'census/api-extracts/imports-hs10-2024/*.parquet')}')
     WHERE regexp_full_match(I_COMMODITY, '[0-9]{10}') ORDER BY 1`,
  );
  const partners = await c.runAndReadAll(
    `SELECT DISTINCT CTY_CODE FROM read_csv('${join(data, 'reference/countries/census_cty_codes_from_country_xlsx.csv')}', all_varchar = true)
     WHERE kind = 'country' AND regexp_full_match(CTY_CODE, '[0-9]{4}') ORDER BY 1`,
  );
  c.closeSync();
  db.closeSync();
  const ports = JSON.parse(
    readFileSync(join(data, 'bts/transborder/codes/schedule_d_port_codes.json'), 'utf8'),
  ) as Record<string, { district: string }>;
  const districts = [
    ...new Set(
      Object.entries(ports)
        .filter(([, p]) => p.district !== 'Unknown')
        .map(([code]) => code.slice(0, 2)),
    ),
  ].sort();
  const codes = partners.getRowsJS().map((r) => String(r[0]));
  // Mexico, Canada and China first: the partners with the most rows.
  const big = ['2010', '1220', '5700'];
  return {
    hs10: shuffled(
      hs.getRowsJS().map((r) => String(r[0])),
      10,
    ),
    partners: [
      ...big,
      ...shuffled(
        codes.filter((p) => !big.includes(p)),
        20,
      ),
    ],
    districts: shuffled(districts, 30),
  };
}

/** The operators that are spelt differently; everything else is written once for both. */
const OPS: Record<
  Dialect,
  { xor: (a: string, b: string) => string; shr: (a: string, n: number) => string; div: string }
> = {
  duckdb: { xor: (a, b) => `xor(${a}, ${b})`, shr: (a, n) => `(${a} >> ${n})`, div: '//' },
  clickhouse: {
    xor: (a, b) => `bitXor(${a}, ${b})`,
    shr: (a, n) => `bitShiftRight(${a}, ${n})`,
    div: 'DIV',
  },
};

/**
 * The rows numbered by `numbers` (a subquery yielding `r`, 0 ≤ r < total), computed the same
 * way in both engines: a 32-bit integer hash of the row number (murmur-style xor-shift and
 * multiply, every product below 2^63) picks the flow, HS10 line, district and value; the
 * month and the partner follow the row number, so DuckDB's table comes out in the order
 * ingest gives (by month, then partner). Partners, districts and HS10 lines are skewed as
 * trade is (the square of a uniform: the first partner has 6% of the rows, the last 0.2%;
 * the first HS10 line 0.7%, the median one 0.004%).
 */
export function generateSql(
  d: Dialect,
  numbers: string,
  total: number,
  codes: Codes,
  keep?: (partnerIndex: string) => string,
): string {
  const { xor, shr } = OPS[d];
  const div = (a: string, b: string | number) =>
    d === 'duckdb' ? `(${a} // ${b})` : `intDiv(${a}, ${b})`;
  const M32 = 4294967296;
  const step = (x: string) => `(${xor(x, shr(x, 16))} * 73244475) % ${M32}`;
  const list = (xs: string[]) => `[${xs.map((x) => `'${x}'`).join(', ')}]`;
  const skewed = (n: number, x: string) => `${shr(`${n} * ${x} * ${x}`, 40)}`;
  const f20 = (r: string) => div(`((${r} * ${MONTHS}) % ${total}) * 1048576`, total);
  // Only the rows whose partner `keep` accepts (a shard's partners): the partner follows
  // from the row number alone, so the other rows are skipped before they are hashed.
  const rows = keep
    ? `SELECT r FROM (${numbers}) WHERE ${keep(skewed(codes.partners.length, f20('r')))}`
    : numbers;
  const month =
    d === 'duckdb'
      ? `make_date(2000 + ${div('m', 12)}, m % 12 + 1, 1)`
      : `addMonths(toDate('2000-01-01'), m)`;
  return `
    SELECT ${month} AS month,
           CASE WHEN h1 % 2 = 0 THEN 'export' ELSE 'import_general' END AS flow,
           ${list(codes.partners)}[${skewed(codes.partners.length, 'f20')} + 1] AS partner_code,
           ${list(codes.districts)}[${skewed(codes.districts.length, `(h2 % 1048576)`)} + 1] AS district,
           hs_i,
           1 + ${shr(`${shr('h2', 20)} * ${shr('h2', 20)} * (1 + ${shr('h1', 21)})`, 10)} AS value_usd
    FROM (
      SELECT m, f20, h1, h2, ${skewed(codes.hs10.length, `(${shr('h1', 1)} % 1048576)`)} AS hs_i
      FROM (
        SELECT m, f20, ${xor('e1', shr('e1', 16))} AS h1, ${xor('e2', shr('e2', 16))} AS h2
        FROM (
          SELECT m, f20, ${step('c1')} AS e1, ${step('c2')} AS e2
          FROM (
            SELECT ${div(`r * ${MONTHS}`, total)} AS m,
                   ${f20('r')} AS f20,
                   ${step(`((2 * r) * 2654435761) % ${M32}`)} AS c1,
                   ${step(`((2 * r + 1) * 2654435761) % ${M32}`)} AS c2
            FROM (${rows}) AS numbered))))`;
}

const COLUMNS = 'month, flow, partner_code, district, hs_code, value_usd' as const satisfies string;

interface ClickHouseStatement {
  sql: string;
  settings?: Record<string, number>;
}

/**
 * The equivalent queries in ClickHouse SQL (the dialect compiles only the model's tables),
 * for either layout: `typed` compares the partner as a number and reads the stored `year`,
 * `string` compares text and computes the year from the month.
 */
function clickhouseQueries(t: string, layout: Layout): Record<QueryName, ClickHouseStatement[]> {
  const typed = layout === 'typed';
  const partner = typed ? String(Number(PARTNER)) : `'${PARTNER}'`;
  const yearOf = typed ? 'year' : 'toInt32(toYear(month))';
  const inYear = `month >= toDate('${YEAR}-01-01') AND month < toDate('${YEAR + 1}-01-01')`;
  return {
    profile: [
      {
        sql: `SELECT ${typed ? 'toInt32(year)' : yearOf} AS y, flow, sum(value_usd) AS total
       FROM ${t} WHERE partner_code = ${partner} GROUP BY y, flow ORDER BY y, flow`,
      },
      {
        sql: `SELECT flow, substring(hs_code, 1, 2) AS hs2, sum(value_usd) AS total
       FROM ${t} WHERE partner_code = ${partner} AND ${inYear}
       GROUP BY flow, hs2 ORDER BY total DESC, flow, hs2`,
      },
      {
        sql: `SELECT flow, hs_code, sum(value_usd) AS total
       FROM ${t} WHERE partner_code = ${partner} AND ${inYear}
       GROUP BY flow, hs_code ORDER BY total DESC, flow, hs_code LIMIT 25`,
      },
    ],
    top: [
      {
        sql: `SELECT substring(hs_code, 1, 10) AS hs, sum(value_usd) AS total
       FROM ${t} WHERE flow = 'import_general' AND ${inYear} AND partner_code = ${partner}
       GROUP BY hs ORDER BY total DESC, hs LIMIT 20`,
      },
    ],
    // By flow as a key, and exports and imports set side by side here (NULL where a
    // partner-year has no row of a flow, as DuckDB's FILTER gives): faster on 18.16 than
    // four conditional aggregates per row. Every partner lives on one shard, so each
    // shard's groups are final: the shards' results are concatenated, not merged again
    // (`distributed_group_by_no_merge`), and sorted on the first server. The partner's code
    // is written back as the 4-digit text Census uses after the grouping, on 12,000 rows.
    grid: [
      {
        sql: `SELECT ${typed ? `substring(toString(partner_code + 10000), 2)` : 'partner_code'} AS partner, y, flow, total
       FROM (SELECT partner_code, ${yearOf} AS y, flow, sum(value_usd) AS total
             FROM ${t} GROUP BY partner_code, y, flow)
       ORDER BY partner, y, flow`,
        settings: { distributed_group_by_no_merge: 1 },
      },
    ],
    // The same scan and answer with one grouping key: 18.16 packs several keys into one
    // integer row by row (its slowest step here), while a single integer key, computed a
    // column at a time by bit shifts, goes through its fastest single-key path. The key is
    // unpacked on the grouped rows. Typed layout only (the codes are numbers there).
    packed: typed
      ? [
          {
            sql: `SELECT substring(toString(bitShiftRight(k, 16) + 10000), 2) AS partner,
              toUInt16(bitAnd(bitShiftRight(k, 2), 16383)) AS y,
              CAST(toUInt8(bitAnd(k, 3)) AS Enum8('export' = 1, 'import_general' = 2)) AS flow, total
       FROM (SELECT bitOr(bitShiftLeft(toUInt32(partner_code), 16),
                          bitOr(bitShiftLeft(toUInt32(year), 2), CAST(flow AS UInt8))) AS k,
                    sum(value_usd) AS total
             FROM ${t} GROUP BY k)
       ORDER BY partner, y, flow`,
            settings: { distributed_group_by_no_merge: 1 },
          },
        ]
      : [],
  };
}

/** DuckDB: the product's own compiled product queries on the synthetic table, and the grid. */
function duckdbQueries(): Record<QueryName, { sql: string; params: Record<string, unknown> }[]> {
  const source = { from: TABLE, hs: 'hs_code', period: 'month' };
  const plain = (qs: ReturnType<typeof compileProductQuery>) =>
    qs.map((q) => ({ sql: q.sql, params: q.params as Record<string, unknown> }));
  return {
    profile: plain(
      compileProductQuery(
        { kind: 'partner-product-profile', table: 'trade_product', partner: PARTNER, year: YEAR },
        source,
      ),
    ),
    top: plain(
      compileProductQuery(
        {
          kind: 'top-products',
          table: 'trade_product',
          flow: 'import_general',
          year: YEAR,
          level: 10,
          partner: PARTNER,
          limit: 20,
        },
        source,
      ),
    ),
    grid: [
      {
        sql: `SELECT partner_code, year(month)::INTEGER AS year,
                     sum(value_usd) FILTER (WHERE flow = 'export') AS exports,
                     sum(value_usd) FILTER (WHERE flow = 'import_general') AS imports
              FROM ${TABLE} GROUP BY ALL ORDER BY partner_code, year`,
        params: {},
      },
    ],
    // Not run on DuckDB (the grid answers its question): see clickhouseQueries.
    packed: [],
  };
}

async function timed<T>(f: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const out = await f();
  return [out, performance.now() - t];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * Each query's answer, median time and median CPU time, the same way on either engine:
 * `run(q, i)` runs query q for the i-th time (0 is the warm-up) and `cpu(q)` gives the CPU
 * time of each of the timed runs 1…RUNS.
 */
async function measureEach(
  run: (q: QueryName, i: number) => Promise<Rows>,
  cpu: (q: QueryName) => Promise<number[]>,
  queries: readonly QueryName[] = QUERIES,
): Promise<Pick<Measured, 'medians' | 'cpu' | 'answers'>> {
  const medians = {} as Record<QueryName, number>;
  const cpus = {} as Record<QueryName, number>;
  const answers = {} as Record<QueryName, Rows>;
  for (const q of QUERIES) {
    if (!queries.includes(q)) {
      medians[q] = cpus[q] = NaN;
      continue;
    }
    await run(q, 0);
    const times: number[] = [];
    for (let i = 1; i <= RUNS; i++) {
      const [r, ms] = await timed(() => run(q, i));
      answers[q] = r;
      times.push(ms);
    }
    medians[q] = median(times);
    cpus[q] = median(await cpu(q));
  }
  return { medians, cpu: cpus, answers };
}

/** The servers' CPU time (ms) of each timed run, from every server's `system.query_log`. */
async function clickhouseCpu(
  shards: ClickHouseConnection[],
  marker: (i: number) => string,
): Promise<number[]> {
  for (const s of shards) await s.command('SYSTEM FLUSH LOGS');
  // The runs' queries as the first server logged them (its text starts with the marker); a
  // shard's part of a query is logged there under the first server's query id.
  const runOf = new Map<string, number>();
  for (let i = 1; i <= RUNS; i++) {
    const r = await shards[0]!.query(
      `SELECT query_id FROM system.query_log
       WHERE type = 2 AND is_initial_query AND startsWith(query, '${marker(i)}')`,
    );
    for (const row of r.data) runOf.set(String(row.query_id), i);
  }
  const cpu = new Array<number>(RUNS).fill(0);
  const ids = [...runOf.keys()].map((id) => `'${id}'`).join(', ');
  for (const s of shards) {
    const r = await s.query(
      `SELECT initial_query_id AS id,
              sum(ProfileEvents.Values[indexOf(ProfileEvents.Names, 'UserTimeMicroseconds')]
                + ProfileEvents.Values[indexOf(ProfileEvents.Names, 'SystemTimeMicroseconds')]) AS us
       FROM system.query_log WHERE type = 2 AND initial_query_id IN (${ids || "''"})
       GROUP BY id`,
    );
    for (const row of r.data) cpu[runOf.get(String(row.id))! - 1]! += Number(row.us) / 1000;
  }
  if (runOf.size === 0) throw new Error('no timed query found in system.query_log');
  return cpu;
}

/** Rows of (partner, year, flow, total) as (partner, year, exports, imports). */
function pivotFlows(rows: Rows): Rows {
  const out = new Map<string, unknown[]>();
  for (const [partner, year, flow, total] of rows) {
    const key = `${String(partner)}|${String(year)}`;
    const row = out.get(key) ?? [partner, year, null, null];
    row[flow === 'export' ? 2 : 3] = total;
    out.set(key, row);
  }
  return [...out.values()];
}

const text = (rows: Rows) => rows.map((r) => r.map((v) => (v === null ? 'NULL' : String(v))));

/**
 * Column types on ClickHouse: `typed` (the partner and district codes, 4 and 2 digits, as
 * UInt16 and UInt8; the flow an Enum8; the HS10 code FixedString(10), as it has leading
 * zeros; and the year stored beside the month, MATERIALIZED from it so the table's columns
 * stay the detail's own): the GROUP BY keys are small fixed-size numbers, which 18.16
 * aggregates several times faster than text, and no row computes its year. Or `string`,
 * the String columns `frontera publish` creates today. Both hold the same rows, on the
 * same shards.
 */
type Layout = 'typed' | 'string';
const TYPES: Record<Layout, string> = {
  typed: `month Date, year UInt16 MATERIALIZED toYear(month),
          flow Enum8('export' = 1, 'import_general' = 2), partner_code UInt16,
          district UInt8, hs_code FixedString(10), value_usd Int64`,
  string: `month Date, flow String, partner_code String, district String, hs_code String,
           value_usd Int64`,
};
/** How the generated text codes go into each layout's columns. */
const INSERTED: Record<Layout, string> = {
  typed: 'month, flow, toUInt16(partner_code), toUInt8(district), hs_code, value_usd',
  string: COLUMNS,
};
/**
 * The shard of a partner: the hash of its 4-digit Census code, as a deployment would shard
 * partner queries (each partner's rows on one server). The Distributed table is declared
 * with the same expression, so rows inserted through it would land where these are.
 */
const SHARDING_KEY: Record<Layout, string> = {
  typed: 'cityHash64(toString(partner_code))',
  string: 'cityHash64(partner_code)',
};

/** Waits out background merges and merges what is left into one part; the parts left. */
async function settle(s: ClickHouseConnection, table: string): Promise<number> {
  const where = `database = '${CH_DB}' AND table = '${table}'`;
  let parts = 0;
  for (let round = 0; round < 20; round++) {
    while (
      Number((await s.query(`SELECT count() AS n FROM system.merges WHERE ${where}`)).data[0]?.n) >
      0
    )
      await new Promise((done) => setTimeout(done, 500));
    parts = Number(
      (await s.query(`SELECT count() AS n FROM system.parts WHERE active AND ${where}`)).data[0]?.n,
    );
    if (parts <= 1) return parts;
    await s.command(`OPTIMIZE TABLE ${CH_DB}.${table} FINAL`);
  }
  return parts;
}

async function clickhouseRun(
  cluster: ClickHouseCluster,
  codes: Codes,
  rows: number,
  layout: Layout,
): Promise<Measured> {
  const shards = cluster.httpPorts.map(
    (port) =>
      new ClickHouseConnection({ host: '127.0.0.1', port }, 'default', {
        requestTimeoutMs: 3_600_000,
      }),
  );
  try {
    for (const s of shards) {
      await s.command(`CREATE DATABASE IF NOT EXISTS ${CH_DB}`);
      await s.command(`DROP TABLE IF EXISTS ${CH_DB}.${TABLE}`);
      await s.command(`DROP TABLE IF EXISTS ${CH_DB}.${TABLE}_local`);
      await s.command(`DROP TABLE IF EXISTS ${CH_DB}.hs10`);
      await s.command(`CREATE TABLE ${CH_DB}.hs10 (hs_i UInt64, hs_code String) ENGINE = TinyLog`);
      await s.insertTsv(`${CH_DB}.hs10`, codes.hs10.map((c, i) => `${i}\t${c}\n`).join(''));
      // Sorted for the analyses' filters, as `frontera publish` sorts trade_product.
      await s.command(
        `CREATE TABLE ${CH_DB}.${TABLE}_local (${TYPES[layout]})
         ENGINE = MergeTree() ORDER BY (partner_code, flow, month, hs_code)`,
      );
      await s.command(
        `CREATE TABLE ${CH_DB}.${TABLE} AS ${CH_DB}.${TABLE}_local
         ENGINE = Distributed(${cluster.name}, ${CH_DB}, ${TABLE}_local, ${SHARDING_KEY[layout]})`,
      );
    }
    // Each partner's rows go to one shard (SHARDING_KEY), as a deployment would place them
    // for partner queries. Each shard generates only its partners' rows; both load at once.
    const shardOf = await partnerShards(shards[0]!, codes, layout, shards.length);
    const [, loadMs] = await timed(() =>
      Promise.all(
        shards.map((s, i) => {
          const numbers = `SELECT number AS r FROM system.numbers LIMIT ${rows}`;
          const keep = (p: string) => `[${shardOf.join(', ')}][${p} + 1] = ${i}`;
          return s.command(
            `INSERT INTO ${CH_DB}.${TABLE}_local (${COLUMNS})
             SELECT ${INSERTED[layout]}
             FROM (${generateSql('clickhouse', numbers, rows, codes, keep)})
             ANY LEFT JOIN ${CH_DB}.hs10 USING hs_i`,
          );
        }),
      ),
    );
    // Queries are timed on settled tables: no merge running beside them, one part per shard.
    // (18.16's OPTIMIZE returns at once, doing nothing, while background merges run.)
    const [parts, mergeMs] = await timed(() =>
      Promise.all(shards.map((s) => settle(s, `${TABLE}_local`))),
    );
    if (parts.some((n) => n !== 1))
      console.log(`  (ClickHouse parts per shard when timed: ${parts.join(', ')})`);
    let bytes = 0;
    const shardRows: number[] = [];
    for (const s of shards) {
      const r = await s.query(
        `SELECT sum(bytes_on_disk) AS bytes, sum(rows) AS n FROM system.parts
         WHERE active AND database = '${CH_DB}' AND table = '${TABLE}_local'`,
      );
      bytes += Number(r.data[0]?.bytes);
      shardRows.push(Number(r.data[0]?.n));
    }
    const landed = shardRows.reduce((a, b) => a + b, 0);
    if (landed !== rows) throw new Error(`ClickHouse holds ${landed} rows, not ${rows}`);
    const sql = clickhouseQueries(`${CH_DB}.${TABLE}`, layout);
    // Each timed run's SQL starts with a comment naming it, so its CPU time can be found in
    // the servers' query logs afterwards.
    const nonce = Math.random().toString(36).slice(2, 10);
    const marker = (q: QueryName, i: number) => `/* engine-scale ${nonce} ${q} run ${i} */`;
    const { medians, cpu, answers } = await measureEach(
      async (q, i) => {
        const out: Rows = [];
        for (const stmt of sql[q])
          for (const r of (
            await shards[0]!.query(`${marker(q, i)} ${stmt.sql}`, {
              log_queries: 1,
              ...stmt.settings,
            })
          ).data)
            out.push(Object.values(r));
        return q === 'grid' || q === 'packed' ? pivotFlows(out) : out;
      },
      (q) => clickhouseCpu(shards, (i) => marker(q, i)),
      QUERIES.filter((q) => sql[q].length > 0),
    );
    // The String layout has no packed form: its question is the grid's.
    if (sql.packed.length === 0) answers.packed = answers.grid;
    // The packed key is only a faster spelling of the grid: a different answer is a bug.
    else if (JSON.stringify(text(answers.packed)) !== JSON.stringify(text(answers.grid)))
      throw new Error('ClickHouse: the packed-key GROUP BY and the three-key one differ');
    for (const s of shards) await s.command(`DROP DATABASE IF EXISTS ${CH_DB}`).catch(() => {});
    return { rows, loadMs, mergeMs, bytes, shardRows, medians, cpu, answers };
  } finally {
    for (const s of shards) await s.close();
  }
}

/** Each partner's shard (by its index in `codes.partners`), computed by the server itself. */
async function partnerShards(
  s: ClickHouseConnection,
  codes: Codes,
  layout: Layout,
  shards: number,
): Promise<number[]> {
  const key = SHARDING_KEY[layout].replace(
    'partner_code',
    layout === 'typed' ? 'toUInt16(p)' : 'p',
  );
  const r = await s.query(
    `SELECT arrayMap(p -> toUInt8(${key} % ${shards}), [${codes.partners.map((p) => `'${p}'`).join(', ')}]) AS s`,
  );
  return (r.data[0]!.s as unknown[]).map(Number);
}

async function duckdbRun(dir: string, codes: Codes, rows: number): Promise<Measured> {
  const path = join(dir, `engine-scale-${rows}.duckdb`);
  const db = await DuckDBInstance.create(path, {
    memory_limit: process.env.BENCH_ENGINE_SCALE_MEMORY ?? '4GB',
    temp_directory: `${path}.tmp`,
  });
  const c: DuckDBConnection = await db.connect();
  try {
    const [, loadMs] = await timed(async () => {
      // The codes are digits (checked where they are read), so they go in as literals.
      await c.run(
        `CREATE TABLE hs10 AS SELECT * FROM (VALUES ${codes.hs10.map((h, i) => `(${i}, '${h}')`).join(', ')}) v(hs_i, hs_code)`,
      );
      await c.run(
        `CREATE TABLE ${TABLE} AS
         SELECT ${COLUMNS} FROM (${generateSql('duckdb', `SELECT range AS r FROM range(${rows})`, rows, codes)}) g
         JOIN hs10 USING (hs_i)`,
      );
      await c.run('DROP TABLE hs10');
      await c.run('CHECKPOINT');
    });
    const n = Number((await c.runAndReadAll(`SELECT count(*) FROM ${TABLE}`)).getRowsJS()[0]![0]);
    if (n !== rows) throw new Error(`DuckDB holds ${n} rows, not ${rows}`);
    const bytes = (await stat(path)).size;
    const sql = duckdbQueries();
    // DuckDB runs in this process: its CPU time is the process's, run by run.
    const used = new Map<string, number>();
    const { medians, cpu, answers } = await measureEach(
      async (q, i) => {
        const before = process.cpuUsage();
        const out: Rows = [];
        for (const stmt of sql[q])
          out.push(...(await c.runAndReadAll(stmt.sql, stmt.params as never)).getRowsJS());
        const d = process.cpuUsage(before);
        used.set(`${q} ${i}`, (d.user + d.system) / 1000);
        return out;
      },
      async (q) => Array.from({ length: RUNS }, (_, i) => used.get(`${q} ${i + 1}`)!),
      QUERIES.filter((q) => q !== 'packed'),
    );
    // DuckDB's one GROUP BY answers the packed form's question (compared with ClickHouse's).
    answers.packed = answers.grid;
    return { rows, loadMs, bytes, medians, cpu, answers };
  } finally {
    c.closeSync();
    db.closeSync();
    await rm(path, { force: true });
    await rm(`${path}.tmp`, { recursive: true, force: true });
  }
}

const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

const sec = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const mib = (b: number) => `${(b / 2 ** 20).toFixed(0)} MiB`;

export async function benchEngineScale(dir: string, data: string, sizes: number[]): Promise<void> {
  const codes = await referenceCodes(data);
  const engines = process.env.BENCH_ENGINE_SCALE_ENGINES ?? 'duckdb,clickhouse';
  console.log(
    `\nEngines at scale (SYNTHETIC rows, generated here and thrown away): HS10 × partner × district × month, ` +
      `${codes.hs10.length.toLocaleString('en-US')} HS10 codes, ${codes.partners.length} partners, ` +
      `${codes.districts.length} districts, ${MONTHS} months (2000–2024), exports and imports; ` +
      `DuckDB in a file (${process.env.BENCH_ENGINE_SCALE_MEMORY ?? '4GB'} memory limit), ClickHouse on 2 local shards. ` +
      `Load average at start ${load()}`,
  );
  const results: { engine: string; m: Measured; load: string }[] = [];
  let cluster: ClickHouseCluster | undefined;
  // Interrupted, the servers still go (they run in process groups of their own).
  const interrupted = () => {
    void (cluster?.stop() ?? Promise.resolve()).finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    try {
      // BENCH_ENGINE_SCALE_ENGINES=duckdb or =clickhouse runs one engine.
      if (/clickhouse/.test(engines)) cluster = await startClickHouseCluster(2, { queryLog: true });
    } catch (e) {
      console.log(`  ClickHouse skipped: ${(e as Error).message}`);
    }
    if (cluster) {
      for (const rows of sizes) {
        const m = await clickhouseRun(cluster, codes, rows, 'typed');
        results.push({ engine: 'ClickHouse, 2 shards', m, load: load() });
        report(results.at(-1)!);
      }
      // The String columns publish makes today, at the smallest size: what the types cost.
      // BENCH_ENGINE_SCALE_STRING=0 skips it (a quick re-measure of one size).
      if (process.env.BENCH_ENGINE_SCALE_STRING !== '0') {
        const m = await clickhouseRun(cluster, codes, Math.min(...sizes), 'string');
        results.push({ engine: 'ClickHouse, 2 shards, String columns', m, load: load() });
        report(results.at(-1)!);
      }
      await cluster.stop();
      cluster = undefined;
    }
    for (const rows of /duckdb/.test(engines) ? sizes : []) {
      const m = await duckdbRun(dir, codes, rows);
      results.push({ engine: 'DuckDB', m, load: load() });
      report(results.at(-1)!);
    }
  } finally {
    await cluster?.stop();
    process.removeListener('SIGINT', interrupted);
    process.removeListener('SIGTERM', interrupted);
  }
  summary(results, sizes);
}

/** A short digest of a run's answers: runs of the same size must print the same. */
function digest(m: Measured): string {
  return createHash('sha1')
    .update(JSON.stringify(QUERIES.map((q) => text(m.answers[q]))))
    .digest('hex')
    .slice(0, 12);
}

const ms = (x: number) => (isNaN(x) ? '—' : `${x.toFixed(0)} ms`);
const goal = (ms: number) => (ms <= 1000 ? ' (≤ 1 s: met)' : ' (≤ 1 s: NOT met)');

function report({ engine, m, load }: { engine: string; m: Measured; load: string }): void {
  console.log(
    `  ${engine}, ${m.rows.toLocaleString('en-US')} rows` +
      `${m.shardRows ? ` (${m.shardRows.map((n) => n.toLocaleString('en-US')).join(' + ')} on the shards)` : ''}` +
      `: load ${sec(m.loadMs)}` +
      `${m.mergeMs === undefined ? '' : ` (+ ${sec(m.mergeMs)} merging to one part per shard)`}, ${mib(m.bytes)} on disk; ` +
      `median wall (CPU): ` +
      QUERIES.map(
        (q) =>
          `${q} ${ms(m.medians[q])} (${ms(m.cpu[q])})` +
          (engine.startsWith('ClickHouse') && m.rows >= 100_000_000 && !isNaN(m.medians[q])
            ? goal(m.medians[q])
            : ''),
      ).join(', ') +
      `; load average ${load}; answers ${digest(m)}`,
  );
}

function summary(results: { engine: string; m: Measured }[], sizes: number[]): void {
  // The same rows in both engines: every answer must be the same.
  for (const rows of sizes) {
    const [first, ...others] = results.filter((r) => r.m.rows === rows);
    if (!first || others.length === 0) continue;
    for (const q of QUERIES) {
      const differ = others
        .filter(
          (o) => JSON.stringify(text(o.m.answers[q])) !== JSON.stringify(text(first.m.answers[q])),
        )
        .map((o) => o.engine);
      console.log(
        `  ${rows.toLocaleString('en-US')} rows, ${LABEL[q]}: ${first.m.answers[q].length} answer rows, ` +
          (differ.length === 0
            ? `the same on ${[first, ...others].map((r) => r.engine).join(', ')}`
            : `ANSWERS DIFFER: ${differ.join(', ')} against ${first.engine}`),
      );
    }
  }
  const engines = [...new Set(results.map((r) => r.engine))];
  const [small, big] = [Math.min(...sizes), Math.max(...sizes)];
  if (small === big) return;
  console.log(
    `  ${big / small}× the rows (${big.toLocaleString('en-US')} ÷ ${small.toLocaleString('en-US')}):`,
  );
  for (const e of engines) {
    const s = results.find((r) => r.engine === e && r.m.rows === small)?.m;
    const b = results.find((r) => r.engine === e && r.m.rows === big)?.m;
    if (!s || !b) continue;
    console.log(
      `    ${e}: load ${(b.loadMs / s.loadMs).toFixed(1)}×, disk ${(b.bytes / s.bytes).toFixed(1)}×; ` +
        QUERIES.filter((q) => !isNaN(b.medians[q]))
          .map(
            (q) =>
              `${q} ${b.medians[q].toFixed(0)} ms ÷ ${s.medians[q].toFixed(0)} ms = ${(b.medians[q] / s.medians[q]).toFixed(1)}×` +
              ` (CPU ${(b.cpu[q] / s.cpu[q]).toFixed(1)}×)` +
              (e.startsWith('ClickHouse') ? goal(b.medians[q]) : ''),
          )
          .join(', '),
    );
  }
}
