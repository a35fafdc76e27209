import { rename, rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { isModelTable, TABLES } from '../model/tables.ts';
import type { Store } from './open-store.ts';
import { literal } from './sql-text.ts';

export const EXPORTABLE_VIEWS = ['source_file', 'partner', 'port_directory'] as const;

export function exportableNames(): string[] {
  const names = Object.keys(TABLES);
  return [...names, ...names.map((n) => `${n}_all`), ...EXPORTABLE_VIEWS].sort();
}

/**
 * Writes a table to Parquet or CSV. The file appears whole or not at all: DuckDB writes a
 * temporary file beside the target, which is renamed into place.
 */
export async function exportTable(
  store: Store,
  table: string,
  format: 'parquet' | 'csv',
  out: string,
): Promise<{ rows: number; path: string }> {
  const base = table.replace(/_all$/, '');
  const known = isModelTable(base) || (EXPORTABLE_VIEWS as readonly string[]).includes(table);
  if (!known) {
    throw new Error(
      `unknown table ${JSON.stringify(table)}; tables: ${exportableNames().join(', ')}`,
    );
  }
  const target = resolve(out);
  const tmp = `${target}.partial-${process.pid}`;
  const options =
    format === 'parquet' ? 'FORMAT parquet, COMPRESSION zstd' : 'FORMAT csv, HEADER true';
  try {
    // A table's rows keep their insertion order (DuckDB preserves it in a plain scan); the
    // views are joins and groupings, whose rows would come in thread order: sorted whole.
    const order = (EXPORTABLE_VIEWS as readonly string[]).includes(table) ? ' ORDER BY ALL' : '';
    const r = await store.conn.runAndReadAll(
      `COPY (SELECT * FROM ${table}${order}) TO ${literal(tmp)} (${options})`,
    );
    await rename(tmp, target);
    return { rows: Number(r.getRowsJS()[0]?.[0] ?? 0), path: target };
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}
