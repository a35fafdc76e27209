import { StatementType } from './duckdb.ts';
import type { Store } from './open-store.ts';
import { ReadOnlyViolation } from './read-only-violation.ts';

export { ReadOnlyViolation };

export interface SqlResult {
  kind: 'sql-result';
  columns: { name: string; type: string }[];
  /** Values as JSON: BIGINT, HUGEINT and DECIMAL arrive as strings so no digit is lost. */
  rows: Record<string, unknown>[];
}

const ALLOWED = new Set<StatementType>([StatementType.SELECT, StatementType.EXPLAIN]);

/**
 * Makes a read-only store's connection one that cannot write anything and can read nothing
 * but the open database, for analysts' SQL. Statement text is never trusted (`EXPLAIN ANALYZE
 * COPY … TO` is an EXPLAIN); the engine refuses by its own rules:
 * - the file is open read-only, so no statement can change a table;
 * - external access is off and extensions are never installed or loaded (nor community ones),
 *   so there is no httpfs, no ATTACH of another file, no reading of other files;
 * - DuckDB's local file system is disabled. DuckDB keeps its own database file (and its .wal)
 *   on the allowed list even with external access off, and `COPY … TO '<database>'
 *   (USE_TMP_FILE false)` would overwrite it; with the local file system disabled, COPY,
 *   EXPORT DATABASE, read_text/read_blob/read_csv/glob and spilling to a temporary folder all
 *   fail, while reads of the open file go on through its handle;
 * - the configuration is then locked, so no SET or RESET can undo any of this.
 */
export async function sandboxForSql(store: Store): Promise<Store> {
  if (!store.readOnly) throw new Error('analysts’ SQL runs only on a store opened read-only');
  try {
    for (const setting of [
      `enable_external_access = false`,
      `autoinstall_known_extensions = false`,
      `autoload_known_extensions = false`,
      `allow_community_extensions = false`,
      `disabled_filesystems = 'LocalFileSystem'`,
      `lock_configuration = true`,
    ])
      await store.conn.run(`SET ${setting}`);
  } catch (e) {
    store.close();
    throw e;
  }
  return store;
}

/**
 * Runs analysts' SQL on a store from `sandboxForSql`. Each statement is classified by DuckDB's
 * own parser first, so a plain write gets a clear refusal; what gets past (EXPLAIN ANALYZE of
 * a COPY, a table function reading a file) is refused by the engine, and that refusal is
 * reported as the same read-only error.
 */
export async function readOnlySql(store: Store, sql: string): Promise<SqlResult> {
  const statements = await store.conn.extractStatements(sql);
  if (statements.count === 0) throw new Error('no SQL statement given');
  let last: SqlResult | undefined;
  for (let i = 0; i < statements.count; i++) {
    const prepared = await engineRefusal(() => statements.prepare(i));
    const type = prepared.statementType;
    if (!ALLOWED.has(type))
      throw new ReadOnlyViolation(
        `a ${StatementType[type] ?? String(type)} statement would change the database or write files`,
      );
    const reader = await engineRefusal(() => prepared.runAndReadAll());
    last = {
      kind: 'sql-result',
      columns: reader.columnNames().map((name, j) => ({
        name,
        type: String(reader.columnTypes()[j]),
      })),
      rows: reader.getRowObjectsJson() as Record<string, unknown>[],
    };
  }
  return last as SqlResult;
}

/** DuckDB's permission and read-only refusals, as the read-only error naming DuckDB's reason. */
async function engineRefusal<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    const message = (e as Error).message ?? '';
    if (/^Permission Error|read-only mode|configuration has been locked/.test(message))
      throw new ReadOnlyViolation(`DuckDB refused: ${message.split('\n')[0]}`);
    throw e;
  }
}
