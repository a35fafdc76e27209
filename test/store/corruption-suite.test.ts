import assert from 'node:assert/strict';
import { copyFile, mkdir, readFile, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SOURCES } from '../../src/sources/registry.ts';
import { ingestPaths } from '../../src/store/ingest-paths.ts';
import type { Store } from '../../src/store/open-store.ts';
import { DATA, dataFile, ingest, memoryStore, query, scratch } from '../helpers.ts';
import { CORRUPTIONS, linkTraps, runCorruptions } from './corruption-cases.ts';

const SAMPLE = dataFile('bts/border-crossing/Border_Crossing_Entry_Data_2024_sample.csv');

async function fingerprint(store: Store) {
  return query(
    store,
    `SELECT (SELECT count(*) FROM source_file) AS files,
            (SELECT count(*) FROM crossings_all) AS crossings,
            (SELECT sum(count) FROM crossings_all) AS crossing_sum,
            (SELECT count(*) FROM trade_country_month_all) AS trade,
            (SELECT count(*) FROM trade_product_all) AS products,
            (SELECT count(*) FROM transborder_state_port_all) AS transborder,
            (SELECT count(*) FROM population_all) AS population,
            (SELECT count(*) FROM us_state_all) AS states,
            (SELECT count(*) FROM port_all) AS ports`,
  );
}

describe('the corruption suite: every damaged file is refused, naming where, storing nothing', () => {
  let store: Store;
  let dir: string;
  let cleanup: () => Promise<void>;

  before(async () => {
    ({ dir, cleanup } = await scratch());
    store = await memoryStore();
    await ingest(store, SAMPLE);
  });
  after(async () => {
    store.close();
    await cleanup();
  });

  it(`refuses each of the ${CORRUPTIONS.length} kinds of damage`, async () => {
    assert.ok(CORRUPTIONS.length >= 40, `only ${CORRUPTIONS.length} kinds`);
    const results = await runCorruptions(store, dir, DATA, () => fingerprint(store));
    const missed = results.filter((r) => !r.refused).map((r) => `${r.name}: ${r.miss}`);
    assert.deepEqual(missed, []);
  });

  it('a file cut while it loaded is stored nowhere, so the whole file loads next time', async () => {
    const path = join(dir, 'case-rerun.csv');
    const whole = (await readFile(SAMPLE, 'utf8')).replace(/\n([^\n]*)$/, '\n$1\n');
    await writeFile(path, whole);
    const cutting = SOURCES.map((s) =>
      s.id !== 'bts-border-crossing'
        ? s
        : {
            ...s,
            async read(sample: Parameters<typeof s.read>[0]) {
              const fx = await s.read(sample);
              // Cut at a line end: what is left is a valid, shorter file.
              await truncate(path, whole.lastIndexOf('\n', 400_000) + 1);
              return fx;
            },
          },
    );
    const first = await ingestPaths(store, [path], cutting);
    assert.deepEqual(
      first.failed.map((f) => f.problems[0]?.code),
      ['file-changed'],
    );
    // The writer finishes: the same name now holds the whole file again, which must load.
    await writeFile(path, whole);
    const again = await ingestPaths(store, [path], SOURCES);
    assert.deepEqual(
      again.outcomes.map((o) => o.status),
      ['loaded'],
    );
  });

  it('lists symbolic-link loops and dangling links as skipped, and ends', async () => {
    const { folder, loops } = await linkTraps(join(dir, 'links'));
    await copyFile(SAMPLE, join(folder, 'sub', 'crossings.csv'));
    const report = await ingestPaths(store, [folder], SOURCES);
    assert.deepEqual(report.failed, []);
    assert.deepEqual(
      report.outcomes.map((o) => o.status),
      ['unchanged'],
    );
    for (const l of loops) {
      assert.ok(
        report.skipped.some((s) => s.path === l),
        `${l} not listed: ${JSON.stringify(report.skipped)}`,
      );
    }
  });

  it('one bad file in a folder fails alone: the files after it still load', async () => {
    const folder = join(dir, 'mixed');
    await mkdir(folder);
    const states = await readFile(dataFile('reference/us-states/us-state-ansi-fips.csv'));
    const bad = Buffer.from(states.toString('latin1').replace('Alabama', 'Alabamé'), 'latin1');
    await writeFile(join(folder, 'a-states.csv'), bad);
    await copyFile(dataFile('fred/EXPCH.csv'), join(folder, 'b-EXPCH.csv'));
    const report = await ingestPaths(store, [folder], SOURCES);
    assert.deepEqual(
      report.failed.map((f) => [f.path, f.problems[0]?.code, f.problems[0]?.line]),
      [[join(folder, 'a-states.csv'), 'bad-encoding', 3]],
    );
    assert.deepEqual(
      report.outcomes.map((o) => [o.path, o.status]),
      [[join(folder, 'b-EXPCH.csv'), 'loaded']],
    );
  });
});
