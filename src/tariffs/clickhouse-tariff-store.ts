import { availableParallelism } from 'node:os';
import type { DuckDBConnection } from '@duckdb/node-api';
import { duckTypeOfPublished } from '../store/clickhouse-duck-type.ts';
import { chName } from '../store/clickhouse-literal.ts';
import { clickhouseOf, type ClickHouseReader } from '../store/clickhouse-reader.ts';
import { ConnectionPool } from '../store/connection-pool.ts';
import { DuckDBInstance, LIST, VARCHAR, listValue } from '../store/duckdb.ts';
import { EngineRefusal } from '../store/engine-refusal.ts';
import { memoize, memoryLimit, type Store } from '../store/open-store.ts';

/**
 * The tariff engine on a ClickHouse store: the published rows of every table it reads, copied
 * exactly into a private in-memory DuckDB, where the engine's own DuckDB SQL runs unchanged.
 *
 * Why not ClickHouse SQL: the line frame (`line-duties-sql.ts`) is one statement of a dozen
 * CTEs built on what 18.16 lacks (QUALIFY and window functions, FILTER, `* REPLACE`, a
 * column alias used in the same SELECT, joins on ranges, `list_contains`, `string_agg …
 * ORDER BY`), its rates are rounded to the dollar line by line (`round` of a double: DuckDB
 * rounds half away from zero, ClickHouse's float `round` half to even), and its Section 301
 * and 232 tables are computed in TypeScript from the legal text and written into temporary
 * tables. A translation would be a second engine to keep equal to the first; this is the same
 * engine on the same rows. The rows are small whatever the size of the Census detail (one year
 * of HTS10 imports by country, the schedule, the chapter 99 text: about 407,000 rows for the
 * whole bundle) and are read once per published model a process opens (a ClickHouse store,
 * like `serve --engine`, keeps its answers until restarted).
 *
 * Exactly the published rows: each column gets back the DuckDB type publish mapped it from
 * (`chType` in publish-clickhouse.ts, inverted below; anything else is refused), DOUBLEs are
 * read as their IEEE bits, 64-bit integers as exact text. The answer
 * does not depend on the order rows arrive from the shards: the whole bundle's baseline and
 * example scenario were byte-identical from copies of the tables in random orders.
 */

/** Every table the tariff engine and the analyses it calls read (`tariff-*.ts`, `section*`). */
export const TARIFF_ENGINE_TABLES = [
  'trade_product',
  'tariff_line',
  'hts_line',
  'usmca_share',
  'tariff_measure',
  'chapter99_heading',
  'chapter99_provision',
  'chapter99_note_heading',
  'hts_footnote',
  'china_tariff_reference',
  'exclusion_claim_share',
  // The Section 232 share estimates (DataWeb calculated duty); China's monthly imports for
  // weighting Section 301's mid-year changes.
  'dataweb_product',
  'trade_country_month',
  // The scenario's estimate by US state and port, with the ports' names.
  'transborder_state_hs2',
  'transborder_port_hs2',
  'port_directory',
  // Partner names and provenance.
  'partner',
  'source_file',
] as const;

/**
 * Tables copied in part: only the rows the engine's queries over them read. The Census
 * partner totals are read by one query, `s301-month-weights` (section301-measures.ts: China's
 * monthly imports, to weight Section 301's mid-year changes), and cited by none: its rows, not
 * the 200,000 of every partner. A new query over such a table must widen its filter here.
 */
const ROWS: Partial<Record<(typeof TARIFF_ENGINE_TABLES)[number], string>> = {
  trade_country_month: `partner_code = '5700' AND flow = 'import_general'`,
};

interface Column {
  name: string;
  ch: string;
  duck: string;
  nullable: boolean;
}

/**
 * The store the tariff engine runs on: the store itself when it is the embedded one, else
 * (ClickHouse) the in-memory copy of the published tariff tables, built once per store.
 */
export function tariffEngineStore(store: Store): Promise<Store> {
  const ch = clickhouseOf(store);
  if (!ch) return Promise.resolve(store);
  return memoize(store, 'tariff-engine-store', () => copyTariffTables(ch));
}

async function copyTariffTables(ch: ClickHouseReader): Promise<Store> {
  const instance = await DuckDBInstance.create(':memory:', { memory_limit: memoryLimit() });
  const conn = await instance.connect();
  try {
    // One table at a time: reading two at once was no faster on two cores (measured).
    for (const table of TARIFF_ENGINE_TABLES)
      await writeTable(conn, table, await readTable(ch, table));
  } catch (e) {
    conn.closeSync();
    instance.closeSync();
    throw e;
  }
  const pool = new ConnectionPool(instance, Math.max(2, availableParallelism() + 1), conn);
  return {
    kind: 'store',
    path: `${ch.target.text} (tariff tables copied into memory)`,
    // Writable only for the engine's temporary tables: nothing writes the copies.
    readOnly: false,
    conn,
    memo: new Map(),
    read: (work) => pool.use(work),
    close() {
      pool.close();
      conn.closeSync();
      instance.closeSync();
    },
  };
}

interface Read {
  cols: Column[];
  data: Record<string, unknown>[];
}

async function readTable(
  ch: ClickHouseReader,
  table: (typeof TARIFF_ENGINE_TABLES)[number],
): Promise<Read> {
  const from = `${chName(ch.target.database)}.${chName(table)}`;
  const described = await ch.query(`DESCRIBE TABLE ${from}`);
  const cols: Column[] = described.data.map((d) => {
    const type = String(d.type);
    const inner = /^Nullable\((.*)\)$/.exec(type)?.[1] ?? type;
    const duck = duckTypeOfPublished(type);
    if (!duck)
      throw new EngineRefusal(
        'ClickHouse',
        'the tariff engine',
        `${table}.${String(d.name)} is ${type}, which it has no exact DuckDB type for`,
      );
    return { name: String(d.name), ch: inner, duck, nullable: inner !== type };
  });
  return { cols, data: await readRows(ch, from, cols, ROWS[table]) };
}

async function readRows(
  ch: ClickHouseReader,
  from: string,
  cols: Column[],
  rows: string | undefined,
): Promise<Record<string, unknown>[]> {
  const select = cols
    .map((c) => {
      const n = chName(c.name);
      if (c.ch !== 'Float64') return n;
      // The IEEE bits, exact: the text of a double is not always read back as the same double.
      // (18.16 reinterprets a Float64 only through its bytes; the zero bytes reinterpretAsString
      // drops at the end are the ones reinterpretAsUInt64 pads back.)
      const bits = (x: string) => `reinterpretAsUInt64(reinterpretAsString(${x}))`;
      return c.nullable
        ? `if(isNull(${n}), NULL, ${bits(`assumeNotNull(${n})`)}) AS ${n}`
        : `${bits(n)} AS ${n}`;
    })
    .join(', ');
  const { data } = await ch.query(`SELECT ${select} FROM ${from}${rows ? ` WHERE ${rows}` : ''}`);
  return data;
}

async function writeTable(conn: DuckDBConnection, table: string, { cols, data }: Read) {
  await conn.run(
    `CREATE TABLE ${q(table)} (${cols.map((c) => `${q(c.name)} ${c.duck}`).join(', ')})`,
  );
  const app = await conn.createAppender(table);
  const bits = Buffer.alloc(8);
  for (const row of data) {
    for (const c of cols) {
      const v = row[c.name];
      if (v === null || v === undefined) {
        app.appendNull();
        continue;
      }
      switch (c.duck) {
        case 'BIGINT':
          app.appendBigInt(BigInt(v as string));
          break;
        case 'INTEGER':
          app.appendInteger(Number(v));
          break;
        case 'SMALLINT':
          app.appendSmallInt(Number(v));
          break;
        case 'DOUBLE':
          bits.writeBigUInt64LE(BigInt(v as string));
          app.appendDouble(bits.readDoubleLE());
          break;
        case 'BOOLEAN':
          app.appendBoolean(Number(v) === 1);
          break;
        case 'VARCHAR[]':
          app.appendList(listValue((v as unknown[]).map(String)), LIST(VARCHAR));
          break;
        // VARCHAR, and DATE as its ISO text (DuckDB casts it on append).
        default:
          app.appendVarchar(String(v));
      }
    }
    app.endRow();
  }
  app.closeSync();
  const [n] = (await conn.runAndReadAll(`SELECT count(*) FROM ${q(table)}`)).getRowsJS()[0] ?? [];
  if (Number(n) !== data.length)
    throw new Error(`copying ${table}: ${data.length} rows read but ${String(n)} written`);
}

/** A DuckDB identifier from the published schema (names publish itself accepted). */
function q(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`not a column name: ${name}`);
  return `"${name}"`;
}
