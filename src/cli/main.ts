import { Command, CommanderError, Option } from 'commander';
import { CoverageError, LookupError } from '../analytics/lookup-error.ts';
import { InputError } from '../model/input-error.ts';
import { StoreBusyError } from '../store/store-busy-error.ts';
import { EngineRefusal } from '../store/engine-refusal.ts';
import { ReadOnlyViolation } from '../store/read-only-violation.ts';
import { defaultIO, ENGINE_HELP, UsageError, type CliIO } from './cli-context.ts';
import { registerAnalysisCommands } from './commands/analysis-commands.ts';
import { registerCheckCommand } from './commands/check-command.ts';
import { registerPublishCommand } from './commands/publish-command.ts';
import { registerServeCommand } from './commands/serve-command.ts';
import { registerTariffCommands } from './commands/tariff-commands.ts';
import { registerSyncCommands } from './commands/sync-commands.ts';
import { registerWaitsCommands } from './commands/waits-commands.ts';
import { registerWaitsForecastCommands } from './commands/waits-forecast-commands.ts';
import { DB_HELP } from './result-output.ts';

/**
 * A reader that stops early (`frontera status | head -1`) closes the pipe: the command ends
 * there, quietly and successfully, instead of dying on EPIPE with a stack trace.
 */
export function endQuietlyOnClosedPipe(
  streams: NodeJS.WritableStream[] = [process.stdout, process.stderr],
  exit: (code: number) => void = (code) => process.exit(code),
): void {
  for (const s of streams) {
    s.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') return exit(0);
      throw e;
    });
  }
}

/**
 * The `frontera` command line; returns the exit code instead of exiting, for tests. Without
 * an `io` it writes to the process's own stdout and stderr.
 */
export async function main(argv: string[], given?: CliIO): Promise<number> {
  if (!given) endQuietlyOnClosedPipe();
  const io = given ?? defaultIO();
  let code = 0;
  const run = (f: () => Promise<number>) => async () => {
    code = await f();
  };
  const program = new Command('frontera')
    .description('Trade and border intelligence for North America from official statistics')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
    .showHelpAfterError();

  program
    .command('ingest')
    .description(
      'load official files or whole folders (default: $FRONTERA_DATA or ../shared/data); each file is recognised by its content and loaded in one transaction',
    )
    .argument('[paths...]', 'files or folders')
    .option('--db <path>', DB_HELP)
    .option('--json', 'print the report as JSON (no progress bar)')
    .action((paths: string[], opts) =>
      run(async () =>
        (await import('./commands/ingest-command.ts')).ingestCommand(paths, opts, io),
      )(),
    );

  program
    .command('status')
    .description('what is loaded: each source, its vintages, periods covered and row counts')
    .option('--db <path>', DB_HELP)
    .option('--json', 'print as JSON (every file, always)')
    .option('--files', 'list every file, also those of a recorded feed summed into one line')
    .option('--engine <engine>', ENGINE_HELP)
    .action((opts) =>
      run(async () => (await import('./commands/status-command.ts')).statusCommand(opts, io))(),
    );

  program
    .command('sql')
    .description(
      'run read-only SQL over the model (tables show the current vintage; <table>_all has every vintage)',
    )
    .argument(
      '<query>',
      'SQL query (ClickHouse SQL with --engine clickhouse://…, run with readonly=1)',
    )
    .option('--db <path>', DB_HELP)
    .option('--engine <engine>', ENGINE_HELP)
    .addOption(new Option('--json', 'print as JSON (64-bit integers as strings)').conflicts('csv'))
    .option('--csv', 'print as CSV')
    .action((query: string, opts) =>
      run(async () => (await import('./commands/sql-command.ts')).sqlCommand(query, opts, io))(),
    );

  program
    .command('export')
    .description('write a table to Parquet or CSV')
    .argument('<table>', 'table or view name, e.g. trade_country_month')
    .option('--db <path>', DB_HELP)
    .addOption(
      new Option('--format <format>', 'output format')
        .choices(['parquet', 'csv'])
        .default('parquet'),
    )
    .option('--out <file>', 'output file (default: <table>.<format>)')
    .option('--engine <engine>', ENGINE_HELP)
    .action((table: string, opts) =>
      run(async () =>
        (await import('./commands/export-command.ts')).exportCommand(table, opts, io),
      )(),
    );

  registerAnalysisCommands(program, io, (f) => run(f)());
  registerCheckCommand(program, io, (f) => run(f)());
  registerServeCommand(program, io, (f) => run(f)());
  registerPublishCommand(program, io, (f) => run(f)());
  registerTariffCommands(program, io, (f) => run(f)());
  registerSyncCommands(program, io, (f) => run(f)());
  registerWaitsForecastCommands(
    registerWaitsCommands(program, io, (f) => run(f)()),
    io,
    (f) => run(f)(),
  );

  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.code === 'commander.helpDisplayed' || e.code === 'commander.version' ? 0 : 2;
    }
    if (e instanceof UsageError || e instanceof ReadOnlyViolation) {
      io.err(`frontera: ${e.message}`);
      return 2;
    }
    if (e instanceof EngineRefusal) {
      const command = argv.slice(0, argv.findIndex((a) => a.startsWith('-')) >>> 0).slice(0, 3);
      io.err(`frontera: ${e.naming(command.join(' ')).message}`);
      return 1;
    }
    if (e instanceof LookupError || e instanceof CoverageError) {
      io.err(`frontera: ${e.message}`);
      return 1;
    }
    if (e instanceof StoreBusyError) {
      io.err(`frontera: ${e.message}`);
      return 1;
    }
    if (e instanceof InputError) {
      io.err(`frontera: ${e.message}`);
      return 1;
    }
    io.err(`frontera: ${(e as Error).message}`);
    return 1;
  }
}
