import type { DuckDBConnection } from '@duckdb/node-api';
import { TABLES, type ModelTable } from '../model/tables.ts';
import { ident } from './sql-text.ts';

/**
 * Makes a default view safe to sum when several sources state the same measurement: among
 * the current rows of each `precedence.key`, only the lowest `rank` stays in the view; the
 * others are marked `set_aside = 'precedence'` and stay queryable in `<table>_all`. Rows with
 * an empty key part (a FRED series of an unknown partner) never compete. Re-run after every
 * load into the table, since a new file can win or lose a month.
 */
export async function applyPrecedence(conn: DuckDBConnection, table: ModelTable): Promise<void> {
  const p = TABLES[table].precedence;
  if (!p) return;
  const all = `${table}_all`;
  const key = p.key.map(ident);
  await conn.run(`UPDATE ${all} SET set_aside = NULL WHERE set_aside = 'precedence'`);
  await conn.run(`
    UPDATE ${all} SET set_aside = 'precedence'
    WHERE rowid IN (
      SELECT rowid FROM (
        SELECT rowid, row_number() OVER (PARTITION BY ${key.join(', ')} ORDER BY ${p.rank}, rowid) AS pick
        FROM ${all}
        WHERE current AND set_aside IS NULL AND ${key.map((k) => `${k} IS NOT NULL`).join(' AND ')})
      WHERE pick > 1)`);
}
