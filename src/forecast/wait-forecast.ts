import { runQuery } from '../analytics/compiled-query.ts';
import { CoverageError, LookupError } from '../analytics/lookup-error.ts';
import { resolvePort } from '../analytics/resolve-port.ts';
import type { Store } from '../store/open-store.ts';
import { ForecastRefusal } from './forecast-refusal.ts';
import { holidayCountries, holidaysOn } from './calendar-days.ts';
import { forecastWithInterval } from './forecast-interval.ts';
import { MAX_HORIZON_HOURS, MIN_PROFILE_READINGS } from './forecast-limits.ts';
import { MODEL_PARAMS } from './forecast-model.ts';
import { crossingListQuery } from './forecast-queries.ts';
import { loadLaneHistory, type SourceSummary } from './lane-history.ts';
import { HOUR_MS, localDateAt, type LaneKey } from './lane-series.ts';

export interface ForecastHour {
  hourUtc: string;
  forecastMinutes: number;
  lowMinutes: number;
  highMinutes: number;
  /** Holidays on the crossing's local date, on either side (calendar effect named). */
  holidays: string[];
}

export interface LaneForecast extends LaneKey {
  crossing: string;
  zone: string;
  /** Hourly readings the hour-of-week profile rests on. */
  profileReadings: number;
  /** The latest readings' departure from the profile, in minutes, at the origin. */
  recentLevel: number;
  hours: ForecastHour[];
}

export interface WaitForecastResult {
  kind: 'wait-forecast';
  asked: string;
  /** Readings published before this instant were used, none after. */
  origin: string;
  from: string;
  to: string;
  lanes: LaneForecast[];
  /** Lanes of the crossings asked left out for too little history. */
  skipped: { lane: string; readings: number }[];
  history: { from: string; to: string } | null;
  sources: SourceSummary[];
  model: string;
  notes: string[];
}

export interface ForecastAsk {
  /** CBP crossing number (6 characters) or a port (Schedule D code or name). */
  place: string;
  /** `passenger`, `passenger:ready` …; empty: every lane. */
  lanes?: string[];
  /** First and last hour; both absent: the 24 hours from the origin. */
  fromMs?: number;
  toMs?: number;
  /** Forecast as if at this instant: only readings published before it. */
  asOfMs?: number;
}

export const MODEL_SUMMARY =
  'robust hour-of-week profile (port local time; weighted median of the last 26 weeks, recent weeks weighing more, neighbouring hours and Tue–Thu pooled) × 7-day level (the median ratio of readings to the profile over the last 168 hours) × recent level (the weighted median of the latest readings’ ratios to that, each clipped to ½–2×, fading with each hour ahead), blended with the long-run month × weekday × hour median (each lane its weight: 0, 0.15, 0.35 or 0.6); 80% interval from the 10th–90th percentiles of the model’s own errors at the same horizon over the 21 days before the origin';

interface Crossing {
  portNumber: string;
  name: string;
}

async function crossingsOf(store: Store, place: string): Promise<Crossing[]> {
  const rows = await runQuery(store, crossingListQuery());
  const all = rows.map((r) => ({
    portNumber: String(r.port_number),
    name: [r.port_name, r.crossing_name].filter((x) => x != null && x !== '').join(', '),
    portCode: r.port_code == null ? null : String(r.port_code),
  }));
  const exact = all.filter((c) => c.portNumber.toLowerCase() === place.trim().toLowerCase());
  if (exact.length > 0) return exact;
  // A CBP number has digits ("250401", "l24501"); a six-letter name ("Laredo") is a port.
  if (/^(?=.*\d)\w{6}$/.test(place.trim())) {
    throw new LookupError(
      'CBP crossing',
      place,
      all
        .filter((c) => c.portNumber.startsWith(place.trim().slice(0, 4)))
        .map((c) => ({ code: c.portNumber, name: c.name })),
    );
  }
  const port = await resolvePort(store, place);
  const of = all.filter((c) => c.portCode === port.code);
  if (of.length === 0) {
    throw new CoverageError(
      `CBP wait times for port ${port.name} (${port.code})`,
      'any crossing',
      'no CBP crossing of this port in the loaded wait times',
    );
  }
  return of;
}

const laneName = (k: LaneKey) => `${k.laneType}:${k.laneKind}`;

/**
 * Hourly forecasts with 80% intervals for every lane asked of a port or crossing, from the
 * readings published before the origin (`asOf`, or else the newest loaded snapshot).
 */
export async function waitForecast(store: Store, ask: ForecastAsk): Promise<WaitForecastResult> {
  if (ask.fromMs !== undefined && ask.toMs !== undefined && !(ask.fromMs <= ask.toMs))
    throw new ForecastRefusal('the forecast window ends before it starts');
  const crossings = await crossingsOf(store, ask.place);
  const ports = crossings.map((c) => c.portNumber);
  const history = await loadLaneHistory(store, ports, ask.asOfMs ?? Infinity);
  if (history.noZone.length > 0 && history.noZone.length === ports.length) {
    throw new ForecastRefusal(
      `no local time zone is known for CBP crossing ${history.noZone.join(', ')}, so its hours of the week cannot be placed`,
    );
  }
  if (!history.span) {
    throw new ForecastRefusal(
      `no wait readings of ${ask.place} were published${ask.asOfMs !== undefined ? ` before ${iso(ask.asOfMs)}` : ''}; nothing to learn a forecast from`,
    );
  }
  const newestMs = Math.max(...history.lanes.map((s) => Math.max(...s.settledMs)));
  // Without --as-of, the origin is just after the newest snapshot: every loaded reading counts.
  const originMs = ask.asOfMs ?? newestMs + 1;
  const originHour = Math.ceil(originMs / HOUR_MS);
  const fromHour = ask.fromMs !== undefined ? Math.floor(ask.fromMs / HOUR_MS) : originHour;
  const toHour = ask.toMs !== undefined ? Math.floor(ask.toMs / HOUR_MS) : fromHour + 23;
  const firstMs = Date.parse(history.span.from);
  if (ask.fromMs !== undefined && ask.fromMs < firstMs) {
    throw new ForecastRefusal(
      `${iso(ask.fromMs)} is before the loaded history of ${ask.place}, which starts ${history.span.from}`,
    );
  }
  if (fromHour < originHour) {
    throw new ForecastRefusal(
      `${iso(fromHour * HOUR_MS)} is before the forecast origin ${iso(originHour * HOUR_MS)} (readings published up to ${iso(originMs)}); forecast a past hour with --as-of before it, or see the readings themselves`,
    );
  }
  if (toHour - originHour + 1 > MAX_HORIZON_HOURS) {
    throw new ForecastRefusal(
      `${iso(toHour * HOUR_MS)} is ${toHour - originHour + 1} hours past the forecast origin ${iso(originHour * HOUR_MS)}; forecasts reach at most ${MAX_HORIZON_HOURS} hours (7 days) ahead, the horizon the backtest checks`,
    );
  }
  const wanted = parseLanes(
    ask.lanes ?? [],
    history.lanes.map((s) => s.key),
  );
  const lanes: LaneForecast[] = [];
  const skipped: { lane: string; readings: number }[] = [];
  const horizon = toHour - originHour + 1;
  // Hours of a lane never read at that local hour in the profile's window (PedWest closes at
  // night) have no forecast: left out and counted, not sent as NaN.
  let unread = 0;
  for (const s of history.lanes.filter((l) => wanted(l.key))) {
    const f = forecastWithInterval(s, originMs, horizon);
    if (f.samples < MIN_PROFILE_READINGS) {
      skipped.push({ lane: `${s.key.portNumber} ${laneName(s.key)}`, readings: f.samples });
      continue;
    }
    const hours: ForecastHour[] = [];
    for (let k = fromHour - originHour; k < horizon; k++) {
      const h = originHour + k;
      if (!Number.isFinite(f.minutes[k]!)) {
        unread++;
        continue;
      }
      hours.push({
        hourUtc: iso(h * HOUR_MS),
        forecastMinutes: round1(f.minutes[k]!),
        lowMinutes: round1(f.low[k]!),
        highMinutes: round1(f.high[k]!),
        holidays: holidaysOn(holidayCountries(s.key.portNumber), localDateAt(s, h)),
      });
    }
    lanes.push({
      ...s.key,
      crossing: crossings.find((c) => c.portNumber === s.key.portNumber)?.name ?? '',
      zone: s.zone,
      profileReadings: f.samples,
      recentLevel: round1(f.level),
      hours,
    });
  }
  if (lanes.length === 0) {
    throw new ForecastRefusal(
      `too little history to forecast ${skipped.map((x) => `${x.lane} (${x.readings} hourly readings)`).join(', ')}: a lane needs ${MIN_PROFILE_READINGS} hourly readings in the ${MODEL_PARAMS.windowWeeks} weeks before the origin`,
    );
  }
  const explicit = (ask.lanes ?? []).length > 0;
  if (explicit && skipped.length > 0) {
    throw new ForecastRefusal(
      `too little history to forecast ${skipped.map((x) => `${x.lane} (${x.readings} hourly readings)`).join(', ')}: a lane needs ${MIN_PROFILE_READINGS} hourly readings in the ${MODEL_PARAMS.windowWeeks} weeks before the origin`,
    );
  }
  return {
    kind: 'wait-forecast',
    asked: ask.place,
    origin: iso(originMs),
    from: iso(fromHour * HOUR_MS),
    to: iso(toHour * HOUR_MS),
    lanes,
    skipped,
    history: history.span,
    sources: history.sources,
    model: MODEL_SUMMARY,
    notes: [
      ...(unread > 0
        ? [
            `${unread} lane-hours have no forecast: the lane was never read at that local hour in the ${MODEL_PARAMS.windowWeeks} weeks before the origin (it is likely closed then)`,
          ]
        : []),
      ...(skipped.length > 0
        ? [`left out for too little history: ${skipped.map((x) => x.lane).join(', ')}`]
        : []),
      'minutes are CBP’s stated delay for vehicles or people arriving in that UTC hour; hours are UTC, seasonality is in each crossing’s local time',
    ],
  };
}

function parseLanes(asked: string[], have: LaneKey[]): (k: LaneKey) => boolean {
  const specs = asked
    .flatMap((a) => a.split(','))
    .map((a) => a.trim().toLowerCase())
    .filter(Boolean);
  if (specs.length === 0) return () => true;
  const known = [...new Set(have.map(laneName))].sort();
  const matchers = specs.map((spec) => {
    const [type, kind] = spec.split(/[:/ ]/);
    const m = (k: LaneKey) => k.laneType === type && (kind === undefined || k.laneKind === kind);
    if (!have.some(m)) {
      throw new LookupError(
        'lane',
        spec,
        known.map((l) => ({ code: l, name: l })),
      );
    }
    return m;
  });
  return (k) => matchers.some((m) => m(k));
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const round1 = (x: number) => Math.round(x * 10) / 10;
