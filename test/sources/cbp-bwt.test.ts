import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { InputError } from '../../src/model/input-error.ts';
import type { Store } from '../../src/store/open-store.ts';
import { dataFile, ingest, memoryStore, query, scalar, scratch } from '../helpers.ts';

const JSON_FILE = dataFile('cbp/bwtnew-2022-06-29.json');
const RSS_FILE = dataFile('cbp/bwt-rss-2026-08-22.xml');

type Lane = Record<string, string>;
type Port = Record<string, unknown>;

/** Counted here without the reader: every sub-lane object except N/A ones with no reading. */
function countObservations(ports: Port[]): number {
  let n = 0;
  for (const p of ports) {
    for (const group of [
      'commercial_vehicle_lanes',
      'passenger_vehicle_lanes',
      'pedestrian_lanes',
    ]) {
      for (const lane of Object.values(p[group] as Record<string, unknown>)) {
        if (typeof lane !== 'object' || lane === null) continue;
        const l = lane as Lane;
        const empty = l.update_time === '' && l.delay_minutes === '';
        if (!(l.operational_status === 'N/A' && empty)) n++;
      }
    }
  }
  return n;
}

const epoch = (iso: string) => String(Date.parse(iso) / 1000);

async function lane(store: Store, where: string) {
  return query(
    store,
    `SELECT port_number, border, operational_status, delay_minutes, lanes_open,
            epoch(observed_at)::BIGINT AS at
     FROM wait_times WHERE ${where} ORDER BY observed_at`,
  );
}

describe('CBP Border Wait Times: bwtnew JSON', () => {
  let store: Store;
  let ports: Port[];
  let dir: string;
  let cleanup: () => Promise<void>;
  before(async () => {
    ({ dir, cleanup } = await scratch());
    store = await memoryStore();
    ports = JSON.parse(await readFile(JSON_FILE, 'utf8')) as Port[];
    await ingest(store, JSON_FILE);
  });
  after(async () => {
    store.close();
    await cleanup();
  });

  it('stores one row per sub-lane that reports something', async () => {
    const expected = countObservations(ports);
    assert.equal(expected, 273);
    assert.equal(await scalar(store, 'SELECT count(*) FROM wait_times'), BigInt(expected));
  });

  it('stores Alexandria Bay passenger standard lanes: 5 min, 4 lanes, at noon EDT', async () => {
    const where = `port_number = '070801' AND lane_type = 'passenger' AND lane_kind = 'standard'`;
    assert.deepEqual(await lane(store, where), [
      {
        port_number: '070801',
        border: 'canada',
        operational_status: 'no delay',
        delay_minutes: 5,
        lanes_open: 4,
        at: epoch('2022-06-29T16:00:00Z'),
      },
    ]);
  });

  it('stamps Lanes Closed at the response time, 13:25:16 EDT, with no delay', async () => {
    const where = `port_number = '300401' AND lane_type = 'commercial' AND lane_kind = 'fast'`;
    const [row] = await lane(store, where);
    assert.equal(row?.operational_status, 'Lanes Closed');
    assert.equal(row?.delay_minutes, null);
    assert.equal(row?.at, epoch('2022-06-29T17:25:16Z'));
  });

  it('records the vintage as the latest observation date', async () => {
    const v = await scalar(store, `SELECT vintage FROM source_file WHERE source = 'cbp-bwt-json'`);
    assert.equal(v, '2022-06-29');
  });

  it('adds only new observations from a later response that repeats the rest', async () => {
    // An hour later Alexandria Bay's passenger standard lanes were updated; nothing else was.
    const later = structuredClone(ports);
    const lanes = (later[0]?.passenger_vehicle_lanes as Record<string, Lane>).standard_lanes!;
    Object.assign(lanes, { update_time: 'At 1:00 pm EDT', delay_minutes: '15' });
    const path = join(dir, 'bwtnew-later.json');
    await writeFile(path, JSON.stringify(later));
    const [outcome] = await ingest(store, path);
    assert.equal(outcome?.rows.wait_times, 1);
    assert.equal(await scalar(store, 'SELECT count(*) FROM wait_times'), 274n);
    const where = `port_number = '070801' AND lane_type = 'passenger' AND lane_kind = 'standard'`;
    const rows = await lane(store, where);
    assert.deepEqual(
      rows.map((r) => [r.delay_minutes, r.at]),
      [
        [5, epoch('2022-06-29T16:00:00Z')],
        [15, epoch('2022-06-29T17:00:00Z')],
      ],
    );
    // The same file again is recognised by its hash and adds nothing.
    const [again] = await ingest(store, path);
    assert.equal(again?.status, 'unchanged');
    assert.equal(await scalar(store, 'SELECT count(*) FROM wait_times'), 274n);
  });
});

describe('CBP Border Wait Times: a truncated bwtnew response', () => {
  it('is rejected with an InputError naming the file, and stores nothing', async () => {
    const { dir, cleanup } = await scratch();
    const store = await memoryStore();
    try {
      const whole = await readFile(JSON_FILE);
      const path = join(dir, 'bwtnew-truncated.json');
      await writeFile(path, whole.subarray(0, Math.floor(whole.length / 2)));
      const err = await ingest(store, path).then(
        () => assert.fail('a truncated response was accepted'),
        (e: unknown) => e,
      );
      assert.ok(err instanceof InputError, `expected InputError, got ${String(err)}`);
      assert.ok(err.message.includes(path), err.message);
      assert.equal(err.problems[0]?.code, 'truncated');
      assert.equal(await scalar(store, 'SELECT count(*) FROM wait_times_all'), 0n);
      assert.equal(await scalar(store, 'SELECT count(*) FROM source_file'), 0n);
    } finally {
      store.close();
      await cleanup();
    }
  });
});

describe('CBP Border Wait Times: RSS feed', () => {
  let store: Store;
  before(async () => {
    store = await memoryStore();
    await ingest(store, RSS_FILE);
  });
  after(() => store.close());

  it('reads Brownsville B&M passenger general lanes: 40 min, 2 lanes, at 1:00 pm CDT', async () => {
    const where = `port_name = 'Brownsville' AND crossing_name = 'B&M'
      AND lane_type = 'passenger' AND lane_kind = 'standard'`;
    assert.deepEqual(await lane(store, where), [
      {
        port_number: null,
        border: null,
        operational_status: null,
        delay_minutes: 40,
        lanes_open: 2,
        at: epoch('2026-08-22T18:00:00Z'),
      },
    ]);
  });

  it('keeps every lane that is not N/A, across the four crossings', async () => {
    assert.equal(await scalar(store, 'SELECT count(*) FROM wait_times'), 17n);
    const closed = await query(
      store,
      `SELECT crossing_name, lane_type, lane_kind FROM wait_times
       WHERE operational_status = 'Lanes Closed'`,
    );
    assert.deepEqual(closed, [
      { crossing_name: 'Los Indios', lane_type: 'commercial', lane_kind: 'fast' },
    ]);
  });

  it('takes the vintage from the channel pubDate', async () => {
    const v = await scalar(store, `SELECT vintage FROM source_file WHERE source = 'cbp-bwt-rss'`);
    assert.equal(v, '2026-08-22');
  });
});
