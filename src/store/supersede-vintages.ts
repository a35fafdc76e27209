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
 */
export async function supersedeVintages(
  conn: DuckDBConnection,
  table: ModelTable,
  source: string,
  series: string,
): Promise<void> {
  await supersedeSeries(conn, table, source, series);
  await applyPrecedence(conn, table);
}

async function supersedeSeries(
  conn: DuckDBConnection,
  table: ModelTable,
  source: string,
  series: string,
): Promise<void> {
  const spec = TABLES[table];
  if (spec.accumulates) return settleObservations(conn, table);
  const files = `(SELECT id, vintage FROM source_file WHERE source = ${literal(source)} AND series = ${literal(series)})`;
  if (spec.period === null) {
    await conn.run(`
      UPDATE ${table}_all SET current = (source_file_id = (
        SELECT arg_max(id, (vintage, id)) FROM ${files} f
        WHERE f.id IN (SELECT DISTINCT source_file_id FROM ${table}_all)))
      WHERE source_file_id IN (SELECT id FROM ${files} f)`);
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
