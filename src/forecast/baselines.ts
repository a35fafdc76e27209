import { hourOfWeekAt, HOUR_MS, knownValue, localDateAt, type LaneSeries } from './lane-series.ts';

/**
 * Baseline (a), what CBP offers: the mean wait by month × weekday × hour (port local time) of
 * every reading published before the origin; a cell the training data never saw falls back to
 * the weekday × hour mean, then the hour's mean. Fed hours in order of publication, so one
 * pass serves every origin of a backtest.
 */
export class HistoricalAverage {
  private readonly sums = new Map<number, [number, number]>();
  private readonly order: number[];
  private next = 0;
  constructor(private readonly s: LaneSeries) {
    this.order = [...s.final.keys()]
      .filter((i) => !Number.isNaN(s.final[i]!))
      .sort((a, b) => s.settledMs[a]! - s.settledMs[b]!);
  }

  private add(key: number, v: number) {
    const c = this.sums.get(key);
    if (c) {
      c[0] += v;
      c[1]++;
    } else this.sums.set(key, [v, 1]);
  }

  /** Learns every hour settled before `originMs` (origins must be asked in order). */
  advance(originMs: number): void {
    const s = this.s;
    while (this.next < this.order.length && s.settledMs[this.order[this.next]!]! < originMs) {
      const i = this.order[this.next++]!;
      const how = s.localHourOfWeek[i]!;
      const month = Number(s.localDate[i]!.slice(5, 7));
      const v = s.final[i]!;
      this.add(month * 1000 + how, v);
      this.add(how, v + 0);
      this.add(-1 - (how % 24), v);
    }
  }

  forecast(h: number): number {
    const how = hourOfWeekAt(this.s, h);
    const month = Number(localDateAt(this.s, h).slice(5, 7));
    for (const key of [month * 1000 + how, how, -1 - (how % 24)]) {
      const c = this.sums.get(key);
      if (c) return c[0] / c[1];
    }
    return NaN;
  }
}

/** Baseline (b): the last reading published before the origin, carried forward (a week back at most). */
export function lastObserved(s: LaneSeries, originMs: number): number {
  const originHour = Math.ceil(originMs / HOUR_MS);
  for (let h = originHour - 1; h >= originHour - 168; h--) {
    const v = knownValue(s, h, originMs);
    if (!Number.isNaN(v)) return v;
  }
  return NaN;
}
