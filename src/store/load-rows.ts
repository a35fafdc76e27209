import type { DuckDBConnection } from '@duckdb/node-api';
import type { RowsExtract } from '../model/extract.ts';
import { TABLES, type ModelTable } from '../model/tables.ts';

/**
 * What identifies one observation in a table that accumulates: successive CBP responses
 * repeat the readings that have not changed, and each must be stored once. The first file to
 * state an observation keeps it; a later file repeating it adds nothing.
 */
const OBSERVATION_KEYS: Partial<Record<ModelTable, readonly string[]>> = {
  wait_times: ['port_number', 'crossing_name', 'lane_type', 'lane_kind', 'observed_at'],
};

/**
 * Appends JS-parsed rows through a text staging table, then casts in SQL: values travel as
 * their decimal text, so a bigint dollar amount never passes through a float. Returns the
 * number of rows inserted.
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
  const key = spec.accumulates ? OBSERVATION_KEYS[x.table] : undefined;
  if (spec.accumulates && !key) throw new Error(`${x.table} accumulates but has no key`);
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
  const cast = (c: string) => {
    const i = x.columns.indexOf(c);
    return i < 0 ? 'NULL' : `CAST(c${i} AS ${spec.columns[c]})`;
  };
  const unseen = key
    ? `WHERE NOT EXISTS (SELECT 1 FROM ${x.table}_all t WHERE ${key
        .map((k) => `t.${k} IS NOT DISTINCT FROM ${cast(k)}`)
        .join(' AND ')})`
    : '';
  const inserted =
    await conn.run(`INSERT INTO ${x.table}_all (source_file_id, ${x.columns.join(', ')})
    SELECT ${sourceFileId}, ${x.columns.map(cast).join(', ')} FROM ${stage} ${unseen}`);
  await conn.run(`DROP TABLE ${stage}`);
  return inserted.rowsChanged;
}
