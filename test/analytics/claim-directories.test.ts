import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { censusVintages } from '../../src/analytics/census-vintages.ts';
import { placeNames } from '../../src/analytics/place-names.ts';
import type { Store } from '../../src/store/open-store.ts';
import { fixtureStore } from '../fixture-database.ts';
import { dataFile, REFERENCE_FILES } from '../helpers.ts';

describe('directories for reading running text', () => {
  let store: Store;
  before(async () => {
    store = await fixtureStore([
      dataFile('census/country-2018-10.xlsx'),
      dataFile('census/country-2023-03.xlsx'),
      dataFile('bts/border-crossing/Border_Crossing_Entry_Data_2024_sample.csv'),
      ...REFERENCE_FILES,
    ]);
  });
  after(() => store.close());

  it('lists every state and named port, with the names BTS uses for ports', async () => {
    const p = await placeNames(store);
    assert.equal(p.states.length, 51);
    assert.deepEqual(
      p.states.find((s) => s.code === 'NM'),
      { code: 'NM', name: 'New Mexico', alternates: [], state: null, border: null },
    );
    const laredo = p.ports.find((x) => x.code === '2304');
    assert.deepEqual([laredo?.name, laredo?.state, laredo?.border], ['Laredo', 'TX', 'mexico']);
    assert.ok(p.ports.find((x) => x.code === '2305')?.alternates.includes('Hidalgo'));
  });

  it('lists the country.xlsx releases loaded, oldest first, with their files', async () => {
    const v = await censusVintages(store);
    assert.deepEqual(
      v.map((x) => [x.vintage, x.first, x.last]),
      [
        ['2018-10', '1985-01', '2018-08'],
        ['2023-03', '1985-01', '2023-01'],
      ],
    );
    assert.match(v[0]!.source.path, /country-2018-10\.xlsx$/);
    assert.equal(v[0]!.source.vintage, '2018-10');
  });
});
