import { isHoliday } from './calendar-days.ts';
import { addDays } from './holidays.ts';
import { hourOfWeekAt, HOUR_MS, knownValue, localDateAt, type LaneSeries } from './lane-series.ts';

/** The model's settings (see README: chosen on data before the backtest window). */
export interface ModelParams {
  /** Weeks of history the hour-of-week profile is taken from. */
  windowWeeks: number;
  /** Each week back counts this much less in the profile's weighted median. */
  weekDecay: number;
  /** Half-life, in hours, of the recent-level estimate over the latest residuals. */
  levelHalfLifeHours: number;
  /** How fast the recent level fades with horizon: multiplied per hour ahead. */
  levelFade: number;
  /** Hours of residuals the recent level reads. */
  levelHours: number;
  /** Weight of the neighbouring hours of the week (±1 h) in the profile. */
  neighbourWeight: number;
  /** Weight of the hours two away (±2 h). */
  neighbour2Weight: number;
  /** Hours of residuals the slow (day-level) departure reads; 0: none. */
  slowHours: number;
  /** Per-hour fade of the slow departure. */
  slowFade: number;
  /** Share of the slow departure applied. */
  slowWeight: number;
  /** The slow level in minutes ('add') or as a ratio of the profile ('mul'). */
  slowMode: 'add' | 'mul';
  /** The fast (last hours') level in minutes or as a ratio of profile + slow level. */
  levelMode: 'add' | 'mul';
  /** Minutes added to reading and profile before a 'mul' ratio (a 0-minute hour has no ratio). */
  slowOffset: number;
  /** A public holiday is forecast as this local weekday (0 = Sunday); -1: as its own weekday. */
  holidayAs: number;
  /** Weight a Tuesday–Thursday reading lends the other two midweek days' same hour. */
  midweekWeight: number;
  /** Share of the long-run month × weekday × hour mean blended into the forecast. */
  longRunWeight: number;
  /** The long-run blend weights a lane chooses from by its recent errors. */
  blendWeights: readonly number[];
  /** Model variants a lane also chooses between by its recent errors (each with every blend weight). */
  variants: readonly Partial<Omit<ModelParams, 'variants'>>[];
  /** Choose the blend weight per horizon bucket (1–3, 4–12, 13–24 h…) instead of once. */
  blendPerBucket: boolean;
  /** The long-run cell's statistic: its mean (CBP's) or its median. */
  longRunStat: 'mean' | 'median';
  /** Leave readings on public holidays out of the profile and the 7-day level (not the recent one: on a holiday it is the best guide). */
  skipHolidays: boolean;
  /** Days either side of a holiday also left out when `skipHolidays` is set. */
  holidayMarginDays: number;
  /** Leave holiday readings out of the long-run cells too (when `skipHolidays` is set). */
  skipHolidaysLongRun: boolean;
  /** Readings' worth of the lane's hour-of-day median each hour-of-week cell is shrunk toward; 0: none. */
  shrinkReadings: number;
  /** The fast level's statistic over the latest readings' ratios: weighted mean or weighted median. */
  levelStat: 'mean' | 'median';
  /** Each latest reading's ratio to the expected wait is clipped to [1/c, c] before the fast level; 0: no clip. */
  levelClip: number;
  /** Share of the lane's median recent error (per horizon bucket, calibration origins) added to the point forecast; 0: none. */
  biasShare: number;
  /** That median error in minutes ('add') or as a ratio of forecast + offset ('mul'). */
  biasMode: 'add' | 'mul';
  /** A non-zero reading equal to each of the previous n hours' is left out of the fast level (a stale feed); 0: none. */
  staleHours: number;
}

export const MODEL_PARAMS: ModelParams = {
  windowWeeks: 26,
  weekDecay: 0.92,
  levelHalfLifeHours: 3,
  levelFade: 0.75,
  levelHours: 24,
  neighbourWeight: 0.5,
  neighbour2Weight: 0,
  slowHours: 168,
  slowFade: 1,
  slowWeight: 1,
  slowMode: 'mul',
  slowOffset: 10,
  levelMode: 'mul',
  holidayAs: -1,
  midweekWeight: 0.7,
  longRunWeight: 0.3,
  blendWeights: [0, 0.15, 0.35, 0.6],
  blendPerBucket: false,
  variants: [{}],
  longRunStat: 'median',
  skipHolidays: true,
  holidayMarginDays: 0,
  skipHolidaysLongRun: false,
  shrinkReadings: 0,
  levelStat: 'median',
  levelClip: 2,
  biasShare: 0,
  biasMode: 'add',
  staleHours: 0,
};

const longRuns = new WeakMap<LaneSeries, Map<string, Map<number, number>>>();

/**
 * The long-run mean (or median) of every reading published before the day began, by local
 * month × hour of the week (falling back to hour of the week, then hour of the day): CBP's own
 * kind of average, which steadies the recent profile where a few weeks of readings are noisy.
 */
function longRunMeans(
  s: LaneSeries,
  originMs: number,
  stat: 'mean' | 'median',
  skipHolidays = false,
): Map<number, number> {
  const dayMs = Math.floor(originMs / 86_400_000) * 86_400_000;
  let m = longRuns.get(s);
  if (!m) longRuns.set(s, (m = new Map()));
  const memo = `${dayMs} ${stat} ${skipHolidays}`;
  let v = m.get(memo);
  if (v) return v;
  const cells = new Map<number, number[]>();
  const add = (k: number, x: number) => {
    const c = cells.get(k);
    if (c) c.push(x);
    else cells.set(k, [x]);
  };
  for (let i = 0; i < s.final.length; i++) {
    const x = s.final[i]!;
    if (Number.isNaN(x) || s.settledMs[i]! >= dayMs) continue;
    if (skipHolidays && isHoliday(s, s.localDate[i]!)) continue;
    const how = s.localHourOfWeek[i]!;
    add(Number(s.localDate[i]!.slice(5, 7)) * 1000 + how, x);
    add(how, x);
    add(-1 - (how % 24), x);
  }
  v = new Map(
    [...cells].map(([k, xs]) => {
      if (stat === 'mean') return [k, xs.reduce((a, x) => a + x, 0) / xs.length];
      xs.sort((a, b) => a - b);
      const mid = xs.length >> 1;
      return [k, xs.length % 2 ? xs[mid]! : (xs[mid - 1]! + xs[mid]!) / 2];
    }),
  );
  m.set(memo, v);
  return v;
}

function longRunAt(means: Map<number, number>, s: LaneSeries, h: number): number {
  const how = hourOfWeekAt(s, h);
  const month = Number(localDateAt(s, h).slice(5, 7));
  return means.get(month * 1000 + how) ?? means.get(how) ?? means.get(-1 - (how % 24)) ?? NaN;
}

/**
 * Profiles by lane and day: a profile is taken from the readings published before the UTC
 * day of its origin began, so the four origins of a day share one (the recent level still
 * reads everything published before each origin).
 */
const profiles = new WeakMap<LaneSeries, Map<string, { profile: Float64Array; samples: number }>>();

function dayProfile(s: LaneSeries, originMs: number, p: ModelParams) {
  const dayMs = Math.floor(originMs / 86_400_000) * 86_400_000;
  let m = profiles.get(s);
  if (!m) profiles.set(s, (m = new Map()));
  // Only the settings the profile reads: the blend weights a lane tries share one profile.
  const key = `${dayMs} ${p.windowWeeks} ${p.weekDecay} ${p.neighbourWeight} ${p.neighbour2Weight} ${p.holidayAs} ${p.midweekWeight} ${p.skipHolidays} ${p.holidayMarginDays} ${p.shrinkReadings}`;
  let v = m.get(key);
  if (!v) m.set(key, (v = seasonalProfile(s, dayMs, p)));
  return v;
}

/** The hour of the week a target hour is forecast as: a holiday as the weekday it resembles. */
function profileHour(s: LaneSeries, h: number, p: ModelParams): number {
  const how = hourOfWeekAt(s, h);
  if (p.holidayAs < 0 || !isHoliday(s, localDateAt(s, h))) return how;
  return p.holidayAs * 24 + (how % 24);
}

/** A reading the profile and levels leave out: one on a public holiday, when asked to. */
function skipped(s: LaneSeries, h: number, p: ModelParams): boolean {
  if (!p.skipHolidays) return false;
  const date = localDateAt(s, h);
  for (let d = -p.holidayMarginDays; d <= p.holidayMarginDays; d++)
    if (isHoliday(s, d ? addDays(date, d) : date)) return true;
  return false;
}

/**
 * A reading that repeats the previous `n` hours' value exactly (and is not 0): when CBP's feed
 * goes stale a lane can repeat 120 minutes for half a day, which says nothing about the level.
 */
function stale(s: LaneSeries, h: number, v: number, originMs: number, n: number): boolean {
  if (n <= 0 || v === 0) return false;
  for (let d = 1; d <= n; d++) if (knownValue(s, h - d, originMs) !== v) return false;
  return true;
}

/** A lane's point forecast for target hours after an origin, with what it rests on. */
export interface PointForecast {
  /** Hour indexes (UTC hours since the epoch) forecast. */
  hours: number[];
  minutes: number[];
  /** Seasonal part alone, for the interval model and explanations. */
  seasonal: number[];
  /** Profile × levels before the blend and the floor at 0 (NaN where there is no profile). */
  recent: number[];
  /** The long-run cell blended in (NaN when none, or the blend weight is 0). */
  longRun: number[];
  /** The recent-level adjustment at the origin, in minutes. */
  level: number;
  /** Readings the profile rests on. */
  samples: number;
}

/** Weighted median: the value where the cumulative weight first reaches half. */
export function weightedMedian(values: number[], weights: number[]): number {
  const idx = values.map((_, i) => i).sort((a, b) => values[a]! - values[b]!);
  let total = 0;
  for (const w of weights) total += w;
  let acc = 0;
  for (const i of idx) {
    acc += weights[i]!;
    if (acc >= total / 2) return values[i]!;
  }
  return NaN;
}

/**
 * The hour-of-week profile as known before `originMs`: for each local hour of the week, the
 * weighted median of that hour's readings over the last `windowWeeks` weeks (recent weeks
 * weigh more). An hour of the week with fewer than 2 readings borrows the median of the same
 * local hour on every day of the window.
 */
export function seasonalProfile(
  s: LaneSeries,
  originMs: number,
  p: ModelParams = MODEL_PARAMS,
): { profile: Float64Array; samples: number } {
  const originHour = Math.ceil(originMs / HOUR_MS);
  const from = originHour - p.windowWeeks * 168;
  const vals: number[][] = Array.from({ length: 168 }, () => []);
  const wts: number[][] = Array.from({ length: 168 }, () => []);
  const own = new Float64Array(168);
  let samples = 0;
  for (let h = Math.max(from, s.firstHour); h < originHour; h++) {
    const v = knownValue(s, h, originMs);
    if (Number.isNaN(v) || skipped(s, h, p)) continue;
    const how = profileHour(s, h, p);
    own[how]! += 1;
    const w = p.weekDecay ** Math.floor((originHour - 1 - h) / 168);
    vals[how]!.push(v);
    wts[how]!.push(w);
    for (const [d, nw] of [
      [1, p.neighbourWeight],
      [2, p.neighbour2Weight],
    ] as const) {
      if (nw <= 0) continue;
      for (const n of [(how + d) % 168, (how + 168 - d) % 168]) {
        vals[n]!.push(v);
        wts[n]!.push(w * nw);
      }
    }
    const day = Math.floor(how / 24);
    if (p.midweekWeight > 0 && day >= 2 && day <= 4) {
      for (const d of [2, 3, 4]) {
        if (d === day) continue;
        vals[d * 24 + (how % 24)]!.push(v);
        wts[d * 24 + (how % 24)]!.push(w * p.midweekWeight);
      }
    }
    samples++;
  }
  const byHourOfDay: number[][] = Array.from({ length: 24 }, () => []);
  const byHourOfDayW: number[][] = Array.from({ length: 24 }, () => []);
  for (let how = 0; how < 168; how++) {
    byHourOfDay[how % 24]!.push(...vals[how]!);
    byHourOfDayW[how % 24]!.push(...wts[how]!);
  }
  const profile = new Float64Array(168).fill(NaN);
  const daily = byHourOfDay.map((xs, hod) =>
    xs.length > 0 ? weightedMedian(xs, byHourOfDayW[hod]!) : NaN,
  );
  for (let how = 0; how < 168; how++) {
    const hod = daily[how % 24]!;
    if (vals[how]!.length >= 2) {
      const cell = weightedMedian(vals[how]!, wts[how]!);
      // A cell read only a few times leans on the lane's usual wait at that hour of the day.
      const k = Number.isNaN(hod) ? 0 : p.shrinkReadings;
      profile[how] = k > 0 ? (own[how]! * cell + k * hod) / (own[how]! + k) : cell;
    } else if (!Number.isNaN(hod)) profile[how] = hod;
  }
  return { profile, samples };
}

/**
 * Point forecasts for `horizon` hours from the hour starting at `originMs` (an hour boundary):
 * the seasonal profile, scaled by the 7-day level (the week's median ratio of readings to the
 * profile) and the recent level (an exponentially weighted median of the latest readings' ratios
 * to that, each clipped to ½–2×, fading with each hour ahead), blended with the long-run month × weekday × hour cell.
 */
export function pointForecast(
  s: LaneSeries,
  originMs: number,
  horizon: number,
  p: ModelParams = MODEL_PARAMS,
): PointForecast {
  const originHour = Math.ceil(originMs / HOUR_MS);
  const { profile, samples } = dayProfile(s, originMs, p);
  // The slow (7-day) level first: the median departure of the last week's readings from the
  // profile, in minutes ('add') or as a ratio ('mul': a busy week lifts peak hours more than
  // quiet ones).
  let slowAdd = 0;
  let slowRatio = 1;
  if (p.slowHours > 0) {
    const res: number[] = [];
    for (let h = originHour - 1; h >= originHour - p.slowHours; h--) {
      const v = knownValue(s, h, originMs);
      const base = profile[profileHour(s, h, p)]!;
      if (Number.isNaN(v) || Number.isNaN(base) || skipped(s, h, p)) continue;
      res.push(p.slowMode === 'mul' ? (v + p.slowOffset) / (base + p.slowOffset) : v - base);
    }
    if (res.length >= 6) {
      const med = weightedMedian(
        res,
        res.map(() => 1),
      );
      if (p.slowMode === 'mul') slowRatio = 1 + p.slowWeight * (med - 1);
      else slowAdd = p.slowWeight * med;
    }
  }
  const slowAt = (base: number) =>
    p.slowMode === 'mul' ? (base + p.slowOffset) * (slowRatio - 1) : slowAdd;
  // Then the fast level: the latest readings' departures from profile + slow level.
  let num = 0;
  let den = 0;
  const devs: number[] = [];
  const devWeights: number[] = [];
  let lastKnown = originHour - 1;
  let found = false;
  for (let h = originHour - 1; h >= originHour - p.levelHours; h--) {
    const v = knownValue(s, h, originMs);
    const base = profile[profileHour(s, h, p)]!;
    if (Number.isNaN(v) || Number.isNaN(base) || stale(s, h, v, originMs, p.staleHours)) continue;
    if (!found) {
      lastKnown = h;
      found = true;
    }
    const w = 0.5 ** ((lastKnown - h) / p.levelHalfLifeHours);
    const expected = base + slowAt(base);
    let dev: number;
    if (p.levelMode === 'mul') {
      let r = (v + p.slowOffset) / (expected + p.slowOffset);
      // One wild reading (CBP's 205, 20, 190) must not drag the level by more than c times.
      if (p.levelClip > 0) r = Math.min(p.levelClip, Math.max(1 / p.levelClip, r));
      dev = r - 1;
    } else dev = v - expected;
    num += w * dev;
    den += w;
    devs.push(dev);
    devWeights.push(w);
  }
  const fastMean =
    den <= 0 ? 0 : p.levelStat === 'median' ? weightedMedian(devs, devWeights) : num / den;
  // The fast departure in minutes at an hour whose profile is `base`.
  const fastAt = (base: number) =>
    p.levelMode === 'mul' ? (base + slowAt(base) + p.slowOffset) * fastMean : fastMean;
  const lastBase = profile[profileHour(s, lastKnown, p)]!;
  const level = Number.isNaN(lastBase)
    ? slowAdd + (p.levelMode === 'mul' ? 0 : fastMean)
    : fastAt(lastBase) + slowAt(lastBase);
  const means =
    p.longRunWeight > 0
      ? longRunMeans(s, originMs, p.longRunStat, p.skipHolidays && p.skipHolidaysLongRun)
      : undefined;
  const hours: number[] = [];
  const minutes: number[] = [];
  const seasonal: number[] = [];
  const recents: number[] = [];
  const longRun: number[] = [];
  for (let k = 0; k < horizon; k++) {
    const h = originHour + k;
    const base = profile[profileHour(s, h, p)]!;
    const adj =
      fastAt(base) * p.levelFade ** (h - lastKnown) + slowAt(base) * p.slowFade ** (h - lastKnown);
    hours.push(h);
    seasonal.push(base);
    const recent = base + adj;
    const long = means ? longRunAt(means, s, h) : NaN;
    recents.push(recent);
    longRun.push(long);
    const blended = Number.isNaN(long)
      ? recent
      : (1 - p.longRunWeight) * recent + p.longRunWeight * long;
    minutes.push(Number.isNaN(base) ? NaN : Math.max(0, blended));
  }
  return { hours, minutes, seasonal, recent: recents, longRun, level, samples };
}
