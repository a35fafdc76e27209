import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { cliDatabase, dataFile, REFERENCE_FILES } from '../helpers.ts';

// Issue 12 item 7: every panel states its own period; --year applies to TransBorder where that
// year is loaded and otherwise says which month the panel shows; a partial year is ranked as
// year to date against the same months a year earlier; general imports and imports for
// consumption are named as such.
describe('periods and bases on one screen', () => {
  let run: Awaited<ReturnType<typeof cliDatabase>>['run'];
  let cleanup: () => Promise<void>;

  before(async () => {
    ({ run, cleanup } = await cliDatabase(
      dataFile('census/country-2023-03.xlsx'),
      dataFile('bts/border-crossing/Border_Crossing_Entry_Data_2024_sample.csv'),
      dataFile('bts/transborder/2015-01'),
      ...REFERENCE_FILES,
    ));
  });
  after(() => cleanup());

  it('a 2022 partner profile says its TransBorder panels are 2015-01 and its crossings 2024', async () => {
    const r = await run('profile', 'partner', 'mexico', '--year', '2022');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /By mode \(TransBorder, 2015-01\):/);
    assert.match(r.out, /Inbound crossings, 2024 \(BTS/);
    assert.match(
      r.out,
      /Note: TransBorder freight is not loaded for 2022 \(loaded: 2015-01\): its panels show 2015-01, not 2022/,
    );
    assert.match(
      r.out,
      /Note: BTS crossings are not loaded for all 12 months of 2022: the crossings panels show 2024/,
    );
    assert.match(r.out, /US general imports from\s+\$454,929,951,197/);
    // A year TransBorder holds in part: the panels show the month loaded, and say so.
    const y15 = await run('profile', 'partner', 'mexico', '--year', '2015');
    assert.match(
      y15.out,
      /Note: TransBorder freight has 1 of 12 months of 2015 loaded \(2015-01\): its panels show 2015-01, not the year/,
    );
    const j = JSON.parse(
      (await run('profile', 'partner', 'mexico', '--year', '2022', '--json')).out,
    );
    assert.equal(j.year, 2022);
    assert.equal(j.border.transborder.period, '2015-01');
    assert.equal(j.border.crossings.period, '2024');
  });

  it('profile port --year 2024 says which TransBorder month it shows', async () => {
    const r = await run('profile', 'port', 'laredo', '--year', '2024');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /Freight with Mexico, 2015-01 \(TransBorder\):/);
    assert.match(
      r.out,
      /Note: TransBorder freight is not loaded for 2024 \(loaded: 2015-01\): its panels show 2015-01, not 2024/,
    );
    assert.match(r.out, /Monthly crossings, 2024:/);
    // The year TransBorder does hold applies to it, without a note.
    const j = JSON.parse((await run('profile', 'port', 'laredo', '--json')).out);
    assert.equal(j.transborder.period, '2015-01');
    assert.ok(!j.notes.some((n: string) => /TransBorder freight is not loaded/.test(n)));
  });

  it('a partial year is ranked as year to date, beside the same months a year earlier', async () => {
    const r = await run('top', 'partners', '--year', '2023', '--limit', '3');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^Top 3 of \d+ countries by two-way, 2023 year to date \(January\)/);
    assert.match(r.out, /two-way, January 2022/);
    assert.match(
      r.out,
      /ranked on 2023-01 – 2023-01, not on a year; the comparison is January 2022/,
    );
    const j = JSON.parse((await run('top', 'partners', '--year', '2023', '--json')).out);
    assert.equal(j.period.yearToDate, true);
    assert.deepEqual(j.period.comparedWith, {
      label: 'January 2022',
      from: '2022-01',
      to: '2022-01',
    });
    const mx = j.rows.find((p: { code: string }) => p.code === '2010');
    const jan22 = await run(
      'sql',
      '--csv',
      "SELECT sum(value_usd) FROM trade_country_month WHERE series = 'country.xlsx' AND partner_code = '2010' AND month = DATE '2022-01-01'",
    );
    assert.equal(mx.prior, jan22.out.trim().split('\n')[1]);
    const csv = await run('top', 'partners', '--year', '2023', '--limit', '1', '--csv');
    assert.match(csv.out.split('\n')[1]!, /,2023 year to date \(January\),January 2022,\d+$/);
    const group = await run('compare', 'mexico', 'canada', '--against-next', '3', '--year', '2023');
    assert.equal(group.code, 0, group.err);
    assert.match(
      group.out,
      /^Canada \+ Mexico against the next 3 countries, exports, 2023 year to date \(January\)/,
    );
    const profile = await run('profile', 'partner', 'mexico', '--year', '2023');
    assert.match(
      profile.out,
      /^Mexico \(2010, MEX\) — US goods trade, 2023 year to date \(January\), against the same months of 2022/,
    );
    assert.match(profile.out, /Rank among \d+ countries, 2023 year to date: #/);
    const full = JSON.parse((await run('top', 'partners', '--year', '2022', '--json')).out);
    assert.equal(full.period.label, '2022');
    assert.equal(full.period.yearToDate, false);
    assert.deepEqual(full.notes, []);
  });
});
