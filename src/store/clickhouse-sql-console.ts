import { clickhouseOf } from './clickhouse-reader.ts';
import type { Store } from './open-store.ts';
import type { SqlResult } from './read-only-sql.ts';
import { ReadOnlyViolation } from './read-only-violation.ts';

/**
 * Analysts' SQL on a published ClickHouse model (`frontera sql --engine clickhouse://…`): the
 * query is ClickHouse SQL, sent as it is with `readonly=1`, so the server itself refuses
 * every write, DDL, SET or SETTINGS clause and every table function (file, url, remote,
 * numbers) — 18.16 and current servers alike; one statement per request. It reads what the
 * engine's user may read on that server (the published database by default, system tables).
 * The answer has the shape of the embedded console's: 64-bit integers as strings.
 */
export async function clickhouseSql(store: Store, sql: string): Promise<SqlResult> {
  const ch = clickhouseOf(store);
  if (!ch) throw new Error('not a ClickHouse store');
  if (sql.trim() === '') throw new Error('no SQL statement given');
  try {
    const r = await ch.query(sql, { readonly: 1 });
    return { kind: 'sql-result', columns: r.meta, rows: r.data };
  } catch (e) {
    const first = ((e as Error).message ?? String(e)).split('\n')[0]!;
    // Code 164: READONLY, the server's refusal of anything but a read.
    if (/\bCode: 164\b|readonly mode/i.test(first))
      throw new ReadOnlyViolation(`ClickHouse refused: ${first}`);
    throw e;
  }
}
