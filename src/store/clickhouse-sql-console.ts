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
const ALLOWED =
  'on ClickHouse (readonly=1) only SELECT, WITH … SELECT, SHOW, DESCRIBE, EXISTS and EXPLAIN, without SET, SETTINGS or table functions, are allowed';

export async function clickhouseSql(store: Store, sql: string): Promise<SqlResult> {
  const ch = clickhouseOf(store);
  if (!ch) throw new Error('not a ClickHouse store');
  if (sql.trim() === '') throw new Error('no SQL statement given');
  // Only for a clear message (the client appends FORMAT JSON, which an INSERT or DDL cannot
  // parse); what keeps the query from writing is the server's readonly=1, not this check.
  const first = /^[\s(]*(?:(?:--[^\n]*\n|\/\*[\s\S]*?\*\/)[\s(]*)*([A-Za-z]+)/.exec(sql)?.[1];
  if (!first || !/^(SELECT|WITH|SHOW|DESCRIBE|DESC|EXISTS|EXPLAIN)$/i.test(first))
    throw new ReadOnlyViolation(
      `a statement beginning ${(first ?? '').toUpperCase() || 'otherwise'} would change the database`,
      ALLOWED,
    );
  try {
    const r = await ch.query(sql, { readonly: 1 });
    return { kind: 'sql-result', columns: r.meta, rows: r.data };
  } catch (e) {
    const line = ((e as Error).message ?? String(e)).split('\n')[0]!;
    // Code 164: READONLY, the server's refusal of anything but a read.
    if (/\bCode: 164\b|readonly mode/i.test(line))
      throw new ReadOnlyViolation(`ClickHouse refused: ${line}`, ALLOWED);
    throw e;
  }
}
