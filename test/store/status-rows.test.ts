import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Store } from '../../src/store/open-store.ts';
import { storeStatus } from '../../src/store/store-status.ts';
import { fixtureStore } from '../fixture-database.ts';
import { dataFile, scalar } from '../helpers.ts';

const NEW = dataFile('census/country-2023-03.xlsx');
const OLD = dataFile('census/country-2018-10.xlsx');
const SAMPLE = dataFile('bts/border-crossing/Border_Crossing_Entry_Data_2024_sample.csv');

// Issue 12.8: a wide file's rows are the spreadsheet's data rows (one per partner and year),
// not the monthly values stored from them; those are shown apart.
describe('status counts a wide file as a reader of it does', () => {
  let store: Store;
  before(async () => {
    // The two releases' shared fixture database (fixture-database.ts), the sample after them.
    store = await fixtureStore([OLD, NEW, SAMPLE]);
  });
  after(() => store.close());

  it('country.xlsx: 8,474 and 7,532 spreadsheet rows; the monthly values apart', async () => {
    const s = await storeStatus(store);
    const file = (p: string) => s.files.find((f) => f.path === p)!;
    // The spreadsheet rows under the header (2018-10 has 233 with a blank year and zeros).
    assert.equal(file(NEW).rows, 8_474);
    assert.equal(file(OLD).rows, 7_532);
    // One value per partner, flow and published month, as stored.
    const stored = async (p: string) =>
      Number(
        await scalar(
          store,
          `SELECT count(*) FROM trade_country_month_all t JOIN source_file f
             ON f.id = t.source_file_id WHERE f.path = '${p}'`,
        ),
      );
    assert.equal(file(NEW).values, 197_986);
    assert.equal(file(NEW).values, await stored(NEW));
    assert.equal(file(OLD).values, await stored(OLD));
    assert.ok(file(OLD).values > file(OLD).rows * 12);
    // A long file stores one value per row: the two counts agree.
    assert.equal(file(SAMPLE).rows, 9_087);
    assert.equal(file(SAMPLE).values, 9_087);
  });
});
