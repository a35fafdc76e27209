import { FACT_TABLES } from '../../model/tables.ts';
import { storeStatus, type StoreStatus } from '../../store/store-status.ts';
import { dbPath, engineOf, openForReading, openReadStore, type CliIO } from '../cli-context.ts';
import { formatTable } from '../format-table.ts';
import { statusLines } from './status-groups.ts';

/** Counts always with thousands separators, so 9,087 and 26,171 read alike. */
const count = (n: number) => n.toLocaleString('en-US');

export async function statusCommand(
  opts: { db?: string; engine?: string; json?: boolean; files?: boolean },
  io: CliIO,
): Promise<number> {
  if (engineOf(opts, io) !== 'duckdb') return publishedStatus(opts, io);
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
        statusLines(s.files, opts.files === true).map((f) => [
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
          f.files === 1 ? codeListRows(f.file) : '',
          f.files === 1
            ? f.file.path.split('/').slice(-2).join('/')
            : `${f.folder.split('/').slice(-2).join('/')}/ (${count(f.files)} files)`,
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
        'A folder of more than 10 files of one series (a recorded feed) is one line of sums: --files lists each file.',
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

/** The model published on ClickHouse: its stamp and each table's rows (clickhouse-status.ts). */
async function publishedStatus(
  opts: { engine?: string; json?: boolean },
  io: CliIO,
): Promise<number> {
  const [store, { clickhouseStatus }] = await Promise.all([
    openReadStore(opts, io),
    import('../../store/clickhouse-status.ts'),
  ]);
  try {
    const s = await clickhouseStatus(store);
    if (opts.json) {
      io.out(JSON.stringify(s, null, 2));
      return 0;
    }
    io.out(
      `ClickHouse ${s.engine}, database ${s.database}: published ${s.publishedAt.replace('T', ' ').replace('Z', ' UTC')}, data version ${s.dataVersion}\n`,
    );
    io.out(
      formatTable(
        ['table', 'rows', 'layout'],
        s.tables.map((t) => [t.table, count(t.rows), t.layout]),
      ),
    );
    io.out(
      `\n${s.tables.length} tables, ${count(s.tables.reduce((a, t) => a + t.rows, 0))} rows: each table's current rows as published (every vintage only in trade_country_month_all and crossings_all); files, vintages and conflicts: frontera status --engine duckdb on the store it was published from`,
    );
    return 0;
  } finally {
    store.close();
  }
}
