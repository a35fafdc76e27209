import { StatementType } from '@duckdb/node-api';
import type { Store } from './open-store.ts';

export interface SqlResult {
  kind: 'sql-result';
  columns: { name: string; type: string }[];
  /** Values as JSON: BIGINT, HUGEINT and DECIMAL arrive as strings so no digit is lost. */
  rows: Record<string, unknown>[];
}

export class ReadOnlyViolation extends Error {
  constructor(kind: string) {
    super(
      `frontera sql is read-only: a ${kind} statement would change the database or write files; only SELECT, WITH … SELECT, DESCRIBE, SHOW, EXPLAIN and SUMMARIZE are allowed`,
    );
    this.name = 'ReadOnlyViolation';
  }
}

const ALLOWED = new Set<StatementType>([StatementType.SELECT, StatementType.EXPLAIN]);

/**
 * Runs analysts' SQL. Each statement is classified by DuckDB's own parser before it runs and
 * anything but a query is refused; the store is also opened read-only, so a statement that
 * slipped past would still be refused by DuckDB.
 */
export async function readOnlySql(store: Store, sql: string): Promise<SqlResult> {
  const statements = await store.conn.extractStatements(sql);
  if (statements.count === 0) throw new Error('no SQL statement given');
  let last: SqlResult | undefined;
  for (let i = 0; i < statements.count; i++) {
    const prepared = await statements.prepare(i);
    const type = prepared.statementType;
    if (!ALLOWED.has(type)) throw new ReadOnlyViolation(StatementType[type] ?? String(type));
    const reader = await prepared.runAndReadAll();
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
