import type { DuckDBConnection } from '@duckdb/node-api';
import { TABLES, type ModelTable } from '../model/tables.ts';
import { applyPrecedence } from './apply-precedence.ts';
import { settleObservations } from './settle-observations.ts';
import { literal } from './sql-text.ts';

/**
 * Marks which rows default queries see. Within one source and series, each period belongs to
 * the newest vintage that covers it (vintage, then load order, breaks ties); older vintages
 * stay stored for revision diffs. Tables without a period are superseded file by file; in a
 * table of observations, the latest revision of each observation is current. Then, where
 * sources overlap, one source per measurement (`applyPrecedence`).
 *
 * Given the file just loaded (`newFileId`), only the periods (and vintage keys) that file
 * states are decided again: a load can change no other period's winner. Those periods are
 * found through the table's zone maps (a constant range on the period column), and only the
 * rows whose flag changes are written, so the cost of a file follows its own size, not the
 * rows already stored.
 */
export async function supersedeVintages(
  conn: DuckDBConnection,
  table: ModelTable,
  source: string,
  series: string,
  newFileId?: number,
): Promise<void> {
  await supersedeSeries(conn, table, source, series, newFileId);
  await applyPrecedence(conn, table);
}

async function supersedeSeries(
  conn: DuckDBConnection,
  table: ModelTable,
  source: string,
  series: string,
  newFileId?: number,
): Promise<void> {
  const spec = TABLES[table];
  if (spec.accumulates) return settleObservations(conn, table);
  const files = `(SELECT id, vintage FROM source_file WHERE source = ${literal(source)} AND series = ${literal(series)})`;
  if (spec.period === null) {
    await conn.run(`
      UPDATE ${table}_all SET current = (source_file_id = (
        SELECT arg_max(id, (vintage, id)) FROM ${files} f
        WHERE f.id IN (SELECT DISTINCT source_file_id FROM ${table}_all)))
      WHERE source_file_id IN (SELECT id FROM ${files} f)
        AND current IS DISTINCT FROM (source_file_id = (
          SELECT arg_max(id, (vintage, id)) FROM ${files} f
          WHERE f.id IN (SELECT DISTINCT source_file_id FROM ${table}_all)))`);
    return;
  }
  if (newFileId !== undefined) {
    await supersedePeriods(conn, table, files, newFileId);
    return;
  }
  const p = spec.period;
  const keys = [`${p}`, ...(spec.vintageKey ?? [])];
  const cols = keys.map((k) => `t.${k}`).join(', ');
  const on = keys.map((k) => `t.${k} IS NOT DISTINCT FROM w.${k}`).join(' AND ');
  await conn.run(`
    WITH cover AS (
      SELECT DISTINCT t.source_file_id, ${cols}, f.vintage
      FROM ${table}_all t JOIN ${files} f ON f.id = t.source_file_id
    ), winner AS (
      SELECT ${keys.join(', ')}, arg_max(source_file_id, (vintage, source_file_id)) AS file_id
      FROM cover t GROUP BY ${keys.join(', ')}
    )
    UPDATE ${table}_all AS t SET current = (t.source_file_id = w.file_id)
    FROM winner w
    WHERE ${on} AND t.source_file_id IN (SELECT id FROM ${files} f)`);
}

/**
 * The same decision as the whole-series one above, for the keys the new file states only.
 * Each stored key already has its winner; adding a file can change only the keys it covers.
 */
async function supersedePeriods(
  conn: DuckDBConnection,
  table: ModelTable,
  files: string,
  newFileId: number,
): Promise<void> {
  const spec = TABLES[table];
  const p = spec.period!;
  const all = `${table}_all`;
  const keys = [p, ...(spec.vintageKey ?? [])];
  await conn.run(`
    CREATE OR REPLACE TEMP TABLE frontera_cover_keys AS
    SELECT DISTINCT ${keys.join(', ')} FROM ${all} WHERE source_file_id = ${newFileId}`);
  const span = await conn.runAndReadAll(
    `SELECT CAST(min(${p}) AS VARCHAR), CAST(max(${p}) AS VARCHAR), count(*) FROM frontera_cover_keys`,
  );
  const [lo, hi, n] = span.getRowsJS()[0] ?? [];
  if (Number(n ?? 0) === 0 || lo == null || hi == null) {
    await conn.run('DROP TABLE frontera_cover_keys');
    return;
  }
  // A constant range on the period lets DuckDB skip every row group outside it.
  const type = spec.columns[p];
  const range = `${p} BETWEEN CAST(${literal(String(lo))} AS ${type}) AND CAST(${literal(String(hi))} AS ${type})`;
  const on = (a: string, b: string) =>
    keys.map((k) => `${a}.${k} IS NOT DISTINCT FROM ${b}.${k}`).join(' AND ');
  await conn.run(`
    CREATE OR REPLACE TEMP TABLE frontera_cover_winner AS
    WITH cover AS (
      SELECT DISTINCT t.source_file_id, ${keys.map((k) => `t.${k}`).join(', ')}, f.vintage
      FROM (SELECT * FROM ${all} WHERE ${range}) t
      JOIN ${files} f ON f.id = t.source_file_id
      SEMI JOIN frontera_cover_keys k ON ${on('t', 'k')}
    )
    SELECT ${keys.join(', ')}, arg_max(source_file_id, (vintage, source_file_id)) AS file_id
    FROM cover GROUP BY ${keys.join(', ')}`);
  await conn.run(`
    UPDATE ${all} AS t SET current = (t.source_file_id = w.file_id)
    FROM frontera_cover_winner w
    WHERE ${on('t', 'w')} AND t.${range}
      AND t.source_file_id IN (SELECT id FROM ${files} f)
      AND t.current IS DISTINCT FROM (t.source_file_id = w.file_id)`);
  await conn.run('DROP TABLE frontera_cover_keys; DROP TABLE frontera_cover_winner');
}
