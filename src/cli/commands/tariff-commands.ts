import type { Command } from 'commander';
import { Option } from 'commander';
import { tradeComposition } from '../../analytics/trade-composition.ts';
import { readFile } from 'node:fs/promises';
import { exampleScenarioText, parseScenarioText } from '../../tariffs/scenario-file.ts';
import { ScenarioError } from '../../tariffs/scenario-spec.ts';
import { tariffBaseline } from '../../tariffs/tariff-baseline.ts';
import { tariffScenario } from '../../tariffs/tariff-scenario.ts';
import {
  renderTariffLine,
  tariffLine,
  tariffLines,
  tariffLineTable,
} from '../../tariffs/tariff-line.ts';
import { tariffTable, type TariffResult } from '../../tariffs/tariff-table.ts';
import type { openForReading } from '../cli-context.ts';
import { UsageError, type CliIO } from '../cli-context.ts';
import { printResult, withOutput, type OutputOpts } from '../result-output.ts';
import { intOption } from '../parse-options.ts';
import { renderBaseline, renderComposition, renderScenario } from './render-tariff.ts';

function show<T extends TariffResult>(
  opts: OutputOpts,
  io: CliIO,
  compute: (store: Awaited<ReturnType<typeof openForReading>>) => Promise<T>,
  human: (r: T) => string,
): Promise<number> {
  return printResult(opts, io, compute, human, tariffTable);
}

/** `frontera tariff baseline|scenario` and `frontera composition`. */
export function registerTariffCommands(
  program: Command,
  io: CliIO,
  run: (f: () => Promise<number>) => Promise<void>,
): void {
  const tariff = program
    .command('tariff')
    .description(
      'the tariff engine: statutory duty line by line, against official figures and under scenarios',
    );
  withOutput(
    tariff
      .command('baseline')
      .description(
        "each partner's statutory duty by component (MFN, USMCA, Section 301, Section 232) against Census calculated duty, with the error by HS chapter",
      )
      .option('--year <year>', 'year of imports and tariff schedule', '2024')
      .option('--chapters <n>', 'HS chapters to list per partner', '8'),
  ).action((o: OutputOpts & { year: string; chapters: string }) =>
    run(() =>
      show(
        o,
        io,
        (s) => tariffBaseline(s, { year: intOption('--year', o.year, 1990, 2100) }),
        (b) => renderBaseline(b, intOption('--chapters', o.chapters, 0, 99)),
      ),
    ),
  );

  withOutput(
    tariff
      .command('scenario')
      .description(
        'added duty and new effective rates under layers of tariffs (a YAML or JSON file), by partner, HS chapter and product, and an estimate by US state and port for Mexico and Canada',
      )
      .argument('[file]', 'scenario file, YAML or JSON: name, year, layers; see --example')
      .addOption(
        new Option('--example [format]', 'print an example scenario file and exit').choices([
          'yaml',
          'json',
        ]),
      )
      .addHelpText(
        'after',
        `
Layers (applied in order on top of the baseline):
  {ratePct, partners?, products?: {chapters?, prefixes?, section301Lists?, section232?},
   exempt?: [usmca_claimed | ieepa_exempt | fentanyl_carveout]}   added ad valorem duty
  {kind: section232, ratePct, partners?, materials?: [steel, aluminum]}   Section 232 rate
Results: --json for everything, --csv for one table of partners, chapters, products and the
US state and port estimate (rows marked estimate=true).`,
      ),
  ).action((file: string | undefined, o: OutputOpts & { example?: boolean | string }) =>
    run(async () => {
      if (o.example) {
        io.out(exampleScenarioText(o.example === 'json' ? 'json' : 'yaml'));
        return 0;
      }
      if (!file)
        throw new UsageError('give a scenario file (frontera tariff scenario --example shows one)');
      const scenario = await readScenario(file);
      return show(o, io, (s) => tariffScenario(s, scenario), renderScenario);
    }),
  );
  withOutput(
    tariff
      .command('line')
      .description(
        'every duty component of one HTS10 line from a partner on a date, with its legal reference (e.g. 9903.88.03, U.S. note 20(f)), the exclusions that may apply with their product text, and the engine against Census duty for the year',
      )
      .argument('<hts10>', '10-digit HTS number, e.g. 8517620090')
      .requiredOption('--partner <partner>', 'china, mexico, canada, eu or a Schedule C code')
      .option('--date <date>', 'date (YYYY-MM-DD)', '2024-07-01'),
  ).action((hts10: string, o: OutputOpts & { partner: string; date: string }) =>
    run(() =>
      printResult(
        o,
        io,
        (s) => tariffLine(s, hts10, o.partner, o.date),
        renderTariffLine,
        tariffLineTable,
      ),
    ),
  );
  withOutput(
    tariff
      .command('lines')
      .description(
        'every HTS10 line a partner imported in a year: value, Section 301 heading and reference on 1 July, rates, engine duty and official duty (--json or --csv)',
      )
      .requiredOption('--partner <partner>', 'china, mexico, canada, eu or a Schedule C code')
      .option('--year <year>', 'year', '2024'),
  ).action((o: OutputOpts & { partner: string; year: string }) =>
    run(() => {
      if (!o.json && !o.csv) throw new UsageError('tariff lines prints --json or --csv');
      return printResult(
        o,
        io,
        (s) => tariffLines(s, o.partner, intOption('--year', o.year, 1990, 2100) ?? 2024),
        () => '',
        tariffLineTable,
      );
    }),
  );
  withOutput(
    program
      .command('composition')
      .description(
        "what a partner's trade is made of: shares by HS section and chapter, end use (intermediate, capital, consumption via BEC), and for Mexico and Canada the Grubel–Lloyd intra-industry index by chapter and US state",
      )
      .argument('<partner>', 'partner with product-level data: "mexico", "2010", "EU"')
      .option('--year <year>', 'year (default: latest full year loaded)')
      .addOption(
        new Option('--flow <flow>', 'flow')
          .choices(['import_consumption', 'import_general', 'export'])
          .default('import_consumption'),
      )
      .option('--chapters <n>', 'HS chapters to list', '10'),
  ).action((partner: string, o: OutputOpts & { year?: string; flow: string; chapters: string }) =>
    run(() =>
      show(
        o,
        io,
        (s) =>
          tradeComposition(s, partner, {
            year: intOption('--year', o.year, 1990, 2100),
            flow: o.flow,
          }),
        (c) => renderComposition(c, intOption('--chapters', o.chapters, 1, 99)),
      ),
    ),
  );
}

/** A scenario file, YAML or JSON; a bad file is a usage error naming line and field. */
async function readScenario(file: string) {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as Error).message}`);
  }
  try {
    return parseScenarioText(text, file);
  } catch (e) {
    if (e instanceof ScenarioError) throw new UsageError(e.message);
    throw e;
  }
}
