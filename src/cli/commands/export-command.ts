import { exportTable } from '../../store/export-table.ts';
import { dbPath, openForReading, UsageError, type CliIO } from '../cli-context.ts';

export async function exportCommand(
  table: string,
  opts: { db?: string; format: string; out?: string },
  io: CliIO,
): Promise<number> {
  if (opts.format !== 'parquet' && opts.format !== 'csv') {
    throw new UsageError(`--format must be parquet or csv, not ${JSON.stringify(opts.format)}`);
  }
  const out = opts.out ?? `${table}.${opts.format}`;
  const store = await openForReading(dbPath(opts.db, io), io);
  try {
    const r = await exportTable(store, table, opts.format, out);
    io.out(`wrote ${r.rows.toLocaleString('en-US')} rows of ${table} to ${r.path}`);
    return 0;
  } finally {
    store.close();
  }
}
