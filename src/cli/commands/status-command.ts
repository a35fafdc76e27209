import { storeStatus } from '../../store/store-status.ts';
import { dbPath, openForReading, type CliIO } from '../cli-context.ts';
import { formatTable } from '../format-table.ts';

export async function statusCommand(
  opts: { db?: string; json?: boolean },
  io: CliIO,
): Promise<number> {
  const store = await openForReading(dbPath(opts.db, io), io);
  try {
    const s = await storeStatus(store);
    if (opts.json) {
      io.out(JSON.stringify(s, null, 2));
      return 0;
    }
    io.out(`Database ${s.database}\n`);
    io.out(
      formatTable(
        ['source', 'series', 'vintage', 'periods', 'rows', 'current', 'file'],
        s.files.map((f) => [
          f.source,
          f.series,
          f.vintage,
          f.periodFrom ? `${f.periodFrom} – ${f.periodTo}` : '',
          f.rows,
          f.currentRows === f.rows ? 'all' : f.currentRows === 0 ? 'superseded' : f.currentRows,
          f.path.split('/').slice(-2).join('/'),
        ]),
      ),
    );
    io.out('');
    io.out(
      formatTable(
        ['table', 'rows (all vintages)', 'rows (current)'],
        s.tables.filter((t) => t.rows > 0).map((t) => [t.table, t.rows, t.currentRows]),
      ),
    );
    return 0;
  } finally {
    store.close();
  }
}
