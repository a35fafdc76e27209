import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { main } from '../../src/cli/main.ts';
import { SOURCES } from '../../src/sources/registry.ts';
import { ingestPaths } from '../../src/store/ingest-paths.ts';
import { openStore } from '../../src/store/open-store.ts';
import { dataFile, query, scalar, scratch } from '../helpers.ts';
import { startFakePublisher, type FakePublisher } from './fake-publisher.ts';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  const io = {
    out: (t: string) => void out.push(t),
    err: (t: string) => void err.push(t),
    env: {},
    isTTY: false,
    now: () => new Date(),
  };
  return { io, out, err };
}

describe('frontera sync and frontera watch cbp', () => {
  let fake: FakePublisher;
  let dir: string;
  let cleanup: () => Promise<void>;
  let config: string;
  before(async () => {
    ({ dir, cleanup } = await scratch());
    fake = await startFakePublisher({ countryXlsx: dataFile('census/country-2018-10.xlsx') });
    config = join(dir, 'frontera.config.json');
    await writeFile(
      config,
      JSON.stringify({ baseDelayMs: 1, sources: { fred: { series: ['EXPCH', 'IMPCH'] } } }),
    );
  });
  after(async () => {
    await fake.close();
    await cleanup();
  });

  it('syncs the sources named, reporting as JSON; the base URL can come from the config file', async () => {
    const db = join(dir, 'a.duckdb');
    const own = join(dir, 'own.config.json');
    await writeFile(
      own,
      JSON.stringify({
        sources: { fred: { baseUrl: fake.url, series: ['EXPCH'] }, cbp: { baseUrl: fake.url } },
      }),
    );
    const c = capture();
    assert.equal(
      await main(
        ['sync', '--source', 'fred', '--source', 'cbp', '--config', own, '--db', db, '--json'],
        c.io,
      ),
      0,
    );
    const report = JSON.parse(c.out.join('')) as {
      kind: string;
      sources: { source: string; files: unknown[] }[];
    };
    assert.equal(report.kind, 'sync-report');
    assert.deepEqual(
      report.sources.map((s) => [s.source, s.files.length]),
      [
        ['fred', 1],
        ['cbp', 1],
      ],
    );
  });

  it('loads a new country.xlsx release as a new vintage of the same months', async () => {
    const db = join(dir, 'b.duckdb');
    const args = [
      'sync',
      '--source',
      'census-country',
      '--base-url',
      fake.url,
      '--config',
      config,
      '--db',
      db,
    ];
    const first = capture();
    assert.equal(await main(args, first.io), 0, first.err.join('\n'));
    fake.setCountryXlsx(dataFile('census/country-2023-03.xlsx'));
    const second = capture();
    assert.equal(await main([...args, '--refresh'], second.io), 0, second.err.join('\n'));
    assert.match(second.out.join('\n'), /census-country\s+1\s+0\s+0\s+1\s+0/);
    const store = await openStore(db, { readOnly: true });
    try {
      assert.deepEqual(
        await query(
          store,
          `SELECT vintage FROM source_file WHERE source = 'census-country-xlsx' ORDER BY vintage`,
        ),
        [{ vintage: '2018-08' }, { vintage: '2023-01' }],
      );
      // 2017 exports to Mexico, as each release published them; the newer one is current.
      const sql = (t: string) =>
        `SELECT sum(value_usd) FROM ${t} WHERE partner_code = '2010' AND flow = 'export' AND year(month) = 2017`;
      const now = await scalar(store, sql('trade_country_month'));
      const all = await scalar(store, sql('trade_country_month_all'));
      assert.ok(typeof now === 'bigint' && typeof all === 'bigint' && all > now);
    } finally {
      store.close();
    }
  });

  it('exits 1 naming source, URL and cause when a publisher fails; 2 for a bad option', async () => {
    const bad = await startFakePublisher({ worldBankError: true });
    try {
      const c = capture();
      const code = await main(
        [
          'sync',
          '--source',
          'world-bank',
          '--base-url',
          bad.url,
          '--config',
          config,
          '--db',
          join(dir, 'c.duckdb'),
        ],
        c.io,
      );
      assert.equal(code, 1);
      assert.match(
        c.err.join('\n'),
        /^FAILED world-bank: http:\/\/127\.0\.0\.1:\d+\/v2\/country\/all\/indicator\/SP\.POP\.TOTL\?format=json&per_page=20000&page=1: World Bank API error 120 Invalid value: The provided parameter value is not valid$/m,
      );
    } finally {
      await bad.close();
    }
    const u = capture();
    assert.equal(
      await main(['sync', '--source', 'nowhere', '--db', join(dir, 'c.duckdb')], u.io),
      2,
    );
    assert.match(
      u.err.join('\n'),
      /unknown source nowhere; expected one of world-bank, census-country/,
    );
    assert.equal(await main(['sync', '--since', '2013', '--db', join(dir, 'c.duckdb')], u.io), 2);
    assert.equal(
      await main(['watch', 'cbp', '--every', 'soon', '--db', join(dir, 'c.duckdb')], u.io),
      2,
    );
  });

  it('watch cbp appends each poll’s new observations, de-duplicated', async () => {
    const original = readFileSync(dataFile('cbp/bwtnew-2022-06-29.json'), 'utf8');
    const later = JSON.parse(original) as Record<string, Record<string, Record<string, string>>>[];
    // An hour later Alexandria Bay's passenger standard lanes were updated; nothing else was.
    Object.assign(later[0]!.passenger_vehicle_lanes!.standard_lanes!, {
      update_time: 'At 1:00 pm EDT',
      delay_minutes: '15',
    });
    fake.setBwtnew([original, JSON.stringify(later)]);
    const db = join(dir, 'w.duckdb');
    const c = capture();
    const code = await main(
      [
        'watch',
        'cbp',
        '--every',
        '0s',
        '--times',
        '3',
        '--base-url',
        fake.url,
        '--config',
        config,
        '--db',
        db,
      ],
      c.io,
    );
    assert.equal(code, 0, c.err.join('\n'));
    assert.equal(c.out.length, 3);
    assert.match(c.out[0]!, /cbp bwtnew: 273 new observations \(loaded\)$/);
    assert.match(c.out[1]!, /cbp bwtnew: 1 new observations \(loaded\)$/);
    assert.match(c.out[2]!, /cbp bwtnew: 0 new observations \(unchanged\)$/);
    const store = await openStore(db, { readOnly: true });
    try {
      assert.equal(await scalar(store, 'SELECT count(*) FROM wait_times'), 274n);
    } finally {
      store.close();
    }
    // Each pull was kept as CBP sent it, named by its pull time in UTC like the recorded
    // history, and loaded from there: the folder alone rebuilds the same history.
    const kept = join(dir, 'cbp-watch');
    const names = readdirSync(kept).sort();
    assert.ok(names.length >= 2, names.join(', '));
    for (const n of names)
      assert.match(n, /^bwtnew-\d{4}-\d{2}-\d{2}_\d{2}-\d{2}-\d{2}(_\d+)?\.json$/);
    const bodies = new Set(names.map((n) => readFileSync(join(kept, n), 'utf8')));
    assert.deepEqual(bodies, new Set([original, JSON.stringify(later)]));
    const again = await openStore(join(dir, 'w2.duckdb'));
    try {
      const report = await ingestPaths(again, [kept], SOURCES);
      assert.deepEqual(report.failed, []);
      assert.equal(await scalar(again, 'SELECT count(*) FROM wait_times'), 274n);
    } finally {
      again.close();
    }
    const watched = await openStore(db, { readOnly: true });
    try {
      const paths = await query(
        watched,
        `SELECT path FROM source_file WHERE source = 'cbp-bwt-json'`,
      );
      assert.ok(paths.length >= 2);
      assert.ok(
        paths.every((r) => String(r.path).startsWith(kept)),
        JSON.stringify(paths),
      );
    } finally {
      watched.close();
    }
  });
});
