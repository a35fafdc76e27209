import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { cliDatabase, dataFile, REFERENCE_FILES } from '../helpers.ts';

describe('frontera analysis commands', () => {
  let run: Awaited<ReturnType<typeof cliDatabase>>['run'];
  let cleanup: () => Promise<void>;

  before(async () => {
    ({ run, cleanup } = await cliDatabase(
      dataFile('census/country-2018-10.xlsx'),
      dataFile('census/country-2023-03.xlsx'),
      dataFile('bts/border-crossing/Border_Crossing_Entry_Data_2024_sample.csv'),
      dataFile('bts/transborder/2015-01'),
      dataFile('census/api-extracts/imports-hs10-2024/2024-hs10-imports2010.parquet'),
      dataFile('reference/hs/harmonized-system.csv'),
      ...REFERENCE_FILES,
    ));
  });
  after(() => cleanup());

  it('profile partner --json carries exact dollars as strings and says so', async () => {
    const r = await run('profile', 'partner', 'méxico', '--json');
    assert.equal(r.code, 0, r.err);
    const p = JSON.parse(r.out);
    assert.equal(p.partner.code, '2010');
    assert.equal(p.totals.exports, '324377863297');
    assert.match(p.integers, /strings/);
    assert.ok(p.sources.some((s: { vintage: string }) => s.vintage === '2023-03'));
  });

  it('profile partner prints a readable profile with its basis and sources', async () => {
    const r = await run('profile', 'partner', 'Mexico');
    assert.match(r.out, /US exports to\s+\$324,377,863,297\s+\$324\.4 billion/);
    assert.match(r.out, /#2 US export market/);
    assert.match(r.out, /Basis: .*Excludes services/);
    assert.match(r.out, /Source: census-country-xlsx country-2023-03\.xlsx, vintage 2023-03/);
  });

  it('top partners --csv ranks Canada, Mexico, China for 2022 exports', async () => {
    const r = await run(
      'top',
      'partners',
      '--metric',
      'exports',
      '--year',
      '2022',
      '--limit',
      '3',
      '--csv',
    );
    const lines = r.out.trim().split('\n');
    assert.equal(
      lines[0],
      'rank,partner_code,partner,exports_usd,imports_usd,two_way_usd,balance_usd,share_pct,period,prior_period,prior_value_usd',
    );
    assert.deepEqual(
      lines.slice(1).map((l) => l.split(',').slice(0, 2).join(',')),
      ['1,1220', '2,2010', '3,5700'],
    );
  });

  it('an unknown name lists the closest candidates; an uncovered year says what is covered', async () => {
    const unknown = await run('profile', 'partner', 'Mexco');
    assert.equal(unknown.code, 1);
    assert.match(unknown.err, /unknown partner "Mexco"; closest: Mexico \(2010\)/);
    const year = await run('top', 'partners', '--year', '1970');
    assert.equal(year.code, 1);
    assert.match(year.err, /covers 1985–2023/);
    assert.equal((await run('top', 'partners', '--year', '1985')).code, 0);
  });

  it('bad option values name the option and the accepted values', async () => {
    const metric = await run('top', 'partners', '--metric', 'profit');
    assert.equal(metric.code, 2);
    assert.match(metric.err, /exports, imports, two-way, balance/);
    const limit = await run('top', 'partners', '--limit', '1e9');
    assert.equal(limit.code, 2);
    assert.match(limit.err, /--limit must be a whole number from 1 to 1000/);
  });

  it('profiles a state, a port and a product', async () => {
    const state = JSON.parse((await run('profile', 'state', 'TX', '--json')).out);
    assert.equal(state.state.name, 'Texas');
    const port = await run('profile', 'port', 'laredo');
    assert.match(port.out, /^Laredo \(2304\)/);
    const product = await run('profile', 'product', '8703');
    assert.match(product.out, /Motor cars/);
  });

  it('top ports by trucks puts Laredo first in 2024', async () => {
    const r = await run(
      'top',
      'ports',
      '--measure',
      'Trucks',
      '--border',
      'mexico',
      '--year',
      '2024',
      '--csv',
    );
    assert.match(r.out.split('\n')[1]!, /^1,2304,Laredo,3026632,/);
  });

  it('compares two vintages of the same months with one command', async () => {
    const r = JSON.parse((await run('revisions', 'mexico', '--year', '2017', '--json')).out);
    assert.deepEqual(r.vintages, { old: '2018-10', new: '2023-03' });
    assert.equal(r.rows.length, 12);
  });

  it('compares Canada and Mexico together against the next ten', async () => {
    const r = JSON.parse(
      (
        await run(
          'compare',
          'canada',
          'mexico',
          '--against-next',
          '10',
          '--metric',
          'exports',
          '--year',
          '2022',
          '--json',
        )
      ).out,
    );
    assert.equal(r.groupTotal, String(356_112_629_910n + 324_377_863_297n));
    assert.equal(r.next.length, 10);
  });
});
