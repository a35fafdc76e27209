import { TABLES, type ModelTable } from '../model/tables.ts';
import { memoize, type Store } from '../store/open-store.ts';
import { ident } from '../store/sql-text.ts';
import { runQuery, type CompiledQuery } from './compiled-query.ts';

/**
 * A sentence for each conflict behind the rows a result reads (the keys a current file stated
 * twice with different values, see settle-repeats.ts): which values the file gave and which
 * one is counted. `where` narrows to the rows the result reads (column = value).
 */
export async function conflictNotes(
  store: Store,
  table: ModelTable,
  where: Record<string, string>,
): Promise<string[]> {
  const spec = TABLES[table];
  const grain = spec.grain ?? [];
  const measure = spec.measures?.[0];
  if (grain.length === 0 || !measure) return [];
  // Most tables hold no conflict at all: known once per loaded state, it spares the search.
  if (!(await hasConflicts(store, table))) return [];
  // Filtered on text columns of the grain (constant within a conflict's key), the notes of
  // the whole table are read once and filtered here: a port profile asks port after port.
  const columns = Object.keys(where).sort();
  const columnTypes = spec.columns as Record<string, string>;
  if (columns.every((c) => grain.includes(c) && columnTypes[c] === 'VARCHAR')) {
    const all = await memoize(store, `conflict-notes:${table}:all:${columns.join(',')}`, () =>
      readConflicts(store, table, {}, grain, measure, columns),
    );
    return all.filter((n) => columns.every((c) => n.by[c] === where[c])).map((n) => n.text);
  }
  const notes = memoize(store, `conflict-notes:${table}:${JSON.stringify(where)}`, () =>
    readConflicts(store, table, where, grain, measure),
  );
  return (await notes).map((n) => n.text);
}

async function readConflicts(
  store: Store,
  table: ModelTable,
  where: Record<string, string>,
  grain: readonly string[],
  measure: string,
  /** Columns of the grain whose value each note reports (in `by`). */
  by: readonly string[] = [],
): Promise<{ text: string; by: Record<string, string | null> }[]> {
  // Through runQuery, so a ClickHouse store compiles it too (`conflict-notes` there).
  const rows = await runQuery(store, conflictNotesQuery(table, where, grain, measure, by));
  return rows.map((row) => {
    const [k, file, stated, ...values] = Object.values(row);
    const counts = ((stated as { items?: unknown[] })?.items ?? (stated as unknown[])).map((v) =>
      BigInt(String(v)).toLocaleString('en-US'),
    );
    return {
      text: `${String(file)} states ${grain.join(', ')} ${String(k)} more than once, as ${counts.join(' and ')}; ${counts[0]} is counted (the larger; the other stays in ${table}_all with set_aside = 'conflict')`,
      by: Object.fromEntries(by.map((c, i) => [c, values[i] == null ? null : String(values[i])])),
    };
  });
}

/** The query behind `conflictNotes` (the ClickHouse dialect rebuilds it to check its shape). */
export function conflictNotesQuery(
  table: ModelTable,
  where: Record<string, string>,
  grain: readonly string[],
  measure: string,
  by: readonly string[],
): CompiledQuery {
  const filters = Object.keys(where).map((c, i) => `${ident(c)} = $p${i}`);
  const params = Object.fromEntries(Object.values(where).map((v, i) => [`p${i}`, v]));
  const key = grain.map((g) => `t.${ident(g)}`);
  return {
    kind: 'compiled-query',
    name: 'conflict-notes',
    tables: [table],
    params,
    sql: `SELECT concat_ws(', ', ${key.map((k) => `CAST(${k} AS VARCHAR)`).join(', ')}) AS k,
            any_value(regexp_extract(f.path, '[^/]+$')) AS file,
            list(t.${ident(measure)} ORDER BY t.set_aside NULLS FIRST, t.${ident(measure)} DESC) AS stated
            ${by.map((c, i) => `, any_value(t.${ident(c)})::VARCHAR AS by${i}`).join('')}
     FROM ${table}_all t JOIN source_file f ON f.id = t.source_file_id
     WHERE t.current AND (t.set_aside IS NULL OR t.set_aside = 'conflict')
       ${filters.map((f) => `AND t.${f}`).join(' ')}
       AND EXISTS (SELECT 1 FROM ${table}_all c WHERE c.current AND c.set_aside = 'conflict'
                   AND c.source_file_id = t.source_file_id
                   AND ${grain.map((g) => `c.${ident(g)} IS NOT DISTINCT FROM t.${ident(g)}`).join(' AND ')})
     GROUP BY 1 ORDER BY 1`,
  };
}

function hasConflicts(store: Store, table: ModelTable): Promise<boolean> {
  return memoize(store, `has-conflicts:${table}`, async () => {
    const rows = await runQuery(store, {
      kind: 'compiled-query',
      name: 'has-conflicts',
      tables: [table],
      params: {},
      sql: `SELECT EXISTS (SELECT 1 FROM ${table}_all WHERE current AND set_aside = 'conflict')`,
    });
    return Object.values(rows[0] ?? {})[0] === true;
  });
}
