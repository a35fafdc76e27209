import type { Command } from 'commander';
import { resultTable } from '../../analytics/result-table.ts';
import type { CliIO } from '../cli-context.ts';
import { intOption } from '../parse-options.ts';
import { printResult, withOutput, type OutputOpts } from '../result-output.ts';
import {
  renderWaitCompare,
  renderWaitHistory,
  renderWaitNow,
  renderWaitProfile,
} from './waits-render.ts';

const PLACE_HELP =
  'port (Schedule D code or name: 2304, "Laredo") or CBP crossing (number or name: 230404, "World Trade Bridge")';
const LANE_HELP =
  'lane(s), comma-separated or repeated: commercial/standard, commercial/fast, passenger/standard, passenger/sentri, passenger/ready, pedestrian/standard, pedestrian/ready; or a type (passenger) or kind (ready)';
const collect = (v: string, prev: string[] = []) => [...prev, v];

type WaitOpts = OutputOpts & { lane?: string[]; from?: string; to?: string };

/**
 * The `waits` command group (CBP wait times from the recorded history). Returned so other
 * files can attach subcommands to the same group (forecast, backtest). Each analysis module is
 * imported when its command runs.
 */
export function registerWaitsCommands(
  program: Command,
  io: CliIO,
  run: (f: () => Promise<number>) => Promise<void>,
): Command {
  const waits = program
    .command('waits')
    .description(
      'CBP border wait times from the loaded history: hourly series, typical waits, crossings compared, latest against typical',
    );
  const period = (c: Command) =>
    c
      .option('--lane <lane>', LANE_HELP, collect)
      .option(
        '--from <date>',
        "first day (YYYY-MM-DD) or local time (YYYY-MM-DDTHH:MM), in the port's zone",
      )
      .option('--to <date>', 'last day (included) or local time (excluded)');

  withOutput(
    period(
      waits
        .command('history')
        .description(
          'hourly series per crossing and lane (mean of the readings in each UTC hour; hours without a reading are gaps), with the latest reading against the typical one; default: the last 7 days loaded',
        )
        .argument('<place>', PLACE_HELP),
    ),
  ).action((place: string, o: WaitOpts) =>
    run(() =>
      printResult(
        o,
        io,
        async (s) =>
          (await import('../../analytics/wait-history.ts')).waitHistory(s, place, {
            lanes: o.lane,
            from: o.from,
            to: o.to,
          }),
        renderWaitHistory,
        resultTable,
      ),
    ),
  );

  withOutput(
    period(
      waits
        .command('profile')
        .description(
          'typical wait by local hour of week and by month: median, 80th percentile and counts, per crossing and lane',
        )
        .argument('<place>', PLACE_HELP)
        .option('--min-hours <n>', 'show a cell only with at least this many hourly values', '8'),
    ),
  ).action((place: string, o: WaitOpts & { minHours: string }) =>
    run(() =>
      printResult(
        o,
        io,
        async (s) =>
          (await import('../../analytics/wait-profile.ts')).waitProfile(s, place, {
            lanes: o.lane,
            from: o.from,
            to: o.to,
            minHours: intOption('--min-hours', o.minHours, 1, 1000),
          }),
        renderWaitProfile,
        resultTable,
      ),
    ),
  );

  withOutput(
    waits
      .command('compare')
      .description(
        "a border city's crossings side by side at a local hour of week (San Diego: San Ysidro and Otay Mesa; El Paso's bridges; Laredo's): median, 80th percentile, counts, fastest first",
      )
      .argument('<city>', 'city ("San Diego", "El Paso", "Tijuana") or port')
      .option('--at <when>', 'weekday and local time, e.g. "monday 07:00" (default: now)')
      .option('--lane <lane>', LANE_HELP, collect),
  ).action((city: string, o: OutputOpts & { at?: string; lane?: string[] }) =>
    run(() =>
      printResult(
        o,
        io,
        async (s) =>
          (await import('../../analytics/wait-compare.ts')).waitCompare(s, city, {
            at: o.at,
            lanes: o.lane,
            asOf: io.now(),
          }),
        renderWaitCompare,
        resultTable,
      ),
    ),
  );

  withOutput(
    waits
      .command('now')
      .description(
        "each crossing and lane's latest loaded reading against the typical wait at that hour of week, and the best hour to cross in the next 24 hours by history",
      )
      .argument('<place>', PLACE_HELP)
      .option('--lane <lane>', LANE_HELP, collect),
  ).action((place: string, o: OutputOpts & { lane?: string[] }) =>
    run(() =>
      printResult(
        o,
        io,
        async (s) =>
          (await import('../../analytics/wait-now.ts')).waitNow(s, place, {
            lanes: o.lane,
            asOf: io.now(),
          }),
        renderWaitNow,
        resultTable,
      ),
    ),
  );
  return waits;
}
