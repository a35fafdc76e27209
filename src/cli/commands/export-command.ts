import { exportableNames, exportTable } from '../../store/export-table.ts';
import {
  dbPath,
  engineOf,
  openForReading,
  openReadStore,
  UsageError,
  type CliIO,
} from '../cli-context.ts';

export async function exportCommand(
  table: string,
  opts: { db?: string; engine?: string; format: string; out?: string },
  io: CliIO,
): Promise<number> {
  if (opts.format !== 'parquet' && opts.format !== 'csv') {
    throw new UsageError(`--format must be parquet or csv, not ${JSON.stringify(opts.format)}`);
  }
  const out = opts.out ?? `${table}.${opts.format}`;
  if (engineOf(opts, io) !== 'duckdb') {
    // A published table, written by an in-memory DuckDB (clickhouse-export.ts).
    if (!exportableNames().includes(table))
      throw new Error(
        `unknown table ${JSON.stringify(table)}; tables: ${exportableNames().join(', ')}`,
      );
    const [store, { exportClickHouseTable }] = await Promise.all([
      openReadStore(opts, io),
      import('../../store/clickhouse-export.ts'),
    ]);
    try {
      const r = await exportClickHouseTable(store, table, opts.format, out);
      io.out(`wrote ${r.rows.toLocaleString('en-US')} rows of ${table} to ${r.path}`);
      return 0;
    } finally {
      store.close();
    }
  }
  const store = await openForReading(dbPath(opts.db, io), io);
  try {
    const r = await exportTable(store, table, opts.format, out);
    io.out(`wrote ${r.rows.toLocaleString('en-US')} rows of ${table} to ${r.path}`);
    return 0;
  } finally {
    store.close();
  }
}
