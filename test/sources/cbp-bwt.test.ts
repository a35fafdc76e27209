import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
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

  it('keeps a reading CBP revises in a later response, the latest in the view', async () => {
    // Two hours later CBP still reports Alexandria Bay's noon reading, now as 25 minutes.
    const later = structuredClone(ports);
    for (const p of later) {
      p.time = String(p.time).replace(/^\d+/, (h) => String(Number(h) + 2));
    }
    const lanes = (later[0]?.passenger_vehicle_lanes as Record<string, Lane>).standard_lanes!;
    assert.equal(lanes.update_time, 'At Noon EDT');
    Object.assign(lanes, { delay_minutes: '25' });
    const path = join(dir, 'bwtnew-revised.json');
    await writeFile(path, JSON.stringify(later));
    await ingest(store, path);
    const where = `port_number = '070801' AND lane_type = 'passenger' AND lane_kind = 'standard'
      AND observed_at = '2022-06-29T16:00:00Z'`;
    assert.deepEqual(
      (await lane(store, where)).map((r) => r.delay_minutes),
      [25],
    );
    const all = await query(
      store,
      `SELECT delay_minutes, current FROM wait_times_all WHERE ${where} ORDER BY snapshot_at`,
    );
    assert.deepEqual(all, [
      { delay_minutes: 5, current: false },
      { delay_minutes: 25, current: true },
    ]);
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

const HISTORY = (name: string) => dataFile(`cbp/bwt-history/${name}`);
/** The recorder names each pull by its UTC time: rss-2025-07-10_00-20-40.xml.gz. */
const pulledAt = (name: string) => {
  const m = /(\d{4}-\d{2}-\d{2})_(\d{2})-(\d{2})-(\d{2})/.exec(name)!;
  return Date.parse(`${m[1]}T${m[2]}:${m[3]}:${m[4]}Z`);
};

/** Every file's observations are no later than its pull (its file name, UTC). */
async function assertNoneAfterPull(store: Store, files: readonly string[]) {
  for (const name of files) {
    const [r] = await query(
      store,
      `SELECT count(*) AS n, max(epoch_ms(w.observed_at)) AS latest
       FROM wait_times_all w JOIN source_file f ON f.id = w.source_file_id
       WHERE f.path LIKE '%${name}'`,
    );
    assert.ok(Number(r?.n) > 0, `${name}: no readings`);
    assert.ok(Number(r?.latest) <= pulledAt(name), `${name}: a reading after the pull`);
  }
}

describe('CBP wait-time clocks: the RSS feed', () => {
  // El Paso RSS of 27–28 March 2025 (EDT, though pubDate says "EST"), tab-separated cells.
  const files = ['rss-2025-03-27_20-43-59.xml', 'rss-2025-03-28_04-05-02.xml'];
  let store: Store;
  before(async () => {
    store = await memoryStore();
    await ingest(store, RSS_FILE, ...files.map(HISTORY));
  });
  after(() => store.close());

  it('stamps no reading later than the pull (file name, UTC)', async () => {
    await assertNoneAfterPull(store, files);
  });

  it('reads the pubDate ("EST" in August) as Eastern daylight time', async () => {
    // Lanes Closed at Los Indios carries no time: it is the pubDate, 14:08:39 EDT.
    const rows = await lane(
      store,
      `operational_status = 'Lanes Closed' AND port_name = 'Brownsville'`,
    );
    assert.deepEqual(
      rows.map((r) => r.at),
      [epoch('2026-08-22T18:08:39Z')],
    );
  });

  it('reads El Paso statuses at the pubDate in EDT, before the pull 5 min later', async () => {
    const rows = await query(
      store,
      `SELECT DISTINCT epoch(observed_at)::BIGINT AS at FROM wait_times
       WHERE operational_status = 'Lanes Closed' AND crossing_name = 'Bridge of the Americas (BOTA)'
         AND observed_at < '2025-03-28'`,
    );
    assert.deepEqual(rows, [{ at: epoch('2025-03-27T20:38:41Z') }]);
  });

  it('reads the 10:00 pm MDT readings of 27 March as 04:00 UTC on the 28th', async () => {
    const text = await readFile(HISTORY('rss-2025-03-28_04-05-02.xml'), 'utf8');
    const stated = text.match(/At 10:00 pm MDT/g)?.length ?? 0;
    assert.equal(stated, 8);
    const n = await scalar(
      store,
      `SELECT count(*) FROM wait_times WHERE observed_at = '2025-03-28T04:00:00Z'`,
    );
    assert.equal(n, BigInt(stated));
  });
});

describe('CBP wait-time clocks: the national bwt.xml', () => {
  // Summer (plain and gzipped), a stale Sunday reading, "0:05 am", July with Arizona's "PST",
  // winter (EST).
  const files = [
    'rss-2025-03-28_15-34-57.xml',
    'rss-2025-03-30_16-04-35.xml',
    'rss-2025-06-19_04-09-50.xml.gz',
    'rss-2025-07-10_00-20-40.xml.gz',
    'rss-2025-12-20_16-04-59.xml.gz',
  ];
  let store: Store;
  before(async () => {
    store = await memoryStore();
    await ingest(store, ...files.map(HISTORY));
  });
  after(() => store.close());

  it('stamps no reading and no snapshot later than the pull (file name, UTC)', async () => {
    await assertNoneAfterPull(store, files);
    const late = await scalar(
      store,
      `SELECT count(*) FROM wait_times_all WHERE observed_at > snapshot_at`,
    );
    assert.equal(late, 0n);
  });

  it('reads last_updated as US Eastern local time, EDT in March, EST in December', async () => {
    const snapshots = await query(
      store,
      `SELECT DISTINCT epoch(snapshot_at)::BIGINT AS at FROM wait_times ORDER BY 1`,
    );
    // last_updated 2025-3-28 11:28:42, 2025-3-30 12:0:52 (EDT); 2025-12-20 11:2:7 (EST).
    for (const at of ['2025-03-28T15:28:42Z', '2025-03-30T16:00:52Z', '2025-12-20T16:02:07Z']) {
      assert.ok(
        snapshots.some((r) => r.at === epoch(at)),
        `${at} not among ${JSON.stringify(snapshots)}`,
      );
    }
  });

  it('reads "At 0:05 am EDT" as five past midnight', async () => {
    const name = 'rss-2025-06-19_04-09-50.xml.gz';
    const text = gunzipSync(await readFile(HISTORY(name))).toString('latin1');
    const stated = text.match(/At 0:05 am EDT/g)?.length ?? 0;
    assert.ok(stated > 0);
    const n = await scalar(
      store,
      `SELECT count(*) FROM wait_times WHERE observed_at = '2025-06-19T04:05:00Z'`,
    );
    assert.equal(n, BigInt(stated));
  });

  it('reads an Arizona "PST" in July as Arizona time (UTC-7): Douglas at 5 pm is 00:00 UTC', async () => {
    const rows = await query(
      store,
      `SELECT DISTINCT epoch(observed_at)::BIGINT AS at FROM wait_times
       WHERE port_number = '260101' AND snapshot_at < '2025-07-11' AND delay_minutes IS NOT NULL`,
    );
    assert.ok(
      rows.some((r) => r.at === epoch('2025-07-10T00:00:00Z')),
      JSON.stringify(rows),
    );
  });

  it('keeps a stale reading at its own time: Derby Line 8:00 pm EDT seen at noon is the evening before', async () => {
    const rows = await query(
      store,
      `SELECT DISTINCT epoch(observed_at)::BIGINT AS at FROM wait_times
       WHERE port_number = '020901' AND snapshot_at = '2025-03-30T16:00:52Z'`,
    );
    assert.deepEqual(rows, [{ at: epoch('2025-03-30T00:00:00Z') }]);
  });

  it('skips, with a note, a reading whose time CBP gives as "N/A", and loads the rest', async () => {
    const path = HISTORY('rss-2025-06-18_20-04-54.xml.gz');
    // Counted without the reader: every sub-lane but those with nothing (N/A, no time) and
    // the one timed "N/A".
    const text = gunzipSync(await readFile(path)).toString('latin1');
    const lanes = [
      ...text.matchAll(/<(standard|FAST|NEXUS_SENTRI|ready)_lanes>([\s\S]*?)<\/\1_lanes>/g),
    ];
    const empty = (l: string) =>
      /<operational_status>N\/A</.test(l) && /<update_time><\/update_time>/.test(l);
    const untimed = lanes.filter((m) => /<update_time>N\/A</.test(m[2]!)).length;
    assert.equal(untimed, 1);
    const fresh = await memoryStore();
    try {
      const [r] = await ingest(fresh, path);
      assert.equal(r?.status, 'loaded');
      assert.equal(r?.rows.wait_times, lanes.filter((m) => !empty(m[2]!)).length - untimed);
      assert.ok(
        r?.notes.includes('1 readings with update_time "N/A" skipped: no time to place them by'),
      );
    } finally {
      fresh.close();
    }
  });

  it('records each kind of CBP error page with no rows and a note, and loads it only once', async () => {
    const pages = {
      'rss-2025-06-10_07-04-53.xml.gz': 'An error occurred while processing your request',
      'rss-2025-08-08_23-04-44.xml.gz':
        'The page cannot be displayed because an internal server error',
      'rss-2025-09-29_18-06-51.xml.gz': 'Internal Server Error',
    };
    for (const [name, said] of Object.entries(pages)) {
      const [first] = await ingest(store, HISTORY(name));
      assert.equal(first?.status, 'loaded');
      assert.equal(first?.rows.wait_times ?? 0, 0);
      assert.ok(
        first?.notes.some((n) => n.startsWith(`a CBP error page ("${said}`)),
        first?.notes.join('\n'),
      );
      const [again] = await ingest(store, HISTORY(name));
      assert.equal(again?.status, 'unchanged');
    }
  });
});

describe('CBP wait times: a reading CBP revises in a later snapshot', () => {
  // Alexandria Bay (070801) passengers at 7:00 am EDT on 10 July 2025: 0 min in the 11:04 UTC
  // pull, 2 min for the same reading time in the 12:08 UTC pull.
  const where = `port_number = '070801' AND lane_type = 'passenger' AND lane_kind = 'standard'
    AND observed_at = '2025-07-10T11:00:00Z'`;
  const [early, late] = ['rss-2025-07-10_11-04-28.xml.gz', 'rss-2025-07-10_12-08-08.xml.gz'];
  let store: Store;
  before(async () => {
    store = await memoryStore();
    await ingest(store, HISTORY(early), HISTORY(late));
  });
  after(() => store.close());

  it('shows the latest revision in the view and keeps the earlier one', async () => {
    assert.deepEqual(
      (await lane(store, where)).map((r) => r.delay_minutes),
      [2],
    );
    const all = await query(
      store,
      `SELECT delay_minutes, current FROM wait_times_all WHERE ${where} ORDER BY snapshot_at`,
    );
    assert.deepEqual(all, [
      { delay_minutes: 0, current: false },
      { delay_minutes: 2, current: true },
    ]);
  });

  it('stores a repeated reading once and each observation once in the view', async () => {
    const dupes = await scalar(
      store,
      `SELECT count(*) FROM (SELECT 1 FROM wait_times
       GROUP BY port_number, crossing_name, lane_type, lane_kind, observed_at HAVING count(*) > 1)`,
    );
    assert.equal(dupes, 0n);
  });

  it('makes the later snapshot current even when it is loaded first', async () => {
    const other = await memoryStore();
    try {
      await ingest(other, HISTORY(late), HISTORY(early));
      assert.deepEqual(
        (await lane(other, where)).map((r) => r.delay_minutes),
        [2],
      );
    } finally {
      other.close();
    }
  });
});
