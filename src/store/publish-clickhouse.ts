import { createHash } from 'node:crypto';
import { FACT_TABLES, TABLES, type ModelTable } from '../model/tables.ts';
import { ClickHouseConnection, loginRefusal } from './clickhouse-connection.ts';
import { chName } from './clickhouse-literal.ts';
import { PUBLISH_TABLE } from './clickhouse-store.ts';
import type { ClickHouseTarget } from './clickhouse-target.ts';
import type { Store } from './open-store.ts';

/**
 * `frontera publish`: the model copied from the embedded store into ClickHouse, readable by
 * `--engine clickhouse://…`. Every model table's current rows (its default view), the
 * convenience views, every vintage of Census partner totals (`trade_country_month_all`, for
 * `--vintage`), every revision of the wait readings (`wait_times_all`, for the forecast) and
 * `source_file` (provenance) become MergeTree tables sorted for the
 * analyses' filters. With a cluster, fact tables are split across the shards (`<t>_local`
 * on each, a Distributed `<t>` over them on each) and code lists are copied whole to every
 * shard, so a query's joins and IN lists find them locally.
 *
 * All or nothing: everything loads into `<t>__new` tables, the row counts are checked
 * against the store, and only then one RENAME per server swaps every table at once, so a
 * reader sees the old model or the new one. Publishing the same store again gives the same
 * tables (idempotent).
 */

/** Tables beyond the model's own: views the analyses read and the provenance. */
const EXTRA = [
  'trade_country_month_all',
  // Every revision of every wait reading, for the forecast and backtest, which learn only from
  // what had been published by their origin (`snapshot_at`).
  'wait_times_all',
  // Every crossings row, set-aside ones too: a port profile notes the keys a file stated twice.
  'crossings_all',
  'partner',
  'port_directory',
  'cbp_crossing',
  'source_file',
];

/** Sort keys for the analyses' filters where the model states none. */
const SORT_KEYS: Record<string, string[]> = {
  trade_country_month: ['partner_code', 'flow', 'month'],
  trade_country_month_all: ['partner_code', 'flow', 'month'],
  trade_product: ['partner_code', 'flow', 'period_end', 'hs_code'],
  dataweb_product: ['hs_code'],
  source_file: ['id'],
  // Wait readings are read by crossing (and lane), then by time.
  wait_times: ['port_number', 'lane_type', 'lane_kind', 'observed_at'],
  // The forecast reads a crossing's lanes, every revision of each reading in time order.
  wait_times_all: ['port_number', 'lane_type', 'lane_kind', 'observed_at', 'snapshot_at'],
};

export interface PublishOptions {
  /** A cluster in the servers' `remote_servers`, one shard per address of the target. */
  cluster?: string;
  /** Only these tables (tests); default: every table. */
  tables?: readonly string[];
  /** Called as each table is loaded. */
  progress?: (event: { table: string; rows: number; done: number; of: number }) => void;
}

export interface PublishSummary {
  target: string;
  database: string;
  cluster: string | null;
  shards: number;
  dataVersion: string;
  tables: {
    name: string;
    rows: number;
    layout: 'sharded' | 'copied to every shard' | 'single server';
    sortKey: string[];
  }[];
  seconds: number;
}

interface Column {
  name: string;
  duck: string;
  nullable: boolean;
}

export async function publishToClickHouse(
  store: Store,
  target: ClickHouseTarget,
  opts: PublishOptions = {},
): Promise<PublishSummary> {
  const started = Date.now();
  const admin = target.nodes.map((n) => new ClickHouseConnection(n, 'default'));
  const nodes = target.nodes.map((n) => new ClickHouseConnection(n, target.database));
  try {
    for (const a of admin)
      await a.query('SELECT 1').catch((e: unknown) => {
        const refused = loginRefusal(e, a.node);
        if (refused) throw new Error(`${refused}; nothing was published`);
        throw new Error(
          `cannot reach ClickHouse at ${a.node.host}:${a.node.port} (${(e as Error).message.split('\n')[0]}): start the server or correct --to; nothing was published`,
        );
      });
    await checkCluster(admin, target, opts.cluster);
    const db = chName(target.database);
    for (const a of admin) await a.command(`CREATE DATABASE IF NOT EXISTS ${db}`);
    const wanted = opts.tables ?? [...Object.keys(TABLES), ...EXTRA];
    const names = [...new Set(wanted)];
    const summary: PublishSummary['tables'] = [];
    const swaps: { from: string; to: string; everywhere: boolean }[] = [];
    for (const [done, name] of names.entries()) {
      const cols = await columnsOf(store, name);
      const sharded = opts.cluster !== undefined && isFact(name);
      const local = sharded ? `${name}_local` : name;
      const key = sortKey(name, cols);
      const ddl = `(${cols.map((c) => `${chName(c.name)} ${chType(name, c)}`).join(', ')})
        ENGINE = MergeTree() ORDER BY ${key.length ? `(${key.map(sortExpr(cols)).join(', ')})` : 'tuple()'}`;
      for (const n of nodes) {
        await n.command(`DROP TABLE IF EXISTS ${chName(`${local}__new`)}`);
        await n.command(`CREATE TABLE ${chName(`${local}__new`)} ${ddl}`);
      }
      // 18.16 reads decimal text into a double inexactly (31.673 as 31.673000000000002): a
      // table with DOUBLE columns is loaded with their IEEE bits into a staging table (named
      // like the new tables, so a failed publish drops it too), then converted on the server.
      const exact = cols.some((c) => c.duck === 'DOUBLE');
      const stage = exact ? `${local}__bits__new` : `${local}__new`;
      if (exact)
        for (const n of nodes) {
          await n.command(`DROP TABLE IF EXISTS ${chName(stage)}`);
          await n.command(
            `CREATE TABLE ${chName(stage)} (${cols
              .map(
                (c) =>
                  `${chName(c.name)} ${c.duck === 'DOUBLE' ? (c.nullable ? 'Nullable(UInt64)' : 'UInt64') : chType(name, c)}`,
              )
              .join(', ')}) ENGINE = Log`,
          );
        }
      const rows = await copyRows(store, name, cols, sharded ? nodes : undefined, nodes, stage);
      if (exact)
        for (const n of nodes) {
          await n.command(
            `INSERT INTO ${chName(`${local}__new`)} SELECT ${cols
              .map((c) =>
                c.duck === 'DOUBLE'
                  ? `reinterpretAsFloat64(reinterpretAsString(${chName(c.name)})) AS ${chName(c.name)}`
                  : chName(c.name),
              )
              .join(', ')} FROM ${chName(stage)}`,
          );
          await n.command(`DROP TABLE ${chName(stage)}`);
        }
      // Checked before anything is swapped: a short copy never becomes the model.
      let landed = 0;
      for (const n of sharded ? nodes : nodes.slice(0, 1)) {
        const r = await n.query(`SELECT count() AS n FROM ${chName(`${local}__new`)}`);
        landed += Number(r.data[0]?.n);
      }
      if (landed !== rows)
        throw new Error(
          `publishing ${name}: ${rows} rows read from the store but ${landed} reached ClickHouse; nothing was swapped`,
        );
      swaps.push({ from: `${local}__new`, to: local, everywhere: true });
      if (sharded) {
        // The Distributed table over the shards' `<t>_local` is swapped in with them: readers
        // never find it missing. (It finds its local table by name when queried.)
        for (const n of nodes) {
          await n.command(`DROP TABLE IF EXISTS ${chName(`${name}__new`)}`);
          await n.command(
            `CREATE TABLE ${chName(`${name}__new`)} (${cols.map((c) => `${chName(c.name)} ${chType(name, c)}`).join(', ')})
             ENGINE = Distributed(${chName(opts.cluster!)}, ${db}, ${chName(local)})`,
          );
        }
        swaps.push({ from: `${name}__new`, to: name, everywhere: true });
      }
      summary.push({
        name,
        rows,
        layout: sharded ? 'sharded' : opts.cluster ? 'copied to every shard' : 'single server',
        sortKey: key,
      });
      opts.progress?.({ table: name, rows, done: done + 1, of: names.length });
    }
    const dataVersion = await dataVersionOf(store);
    for (const n of nodes) {
      await n.command(`DROP TABLE IF EXISTS ${chName(`${PUBLISH_TABLE}__new`)}`);
      await n.command(
        `CREATE TABLE ${chName(`${PUBLISH_TABLE}__new`)} (data_version String, published_at DateTime, tables UInt32) ENGINE = TinyLog`,
      );
      await n.insert(`${PUBLISH_TABLE}__new`, [
        {
          data_version: dataVersion,
          published_at: Math.floor(Date.now() / 1000),
          tables: names.length,
        },
      ]);
    }
    swaps.push({ from: `${PUBLISH_TABLE}__new`, to: PUBLISH_TABLE, everywhere: true });
    for (const n of nodes)
      await swap(
        n,
        swaps.map((s) => s.to),
      );
    return {
      target: target.text,
      database: target.database,
      cluster: opts.cluster ?? null,
      shards: nodes.length,
      dataVersion,
      tables: summary,
      seconds: (Date.now() - started) / 1000,
    };
  } catch (e) {
    // Nothing half-loaded stays behind; the published model, if any, is untouched.
    for (const n of nodes) await dropNew(n).catch(() => undefined);
    throw e;
  } finally {
    for (const c of [...admin, ...nodes]) await c.close();
  }
}

/** With a cluster, one address per shard, in the order `remote_servers` lists the shards. */
async function checkCluster(
  admin: ClickHouseConnection[],
  target: ClickHouseTarget,
  cluster: string | undefined,
): Promise<void> {
  if (cluster === undefined) {
    if (admin.length > 1)
      throw new Error(
        `${target.text} lists ${admin.length} servers: name their cluster with --cluster`,
      );
    return;
  }
  const r = await admin[0]!.query(
    `SELECT count(DISTINCT shard_num) AS shards FROM system.clusters WHERE cluster = '${cluster.replace(/[^A-Za-z0-9_]/g, '')}'`,
  );
  const shards = Number(r.data[0]?.shards ?? 0);
  if (shards === 0)
    throw new Error(`no cluster ${cluster} in the remote_servers of ${target.text}`);
  if (shards !== admin.length)
    throw new Error(
      `cluster ${cluster} has ${shards} shards but ${target.text} lists ${admin.length} servers: list every shard's HTTP address, clickhouse://HOST:PORT,HOST:PORT…`,
    );
}

/** One RENAME per server: every new table takes its name at once; the old ones are dropped. */
async function swap(n: ClickHouseConnection, names: string[]): Promise<void> {
  const r = await n.query(`SELECT name FROM system.tables WHERE database = currentDatabase()`);
  const have = new Set(r.data.map((x) => String(x.name)));
  for (const t of names)
    if (have.has(`${t}__old`)) await n.command(`DROP TABLE ${chName(`${t}__old`)}`);
  const moves = names.flatMap((t) =>
    have.has(t)
      ? [`${chName(t)} TO ${chName(`${t}__old`)}`, `${chName(`${t}__new`)} TO ${chName(t)}`]
      : [`${chName(`${t}__new`)} TO ${chName(t)}`],
  );
  await n.command(`RENAME TABLE ${moves.join(', ')}`);
  for (const t of names)
    if (have.has(t)) await n.command(`DROP TABLE IF EXISTS ${chName(`${t}__old`)}`);
}

async function dropNew(n: ClickHouseConnection): Promise<void> {
  const r = await n.query(
    `SELECT name FROM system.tables WHERE database = currentDatabase() AND endsWith(name, '__new')`,
  );
  for (const x of r.data) await n.command(`DROP TABLE IF EXISTS ${chName(String(x.name))}`);
}

function isFact(name: string): boolean {
  return (FACT_TABLES as readonly string[]).includes(name.replace(/_all$/, ''));
}

async function columnsOf(store: Store, name: string): Promise<Column[]> {
  if (!/^[a-z_0-9]+$/.test(name)) throw new Error(`not a table: ${name}`);
  const r = await store.conn.runAndReadAll(
    `SELECT column_name, data_type, is_nullable FROM information_schema.columns
     WHERE table_name = '${name}' AND table_schema = 'main' ORDER BY ordinal_position`,
  );
  const cols = r
    .getRowsJS()
    .map(([c, t, n]) => ({ name: String(c), duck: String(t), nullable: n !== 'NO' }));
  if (cols.length === 0) throw new Error(`the store has no table ${name}`);
  return cols;
}

/** DuckDB's column types in ClickHouse, exactly: anything else is refused. */
function chType(table: string, c: Column): string {
  const base: Record<string, string> = {
    VARCHAR: 'String',
    BIGINT: 'Int64',
    INTEGER: 'Int32',
    SMALLINT: 'Int16',
    DOUBLE: 'Float64',
    // 18.16 has no boolean type: 0 or 1, read back as booleans by the dialect.
    BOOLEAN: 'UInt8',
    DATE: 'Date',
    // 18.16's DateTime keeps whole seconds and no zone: the exact instant as ISO text.
    'TIMESTAMP WITH TIME ZONE': 'String',
    TIMESTAMP: 'String',
  };
  if (c.duck === 'VARCHAR[]') return 'Array(String)';
  const t = base[c.duck];
  if (!t)
    throw new Error(
      `${table}.${c.name} is ${c.duck}, which publish has no exact ClickHouse type for`,
    );
  return c.nullable ? `Nullable(${t})` : t;
}

function sortKey(name: string, cols: Column[]): string[] {
  const have = new Set(cols.map((c) => c.name));
  const spec = TABLES[name.replace(/_all$/, '') as ModelTable] as
    (typeof TABLES)[ModelTable] | undefined;
  const key = SORT_KEYS[name] ?? spec?.clusterBy ?? spec?.grain?.slice(0, 3) ?? [];
  return key.filter((k) => have.has(k));
}

/** 18.16 sorts by no Nullable column: a nullable key column sorts by its value or default. */
function sortExpr(cols: Column[]): (k: string) => string {
  return (k) =>
    cols.find((c) => c.name === k)?.nullable ? `assumeNotNull(${chName(k)})` : chName(k);
}

/** Earliest and latest day a ClickHouse 18.16 Date holds. */
const DATE_RANGE = ['1970-01-01', '2105-12-31'];

/**
 * `text` (a VARCHAR) with the escapes ClickHouse's TabSeparated parser reads in strings:
 * backslash, tab, newline, carriage return (and, inside an array's quoted items, the quote).
 */
function tsvEscapeSql(text: string, quote = false): string {
  const escaped = `replace(replace(replace(replace(${text}, '\\', '\\\\'), chr(9), '\\t'), chr(10), '\\n'), chr(13), '\\r')`;
  return quote ? `replace(${escaped}, '''', '\\''')` : escaped;
}

/**
 * A column's TabSeparated field, written by DuckDB: NULL as \N, strings escaped, booleans as
 * 0 or 1, lists as arrays of quoted strings (a NULL item as 'null'), DATE and timestamps as
 * the ISO text 18.16 reads. DOUBLEs are not written here (their IEEE bits are, by
 * `doubleBits`).
 */
function fieldSql(c: Column): string {
  const n = JSON.stringify(c.name);
  const text =
    c.duck === 'TIMESTAMP WITH TIME ZONE'
      ? // The instant in UTC whatever the session's zone (strftime writes a TIMESTAMPTZ in it).
        `strftime(timezone('UTC', ${n}), '%Y-%m-%dT%H:%M:%S.%fZ')`
      : c.duck === 'TIMESTAMP'
        ? `strftime(${n}, '%Y-%m-%dT%H:%M:%S.%fZ')`
        : c.duck === 'DATE'
          ? `strftime(${n}, '%Y-%m-%d')`
          : c.duck === 'BOOLEAN'
            ? `CASE WHEN ${n} THEN '1' ELSE '0' END`
            : c.duck === 'VARCHAR[]'
              ? `'[' || array_to_string(list_transform(${n}, lambda x: '''' || ${tsvEscapeSql(`coalesce(x, 'null')`, true)} || ''''), ',') || ']'`
              : c.duck === 'VARCHAR'
                ? tsvEscapeSql(n)
                : // Integers (the only other types chType accepts): their decimal text.
                  `CAST(${n} AS VARCHAR)`;
  return `CASE WHEN ${n} IS NULL THEN '\\N' ELSE ${text} END`;
}

/**
 * Streams a table's rows from the store into ClickHouse, a DuckDB chunk at a time: to every
 * server, or (`shards`) each chunk to the next shard in turn. DuckDB writes each run of
 * fields between DOUBLE columns as one TabSeparated text (far cheaper than converting every
 * value to JavaScript and escaping it there); a DOUBLE is written here, as its IEEE bits.
 */
async function copyRows(
  store: Store,
  name: string,
  cols: Column[],
  shards: ClickHouseConnection[] | undefined,
  everyNode: ClickHouseConnection[],
  into: string,
): Promise<number> {
  const dates = cols.filter((c) => c.duck === 'DATE');
  if (dates.length > 0) {
    // Every DATE within the days 18.16 stores, checked before a row is sent.
    const r = await store.conn.runAndReadAll(
      `SELECT ${dates
        .map((c) => {
          const day = `strftime(${JSON.stringify(c.name)}, '%Y-%m-%d')`;
          return `min(${day}), max(${day})`;
        })
        .join(', ')} FROM ${name}`,
    );
    const range = r.getRowsJS()[0] ?? [];
    for (const [i, c] of dates.entries()) {
      const [lo, hi] = [range[2 * i], range[2 * i + 1]];
      const v =
        typeof lo === 'string' && lo < DATE_RANGE[0]!
          ? lo
          : typeof hi === 'string' && hi > DATE_RANGE[1]!
            ? hi
            : undefined;
      if (v !== undefined)
        throw new Error(
          `${name}.${c.name} holds ${v}, outside the dates ClickHouse 18.16 stores (${DATE_RANGE.join(' to ')})`,
        );
    }
  }
  // The select list: each run of fields as one text, and the DOUBLE columns between them.
  const parts: ({ run: string[] } | { double: Column })[] = [];
  for (const c of cols) {
    const last = parts.at(-1);
    if (c.duck === 'DOUBLE') parts.push({ double: c });
    else if (last && 'run' in last) last.run.push(fieldSql(c));
    else parts.push({ run: [fieldSql(c)] });
  }
  const select = parts
    .map((p) => ('run' in p ? p.run.join(' || chr(9) || ') : JSON.stringify(p.double.name)))
    .join(', ');
  const result = await store.conn.stream(`SELECT ${select} FROM ${name}`);
  let rows = 0;
  let lines: string[] = [];
  let turn = 0;
  const flush = async () => {
    if (lines.length === 0) return;
    const text = lines.join('');
    lines = [];
    const targets = shards ? [shards[turn++ % shards.length]!] : everyNode;
    await Promise.all(targets.map((n) => n.insertTsv(into, text)));
  };
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    const values = parts.map((_, i) => chunk.getColumnValues(i));
    for (let r = 0; r < chunk.rowCount; r++) {
      let line = '';
      for (const [i, p] of parts.entries()) {
        const v = values[i]![r];
        if (i > 0) line += '\t';
        line += 'run' in p ? (v as string) : v === null ? '\\N' : doubleBits(v as number);
      }
      lines.push(`${line}\n`);
      rows++;
    }
    if (lines.length >= 100_000) await flush();
  }
  await flush();
  return rows;
}

const bitsOf = new BigUint64Array(1);
const doubleOf = new Float64Array(bitsOf.buffer);

/** A double's IEEE 754 bits as an unsigned integer (read back exactly by the server). */
function doubleBits(v: number): string {
  doubleOf[0] = v;
  return bitsOf[0]!.toString();
}

/** The same identity of the loaded data as `serve` gives the embedded store (its ETags). */
async function dataVersionOf(store: Store): Promise<string> {
  const files = await store.conn.runAndReadAll(
    `SELECT string_agg(sha256, ',' ORDER BY id) FROM source_file`,
  );
  return createHash('sha1')
    .update(String(files.getRowsJS()[0]?.[0] ?? ''))
    .digest('hex')
    .slice(0, 12);
}
