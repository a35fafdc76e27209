import { readOnlySql, sandboxForSql, type SqlResult } from '../../store/read-only-sql.ts';
import { dbPath, engineOf, openForReading, openReadStore, type CliIO } from '../cli-context.ts';
import { code, formatCsv, formatTable } from '../format-table.ts';

export async function sqlCommand(
  query: string,
  opts: { db?: string; engine?: string; json?: boolean; csv?: boolean },
  io: CliIO,
): Promise<number> {
  // On ClickHouse the query is ClickHouse SQL, run there read-only (clickhouse-sql-console.ts).
  const onClickHouse = engineOf(opts, io) !== 'duckdb';
  const store = onClickHouse
    ? await openReadStore(opts, io)
    : await sandboxForSql(await openForReading(dbPath(opts.db, io), io));
  try {
    const r: SqlResult = onClickHouse
      ? await (await import('../../store/clickhouse-sql-console.ts')).clickhouseSql(store, query)
      : await readOnlySql(store, query);
    const names = r.columns.map((c) => c.name);
    const rows = r.rows.map((row) => names.map((n) => row[n]));
    if (opts.json) io.out(JSON.stringify(r, null, 2));
    else if (opts.csv) io.out(formatCsv(names, rows));
    else {
      // Text columns hold codes (port 070801, crossing 230103): shown as stored, not as numbers.
      const text = r.columns.map((c) =>
        /^(VARCHAR|(Nullable\()?(String|FixedString\(\d+\)))\)?$/.test(c.type),
      );
      const shown = rows.map((row) =>
        row.map((v, i) => (text[i] && typeof v === 'string' ? code(v) : v)),
      );
      io.out(`${formatTable(names, shown)}\n(${rows.length} rows)`);
    }
    return 0;
  } finally {
    store.close();
  }
}
