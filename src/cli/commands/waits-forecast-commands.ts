import { Option, type Command } from 'commander';
import type { BacktestResult } from '../../forecast/wait-backtest.ts';
import { ForecastRefusal } from '../../forecast/forecast-refusal.ts';
import type { WaitForecastResult } from '../../forecast/wait-forecast.ts';
import { ENGINE_HELP, openReadStore, UsageError, type CliIO } from '../cli-context.ts';
import { code, formatCsv, formatTable } from '../format-table.ts';
import { toJson } from '../json-out.ts';
import { intOption } from '../parse-options.ts';
import { DB_HELP } from '../result-output.ts';

/** `--at`, `--from`: ISO 8601 with Z or an offset; a bare date or date-time is read as UTC. */
export function timeOption(name: string, v: string): number {
  const m =
    /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2})(?::(\d{2}))?(?::(\d{2}))?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(
      v.trim(),
    );
  const ms = m
    ? Date.parse(`${m[1]}T${m[2] ?? '00'}:${m[3] ?? '00'}:${m[4] ?? '00'}${m[5] ?? 'Z'}`)
    : NaN;
  if (Number.isNaN(ms)) {
    throw new UsageError(
      `${name} must be a date or time like 2026-01-19 or 2026-01-19T14:00Z (UTC unless an offset is given), not ${JSON.stringify(v)}`,
    );
  }
  return ms;
}

export const FORECAST_CSV_COLUMNS = [
  'port_number',
  'crossing',
  'lane_type',
  'lane_kind',
  'hour_utc',
  'forecast_minutes',
  'low_minutes',
  'high_minutes',
];

export function forecastCsv(r: WaitForecastResult): string {
  const rows = r.lanes.flatMap((l) =>
    l.hours.map((h) => [
      code(l.portNumber),
      l.crossing,
      l.laneType,
      l.laneKind,
      h.hourUtc,
      h.forecastMinutes,
      h.lowMinutes,
      h.highMinutes,
    ]),
  );
  return formatCsv(FORECAST_CSV_COLUMNS, rows);
}

function sourcesText(r: {
  sources: WaitForecastResult['sources'];
  history: WaitForecastResult['history'];
}): string {
  const files = r.sources.map(
    (s) => `${s.folder}/: ${s.files.toLocaleString('en-US')} files, ${s.firstFile} … ${s.lastFile}`,
  );
  return [
    `History: readings observed ${r.history?.from ?? '–'} to ${r.history?.to ?? '–'}`,
    ...files.map((f) => `Source: ${f}`),
  ].join('\n');
}

function renderForecast(r: WaitForecastResult): string {
  const out = [
    `Wait-time forecast for ${r.asked}, ${r.from} to ${r.to} (UTC), from readings published before ${r.origin}`,
    '',
  ];
  for (const l of r.lanes) {
    out.push(
      `${l.portNumber} ${l.crossing} — ${l.laneType} ${l.laneKind} (local time ${l.zone}; profile on ${l.profileReadings} hourly readings; recent level ${l.recentLevel >= 0 ? '+' : ''}${l.recentLevel} min)`,
    );
    out.push(
      formatTable(
        ['hour (UTC)', 'forecast min', '80% low', '80% high', 'holiday'],
        l.hours.map((h) => [
          h.hourUtc,
          h.forecastMinutes.toFixed(1),
          h.lowMinutes.toFixed(1),
          h.highMinutes.toFixed(1),
          h.holidays.join('; '),
        ]),
      ),
    );
    out.push('');
  }
  out.push(`Model: ${r.model}`);
  for (const n of r.notes) out.push(`Note: ${n}`);
  out.push(sourcesText(r));
  return out.join('\n');
}

const f2 = (x: number) => (Number.isNaN(x) ? '' : x.toFixed(2));
const pct = (x: number) => (Number.isNaN(x) ? '' : `${(x * 100).toFixed(1)}%`);

export function renderBacktest(r: BacktestResult): string {
  const cols = [
    'crossing',
    'name',
    'lane',
    'hours',
    'MAE',
    'MAE hist.avg',
    'MAE last',
    'RMSE',
    'RMSE hist.avg',
    'RMSE last',
    '80% cover',
  ];
  const rows = r.rows.map((x) => [
    code(x.portNumber),
    x.crossing,
    `${x.laneType} ${x.laneKind}`,
    x.forecasts,
    f2(x.model.mae),
    f2(x.historicalAverage.mae),
    f2(x.lastValue.mae),
    f2(x.model.rmse),
    f2(x.historicalAverage.rmse),
    f2(x.lastValue.rmse),
    pct(x.coverage),
  ]);
  const o = r.overall;
  rows.push([
    'all',
    '',
    '',
    o.forecasts,
    f2(o.model.mae),
    f2(o.historicalAverage.mae),
    f2(o.lastValue.mae),
    f2(o.model.rmse),
    f2(o.historicalAverage.rmse),
    f2(o.lastValue.rmse),
    pct(o.coverage),
  ]);
  const g = r.goal;
  return [
    `Backtest: trained on readings published before ${r.trainUntil}; ${r.origins.count} origins ${r.origins.first} … ${r.origins.last}, each forecasting ${r.horizonHours} hours; ${r.crossings.length} crossings (most readings before ${r.trainUntil})`,
    'Baselines: hist.avg = CBP-style month × weekday × hour mean of the training readings; last = last published reading carried forward',
    '',
    formatTable(cols, rows),
    '',
    `Goal (${g.target}): MAE ${g.maeBelowBetterBaselinePct.toFixed(1)}% below the better baseline (${g.maeMet ? 'met' : 'NOT met'}), coverage ${pct(o.coverage)} (${g.coverageMet ? 'met' : 'NOT met'}) — ${g.met ? 'goal met' : 'goal NOT met'}`,
    ...r.notes.map((n) => `Note: ${n}`),
    sourcesText(r),
  ].join('\n');
}

/** Attaches `forecast` and `backtest` to a `waits` command group. */
export function registerWaitsForecastCommands(
  waits: Command,
  io: CliIO,
  run: (f: () => Promise<number>) => Promise<void>,
): void {
  waits
    .command('forecast')
    .description(
      'hourly wait forecast with an 80% interval for every lane of a CBP crossing or port, learned from the loaded readings',
    )
    .argument('<place>', 'CBP crossing number (250401) or port (San Ysidro, 2504)')
    .option(
      '--lane <lanes...>',
      'lanes: passenger, passenger:ready, commercial:fast … (default: every lane)',
    )
    .option('--at <time>', 'one hour (UTC unless an offset is given)')
    .option('--from <time>', 'first hour')
    .option('--to <time>', 'last hour (at most 7 days past the origin)')
    .option('--as-of <time>', 'forecast as if at this time: only readings published before it')
    .option('--db <path>', DB_HELP)
    .option('--engine <engine>', ENGINE_HELP)
    .addOption(new Option('--json', 'print as JSON').conflicts('csv'))
    .option('--csv', `one row per crossing, lane and hour: ${FORECAST_CSV_COLUMNS.join(', ')}`)
    .action(
      (
        place: string,
        o: {
          lane?: string[];
          at?: string;
          from?: string;
          to?: string;
          asOf?: string;
          db?: string;
          engine?: string;
          json?: boolean;
          csv?: boolean;
        },
      ) =>
        run(async () => {
          if (o.at !== undefined && (o.from !== undefined || o.to !== undefined))
            throw new UsageError('give --at, or --from and --to, not both');
          if (o.at === undefined && (o.from === undefined || o.to === undefined))
            throw new UsageError('give --at T, or --from T1 --to T2');
          const fromMs = timeOption(o.at !== undefined ? '--at' : '--from', o.at ?? o.from!);
          const toMs = o.at !== undefined ? fromMs : timeOption('--to', o.to!);
          const asOfMs = o.asOf !== undefined ? timeOption('--as-of', o.asOf) : undefined;
          const store = await openReadStore(o, io);
          try {
            const { waitForecast } = await import('../../forecast/wait-forecast.ts');
            const r = await waitForecast(store, { place, lanes: o.lane, fromMs, toMs, asOfMs });
            io.out(o.json ? toJson(r) : o.csv ? forecastCsv(r) : renderForecast(r));
            return 0;
          } catch (e) {
            if (e instanceof ForecastRefusal) {
              io.err(`frontera: ${e.message}`);
              return 1;
            }
            throw e;
          } finally {
            store.close();
          }
        }),
    );

  waits
    .command('backtest')
    .description(
      'replay the loaded history: forecast from rolling origins after --train-until and score against CBP-style averages and the last reading',
    )
    .requiredOption(
      '--train-until <date>',
      'first origin: the model and baselines learn from readings published before it',
    )
    .addOption(
      new Option('--horizon <h>', 'hours forecast from each origin')
        .choices(['24h', '7d'])
        .default('24h'),
    )
    .option('--crossings <n>', 'the N crossings with the most readings before --train-until', '15')
    .option('--until <date>', 'score readings up to here (default: the newest)')
    .option('--db <path>', DB_HELP)
    .option('--engine <engine>', ENGINE_HELP)
    .option('--json', 'print as JSON')
    .action(
      (o: {
        trainUntil: string;
        horizon: string;
        crossings: string;
        until?: string;
        db?: string;
        engine?: string;
        json?: boolean;
      }) =>
        run(async () => {
          const trainUntilMs = timeOption('--train-until', o.trainUntil);
          const untilMs = o.until !== undefined ? timeOption('--until', o.until) : undefined;
          const crossings = intOption('--crossings', o.crossings, 1, 200)!;
          const store = await openReadStore(o, io);
          try {
            const { waitBacktest } = await import('../../forecast/wait-backtest.ts');
            const r = await waitBacktest(store, {
              trainUntilMs,
              untilMs,
              horizonHours: o.horizon === '7d' ? 168 : 24,
              crossings,
            });
            io.out(o.json ? toJson(r) : renderBacktest(r));
            return 0;
          } catch (e) {
            if (e instanceof ForecastRefusal) {
              io.err(`frontera: ${e.message}`);
              return 1;
            }
            throw e;
          } finally {
            store.close();
          }
        }),
    );
}
