import type { DuckDBConnection } from '@duckdb/node-api';
import type { RowsExtract } from '../model/extract.ts';
import { InputError } from '../model/input-error.ts';
import { TABLES, type ModelTable } from '../model/tables.ts';

/**
 * What identifies one observation in a table that accumulates, and what it says: successive
 * CBP responses repeat the readings that have not changed, and each must be stored once. A
 * file repeating what the latest revision of an observation says adds nothing; one saying
 * something else adds a revision (settleObservations then makes the latest one current).
 */
export const OBSERVATIONS: Partial<
  Record<ModelTable, { key: readonly string[]; values: readonly string[]; revisedBy: string }>
> = {
  wait_times: {
    key: ['port_number', 'crossing_name', 'lane_type', 'lane_kind', 'observed_at'],
    values: ['operational_status', 'delay_minutes', 'lanes_open'],
    revisedBy: 'snapshot_at',
  },
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
  file = '',
): Promise<number> {
  const spec = TABLES[x.table];
  for (const c of x.columns) {
    if (!(c in spec.columns)) throw new Error(`source maps unknown column ${x.table}.${c}`);
  }
  const obs = spec.accumulates ? OBSERVATIONS[x.table] : undefined;
  if (spec.accumulates && !obs) throw new Error(`${x.table} accumulates but has no key`);
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
  const unseen = obs
    ? `WHERE NOT EXISTS (SELECT 1 FROM ${x.table}_all t WHERE t.current AND ${[
        ...obs.key,
        ...obs.values,
      ]
        .map((k) => `t.${k} IS NOT DISTINCT FROM ${cast(k)}`)
        .join(' AND ')})`
    : '';
  const uncastable = await castProblem(conn, x, stage, spec.columns, file);
  if (uncastable) throw uncastable;
  const inserted =
    await conn.run(`INSERT INTO ${x.table}_all (source_file_id, ${x.columns.join(', ')})
    SELECT ${sourceFileId}, ${x.columns.map(cast).join(', ')} FROM ${stage} ${unseen}`);
  await conn.run(`DROP TABLE ${stage}`);
  return inserted.rowsChanged;
}

/**
 * DuckDB names a failed cast by its staging column ("c6") and no row; find the first value that
 * does not cast and name the model column, the row (the file line where the reader knows it)
 * and the value instead.
 */
async function castProblem(
  conn: DuckDBConnection,
  x: RowsExtract,
  stage: string,
  types: Record<string, string>,
  file: string,
): Promise<InputError | undefined> {
  // One pass: for each column, the first row whose value does not cast (a failed INSERT would
  // abort the transaction before it could be asked). Staged rows' ids follow append order.
  const firsts = x.columns
    .map(
      (c, i) =>
        `min(CASE WHEN c${i} IS NOT NULL AND TRY_CAST(c${i} AS ${types[c]}) IS NULL THEN n END)::INTEGER`,
    )
    .join(', ');
  const r = await conn.runAndReadAll(
    `SELECT ${firsts} FROM (SELECT rowid - (SELECT min(rowid) FROM ${stage}) + 1 AS n, * FROM ${stage})`,
  );
  const found = (r.getRowsJS()[0] ?? [])
    .map((v, i) => ({ row: v, i }))
    .filter((f) => f.row != null);
  if (found.length === 0) return undefined;
  const { row, i } = found.reduce((a, b) => (Number(b.row) < Number(a.row) ? b : a));
  const n = Number(row);
  const column = x.columns[i]!;
  const value = x.rows[n - 1]?.[i];
  return new InputError([
    {
      code: 'not-a-number',
      file,
      line: x.lines?.[n - 1] ?? n,
      column,
      value: String(value),
      message: `not a valid ${types[column]} for ${x.table}.${column}`,
    },
  ]);
}
