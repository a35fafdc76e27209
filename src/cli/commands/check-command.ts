import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { Option } from 'commander';
import { ENGINE_HELP, openReadStore, UsageError, type CliIO } from '../cli-context.ts';
import { toJson } from '../json-out.ts';
import { DB_HELP } from '../result-output.ts';
import { isCalendarDate } from '../../model/calendar-date.ts';

interface CheckOpts {
  db?: string;
  engine?: string;
  file?: string;
  asOf?: string;
  json?: boolean;
  format?: 'table' | 'json' | 'markdown';
  lang?: 'en' | 'es';
}

export function registerCheckCommand(
  program: Command,
  io: CliIO,
  run: (f: () => Promise<number>) => Promise<void>,
): void {
  program
    .command('check')
    .description(
      'check a numeric trade statement in English or Spanish against the loaded data: verdict, computed figures, tolerance, query and sources; --file checks every statement of a text',
    )
    .argument('[statement]', 'the statement, in quotes')
    .option('--file <path>', 'a text (article, notes): check every numeric statement in it')
    .option(
      '--as-of <YYYY-MM-DD>',
      'when the statement was made: "last year" counts from it (default: today)',
    )
    .addOption(
      new Option(
        '--lang <lang>',
        "language of the explanation, rule and reasons (default: the statement's own)",
      ).choices(['en', 'es']),
    )
    .option('--db <path>', DB_HELP)
    .option('--engine <engine>', ENGINE_HELP)
    .option('--json', 'print as JSON (dollars and counts as exact strings)')
    .addOption(
      new Option('--format <format>', 'output format (default: table)').choices([
        'table',
        'json',
        'markdown',
      ]),
    )
    .action((statement: string | undefined, o: CheckOpts) =>
      run(() => checkCommand(statement, o, io)),
    );
}

async function checkCommand(
  statement: string | undefined,
  o: CheckOpts,
  io: CliIO,
): Promise<number> {
  if ((statement === undefined) === (o.file === undefined))
    throw new UsageError('give one statement in quotes, or --file with a text to check');
  if (o.asOf !== undefined && !isCalendarDate(o.asOf))
    throw new UsageError(
      `--as-of must look like 2023-03-15 and be a day of the calendar, not ${JSON.stringify(o.asOf)}`,
    );
  const asOf = o.asOf ?? io.now().toISOString().slice(0, 10);
  const format = o.json ? 'json' : (o.format ?? 'table');
  const text = o.file === undefined ? undefined : await readText(o.file);
  // The claims layer loads only for this command.
  const [{ checkStatement }, { checkText }, { renderCheck, renderTextMarkdown, renderTextTable }] =
    await Promise.all([
      import('../../claims/check-statement.ts'),
      import('../../claims/check-text.ts'),
      import('./check-render.ts'),
    ]);
  const store = await openReadStore(o, io);
  try {
    if (text === undefined) {
      const r = await checkStatement(store, statement!, { asOf, lang: o.lang });
      if (format === 'markdown') {
        const summary = {
          accurate: 0,
          approximately_accurate: 0,
          inaccurate: 0,
          not_verifiable: 0,
        };
        summary[r.verdict]++;
        const one = { kind: 'text-check' as const, asOf: r.asOf, pieces: 1, summary };
        io.out(renderTextMarkdown({ ...one, checks: [{ ...r, line: 1, bullet: false }] }));
      } else io.out(format === 'json' ? toJson(r) : renderCheck(r));
    } else {
      const r = await checkText(store, text, { asOf, lang: o.lang });
      io.out(
        format === 'json'
          ? toJson(r)
          : format === 'markdown'
            ? renderTextMarkdown(r)
            : renderTextTable(r),
      );
    }
    return 0;
  } finally {
    store.close();
  }
}

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read --file ${path}: ${(e as Error).message}`);
  }
}
