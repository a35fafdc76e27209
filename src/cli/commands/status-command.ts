import { FACT_TABLES } from '../../model/tables.ts';
import { storeStatus, type StoreStatus } from '../../store/store-status.ts';
import { dbPath, openForReading, type CliIO } from '../cli-context.ts';
import { formatTable } from '../format-table.ts';

/** Counts always with thousands separators, so 9,087 and 26,171 read alike. */
const count = (n: number) => n.toLocaleString('en-US');

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
        [
          'source',
          'series',
          'vintage',
          'periods',
          'rows',
          'values',
          'current',
          'repeated',
          'conflicts',
          'also',
          'file',
        ],
        s.files.map((f) => [
          f.source,
          f.series,
          f.vintage,
          f.periodFrom ? `${f.periodFrom} – ${f.periodTo}` : '',
          count(f.rows),
          count(f.values),
          f.currentRows === f.values && f.repeatedRows === 0
            ? 'all'
            : f.currentRows === 0
              ? 'superseded'
              : count(f.currentRows),
          count(f.repeatedRows),
          count(f.conflicts),
          codeListRows(f),
          f.path.split('/').slice(-2).join('/'),
        ]),
      ),
    );
    const conflicts = s.files.flatMap((f) =>
      f.byTable.flatMap((t) =>
        t.conflictExamples.map((e) => `  ${f.path.split('/').slice(-1)[0]} ${t.table}: ${e}`),
      ),
    );
    io.out('');
    io.out(
      [
        'rows: as a reader of the file counts them (also: rows it gives a code list); values: stored from them',
        '(one per row, or per partner, year and month for a wide file like country.xlsx); current: the values default queries see, less',
        'those a newer vintage supersedes or a source with precedence states too (country.xlsx before FRED);',
        'repeated: rows stated twice whole, counted once; conflicts: keys stated twice with different values',
        '(the largest is counted, the others stay in <table>_all with set_aside = conflict)',
      ].join('\n'),
    );
    if (conflicts.length > 0) io.out(['', 'Conflicts:', ...conflicts].join('\n'));
    io.out('');
    io.out(
      formatTable(
        ['table', 'rows (all vintages)', 'rows (current)'],
        s.tables
          .filter((t) => t.rows > 0)
          .map((t) => [t.table, count(t.rows), count(t.currentRows)]),
      ),
    );
    return 0;
  } finally {
    store.close();
  }
}

/** Rows a data file also gives a code list (the ports the Border Crossing file names). */
function codeListRows(f: StoreStatus['files'][number]): string {
  const facts = f.byTable.filter((t) => (FACT_TABLES as readonly string[]).includes(t.table));
  if (facts.length === 0) return '';
  return f.byTable
    .filter((t) => !facts.includes(t))
    .map((t) => `${t.table} ${count(t.rows)}`)
    .join(', ');
}
