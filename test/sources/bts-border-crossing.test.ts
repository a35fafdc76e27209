import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Store } from '../../src/store/open-store.ts';
import { dataFile, ingest, memoryStore, scalar } from '../helpers.ts';

describe('BTS Border Crossing Entry Data', () => {
  let store: Store;
  before(async () => {
    store = await memoryStore();
    await ingest(store, dataFile('bts/border-crossing/Border_Crossing_Entry_Data.csv.gz'));
  });
  after(() => store.close());

  it('loads every one of the 399,406 rows of the gzipped bundle file, each key once', async () => {
    assert.equal(
      await scalar(store, `SELECT rows FROM source_file_table WHERE table_name = 'crossings'`),
      399406n,
    );
    // Ten rows repeat another whole (June 2019) and one key is stated with two values
    // (Sasabe, February 2021): the default view holds each port, measure and month once.
    assert.equal(await scalar(store, 'SELECT count(*) FROM crossings'), 399395n);
    assert.equal(
      await scalar(store, 'SELECT count(DISTINCT (port_code, measure, month)) FROM crossings'),
      399395n,
    );
  });

  it('reproduces 2024 trucks entering from Mexico: 7,617,207, of which Laredo 3,026,632', async () => {
    const where = `measure = 'Trucks' AND border = 'mexico' AND year(month) = 2024`;
    assert.equal(await scalar(store, `SELECT sum(count) FROM crossings WHERE ${where}`), 7617207n);
    assert.equal(
      await scalar(store, `SELECT sum(count) FROM crossings WHERE ${where} AND port_code = '2304'`),
      3026632n,
    );
  });

  it('places ports by the coordinates BTS publishes', async () => {
    const lat = await scalar(store, `SELECT latitude FROM port_directory WHERE port_code = '2304'`);
    assert.ok(typeof lat === 'number' && lat > 27 && lat < 28);
  });
});
