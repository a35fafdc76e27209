import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Store } from '../store/open-store.ts';
import { ident } from '../store/sql-text.ts';
import { DEFAULT_DB_PATH, DEFAULT_LOCK_WAIT_MS } from '../store/store-defaults.ts';

/** Effects the commands use, passed in so tests run silent and deterministic. */
export interface CliIO {
  out: (text: string) => void;
  err: (text: string) => void;
  env: NodeJS.ProcessEnv;
  isTTY: boolean;
  now: () => Date;
}

export function defaultIO(): CliIO {
  return {
    out: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
    err: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
    env: process.env,
    isTTY: Boolean(process.stderr.isTTY),
    now: () => new Date(),
  };
}

export function dbPath(opt: string | undefined, io: CliIO): string {
  return resolve(opt ?? io.env.FRONTERA_DB ?? DEFAULT_DB_PATH);
}

export function dataDir(io: CliIO): string {
  return resolve(io.env.FRONTERA_DATA ?? '../shared/data');
}

/** How long a command waits for another frontera process's lock: FRONTERA_LOCK_WAIT_MS. */
export function lockWaitMs(io?: Pick<CliIO, 'env'>): number {
  const raw = io?.env.FRONTERA_LOCK_WAIT_MS;
  if (raw === undefined || raw === '') return DEFAULT_LOCK_WAIT_MS;
  const ms = Number(raw);
  if (!Number.isInteger(ms) || ms < 0) {
    throw new UsageError(
      `FRONTERA_LOCK_WAIT_MS must be a whole number of milliseconds, not ${JSON.stringify(raw)}`,
    );
  }
  return ms;
}

/**
 * Writing commands (ingest, sync, watch) hold the database only while they write; a running
 * `frontera serve` lets go of it for them (see store/writer-intent.ts).
 */
export async function openForWriting(path: string, io?: Pick<CliIO, 'env'>): Promise<Store> {
  const waitMs = lockWaitMs(io);
  // DuckDB loads only in commands that open a database (not for --help).
  const { openStore } = await import('../store/open-store.ts');
  return openStore(path, { waitMs });
}

/** Read commands never create an empty database by accident. */
export async function openForReading(path: string, io?: Pick<CliIO, 'env'>): Promise<Store> {
  if (!existsSync(path)) {
    throw new UsageError(`no database at ${path}; load data first with: frontera ingest`);
  }
  const waitMs = lockWaitMs(io);
  const [{ openStore }, { TABLES }, { SCHEMA_VERSION }] = await Promise.all([
    import('../store/open-store.ts'),
    import('../model/tables.ts'),
    import('../store/create-schema.ts'),
  ]);
  const store = await openStore(path, { readOnly: true, waitMs });
  if (await schemaIsCurrent(store, TABLES, SCHEMA_VERSION)) return store;
  // A database made by an older Frontera lacks newer tables or columns; a read-only store
  // cannot add them, and DuckDB's "table does not exist" would not say what to do. The
  // catalog says which are missing (only here: duckdb_columns() is the slowest thing a
  // cold command would do, 2–5 times a whole profile's headline query).
  const cols = await store.conn.runAndReadAll(
    `SELECT list(table_name || '.' || column_name) FROM duckdb_columns()
     WHERE table_name LIKE '%\\_all' ESCAPE '\\' OR table_name = 'frontera_schema'`,
  );
  const haveCols = new Set((cols.getRowsJS()[0]?.[0] as string[] | null) ?? []);
  const have = new Set([...haveCols].map((c) => c.slice(0, c.indexOf('.'))));
  const missing = Object.keys(TABLES).filter((t) => !have.has(`${t}_all`));
  for (const [t, spec] of Object.entries(TABLES)) {
    if (!have.has(`${t}_all`)) continue;
    for (const c of Object.keys(spec.columns)) {
      if (!haveCols.has(`${t}_all.${c}`)) missing.push(`${t}.${c}`);
    }
  }
  if (missing.length > 0) {
    store.close();
    throw new UsageError(
      `the database at ${path} was made by an older Frontera (it has no ${missing.join(', ')}); run frontera ingest once to bring it up to date`,
    );
  }
  // Rows stored before repeats were settled would be counted twice: refuse them too. (A
  // database older than the version table is schema 0.)
  const version = have.has('frontera_schema')
    ? Number(
        (
          await store.conn.runAndReadAll(`SELECT coalesce(max(version), 0) FROM frontera_schema`)
        ).getRowsJS()[0]?.[0] ?? 0,
      )
    : 0;
  if (version < SCHEMA_VERSION) {
    store.close();
    throw new UsageError(
      `the database at ${path} was made by an older Frontera (schema ${version}, this one reads ${SCHEMA_VERSION}); run frontera ingest once to bring it up to date`,
    );
  }
  return store;
}

/**
 * Whether the database has every model table and column and the current schema version, asked
 * the quick way: the version, then one statement naming every column of every table, prepared
 * (bound against the catalog) but never run. Any failure means "not known to be current": the
 * caller then asks the catalog what is missing, and says so.
 */
async function schemaIsCurrent(
  store: Store,
  tables: Record<string, { columns: Record<string, string> }>,
  current: number,
): Promise<boolean> {
  try {
    const r = await store.conn.runAndReadAll(
      `SELECT coalesce(max(version), 0) FROM frontera_schema`,
    );
    if (Number(r.getRowsJS()[0]?.[0] ?? 0) < current) return false;
    const every = Object.entries(tables)
      .map(
        ([t, spec]) =>
          `SELECT NULL FROM (SELECT ${Object.keys(spec.columns).map(ident).join(', ')} FROM ${ident(`${t}_all`)} LIMIT 0)`,
      )
      .join(' UNION ALL ');
    (await store.conn.prepare(every)).destroySync();
    return true;
  } catch {
    return false;
  }
}

/**
 * The store a read command or `serve` reads: the embedded database (`--db`), or with
 * `--engine clickhouse://HOST:PORT[,…][/DB]` (or FRONTERA_ENGINE) a model `frontera publish`
 * put there. `--engine duckdb` is the default.
 */
export async function openReadStore(
  opts: { db?: string; engine?: string },
  io: CliIO,
): Promise<Store> {
  const engine = engineOf(opts, io);
  if (engine === 'duckdb') return openForReading(dbPath(opts.db, io), io);
  const { isClickHouseUrl, parseClickHouseUrl, CLICKHOUSE_PASSWORD_ENV } =
    await import('../store/clickhouse-target.ts');
  if (!isClickHouseUrl(engine))
    throw new UsageError(
      `--engine (or FRONTERA_ENGINE) takes duckdb or clickhouse://[USER@]HOST:PORT[/DATABASE], not ${JSON.stringify(engine)}`,
    );
  let target;
  try {
    target = parseClickHouseUrl(engine, { password: io.env[CLICKHOUSE_PASSWORD_ENV] });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { openClickHouseStore } = await import('../store/clickhouse-store.ts');
  return openClickHouseStore(target);
}

/** The engine asked for: 'duckdb' (the default), or the address given. */
export function engineOf(opts: { engine?: string }, io: CliIO): string {
  const engine = opts.engine ?? io.env.FRONTERA_ENGINE ?? '';
  return engine === '' || engine.toLowerCase() === 'duckdb' ? 'duckdb' : engine;
}

export const ENGINE_HELP =
  'where analyses run: duckdb (the database file, default) or clickhouse://[USER@]HOST:PORT[,HOST:PORT…][/DB], a model published there (default: $FRONTERA_ENGINE; password: $FRONTERA_CLICKHOUSE_PASSWORD)';

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
