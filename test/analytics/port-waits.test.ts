import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { portProfile } from '../../src/analytics/port-profile.ts';
import { createApp } from '../../src/api/create-app.ts';
import type { Store } from '../../src/store/open-store.ts';
import { fixtureStore } from '../fixture-database.ts';
import { dataFile, query, runCli, scalar, scratch } from '../helpers.ts';

// Schedule D ports, the 2022 bwtnew JSON (numbered, 230103 "Gateway" and 5355xx Brownsville),
// the 2026 Brownsville RSS (names only) and a national bwt.xml pull of December 2025.
const FILES = [
  'bts/transborder/codes/schedule_d_port_codes.json',
  'bts/transborder/codes/port_coordinates.json',
  'cbp/bwtnew-2022-06-29.json',
  'cbp/bwt-rss-2026-08-22.xml',
  'cbp/bwt-history/rss-2025-12-20_16-04-59.xml.gz',
].map(dataFile);

describe('CBP crossings and their ports', () => {
  let store: Store;
  before(async () => {
    store = await fixtureStore([...FILES]);
  });
  after(() => store.close());

  it('gives the RSS readings the crossing numbers CBP uses for the same names', async () => {
    assert.equal(
      await scalar(store, 'SELECT count(*) FROM wait_times WHERE port_number IS NULL'),
      0n,
    );
    const rss = await query(
      store,
      `SELECT DISTINCT w.port_number, w.crossing_name FROM wait_times w
       JOIN source_file f ON f.id = w.source_file_id WHERE f.source = 'cbp-bwt-rss' ORDER BY 1`,
    );
    assert.deepEqual(rss, [
      { port_number: '535501', crossing_name: 'B&M' },
      { port_number: '535502', crossing_name: 'Veterans International' },
      { port_number: '535503', crossing_name: 'Los Indios' },
      { port_number: '535504', crossing_name: 'Gateway' },
    ]);
  });

  it('ties each CBP crossing to its Schedule D port, by number or else by port name', async () => {
    const rows = await query(
      store,
      `SELECT port_number, port_code, matched_by FROM cbp_crossing
       WHERE port_number IN ('230103', '230401', '535501', 'L01901', '380001') ORDER BY 1`,
    );
    assert.deepEqual(rows, [
      { port_number: '230103', port_code: '2301', matched_by: 'number' },
      { port_number: '230401', port_code: '2304', matched_by: 'number' },
      { port_number: '380001', port_code: '3801', matched_by: 'port name' },
      { port_number: '535501', port_code: '2301', matched_by: 'port name' },
      { port_number: 'L01901', port_code: '0109', matched_by: 'port name' },
    ]);
  });

  it('lists every Brownsville crossing with its latest readings', async () => {
    const p = await portProfile(store, 'brownsville');
    assert.deepEqual(
      p.waitCrossings.map((c) => [c.portNumber, c.crossingName ?? c.portName]),
      [
        ['230103', 'Gateway'],
        ['535501', 'B&M'],
        ['535502', 'Veterans International'],
        ['535503', 'Los Indios'],
        ['535504', 'Gateway'],
      ],
    );
    const bm = p.waitCrossings.find((c) => c.portNumber === '535501')!;
    const general = bm.lanes.find((l) => l.laneType === 'passenger' && l.laneKind === 'standard');
    assert.deepEqual(general, {
      portNumber: '535501',
      crossingName: 'B&M',
      laneType: 'passenger',
      laneKind: 'standard',
      observedAt: '2026-08-22T18:00:00Z',
      status: null,
      delayMinutes: 40,
      lanesOpen: 2,
    });
    // 230103 only shows "Update Pending": said, not passed off as a wait.
    assert.ok(
      p.notes.some((n) => n.startsWith('CBP crossing 230103 (Gateway) shows no wait')),
      p.notes.join('\n'),
    );
  });

  it('serves the same crossings from the API port profile', async () => {
    const app = createApp(store, { dataVersion: 'test' });
    const r = await app.request('/api/profile/port/2301');
    assert.equal(r.status, 200);
    const body = (await r.json()) as { waitCrossings: { portNumber: string }[] };
    assert.deepEqual(
      body.waitCrossings.map((c) => c.portNumber),
      ['230103', '535501', '535502', '535503', '535504'],
    );
  });

  it('lists all four Laredo bridges', async () => {
    const p = await portProfile(store, 'laredo');
    assert.deepEqual(
      p.waitCrossings.map((c) => c.portNumber),
      ['230401', '230402', '230403', '230404'],
    );
  });
});

describe('CBP crossing numbers on the command line', () => {
  let db: string;
  let cleanup: () => Promise<void>;
  before(async () => {
    let dir: string;
    ({ dir, cleanup } = await scratch());
    db = join(dir, 'waits.duckdb');
    const r = await runCli(db, 'ingest', ...FILES);
    assert.equal(r.code, 0, r.err);
  });
  after(() => cleanup());

  it('prints crossing numbers as codes in `profile port brownsville`', async () => {
    const r = await runCli(db, 'profile', 'port', 'brownsville');
    assert.equal(r.code, 0, r.err);
    for (const n of ['230103', '535501', '535502', '535503', '535504']) {
      assert.match(r.out, new RegExp(`^${n}\\s`, 'm'), `${n} missing:\n${r.out}`);
    }
    assert.doesNotMatch(r.out, /230,103|535,50\d/);
  });

  it('prints text columns as stored in `sql`: 070801 keeps its leading zero', async () => {
    const r = await runCli(
      db,
      'sql',
      `SELECT DISTINCT port_number FROM wait_times WHERE port_name = 'Alexandria Bay'`,
    );
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^070801$/m);
    assert.doesNotMatch(r.out, /70,801/);
  });
});
