import { runQuery } from '../analytics/compiled-query.ts';
import type { Store } from '../store/open-store.ts';
import { HistoricalAverage, lastObserved } from './baselines.ts';
import {
  CALIBRATION_STEP_HOURS,
  forecastWithInterval,
  type ForecastCache,
} from './forecast-interval.ts';
import { MODEL_PARAMS, type ModelParams } from './forecast-model.ts';
import { busiestCrossingsQuery } from './forecast-queries.ts';
import { loadLaneHistory, type SourceSummary } from './lane-history.ts';
import { HOUR_MS, type LaneKey, type LaneSeries } from './lane-series.ts';
import { ForecastRefusal } from './forecast-refusal.ts';
import { MIN_PROFILE_READINGS } from './forecast-limits.ts';

export interface Scores {
  n: number;
  mae: number;
  rmse: number;
}

export interface BacktestRow extends LaneKey {
  crossing: string;
  forecasts: number;
  model: Scores;
  /** Share of readings inside the model's 80% interval. */
  coverage: number;
  historicalAverage: Scores;
  lastValue: Scores;
}

export interface BacktestResult {
  kind: 'wait-backtest';
  trainUntil: string;
  horizonHours: number;
  originStepHours: number;
  origins: { count: number; first: string; last: string };
  /** The hours scored: readings observed from the first origin to the end of the last horizon. */
  scored: { from: string; to: string };
  crossings: { portNumber: string; name: string; readingsBeforeTrainUntil: number }[];
  rows: BacktestRow[];
  overall: Omit<BacktestRow, keyof LaneKey | 'crossing'>;
  goal: {
    maeBelowBetterBaselinePct: number;
    target: string;
    met: boolean;
    coverageMet: boolean;
    maeMet: boolean;
  };
  sources: SourceSummary[];
  history: { from: string; to: string } | null;
  notes: string[];
}

class Acc {
  n = 0;
  abs = 0;
  sq = 0;
  add(err: number) {
    this.n++;
    this.abs += Math.abs(err);
    this.sq += err * err;
  }
  scores(): Scores {
    return {
      n: this.n,
      mae: this.n ? this.abs / this.n : NaN,
      rmse: this.n ? Math.sqrt(this.sq / this.n) : NaN,
    };
  }
}

export interface BacktestOptions {
  trainUntilMs: number;
  horizonHours: number;
  crossings?: number;
  /** Crossings by CBP number instead of the busiest. */
  portNumbers?: string[];
  /** Score only up to here (default: the newest reading). */
  untilMs?: number;
  params?: ModelParams;
}

/**
 * Replays history with a rolling origin every 6 hours from `trainUntil`: at each origin the
 * model and both baselines see only readings published before it and forecast the next
 * `horizonHours` hours, scored against the readings later observed.
 */
export async function waitBacktest(store: Store, o: BacktestOptions): Promise<BacktestResult> {
  const params = o.params ?? MODEL_PARAMS;
  const trainIso = isoUtc(o.trainUntilMs);
  const crossings = await busiestCrossings(store, o.trainUntilMs, o.crossings ?? 15, o.portNumbers);
  const history = await loadLaneHistory(
    store,
    crossings.map((c) => c.portNumber),
  );
  const lastHour = Math.max(...history.lanes.map((s) => s.firstHour + s.final.length - 1));
  const endHour = Math.min(lastHour + 1, o.untilMs ? Math.floor(o.untilMs / HOUR_MS) : Infinity);
  const firstOrigin =
    Math.ceil(o.trainUntilMs / HOUR_MS / CALIBRATION_STEP_HOURS) * CALIBRATION_STEP_HOURS;
  // Origins whose horizon holds readings: a stray later file (one RSS pull months on) must not
  // add months of empty origins.
  const readingHours = new Set<number>();
  for (const s of history.lanes)
    s.final.forEach((v, i) => {
      if (!Number.isNaN(v) && s.firstHour + i >= firstOrigin) readingHours.add(s.firstHour + i);
    });
  const origins: number[] = [];
  for (let t = firstOrigin; t + o.horizonHours <= endHour; t += CALIBRATION_STEP_HOURS) {
    let any = 0;
    for (let k = 0; k < o.horizonHours && any < o.horizonHours / 2; k++)
      if (readingHours.has(t + k)) any++;
    if (any >= o.horizonHours / 2) origins.push(t);
  }
  if (origins.length === 0) {
    throw new ForecastRefusal(
      `no ${o.horizonHours}-hour window after ${trainIso} is covered by the loaded readings (newest ${isoUtc(lastHour * HOUR_MS)})`,
    );
  }
  const rows: BacktestRow[] = [];
  const all = { m: new Acc(), a: new Acc(), b: new Acc(), inside: 0 };
  for (const s of history.lanes) {
    const row = scoreLane(s, origins, o.horizonHours, params);
    if (!row) continue;
    rows.push({
      ...s.key,
      crossing: crossings.find((c) => c.portNumber === s.key.portNumber)?.name ?? '',
      ...row.row,
    });
    for (const [acc, from] of [
      [all.m, row.m],
      [all.a, row.a],
      [all.b, row.b],
    ] as const) {
      acc.n += from.n;
      acc.abs += from.abs;
      acc.sq += from.sq;
    }
    all.inside += row.inside;
  }
  if (rows.length === 0) {
    throw new ForecastRefusal(
      `no lane of the ${crossings.length} crossings had ${MIN_PROFILE_READINGS} hourly readings in the ${params.windowWeeks} weeks before ${trainIso}; the loaded history runs ${history.span?.from ?? '–'} to ${history.span?.to ?? '–'}`,
    );
  }
  const model = all.m.scores();
  const better = Math.min(all.a.scores().mae, all.b.scores().mae);
  const pct = (1 - model.mae / better) * 100;
  const coverage = all.m.n ? all.inside / all.m.n : NaN;
  const coverageMet = coverage >= 0.75 && coverage <= 0.85;
  return {
    kind: 'wait-backtest',
    trainUntil: trainIso,
    horizonHours: o.horizonHours,
    originStepHours: CALIBRATION_STEP_HOURS,
    origins: {
      count: origins.length,
      first: isoUtc(origins[0]! * HOUR_MS),
      last: isoUtc(origins.at(-1)! * HOUR_MS),
    },
    scored: {
      from: isoUtc(origins[0]! * HOUR_MS),
      to: isoUtc((origins.at(-1)! + o.horizonHours) * HOUR_MS),
    },
    crossings,
    rows,
    overall: {
      forecasts: all.m.n,
      model,
      coverage,
      historicalAverage: all.a.scores(),
      lastValue: all.b.scores(),
    },
    goal: {
      maeBelowBetterBaselinePct: pct,
      target: 'MAE at least 15% below the better baseline, 80% interval covering 75–85%',
      met: pct >= 15 && coverageMet,
      maeMet: pct >= 15,
      coverageMet,
    },
    sources: history.sources,
    history: history.span,
    notes: [
      `rolling origin every ${CALIBRATION_STEP_HOURS} hours; each origin's model and baselines use only readings published (snapshot_at) before it`,
      'scores pool every hour with a reading in each horizon; baselines are scored on the same hours as the model',
    ],
  };
}

function scoreLane(s: LaneSeries, origins: number[], horizon: number, params: ModelParams) {
  const m = new Acc();
  const a = new Acc();
  const b = new Acc();
  let inside = 0;
  const avg = new HistoricalAverage(s);
  const caches: ForecastCache[] = [];
  for (const t of origins) {
    const originMs = t * HOUR_MS;
    const f = forecastWithInterval(s, originMs, horizon, caches, params);
    if (f.samples < MIN_PROFILE_READINGS) continue;
    avg.advance(originMs);
    const last = lastObserved(s, originMs);
    for (let k = 0; k < horizon; k++) {
      const i = t + k - s.firstHour;
      const actual = i >= 0 && i < s.final.length ? s.final[i]! : NaN;
      const fc = f.minutes[k]!;
      const fa = avg.forecast(t + k);
      if (Number.isNaN(actual) || Number.isNaN(fc) || Number.isNaN(fa) || Number.isNaN(last))
        continue;
      m.add(actual - fc);
      a.add(actual - fa);
      b.add(actual - last);
      if (actual >= f.low[k]! && actual <= f.high[k]!) inside++;
    }
  }
  if (m.n === 0) return undefined;
  return {
    m,
    a,
    b,
    inside,
    row: {
      forecasts: m.n,
      model: m.scores(),
      coverage: inside / m.n,
      historicalAverage: a.scores(),
      lastValue: b.scores(),
    },
  };
}

/** The crossings with the most readings (with a wait) published before `beforeMs`. */
async function busiestCrossings(store: Store, beforeMs: number, n: number, only?: string[]) {
  const rows = await runQuery(store, busiestCrossingsQuery(new Date(beforeMs).toISOString()));
  const all = rows.map((r) => ({
    portNumber: String(r.port_number),
    name: String(r.name),
    readingsBeforeTrainUntil: Number(r.n),
  }));
  return only ? all.filter((c) => only.includes(c.portNumber)) : all.slice(0, n);
}

const isoUtc = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
