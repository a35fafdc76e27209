import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { InputError } from '../../src/model/input-error.ts';
import { dataFile, ingest, memoryStore, query, scratch } from '../helpers.ts';

const FILE = dataFile('cbp/historical-averages/san-ysidro-250401-historical-averages-2021-01.csv');

describe('CBP historical averages (San Ysidro)', () => {
  it('loads every month × weekday × hour cell per lane into its own table, with provenance', async () => {
    const store = await memoryStore();
    try {
      const [o] = await ingest(store, FILE);
      assert.equal(o?.source, 'cbp-historical-averages');
      assert.equal(o?.vintage, '2021-01');
      // 12 months × 7 weekdays × 24 hours, 7 lane averages each.
      assert.deepEqual(o?.rows, { wait_time_average: 2016 * 7 });
      const first = await query(
        store,
        `SELECT cbp_column, lane_type, lane_kind, average_minutes FROM wait_time_average
         WHERE port_number = '250401' AND month = 1 AND weekday = 0 AND hour = 0 ORDER BY cbp_column`,
      );
      // The file's line 2: 1,0,0,0,0,33,5,19,5,3
      assert.deepEqual(
        first.map((r) => [r.cbp_column, r.lane_type, r.lane_kind, r.average_minutes]),
        [
          ['cv_time_avg', 'commercial', 'standard', 0],
          ['ped_ready_lanes_time_avg', 'pedestrian', 'ready', 3],
          ['ped_time_avg', 'pedestrian', 'standard', 5],
          ['pv_ready_lanes_time_avg', 'passenger', 'ready', 19],
          ['pv_time_avg', 'passenger', 'standard', 33],
          ['xcv_time_avg', 'commercial', 'fast', 0],
          ['xpv_time_avg', 'passenger', 'nexus_sentri', 5],
        ],
      );
      // Averages are not observations.
      const [w] = await query(store, `SELECT count(*)::INTEGER AS n FROM wait_times_all`);
      assert.equal(w?.n, 0);
      const [f] = await query(store, `SELECT path, series FROM source_file`);
      assert.equal(f?.path, FILE);
      assert.equal(f?.series, 'historical-averages-250401');
    } finally {
      store.close();
    }
  });

  it('refuses a copy whose name does not say the crossing, and an hour of 24, by line', async () => {
    const { dir, cleanup } = await scratch();
    const store = await memoryStore();
    try {
      const text = await readFile(FILE, 'utf8');
      const unnamed = join(dir, 'san-ysidro-historical-averages.csv');
      await writeFile(unnamed, text);
      await assert.rejects(ingest(store, unnamed), (e: unknown) => {
        assert.ok(e instanceof InputError);
        assert.match(e.message, /does not name its crossing/);
        return true;
      });
      const badHour = join(dir, 'san-ysidro-250401-historical-averages-2021-01.csv');
      await writeFile(badHour, text.replace('\n1,0,3,', '\n1,0,24,'));
      await assert.rejects(ingest(store, badHour), (e: unknown) => {
        assert.ok(e instanceof InputError);
        const p = e.problems[0];
        assert.equal(p?.line, 5);
        assert.equal(p?.column, 'bwt_hour');
        assert.equal(p?.value, '24');
        return true;
      });
      const [n] = await query(store, `SELECT count(*)::INTEGER AS n FROM source_file`);
      assert.equal(n?.n, 0);
    } finally {
      store.close();
      await cleanup();
    }
  });
});
