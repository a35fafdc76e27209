import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createApp } from '../../src/api/create-app.ts';
import { forecastWithInterval } from '../../src/forecast/forecast-interval.ts';
import { isHoliday } from '../../src/forecast/calendar-days.ts';
import { MODEL_PARAMS, pointForecast } from '../../src/forecast/forecast-model.ts';
import { easterSunday, holidaysOf, nthWeekday } from '../../src/forecast/holidays.ts';
import { loadLaneHistory } from '../../src/forecast/lane-history.ts';
import { HOUR_MS, laneSeries, localDateAt, type Reading } from '../../src/forecast/lane-series.ts';
import { waitBacktest } from '../../src/forecast/wait-backtest.ts';
import { openStore, type Store } from '../../src/store/open-store.ts';
import { runCli } from '../helpers.ts';
import { forecastDatabase } from './forecast-fixture.ts';

// Issue 13 items 4–5, on six weeks of the real CBP pulls (`forecast-fixture.ts`: 30 November
// 2025 to 10 January 2026, every crossing), loaded once per run and shared read-only.
let DB: string;

describe('holiday rules', () => {
  it('computes Easter, nth-weekday and observed holidays by rule', () => {
    assert.equal(easterSunday(2025), '2025-04-20');
    assert.equal(easterSunday(2026), '2026-04-05');
    assert.equal(nthWeekday(2025, 11, 4, 4), '2025-11-27'); // Thanksgiving
    assert.equal(nthWeekday(2025, 5, 1, -1), '2025-05-26'); // Memorial Day
    const h2026 = holidaysOf(2026);
    const on = (d: string, c: string) =>
      h2026.filter((h) => h.date === d && h.country === c).map((h) => h.name);
    assert.deepEqual(on('2026-04-02', 'MX'), ['Jueves Santo']);
    assert.deepEqual(on('2026-11-16', 'MX'), ['Día de la Revolución']);
    // 4 July 2026 is a Saturday: observed on Friday the 3rd.
    assert.deepEqual(on('2026-07-03', 'US'), ['Independence Day (observed)']);
  });
});

describe('wait forecast and backtest on six weeks of real pulls', { timeout: 300_000 }, () => {
  let store: Store;
  before(async () => {
    DB = await forecastDatabase();
    store = await openStore(DB, { readOnly: true });
  });
  after(() => store.close());

  it('beats the CBP-style historical average on fixed days, with a calibrated interval', async () => {
    const r = await waitBacktest(store, {
      trainUntilMs: Date.parse('2026-01-04T00:00:00Z'),
      untilMs: Date.parse('2026-01-08T00:00:00Z'),
      horizonHours: 24,
      portNumbers: ['250302', '260801'],
    });
    assert.equal(r.origins.count, 13);
    assert.deepEqual(new Set(r.rows.map((x) => x.portNumber)), new Set(['250302', '260801']));
    assert.ok(r.overall.forecasts > 1000, `${r.overall.forecasts} hours scored`);
    assert.ok(
      r.overall.model.mae < r.overall.historicalAverage.mae,
      `model MAE ${r.overall.model.mae} vs historical average ${r.overall.historicalAverage.mae}`,
    );
    assert.ok(r.overall.model.mae < r.overall.lastValue.mae);
    assert.ok(
      r.overall.coverage > 0.7 && r.overall.coverage < 0.9,
      `coverage ${r.overall.coverage}`,
    );
    assert.match(r.sources.map((s) => s.folder).join(' '), /cbp\/bwt-history$/m);
  });

  it('an as-of forecast does not change when later readings are added', async () => {
    const asOf = Date.parse('2025-12-20T06:00:00Z');
    const full = await loadLaneHistory(store, ['240202']);
    const lane = full.lanes.find(
      (l) => l.key.laneType === 'passenger' && l.key.laneKind === 'standard',
    )!;
    const readings: Reading[] = [];
    for (const [, list] of lane.readings) readings.push(...list);
    const earlier = laneSeries(
      lane.key,
      lane.zone,
      readings.filter((x) => x.availableMs < asOf),
    );
    const withLater = laneSeries(lane.key, lane.zone, readings);
    const later = readings.filter((x) => x.availableMs >= asOf).length;
    assert.ok(later > 400, `the later readings are many (${later})`);
    const a = forecastWithInterval(earlier, asOf, 24);
    const b = forecastWithInterval(withLater, asOf, 24);
    assert.deepEqual(b.minutes, a.minutes);
    assert.deepEqual([b.low, b.high], [a.low, a.high]);
    // …while the newest readings do move the forecast made at the end of the history.
    const now = forecastWithInterval(withLater, Date.parse('2026-01-10T12:00:00Z'), 24);
    assert.notDeepEqual(now.minutes, a.minutes);
  });

  it('a week busier than usual lifts the busy hours by more minutes than the quiet ones', async () => {
    // The slow (7-day) level is a ratio of the usual wait, not a flat number of minutes: after
    // a week with every reading 1.5 times its real value, the forecast a day ahead rises by a
    // share of each hour's usual wait. Real readings of Paso del Norte's cars (El Paso).
    const asOf = Date.parse('2026-01-08T06:00:00Z');
    const full = await loadLaneHistory(store, ['240202']);
    const lane = full.lanes.find(
      (l) => l.key.laneType === 'passenger' && l.key.laneKind === 'standard',
    )!;
    const readings: Reading[] = [];
    for (const [, list] of lane.readings) readings.push(...list);
    const usual = laneSeries(lane.key, lane.zone, readings);
    const busier = laneSeries(
      lane.key,
      lane.zone,
      readings.map((r) =>
        r.observedMs >= asOf - 7 * 86_400_000 && r.observedMs < asOf
          ? { ...r, minutes: r.minutes * 1.5 }
          : r,
      ),
    );
    const a = pointForecast(usual, asOf, 48);
    const b = pointForecast(busier, asOf, 48);
    // The second day ahead, where the last hours' level has faded: its busiest and quietest hours.
    const day2 = [...Array(24).keys()].map((k) => k + 24).filter((k) => a.seasonal[k]! >= 0);
    const peak = day2.reduce((x, k) => (a.seasonal[k]! > a.seasonal[x]! ? k : x));
    const quiet = day2.reduce((x, k) => (a.seasonal[k]! < a.seasonal[x]! ? k : x));
    const rise = (k: number) => b.minutes[k]! - a.minutes[k]!;
    assert.ok(
      a.seasonal[peak]! > 2 * a.seasonal[quiet]! + 10,
      `${a.seasonal[peak]} vs ${a.seasonal[quiet]}`,
    );
    assert.ok(
      rise(peak) > 0.2 * a.minutes[peak]!,
      `peak rises ${rise(peak)} of ${a.minutes[peak]}`,
    );
    assert.ok(rise(quiet) < rise(peak) / 2, `quiet hour rises ${rise(quiet)}, peak ${rise(peak)}`);
  });

  it('readings on public holidays do not move the usual week or the 7-day level', async () => {
    // Christmas and New Year's Day are not a usual Thursday: with `skipHolidays`, inflating
    // those days' real readings five-fold leaves the profile and the forecast's 7-day level
    // alone (without it, the same change moves them).
    const asOf = Date.parse('2026-01-08T06:00:00Z');
    const full = await loadLaneHistory(store, ['240202']);
    const lane = full.lanes.find(
      (l) => l.key.laneType === 'passenger' && l.key.laneKind === 'standard',
    )!;
    const readings: Reading[] = [];
    for (const [, list] of lane.readings) readings.push(...list);
    const usual = laneSeries(lane.key, lane.zone, readings);
    const onHoliday = (r: Reading) =>
      isHoliday(usual, localDateAt(usual, Math.floor(r.observedMs / HOUR_MS)));
    assert.ok(readings.filter(onHoliday).length > 20);
    const inflated = laneSeries(
      lane.key,
      lane.zone,
      readings.map((r) => (onHoliday(r) ? { ...r, minutes: r.minutes * 5 } : r)),
    );
    const noLongRun = { ...MODEL_PARAMS, longRunWeight: 0 };
    assert.equal(MODEL_PARAMS.skipHolidays, true);
    assert.deepEqual(
      pointForecast(inflated, asOf, 48, noLongRun).minutes,
      pointForecast(usual, asOf, 48, noLongRun).minutes,
    );
    const kept = { ...noLongRun, skipHolidays: false };
    assert.notDeepEqual(
      pointForecast(inflated, asOf, 48, kept).minutes,
      pointForecast(usual, asOf, 48, kept).minutes,
    );
  });

  it('waits forecast --csv: one row per crossing, lane and hour, the issue’s columns', async () => {
    const r = await runCli(
      DB,
      'waits',
      'forecast',
      'San Ysidro',
      '--from',
      '2026-01-10T16:00Z',
      '--to',
      '2026-01-10T19:00Z',
      '--as-of',
      '2026-01-10T15:30Z',
      '--csv',
      '--db',
      DB,
    );
    assert.equal(r.code, 0, r.err);
    const lines = r.out.trim().split('\n');
    assert.equal(
      lines[0],
      'port_number,crossing,lane_type,lane_kind,hour_utc,forecast_minutes,low_minutes,high_minutes',
    );
    const rows = lines.slice(1).map((l) => l.split(','));
    assert.ok(rows.some((x) => x[0] === '250401' && x[2] === 'passenger' && x[3] === 'standard'));
    assert.equal(rows.length % 4, 0, 'four hours per lane');
    for (const x of rows) {
      const [f, lo, hi] = x.slice(-3).map(Number);
      assert.ok(lo! <= f! && f! <= hi!, x.join(','));
    }
    const text = await runCli(
      DB,
      'waits',
      'forecast',
      '250401',
      '--at',
      '2026-01-10T16:00Z',
      '--as-of',
      '2026-01-10T15:30Z',
      '--lane',
      'passenger:standard',
      '--db',
      DB,
    );
    assert.equal(text.code, 0, text.err);
    assert.match(
      text.out,
      /Source: .*cbp\/bwt-history\/: [\d,]+ files, rss-2025-11-30_00-\d\d-\d\d\.xml\.gz … rss-2026-01-10_1\d-/,
    );
    assert.match(text.out, /History: readings observed .* to 2026-01-10T1\d/);
  });

  it('refuses unknown places and lanes, times before the history, and horizons past a week', async () => {
    const cases: [string[], RegExp][] = [
      [
        ['waits', 'forecast', '999999', '--at', '2026-01-11T00:00Z'],
        /unknown CBP crossing "999999"/,
      ],
      [['waits', 'forecast', 'Atlantis', '--at', '2026-01-11T00:00Z'], /unknown port "Atlantis"/],
      [
        ['waits', 'forecast', '250401', '--lane', 'commercial', '--at', '2026-01-11T00:00Z'],
        /unknown lane "commercial"; closest: .*passenger:standard/,
      ],
      [
        ['waits', 'forecast', '250401', '--at', '2020-01-01T00:00Z', '--as-of', '2019-12-31'],
        /no wait readings of 250401 were published before 2019-12-31/,
      ],
      [
        ['waits', 'forecast', '250401', '--at', '2020-01-01T00:00Z'],
        /before the loaded history of 250401, which starts 2025-11-29T23/,
      ],
      [
        ['waits', 'forecast', '250401', '--at', '2026-02-10T00:00Z'],
        /forecasts reach at most 168 hours \(7 days\) ahead/,
      ],
      [
        ['waits', 'forecast', '250401', '--at', '2025-12-01T00:00Z'],
        /before the forecast origin .*--as-of/,
      ],
      [['waits', 'forecast', '250401', '--at', 'tomorrow'], /--at must be a date or time/],
    ];
    for (const [argv, message] of cases) {
      const r = await runCli(DB, ...argv, '--db', DB);
      assert.notEqual(r.code, 0, argv.join(' '));
      assert.equal(r.out, '');
      assert.match(r.err, message);
    }
    // A six-letter port name is a port, not a crossing number.
    const laredo = await runCli(
      DB,
      'waits',
      'forecast',
      'Laredo',
      '--at',
      '2026-01-10T16:00Z',
      '--as-of',
      '2026-01-10T15:30Z',
      '--csv',
      '--db',
      DB,
    );
    assert.equal(laredo.code, 0, laredo.err);
    assert.match(laredo.out, /^230401,"Laredo, Bridge I",/m);
    // A lane with too little history before the origin is refused by name.
    const thin = await runCli(
      DB,
      'waits',
      'forecast',
      '250401',
      '--lane',
      'pedestrian:ready',
      '--at',
      '2025-12-01T00:00Z',
      '--as-of',
      '2025-11-30T12:00Z',
      '--db',
      DB,
    );
    assert.equal(thin.code, 1);
    assert.match(
      thin.err,
      /too little history to forecast 250401 pedestrian:ready \(\d+ hourly readings\)/,
    );
  });

  it('GET /api/waits/forecast: the next 24 hours as JSON, the same as CSV, and refusals as 404s', async () => {
    const app = createApp(store, { dataVersion: 'test' });
    const q = '/api/waits/forecast?place=250401&lane=passenger:standard&asOf=2026-01-10T15:30Z';
    const r = await app.request(`http://127.0.0.1${q}`);
    assert.equal(r.status, 200);
    const json = await r.json();
    assert.equal(json.kind, 'wait-forecast');
    assert.equal(json.lanes.length, 1);
    assert.equal(json.lanes[0].hours.length, 24);
    assert.equal(json.lanes[0].hours[0].hourUtc, '2026-01-10T16:00:00Z');
    assert.match(json.sources.at(-1).lastFile, /^rss-2026-01-10_1/);
    const csv = await (await app.request(`http://127.0.0.1${q}&format=csv`)).text();
    const lines = csv.trim().split('\n');
    assert.equal(
      lines[0],
      'port_number,crossing,lane_type,lane_kind,hour_utc,forecast_minutes,low_minutes,high_minutes',
    );
    assert.equal(lines.length, 25);
    assert.equal(
      lines[1],
      `250401,San Ysidro,passenger,standard,2026-01-10T16:00:00Z,${json.lanes[0].hours[0].forecastMinutes},${json.lanes[0].hours[0].lowMinutes},${json.lanes[0].hours[0].highMinutes}`,
    );
    // A port whose PedWest crossing is never read at night: those hours are left out and
    // counted, not sent as NaN (the response failed its own schema, a 500, before).
    const port = await app.request('http://127.0.0.1/api/waits/forecast?place=2504');
    assert.equal(port.status, 200);
    const all = await port.json();
    assert.ok(all.lanes.length >= 6);
    for (const l of all.lanes)
      for (const x of l.hours)
        for (const v of [x.forecastMinutes, x.lowMinutes, x.highMinutes])
          assert.ok(Number.isFinite(v), `${l.portNumber} ${l.laneType}:${l.laneKind} ${x.hourUtc}`);
    assert.ok(all.lanes.some((l: { hours: unknown[] }) => l.hours.length < 24));
    assert.match(all.notes.join(' '), /\d+ lane-hours have no forecast: the lane was never read/);
    const far = await app.request(
      'http://127.0.0.1/api/waits/forecast?place=250401&at=2026-03-01T00:00Z',
    );
    assert.equal(far.status, 404);
    assert.match((await far.json()).error.message, /at most 168 hours/);
    const bad = await app.request('http://127.0.0.1/api/waits/forecast?place=250401&at=soon');
    assert.equal(bad.status, 400);
    const doc = await (await app.request('http://127.0.0.1/openapi.json')).json();
    assert.ok(
      doc.paths['/api/waits/forecast'].get.parameters.some(
        (p: { name: string }) => p.name === 'asOf',
      ),
    );
  });
});
