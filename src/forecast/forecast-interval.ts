import {
  MODEL_PARAMS,
  pointForecast,
  type ModelParams,
  type PointForecast,
} from './forecast-model.ts';
import { HOUR_MS, knownValue, type LaneSeries } from './lane-series.ts';

/** Calibration origins are every 6 hours (UTC) over the 21 days before the forecast's origin. */
export const CALIBRATION_STEP_HOURS = 6;
export const CALIBRATION_DAYS = 21;
/** Hours-ahead buckets the interval is calibrated in (upper bounds, inclusive). */
export const HORIZON_BUCKETS = [3, 12, 24, 72, 168] as const;
/** The interval's quantiles of past errors: 10th and 90th, an 80% interval. */
export const INTERVAL_QUANTILES = [0.1, 0.9] as const;

export const bucketOf = (k: number) => HORIZON_BUCKETS.findIndex((b) => k <= b);

/** Past forecasts of one lane at calibration origins (hour index → forecast), shared across asks. */
export type ForecastCache = Map<number, PointForecast>;

export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/**
 * The errors (reading − forecast) the model made from calibration origins before `originMs`,
 * by horizon bucket, counting only readings already published at `originMs`: the interval is
 * the 10th to 90th percentile of the model's own recent out-of-sample errors at that horizon.
 */
export function recentErrors(
  s: LaneSeries,
  originMs: number,
  horizon: number,
  cache: ForecastCache = new Map(),
  p: ModelParams = MODEL_PARAMS,
  /** Filled, when given, with each bucket's log ratios (reading + offset) ÷ (forecast + offset). */
  logRatios?: number[][],
): number[][] {
  const originHour = Math.ceil(originMs / HOUR_MS);
  const errors: number[][] = HORIZON_BUCKETS.map(() => []);
  if (logRatios) for (let b = 0; b < HORIZON_BUCKETS.length; b++) logRatios[b] = [];
  const first = originHour - CALIBRATION_DAYS * 24;
  const start = Math.ceil(first / CALIBRATION_STEP_HOURS) * CALIBRATION_STEP_HOURS;
  for (let o = start; o < originHour; o += CALIBRATION_STEP_HOURS) {
    if (o < s.firstHour + 7 * 24) continue;
    const span = Math.min(horizon, originHour - o);
    let f = cache.get(o);
    if (!f || f.hours.length < span) {
      f = pointForecast(s, o * HOUR_MS, Math.max(span, f?.hours.length ?? 0), p);
      cache.set(o, f);
    }
    for (let k = 0; k < span; k++) {
      const actual = knownValue(s, o + k, originMs);
      const fc = f.minutes[k]!;
      if (Number.isNaN(actual) || Number.isNaN(fc)) continue;
      errors[bucketOf(k + 1)]!.push(actual - fc);
      logRatios?.[bucketOf(k + 1)]!.push(Math.log((actual + p.slowOffset) / (fc + p.slowOffset)));
    }
  }
  for (const e of errors) e.sort((a, b) => a - b);
  for (const e of logRatios ?? []) e.sort((a, b) => a - b);
  return errors;
}

export interface IntervalForecast extends PointForecast {
  low: number[];
  high: number[];
  /** Past errors the interval of each hour rests on. */
  errorCounts: number[];
  /** The long-run blend weight this lane's recent errors chose. */
  longRunWeight: number;
}

/** Point forecast and 80% interval for `horizon` hours from `originMs`. */
export function forecastWithInterval(
  s: LaneSeries,
  originMs: number,
  horizon: number,
  caches: ForecastCache[] = [],
  base: ModelParams = MODEL_PARAMS,
): IntervalForecast {
  // Each lane takes the blend weight whose forecasts erred least (mean absolute error) over
  // the calibration origins of the last 21 days, at the horizons asked (or, with
  // blendPerBucket, in each horizon bucket apart): San Ysidro's noisy lanes lean on the
  // long-run mean, lanes that changed lately on the recent profile.
  const buckets = bucketOf(Math.min(horizon, 168)) + 1;
  const candidates = base.variants.flatMap((v) =>
    base.blendWeights.map((w): ModelParams => ({ ...base, ...v, longRunWeight: w })),
  );
  const tried = candidates.map((p, i) => {
    const cache = (caches[i] ??= new Map());
    const logRatios: number[][] = [];
    const errors = recentErrors(
      s,
      originMs,
      horizon,
      cache,
      p,
      base.biasShare > 0 && base.biasMode === 'mul' ? logRatios : undefined,
    );
    return { p, errors, logRatios };
  });
  const maeOf = (errs: number[]) =>
    errs.length ? errs.reduce((a, e) => a + Math.abs(e), 0) / errs.length : Infinity;
  const pick = (errsOf: (t: (typeof tried)[number]) => number[]) => {
    let best = tried[0]!;
    let bestMae = Infinity;
    for (const t of tried) {
      const mae = maeOf(errsOf(t));
      if (mae < bestMae) {
        best = t;
        bestMae = mae;
      }
    }
    return best;
  };
  const overall = pick((t) => t.errors.slice(0, buckets).flat());
  const chosen = Array.from({ length: buckets }, (_, b) =>
    base.blendPerBucket && overall.errors[b]!.length >= 20 ? pick((t) => t.errors[b]!) : overall,
  );
  const points = new Map<ModelParams, PointForecast>();
  const pointOf = (p: ModelParams) => {
    let f = points.get(p);
    if (!f) points.set(p, (f = pointForecast(s, originMs, horizon, p)));
    return f;
  };
  const f = pointOf(overall.p);
  const low: number[] = [];
  const high: number[] = [];
  const errorCounts: number[] = [];
  const minutes: number[] = [];
  for (let k = 0; k < horizon; k++) {
    const b = bucketOf(k + 1);
    const { p, errors, logRatios } = chosen[b]!;
    const m = pointOf(p).minutes[k]!;
    // A bucket with few errors borrows the nearest shorter bucket's, which is never wider.
    let e = errors[b]!;
    let r = logRatios[b] ?? [];
    for (let j = b; j >= 0; j--)
      if (errors[j]!.length >= 20) {
        e = errors[j]!;
        r = logRatios[j] ?? [];
        break;
      }
    minutes.push(base.biasShare > 0 ? debiased(m, base.biasMode === 'mul' ? r : e, base) : m);
    low.push(Math.max(0, m + quantile(e, INTERVAL_QUANTILES[0])));
    high.push(Math.max(0, m + quantile(e, INTERVAL_QUANTILES[1])));
    errorCounts.push(e.length);
  }
  return { ...f, minutes, low, high, errorCounts, longRunWeight: overall.p.longRunWeight };
}

/**
 * The point forecast moved by a share of the lane's median recent error at that horizon (the
 * interval stays where the errors put it): a lane the model has lately under- or over-forecast
 * is shifted toward the median, which is what MAE rewards. 'mul': the median log ratio of
 * (reading + offset) to (forecast + offset), so a busy hour moves more than a quiet one.
 */
function debiased(m: number, sorted: readonly number[], p: ModelParams): number {
  if (Number.isNaN(m) || sorted.length < 20) return m;
  const med = quantile(sorted, 0.5);
  if (p.biasMode === 'add') return Math.max(0, m + p.biasShare * med);
  return Math.max(0, (m + p.slowOffset) * Math.exp(p.biasShare * med) - p.slowOffset);
}
