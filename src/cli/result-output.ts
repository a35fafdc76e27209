import { Option, type Command } from 'commander';
import type { ResultTable } from '../analytics/result-table.ts';
import { ENGINE_HELP, openReadStore, type openForReading, type CliIO } from './cli-context.ts';
import { formatCsv } from './format-table.ts';
import { toJson } from './json-out.ts';

export const DB_HELP = 'database file (default: $FRONTERA_DB or .frontera/frontera.duckdb)';

export interface OutputOpts {
  db?: string;
  engine?: string;
  json?: boolean;
  csv?: boolean;
}

/** The options every result-printing command shares: --db, and --json or --csv. */
export function withOutput(cmd: Command): Command {
  return cmd
    .option('--db <path>', DB_HELP)
    .option('--engine <engine>', ENGINE_HELP)
    .addOption(new Option('--json', 'print as JSON (dollars as exact strings)').conflicts('csv'))
    .option('--csv', 'print the main table as CSV');
}

/**
 * Computes a result against the read-only store and prints it as asked: a human rendering,
 * JSON (bigints as strings), or the result's main table as CSV.
 */
export async function printResult<T extends object>(
  opts: OutputOpts,
  io: CliIO,
  compute: (store: Awaited<ReturnType<typeof openForReading>>) => Promise<T>,
  human: (r: T) => string,
  table: (r: T) => ResultTable,
): Promise<number> {
  const store = await openReadStore(opts, io);
  try {
    const r = await compute(store);
    const csv = () => {
      const t = table(r);
      return formatCsv(t.columns, t.rows);
    };
    io.out(opts.json ? toJson(r) : opts.csv ? csv() : human(r));
    return 0;
  } finally {
    store.close();
  }
}
