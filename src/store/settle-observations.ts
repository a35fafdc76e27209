import type { DuckDBConnection } from '@duckdb/node-api';
import type { ModelTable } from '../model/tables.ts';
import { OBSERVATIONS } from './load-rows.ts';

/**
 * After a load into a table of observations: readings that came without a CBP crossing number
 * (the RSS feed names only "Port - Crossing") get the number CBP's numbered feeds give that
 * same port and crossing name, when exactly one number has it; then, for every observation
 * stated more than once, the revision from the latest snapshot is current and the earlier ones
 * stay in `<table>_all`. Runs inside the loading file's transaction, which holds the newest
 * source_file_id; only its observations (and any just numbered) can have changed.
 */
export async function settleObservations(conn: DuckDBConnection, table: ModelTable): Promise<void> {
  const obs = OBSERVATIONS[table];
  if (!obs) return;
  const all = `${table}_all`;
  let renumbered = false;
  if (table === 'wait_times') {
    const r = await conn.run(`
      UPDATE ${all} AS t SET port_number = c.port_number
      FROM (
        SELECT port_name, crossing_name, min(port_number) AS port_number
        FROM ${all} WHERE port_number IS NOT NULL AND port_name IN (
          SELECT DISTINCT port_name FROM ${all} WHERE port_number IS NULL)
        GROUP BY ALL HAVING count(DISTINCT port_number) = 1
      ) c
      WHERE t.port_number IS NULL AND t.port_name = c.port_name
        AND t.crossing_name IS NOT DISTINCT FROM c.crossing_name`);
    renumbered = r.rowsChanged > 0;
  }
  const key = obs.key.join(', ');
  const on = obs.key.map((k) => `t.${k} IS NOT DISTINCT FROM w.${k}`).join(' AND ');
  const same = obs.key.map((k) => `n.${k} IS NOT DISTINCT FROM a.${k}`).join(' AND ');
  const touched = renumbered
    ? ''
    : `WHERE EXISTS (SELECT 1 FROM ${all} n WHERE ${same}
         AND n.source_file_id = (SELECT max(source_file_id) FROM ${all}))`;
  // Only observations stated more than once can have revisions; a new one is already current.
  await conn.run(`
    UPDATE ${all} AS t SET current = (t.rowid = w.latest)
    FROM (
      SELECT ${key},
             arg_max(rowid, (coalesce(${obs.revisedBy}, ${obs.key.at(-1)}), source_file_id)) AS latest
      FROM ${all} a ${touched} GROUP BY ALL HAVING count(*) > 1
    ) w
    WHERE ${on} AND t.current <> (t.rowid = w.latest)`);
}
