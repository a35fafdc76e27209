import type { DuckDBConnection } from '@duckdb/node-api';
import type { RowsExtract } from '../model/extract.ts';
import { TABLES } from '../model/tables.ts';

/**
 * Appends JS-parsed rows through a text staging table, then casts in SQL: values travel as
 * their decimal text, so a bigint dollar amount never passes through a float.
 */
export async function loadRows(
  conn: DuckDBConnection,
  x: RowsExtract,
  sourceFileId: number,
): Promise<number> {
  const spec = TABLES[x.table];
  for (const c of x.columns) {
    if (!(c in spec.columns)) throw new Error(`source maps unknown column ${x.table}.${c}`);
  }
  if (x.rows.length === 0) return 0;
  const stage = 'frontera_rows_stage';
  await conn.run(`DROP TABLE IF EXISTS ${stage}`);
  await conn.run(
    `CREATE TEMP TABLE ${stage} (${x.columns.map((_c, i) => `c${i} VARCHAR`).join(', ')})`,
  );
  const appender = await conn.createAppender(stage);
  for (const row of x.rows) {
    for (const v of row) {
      if (v === null || v === undefined) appender.appendNull();
      else appender.appendVarchar(typeof v === 'string' ? v : String(v));
    }
    appender.endRow();
  }
  appender.closeSync();
  const exprs = x.columns.map((c, i) => `CAST(c${i} AS ${spec.columns[c]})`);
  await conn.run(`INSERT INTO ${x.table}_all (source_file_id, ${x.columns.join(', ')})
    SELECT ${sourceFileId}, ${exprs.join(', ')} FROM ${stage}`);
  await conn.run(`DROP TABLE ${stage}`);
  return x.rows.length;
}
