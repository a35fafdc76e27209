/**
 * The forecast's inner loop for choosing settings on validation windows (issue 13 item 5):
 * loads each window's lane histories once and scores model variants in-process, reproducing
 * `waitBacktest`'s figures (24-hour horizon, origins every 6 hours, 15 busiest crossings) at
 * about a third of its cost. The profile and levels ("recent") are computed once per origin and
 * the long-run cell beside them; the blend weight each lane picks from its last 21 days, and the
 * interval, are then pure arithmetic on those, so blend-side variants cost almost nothing.
 *
 *   TZ=UTC node --import tsx bench/waits-variants.ts --db /work/db3/bundle.duckdb \
 *     --windows V3,V2,V1 --variants base,name…  [--analyse]
 *
 * Never point it at the test window (the last 8 weeks): settings are chosen on validation only.
 */
import { openStore, type Store } from '../src/store/open-store.ts';
import { HistoricalAverage, lastObserved } from '../src/forecast/baselines.ts';
import {
  bucketOf,
  CALIBRATION_DAYS,
  CALIBRATION_STEP_HOURS,
  INTERVAL_QUANTILES,
  quantile,
} from '../src/forecast/forecast-interval.ts';
import { MIN_PROFILE_READINGS } from '../src/forecast/forecast-limits.ts';
import {
  MODEL_PARAMS,
  pointForecast,
  type ModelParams,
  type PointForecast,
} from '../src/forecast/forecast-model.ts';
import { loadLaneHistory } from '../src/forecast/lane-history.ts';
import { hourOfWeekAt, HOUR_MS, knownValue, type LaneSeries } from '../src/forecast/lane-series.ts';

const HORIZON = 24;

const WINDOWS: Record<string, { trainUntil: string; until: string }> = {
  V1: { trainUntil: '2025-09-28T20:00Z', until: '2025-11-23T20:00Z' },
  V2: { trainUntil: '2025-08-03T20:00Z', until: '2025-09-28T20:00Z' },
  V3: { trainUntil: '2025-06-08T20:00Z', until: '2025-08-03T20:00Z' },
};

/** How a lane turns its candidates' recent errors into a point forecast. */
interface BlendRule {
  weights: readonly number[];
  /**
   * 'pick': the weight with the least MAE over the last 21 days (the product's rule);
   * 'block': chosen apart for each local 6-hour block of the target hour (night, morning,
   * afternoon, evening), from the errors at target hours in that block.
   */
  rule: 'pick' | 'block';
}

interface Variant {
  params: Partial<ModelParams>;
  blend?: Partial<BlendRule>;
}

/** Variants by name; `base` is the product's settings. */
const VARIANTS: Record<string, Variant> = {
  base: { params: {} },
  // Fifth round (src/forecast/README.md), against the fourth round's three weights:
  three: { params: { blendWeights: [0.15, 0.35, 0.6] } },
  // kept: a lane may take the recent forecast alone (weight 0)
  w0: { params: { blendWeights: [0, 0.15, 0.35, 0.6] } },
  // not kept: the weight chosen apart per local 6-hour block of the target hour
  block: { params: { blendWeights: [0.15, 0.35, 0.6] }, blend: { rule: 'block' } },
  blockW0: { params: { blendWeights: [0, 0.15, 0.35, 0.6] }, blend: { rule: 'block' } },
};

interface Lane {
  s: LaneSeries;
  /** Point forecasts at every grid origin (hour index), recent part and long-run cell. */
  grid: Map<number, PointForecast>;
}

interface Window {
  name: string;
  origins: number[];
  lanes: LaneSeries[];
  /** Per lane: per origin, the baselines' forecasts (NaN-free hours only scored). */
  baselines: Map<LaneSeries, Map<number, { avg: number[]; last: number }>>;
}

async function busiest(store: Store, beforeMs: number, n: number) {
  const before = new Date(beforeMs).toISOString();
  const r = await store.conn.runAndReadAll(
    `SELECT w.port_number, count(*) AS n FROM wait_times w
     WHERE w.delay_minutes IS NOT NULL AND w.snapshot_at < '${before}'::TIMESTAMPTZ
     GROUP BY w.port_number ORDER BY n DESC, w.port_number LIMIT ${n}`,
  );
  return r.getRowsJS().map(([p, k]) => ({ port: String(p), readings: Number(k) }));
}

async function loadWindow(store: Store, name: string): Promise<Window> {
  const w = WINDOWS[name]!;
  const trainUntilMs = Date.parse(w.trainUntil);
  const untilMs = Date.parse(w.until);
  const crossings = await busiest(store, trainUntilMs, 15);
  console.log(
    `${name}: busiest before ${w.trainUntil}: ${crossings.map((c) => `${c.port} ${c.readings}`).join(', ')}`,
  );
  const history = await loadLaneHistory(
    store,
    crossings.map((c) => c.port),
  );
  const lastHour = Math.max(...history.lanes.map((s) => s.firstHour + s.final.length - 1));
  const endHour = Math.min(lastHour + 1, Math.floor(untilMs / HOUR_MS));
  const firstOrigin =
    Math.ceil(trainUntilMs / HOUR_MS / CALIBRATION_STEP_HOURS) * CALIBRATION_STEP_HOURS;
  const readingHours = new Set<number>();
  for (const s of history.lanes)
    s.final.forEach((v, i) => {
      if (!Number.isNaN(v) && s.firstHour + i >= firstOrigin) readingHours.add(s.firstHour + i);
    });
  const origins: number[] = [];
  for (let t = firstOrigin; t + HORIZON <= endHour; t += CALIBRATION_STEP_HOURS) {
    let any = 0;
    for (let k = 0; k < HORIZON && any < HORIZON / 2; k++) if (readingHours.has(t + k)) any++;
    if (any >= HORIZON / 2) origins.push(t);
  }
  const baselines = new Map<LaneSeries, Map<number, { avg: number[]; last: number }>>();
  for (const s of history.lanes) {
    const avg = new HistoricalAverage(s);
    const m = new Map<number, { avg: number[]; last: number }>();
    for (const t of origins) {
      avg.advance(t * HOUR_MS);
      m.set(t, {
        avg: Array.from({ length: HORIZON }, (_, k) => avg.forecast(t + k)),
        last: lastObserved(s, t * HOUR_MS),
      });
    }
    baselines.set(s, m);
  }
  const first = new Date(origins[0]! * HOUR_MS).toISOString();
  console.log(`${name}: ${origins.length} origins from ${first}, ${history.lanes.length} lanes`);
  return { name, origins, lanes: history.lanes, baselines };
}

/** Every grid origin a window needs: the calibration origins of its first origin onward. */
function gridOf(origins: number[]): number[] {
  const start =
    Math.ceil((origins[0]! - CALIBRATION_DAYS * 24) / CALIBRATION_STEP_HOURS) *
    CALIBRATION_STEP_HOURS;
  const out: number[] = [];
  for (let o = start; o <= origins.at(-1)!; o += CALIBRATION_STEP_HOURS) out.push(o);
  return out;
}

const gridCache = new Map<string, Lane[]>();

function lanesFor(win: Window, params: ModelParams): Lane[] {
  const key = `${win.name} ${JSON.stringify(params)}`;
  let lanes = gridCache.get(key);
  if (lanes) return lanes;
  // Any blend weight > 0 makes pointForecast read the long-run cell; the weight itself is
  // applied below.
  const p = { ...params, longRunWeight: 0.5 };
  const grid = gridOf(win.origins);
  lanes = win.lanes.map((s) => {
    const g = new Map<number, PointForecast>();
    for (const o of grid) g.set(o, pointForecast(s, o * HOUR_MS, HORIZON, p));
    return { s, grid: g };
  });
  gridCache.set(key, lanes);
  return lanes;
}

const blendAt = (f: PointForecast, k: number, w: number) => {
  const r = f.recent[k]!;
  const l = f.longRun[k]!;
  if (Number.isNaN(f.seasonal[k]!)) return NaN;
  return Math.max(0, Number.isNaN(l) ? r : (1 - w) * r + w * l);
};

interface Score {
  n: number;
  m: number;
  a: number;
  b: number;
  inside: number;
}

/** One window, one variant: pooled MAE of model and baselines, coverage; per-lane detail. */
function score(win: Window, v: Variant, analyse = false) {
  const params: ModelParams = { ...MODEL_PARAMS, ...v.params };
  const blend: BlendRule = { weights: params.blendWeights, rule: 'pick', ...v.blend };
  const lanes = lanesFor(win, params);
  const total: Score = { n: 0, m: 0, a: 0, b: 0, inside: 0 };
  const perLane: { lane: string; sc: Score }[] = [];
  const byHour = Array.from({ length: 24 }, () => ({ n: 0, m: 0, a: 0 }));
  for (const { s, grid } of lanes) {
    const sc: Score = { n: 0, m: 0, a: 0, b: 0, inside: 0 };
    const base = win.baselines.get(s)!;
    for (const t of win.origins) {
      const f = grid.get(t);
      if (!f || f.samples < MIN_PROFILE_READINGS) continue;
      const originMs = t * HOUR_MS;
      // The calibration errors of each candidate weight, by horizon bucket.
      const start =
        Math.ceil((t - CALIBRATION_DAYS * 24) / CALIBRATION_STEP_HOURS) * CALIBRATION_STEP_HOURS;
      const errs = blend.weights.map(() => [[], [], []] as number[][]);
      // The same errors by the target hour's local 6-hour block, for the 'block' rule.
      const blockAbs = blend.weights.map(() => [0, 0, 0, 0]);
      const blockN = [0, 0, 0, 0];
      for (let o = start; o < t; o += CALIBRATION_STEP_HOURS) {
        const g = grid.get(o);
        if (!g || o < s.firstHour + 7 * 24) continue;
        const span = Math.min(HORIZON, t - o);
        for (let k = 0; k < span; k++) {
          const actual = knownValue(s, o + k, originMs);
          if (Number.isNaN(actual)) continue;
          const blk = Math.floor((hourOfWeekAt(s, o + k) % 24) / 6);
          if (!Number.isNaN(g.seasonal[k]!)) blockN[blk]!++;
          blend.weights.forEach((w, i) => {
            const fc = blendAt(g, k, w);
            if (Number.isNaN(fc)) return;
            errs[i]![bucketOf(k + 1)]!.push(actual - fc);
            blockAbs[i]![blk]! += Math.abs(actual - fc);
          });
        }
      }
      // Only the chosen weights' errors are sorted (for the interval's quantiles), once each.
      const sorted = new Set<number[]>();
      const sortedOnce = (xs: number[]) => {
        if (!sorted.has(xs)) sorted.add(xs.sort((x, y) => x - y));
        return xs;
      };
      let best = 0;
      let bestMae = Infinity;
      errs.forEach((e, i) => {
        const all = e.flat();
        const mae = all.length ? all.reduce((a, x) => a + Math.abs(x), 0) / all.length : Infinity;
        if (mae < bestMae) {
          best = i;
          bestMae = mae;
        }
      });
      // Per block: the weight with the least error there (the overall pick where a block has
      // fewer than 50 errors).
      const blockBest = [0, 1, 2, 3].map((blk) => {
        if (blend.rule !== 'block' || blockN[blk]! < 50) return best;
        let bi = best;
        for (let i = 0; i < blend.weights.length; i++)
          if (blockAbs[i]![blk]! < blockAbs[bi]![blk]!) bi = i;
        return bi;
      });
      const { avg, last } = base.get(t)!;
      for (let k = 0; k < HORIZON; k++) {
        const i = t + k - s.firstHour;
        const actual = i >= 0 && i < s.final.length ? s.final[i]! : NaN;
        const chosen = blockBest[Math.floor((hourOfWeekAt(s, t + k) % 24) / 6)]!;
        const fc = blendAt(f, k, blend.weights[chosen]!);
        const e = errs[chosen]!;
        const fa = avg[k]!;
        if (Number.isNaN(actual) || Number.isNaN(fc) || Number.isNaN(fa) || Number.isNaN(last))
          continue;
        const b = bucketOf(k + 1);
        let eb = e[b]!;
        for (let j = b; j >= 0; j--)
          if (e[j]!.length >= 20) {
            eb = e[j]!;
            break;
          }
        sortedOnce(eb);
        const lo = Math.max(0, fc + quantile(eb, INTERVAL_QUANTILES[0]));
        const hi = Math.max(0, fc + quantile(eb, INTERVAL_QUANTILES[1]));
        sc.n++;
        sc.m += Math.abs(actual - fc);
        sc.a += Math.abs(actual - fa);
        sc.b += Math.abs(actual - last);
        if (actual >= lo && actual <= hi) sc.inside++;
        if (analyse) {
          const hod = s.localHourOfWeek[i]! % 24;
          byHour[hod]!.n++;
          byHour[hod]!.m += Math.abs(actual - fc);
          byHour[hod]!.a += Math.abs(actual - fa);
        }
      }
    }
    for (const k of ['n', 'm', 'a', 'b', 'inside'] as const) total[k] += sc[k];
    perLane.push({ lane: `${s.key.portNumber} ${s.key.laneType} ${s.key.laneKind}`, sc });
  }
  const mae = total.m / total.n;
  const better = Math.min(total.a, total.b) / total.n;
  return {
    pct: (1 - mae / better) * 100,
    mae,
    avg: total.a / total.n,
    last: total.b / total.n,
    coverage: total.inside / total.n,
    n: total.n,
    perLane,
    byHour,
  };
}

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const store = await openStore(arg('--db') ?? '/work/db3/bundle.duckdb', { readOnly: true });
const names = (arg('--variants') ?? 'base').split(',');
for (const wn of (arg('--windows') ?? 'V3,V2,V1').split(',')) {
  const t0 = performance.now();
  const win = await loadWindow(store, wn);
  console.log(`${wn}: loaded in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  for (const name of names) {
    const v = VARIANTS[name];
    if (!v) throw new Error(`unknown variant ${name}`);
    const t1 = performance.now();
    const analyse = process.argv.includes('--analyse') && name === 'base';
    const r = score(win, v, analyse);
    console.log(
      `${wn} ${name.padEnd(24)} ${r.pct.toFixed(2)}%  MAE ${r.mae.toFixed(3)} vs ${r.avg.toFixed(3)} / ${r.last.toFixed(3)}  coverage ${(r.coverage * 100).toFixed(1)}%  n ${r.n}  ${((performance.now() - t1) / 1000).toFixed(0)} s`,
    );
    if (analyse) {
      const lanes = r.perLane
        .filter((l) => l.sc.n > 0)
        .sort((x, y) => y.sc.m - y.sc.a - (x.sc.m - x.sc.a));
      for (const l of lanes)
        console.log(
          `  ${l.lane.padEnd(40)} n ${String(l.sc.n).padStart(5)}  model ${(l.sc.m / l.sc.n).toFixed(2).padStart(6)}  avg ${(l.sc.a / l.sc.n).toFixed(2).padStart(6)}  last ${(l.sc.b / l.sc.n).toFixed(2).padStart(6)}  share of model abs err ${((l.sc.m / (r.mae * r.n)) * 100).toFixed(1)}%`,
        );
      r.byHour.forEach((h, hod) =>
        console.log(
          `  local ${String(hod).padStart(2)}h  n ${h.n}  model ${(h.m / h.n).toFixed(2)}  avg ${(h.a / h.n).toFixed(2)}`,
        ),
      );
    }
  }
}
store.close();
