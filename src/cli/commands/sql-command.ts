import { readOnlySql, sandboxForSql } from '../../store/read-only-sql.ts';
import { dbPath, openForReading, type CliIO } from '../cli-context.ts';
import { formatCsv, formatTable } from '../format-table.ts';

/** Column types whose values are text, however many digits they hold. */
const TEXT_TYPE = /^(VARCHAR|BLOB|UUID|ENUM\b|BIT\b)/;

export async function sqlCommand(
  query: string,
  opts: { db?: string; json?: boolean; csv?: boolean },
  io: CliIO,
): Promise<number> {
  const store = await sandboxForSql(await openForReading(dbPath(opts.db, io), io));
  try {
    const r = await readOnlySql(store, query);
    const names = r.columns.map((c) => c.name);
    const rows = r.rows.map((row) => names.map((n) => row[n]));
    if (opts.json) io.out(JSON.stringify(r, null, 2));
    else if (opts.csv) io.out(formatCsv(names, rows));
    else {
      // Text prints as it is, so a code like '0207252000' stays a code; 64-bit integers also
      // arrive as digit strings and still print grouped, by their column type.
      const text = r.columns.map((c) => TEXT_TYPE.test(c.type));
      io.out(`${formatTable(names, rows, 60, { text })}\n(${rows.length} rows)`);
    }
    return 0;
  } finally {
    store.close();
  }
}
