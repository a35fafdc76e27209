import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { cliDatabase, dataFile, REFERENCE_FILES } from '../helpers.ts';

// Issue 11 item 8 and issue 12 item 3: a period, vintage or measure that is not loaded is an
// error naming what is; every result cites the files it read, and only those.
describe('frontera series, revisions and top ports: refusals and citations', () => {
  let run: Awaited<ReturnType<typeof cliDatabase>>['run'];
  let cleanup: () => Promise<void>;

  before(async () => {
    ({ run, cleanup } = await cliDatabase(
      dataFile('census/country-2018-10.xlsx'),
      dataFile('census/country-2023-03.xlsx'),
      dataFile('bts/border-crossing/Border_Crossing_Entry_Data_2024_sample.csv'),
      ...REFERENCE_FILES,
    ));
  });
  after(() => cleanup());

  it('series --vintage 2018-10 cites the 2018-10 file, not the 2023-03 one', async () => {
    const r = await run('series', 'mexico', '--vintage', '2018-10', '--years', '2017-2017');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /Source: census-country-xlsx country-2018-10\.xlsx, vintage 2018-10/);
    assert.doesNotMatch(r.out, /country-2023-03/);
    const json = JSON.parse((await run('series', 'mexico', '--vintage', '2018-10', '--json')).out);
    assert.deepEqual(
      json.sources.map((s: { vintage: string }) => s.vintage),
      ['2018-10'],
    );
    // The current view for years only the 2023-03 release holds cites that release alone.
    const now = JSON.parse((await run('series', 'mexico', '--years', '2020-2022', '--json')).out);
    assert.deepEqual(
      now.sources.map((s: { path: string }) => s.path.replace(/.*\//, '')),
      ['country-2023-03.xlsx'],
    );
  });

  it('series --vintage for a release not loaded is an error naming the loaded ones', async () => {
    const r = await run('series', 'mexico', '--vintage', '2019-05');
    assert.equal(r.code, 1);
    assert.equal(r.out, '');
    assert.match(r.err, /vintage 2019-05/);
    assert.match(r.err, /2018-10 \(1985-01 – 2018-08\), 2023-03 \(1985-01 – 2023-01\)/);
  });

  it('series --years outside the loaded years is an error naming them, yearly and monthly', async () => {
    const r = await run('series', 'mexico', '--years', '1970-1975');
    assert.equal(r.code, 1);
    assert.match(r.err, /no data for 1970–1975; loaded data covers 1985–2023/);
    const old = await run('series', 'mexico', '--vintage', '2018-10', '--years', '2020-2021');
    assert.equal(old.code, 1);
    assert.match(
      old.err,
      /vintage 2018-10 has no data for 2020–2021; loaded data covers 1985–2018/,
    );
    const monthly = await run('series', 'mexico', '--monthly', '--years', '2030-2031');
    assert.equal(monthly.code, 1);
    assert.match(monthly.err, /covers 1985–2023/);
  });

  it('revisions names the vintage that is not loaded, and cites the two it compares', async () => {
    const r = await run('revisions', 'mexico', '--vintages', '2018-10,2020-01');
    assert.equal(r.code, 1);
    assert.match(
      r.err,
      /no data for vintage 2020-01; loaded data covers only vintages 2018-10, 2023-03/,
    );
    assert.doesNotMatch(r.err, /2018-10 and/);
    const same = await run('revisions', 'mexico', '--vintages', '2018-10,2018-10');
    assert.equal(same.code, 1);
    assert.match(same.err, /against itself/);
    const ok = await run('revisions', 'mexico', '--year', '2017', '--vintages', '2018-10,2023-03');
    assert.equal(ok.code, 0, ok.err);
    assert.match(ok.out, /Source: census-country-xlsx country-2018-10\.xlsx, vintage 2018-10/);
    assert.match(ok.out, /Source: census-country-xlsx country-2023-03\.xlsx, vintage 2023-03/);
    const none = await run('revisions', 'mexico', '--year', '2021');
    assert.equal(none.code, 1);
    assert.match(none.err, /2018-10: 1985-01 – 2018-08/);
  });

  it('top ports --measure takes any case and Spanish, and lists the measures otherwise', async () => {
    const upper = await run('top', 'ports', '--measure', 'Trucks', '--year', '2024', '--csv');
    assert.equal(upper.code, 0, upper.err);
    assert.match(upper.out.split('\n')[1]!, /^1,2304,Laredo,3026632,/);
    for (const asked of ['trucks', 'TRUCKS', 'Camiones', 'camiones', 'camión']) {
      const r = await run('top', 'ports', '--measure', asked, '--year', '2024', '--csv');
      assert.equal(r.code, 0, `${asked}: ${r.err}`);
      assert.equal(r.out, upper.out, asked);
    }
    const ped = await run('top', 'ports', '--measure', 'peatones', '--year', '2024');
    assert.match(ped.out, /^Top 10 ports/);
    const bad = await run('top', 'ports', '--measure', 'lorries', '--year', '2024');
    assert.equal(bad.code, 1);
    assert.equal(bad.out, '');
    assert.match(
      bad.err,
      /unknown crossing measure "lorries"; BTS publishes: Trucks \(Camiones\),/,
    );
    assert.match(bad.err, /Pedestrians \(Peatones\)/);
  });
});
