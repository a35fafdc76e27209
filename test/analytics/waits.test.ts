/**
 * `frontera waits …` on about 110 real CBP pulls (Monday mornings over the whole history and
 * one day hour by hour, `wait-fixture.ts`): every figure checked against a direct SQL
 * computation on the same rows, the refusals, the CLI's outputs and the API routes with their
 * OpenAPI entries. The port time zones are checked against the zone abbreviations CBP itself
 * printed in the raw pulls.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { startServer, type Server } from '../../src/api/serve.ts';
import { CoverageError, LookupError } from '../../src/analytics/lookup-error.ts';
import { portZone } from '../../src/analytics/port-zone.ts';
import { waitCompare } from '../../src/analytics/wait-compare.ts';
import { waitHistory } from '../../src/analytics/wait-history.ts';
import { waitNow } from '../../src/analytics/wait-now.ts';
import { waitProfile } from '../../src/analytics/wait-profile.ts';
import { zoneOffsetMinutes } from '../../src/sources/zoned-time.ts';
import type { Store } from '../../src/store/open-store.ts';
import { query } from '../helpers.ts';
import { waitDatabase, waitPulls } from './wait-fixture.ts';

const r1 = (x: unknown) => Math.round(Number(x) * 10) / 10;

describe('CBP wait analytics on real pulls', { timeout: 120_000 }, () => {
  let w: Awaited<ReturnType<typeof waitDatabase>>;
  let store: Store;
  before(async () => {
    w = await waitDatabase();
    store = await w.open();
  });
  after(async () => {
    store?.close();
    await w?.cleanup();
  });

  it('history: each hour is the mean of the readings in that UTC hour, an hour without one is a gap (null), never 0', async () => {
    // Laredo local days: 1 October 2025 00:00 CDT is 05:00 UTC.
    const h = await waitHistory(store, '230404', { from: '2025-10-01', to: '2025-10-02' });
    assert.equal(h.place.name, 'Laredo – World Trade Bridge');
    assert.equal(h.period.from, '2025-10-01T05:00:00Z');
    assert.equal(h.period.hours, 48);
    const sql = await query(
      store,
      `SELECT lane_type || '/' || lane_kind AS lane,
              strftime(date_trunc('hour', observed_at AT TIME ZONE 'UTC'), '%Y-%m-%dT%H:00:00Z') AS h,
              avg(delay_minutes) AS m, count(*) AS n
       FROM wait_times WHERE port_number = '230404' AND delay_minutes IS NOT NULL
         AND observed_at >= TIMESTAMPTZ '2025-10-01 05:00:00+00'
         AND observed_at < TIMESTAMPTZ '2025-10-03 05:00:00+00' GROUP BY ALL`,
    );
    const want = new Map(sql.map((r) => [`${String(r.lane)} ${String(r.h)}`, r]));
    assert.ok(sql.length >= 20, `${sql.length} hourly values`);
    let gaps = 0;
    for (const s of h.series) {
      assert.equal(s.values.length, 48);
      for (const v of s.values) {
        const r = want.get(`${s.laneType}/${s.laneKind} ${v.hourUtc}`);
        if (r) {
          assert.equal(v.minutes, r1(r.m), `${s.laneKind} ${v.hourUtc}`);
          assert.equal(v.readings, Number(r.n));
        } else {
          assert.equal(v.minutes, null, `${v.hourUtc} has no reading: a gap`);
          gaps++;
        }
      }
      assert.equal(s.gaps, s.values.filter((v) => v.minutes === null).length);
    }
    assert.equal(
      h.series.reduce((a, s) => a + s.withReadings, 0),
      sql.length,
    );
    assert.ok(gaps > 0, 'the pulls stop on 2 October: the hours after are gaps');
    // Local hours are in Laredo's zone (CDT, UTC−5, in October).
    assert.equal(h.series[0]!.values[0]!.hourLocal, '2025-10-01T00:00');
    assert.ok(h.sources.length >= 1 && h.span.first <= h.span.last);
    // The latest reading against typical is the latest loaded, not the latest of the period.
    assert.ok(h.latest.length > 0);
    assert.ok(
      h.latest.every((r) => r.observedAt > '2025-10-03'),
      'latest beyond the period',
    );
  });

  it('profile: a Monday 7 am cell at San Ysidro is the median and p80 of the hourly values at 7 am Pacific, with its counts', async () => {
    const p = await waitProfile(store, '250401', { lanes: ['passenger/standard'] });
    const lane = p.lanesProfiled.find((l) => l.laneKind === 'standard')!;
    const cell = lane.hourOfWeek.find((c) => c.weekday === 1 && c.hour === 7);
    assert.ok(cell, 'Monday 07:00 is shown');
    const [r] = await query(
      store,
      `WITH hv AS (
         SELECT date_trunc('hour', observed_at AT TIME ZONE 'America/Los_Angeles') AS lh,
                avg(delay_minutes) AS m, count(*) AS n
         FROM wait_times WHERE port_number = '250401' AND lane_type = 'passenger'
           AND lane_kind = 'standard' AND delay_minutes IS NOT NULL GROUP BY 1)
       SELECT quantile_cont(m, 0.5) AS med, quantile_cont(m, 0.8) AS p80, count(*) AS hours,
              sum(n) AS readings
       FROM hv WHERE isodow(lh) = 1 AND hour(lh) = 7`,
    );
    assert.equal(cell.median, r1(r!.med));
    assert.equal(cell.p80, r1(r!.p80));
    assert.equal(cell.hours, Number(r!.hours));
    assert.equal(cell.readings, Number(r!.readings));
    assert.ok(cell.hours >= p.minHours && cell.median > 0);
    // Only cells with enough hourly values are shown; the thin ones are counted as left out.
    assert.ok(lane.hourOfWeek.every((c) => c.hours >= 8));
    assert.ok(lane.hidden.hourOfWeek > 0);
    const withTwo = await waitProfile(store, '250401', {
      lanes: ['passenger/standard'],
      minHours: 2,
    });
    assert.ok(withTwo.lanesProfiled[0]!.hourOfWeek.length > lane.hourOfWeek.length);
  });

  it('compare: San Diego at Monday 07:00 ranks its crossings by the same cells, fastest first, and says which', async () => {
    const c = await waitCompare(store, 'Tijuana', { at: 'lunes 7:00' });
    assert.equal(c.place.name, 'San Diego');
    assert.deepEqual(c.place.ports, ['2504', '2506']);
    assert.equal(c.at.label, 'Mon 07:00');
    const std = c.rows.filter((r) => r.laneType === 'passenger' && r.laneKind === 'standard');
    const ranked = std.filter((r) => r.rank !== null);
    assert.ok(ranked.length >= 2, 'San Ysidro and Otay Mesa both have Monday 7 am cars');
    for (let i = 1; i < ranked.length; i++) assert.ok(ranked[i - 1]!.median! <= ranked[i]!.median!);
    for (const r of ranked) {
      const own = await waitProfile(store, r.portNumber, { lanes: ['passenger/standard'] });
      const cell = own.lanesProfiled[0]!.hourOfWeek.find((x) => x.weekday === 1 && x.hour === 7)!;
      assert.equal(r.median, cell.median);
      assert.equal(r.p80, cell.p80);
      assert.equal(r.hours, cell.hours);
    }
    const verdict = c.verdicts.find((v) => v.startsWith('passenger/standard:'))!;
    assert.match(verdict, new RegExp(`${ranked[0]!.crossing} is faster`));
  });

  it('now: the latest reading of each lane, against the typical wait at its local hour of week', async () => {
    const n = await waitNow(store, 'Laredo', { asOf: new Date('2026-01-12T20:00:00Z') });
    const latest = await query(
      store,
      `SELECT port_number || '|' || lane_type || '/' || lane_kind AS k,
              strftime(max(observed_at) AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%SZ') AS t
       FROM wait_times WHERE port_number LIKE '2304%' GROUP BY 1`,
    );
    const want = new Map(latest.map((r) => [String(r.k), String(r.t)]));
    assert.ok(n.rows.length >= 5);
    for (const r of n.rows) {
      assert.equal(r.observedAt, want.get(`${r.portNumber}|${r.laneType}/${r.laneKind}`));
      if (r.typical) {
        const p = await waitProfile(store, r.portNumber, {
          lanes: [`${r.laneType}/${r.laneKind}`],
        });
        const cell = p.lanesProfiled[0]!.hourOfWeek.find(
          (c) => c.weekday === r.typical!.weekday && c.hour === r.typical!.hour,
        )!;
        assert.equal(r.typical.median, cell.median);
        assert.match(r.text, /usually \d+ min at this hour/);
      }
    }
    // Best time: from history, within the 24 hours of the week from Monday 14:00 in Laredo.
    for (const b of n.bestTimes) {
      assert.deepEqual(b.from, { weekday: 1, hour: 14 });
      assert.match(b.text, /^from history/);
    }
    assert.ok(n.notes.some((x) => /latest loaded, not live/.test(x)) === false);
    // Lanes CBP lists but never timed are left out, and named.
    const sy = await waitNow(store, 'San Ysidro', { asOf: new Date('2026-01-12T20:00:00Z') });
    const timed = await query(
      store,
      `SELECT count(*) AS n FROM wait_times WHERE port_number LIKE '2504%'
         AND lane_type = 'commercial' AND delay_minutes IS NOT NULL`,
    );
    assert.equal(Number(timed[0]!.n), 0);
    assert.ok(sy.rows.length > 0 && sy.rows.every((r) => r.laneType !== 'commercial'));
    assert.ok(sy.notes.some((x) => /never showed a wait in minutes.*commercial\/standard/.test(x)));
  });

  it('cites its files summarised by folder (count, first and last) under its own filter, and the span of readings', async () => {
    const p = await waitProfile(store, 'San Ysidro');
    const [r] = await query(
      store,
      `SELECT count(*) AS files, min(path) AS first, max(path) AS last FROM source_file
       WHERE id IN (SELECT DISTINCT source_file_id FROM wait_times
                    WHERE port_number LIKE '2504%' AND delay_minutes IS NOT NULL)`,
    );
    assert.equal(p.sources.length, 1);
    const g = p.sources[0]!;
    assert.equal(g.files, Number(r!.files));
    assert.equal(g.first.path, r!.first);
    assert.equal(g.last.path, r!.last);
    assert.ok(g.files < waitPulls().length, 'not every loaded pull: only those with these rows');
    const [s] = await query(
      store,
      `SELECT strftime(min(observed_at) AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%SZ') AS f,
              strftime(max(observed_at) AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%SZ') AS l
       FROM wait_times WHERE port_number LIKE '2504%' AND delay_minutes IS NOT NULL`,
    );
    assert.equal(p.span.first, s!.f);
    assert.equal(p.span.last, s!.l);
  });

  it('refuses unknown names with candidates, ports without readings, lanes and periods not loaded', async () => {
    await assert.rejects(waitHistory(store, 'Lardo'), (e: unknown) => {
      assert.ok(e instanceof LookupError);
      assert.ok(e.candidates.some((c) => c.code === '2304'));
      return true;
    });
    await assert.rejects(waitHistory(store, 'Houston'), /Houston \(5301\) has no data/);
    await assert.rejects(
      waitHistory(store, 'Laredo', { from: '2024-01-01', to: '2024-01-31' }),
      (e: unknown) => {
        assert.ok(e instanceof CoverageError);
        assert.match(e.message, /loaded data covers 2025-03-31 – 2026-01-12/);
        return true;
      },
    );
    await assert.rejects(waitProfile(store, '2304', { lanes: ['bus'] }), /unknown lane "bus"/);
    await assert.rejects(
      waitProfile(store, 'San Ysidro', { lanes: ['commercial/fast'] }),
      /no data for lane commercial\/fast; loaded data covers lanes passenger/,
    );
    await assert.rejects(waitHistory(store, '2304', { from: '2025-02-30' }), /not a real date/);
    await assert.rejects(waitCompare(store, 'El Paso', { at: 'someday' }), /give a weekday/);
  });

  it('the CLI prints, refuses with exit 1, and gives --json and --csv', async () => {
    const ok = await w.run('waits', 'compare', 'San Diego', '--at', 'monday 07:00');
    assert.equal(ok.code, 0, ok.err);
    assert.match(ok.out, /CBP crossings compared at Mon 07:00 local time, San Diego/);
    assert.match(ok.out, /Source: cbp-bwt-xml bwt-xml, \d+ files in .*bwt-history\/, rss-/);
    assert.match(ok.out, /History: [\d,]+ readings with a wait, first 2025-/);
    const csv = await w.run(
      'waits',
      'history',
      '230404',
      '--from',
      '2025-10-01',
      '--to',
      '2025-10-02',
      '--csv',
    );
    const lines = csv.out.trim().split('\n');
    assert.equal(
      lines[0],
      'port_number,crossing,lane_type,lane_kind,hour_utc,hour_local,minutes,readings',
    );
    assert.ok(
      lines.some((l) => /,,0$/.test(l)),
      'a gap is an empty value with no readings',
    );
    const json = JSON.parse((await w.run('waits', 'now', '2304', '--json')).out);
    assert.equal(json.kind, 'wait-now');
    const bad = await w.run('waits', 'history', 'Lardo');
    assert.equal(bad.code, 1);
    assert.match(bad.err, /unknown port or crossing "Lardo"; closest: Laredo, TX \(2304\)/);
    const out = await w.run(
      'waits',
      'profile',
      'Laredo',
      '--from',
      '2023-01-01',
      '--to',
      '2023-02-01',
    );
    assert.equal(out.code, 1);
    assert.match(out.err, /loaded data covers 2025-03-31 – 2026-01-12/);
  });

  it('the API answers every route, with CSV downloads and OpenAPI entries; bad input is 400 or 404', async () => {
    const server: Server = await startServer(store, { port: 0 });
    try {
      const get = (p: string) => fetch(`${server.url}${p}`);
      for (const p of [
        '/api/waits/history/2304',
        '/api/waits/profile/2304',
        '/api/waits/compare/San%20Diego?at=monday%2007:00',
        '/api/waits/now/2304?asOf=2026-01-12T20:00:00Z',
      ]) {
        const r = await get(p);
        assert.equal(r.status, 200, p);
        const body = (await r.json()) as { kind: string; sources: unknown[]; span: object };
        assert.ok(body.kind.startsWith('wait-') && body.sources.length > 0 && body.span, p);
      }
      const csv = await get('/api/waits/profile/250401?format=csv');
      assert.equal(csv.status, 200);
      assert.match(
        await csv.text(),
        /^port_number,crossing,lane_type,lane_kind,cell,weekday,hour,month,median_minutes,p80_minutes,hours,readings\n250401,/,
      );
      assert.equal((await get('/api/waits/profile/2304?lane=bus')).status, 400);
      const lost = await get('/api/waits/history/Lardo');
      assert.equal(lost.status, 404);
      assert.match(await lost.text(), /2304/);
      assert.equal(
        (await get('/api/waits/history/2304?from=2024-01-01&to=2024-01-02')).status,
        404,
      );
      assert.equal((await get('/api/waits/compare/El%20Paso?at=someday')).status, 400);
      const spec = (await (await get('/openapi.json')).json()) as {
        paths: Record<string, unknown>;
      };
      for (const p of ['history/{place}', 'profile/{place}', 'compare/{city}', 'now/{place}'])
        assert.ok(spec.paths[`/api/waits/${p}`], p);
    } finally {
      await server.close();
    }
  });

  it('port time zones agree with the zone CBP printed for every port in real pulls (Arizona: MST all year)', async () => {
    const ports = new Map(
      (
        await query(
          store,
          `SELECT c.port_number, c.port_code, d.state FROM cbp_crossing c
           JOIN port_directory d USING (port_code)`,
        )
      ).map((r) => [
        String(r.port_number),
        { code: String(r.port_code), state: r.state as string },
      ]),
    );
    const OFFSET: Record<string, number> = {
      EDT: -240,
      EST: -300,
      CDT: -300,
      CST: -360,
      MDT: -360,
      MST: -420,
      PDT: -420,
      PST: -480,
    };
    let checked = 0;
    // A summer and a winter pull.
    for (const f of waitPulls().filter((p) => /2025-10-01_12|2026-01-12_14/.test(p))) {
      const text = (f.endsWith('.gz') ? gunzipSync(readFileSync(f)) : readFileSync(f)).toString(
        'latin1',
      );
      const m = /rss-(\d{4}-\d{2}-\d{2})_(\d{2})-(\d{2})-(\d{2})/.exec(basename(f))!;
      const at = Date.parse(`${m[1]}T${m[2]}:${m[3]}:${m[4]}Z`);
      for (const port of text.split('<port>').slice(1)) {
        const num = /<port_number>([^<]+)</.exec(port)?.[1];
        const abbr = /<update_time>At [^<]* ([A-Z]{3})<\/update_time>/.exec(port)?.[1];
        const p = num ? ports.get(num) : undefined;
        if (!p || !abbr || !(abbr in OFFSET)) continue;
        const zone = portZone(p.code, p.state);
        assert.ok(zone, `${num}: a zone`);
        if (num!.startsWith('26')) assert.equal(zone, 'America/Phoenix');
        else assert.equal(zoneOffsetMinutes(at, zone), OFFSET[abbr], `${num} prints ${abbr}`);
        checked++;
      }
    }
    assert.ok(checked >= 80, `${checked} port readings checked`);
  });
});
