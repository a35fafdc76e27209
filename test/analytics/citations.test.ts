import assert from 'node:assert/strict';
import { basename } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { partnerProfile } from '../../src/analytics/partner-profile.ts';
import { comparePartners } from '../../src/analytics/compare-partners.ts';
import { portProfile } from '../../src/analytics/port-profile.ts';
import { stateProfile } from '../../src/analytics/state-profile.ts';
import { topPorts } from '../../src/analytics/top-places.ts';
import { rankPartners } from '../../src/analytics/top-partners.ts';
import type { SourceRef } from '../../src/analytics/provenance.ts';
import type { Store } from '../../src/store/open-store.ts';
import { fixtureStore } from '../fixture-database.ts';
import { dataFile, query, REFERENCE_FILES } from '../helpers.ts';

const RSS_OLD = dataFile('cbp/bwt-history/rss-2025-04-05_23-03-57.xml.gz');
const RSS_NEW = dataFile('cbp/bwt-history/rss-2026-01-13_22-05-12.xml.gz');

// Issue 12.3: every result cites exactly the files whose rows it read, with their vintages —
// not every file of every table it touched.
describe('results cite the files they read', () => {
  let store: Store;
  before(async () => {
    store = await fixtureStore([
      dataFile('census/country-2018-10.xlsx'),
      dataFile('census/country-2023-03.xlsx'),
      dataFile('fred/EXPCH.csv'),
      dataFile('fred/IMPCH.csv'),
      dataFile('bts/border-crossing/Border_Crossing_Entry_Data_2024_sample.csv'),
      dataFile('bts/transborder/2015-01/dot1_0115.csv'),
      dataFile('bts/transborder/2015-01/dot2_0115.csv'),
      dataFile('bts/transborder/2015-01/dot3_0115.csv'),
      dataFile('cbp/bwtnew-2022-06-29.json'),
      RSS_OLD,
      RSS_NEW,
      ...REFERENCE_FILES,
    ]);
  });
  after(() => store.close());

  const names = (sources: SourceRef[]) => sources.map((s) => basename(s.path)).sort();

  it('profile partner china --year 2022 cites country-2023-03.xlsx and the population, not FRED or 2018-10', async () => {
    const p = await partnerProfile(store, 'china', { year: 2022 });
    assert.deepEqual(names(p.sources), ['country-2023-03.xlsx', 'population.csv']);
    const census = p.sources.find((s) => s.path.endsWith('country-2023-03.xlsx'));
    assert.equal(census?.vintage, '2023-03');
    // The figures themselves are unchanged: 2022 imports from China, as the README gives them.
    assert.equal(p.totals.imports, 536_754_091_696n);
  });

  it('profile partner mexico cites the TransBorder cut and crossings it shows, not every border file', async () => {
    const p = await partnerProfile(store, 'mexico', { year: 2022 });
    assert.deepEqual(names(p.sources), [
      'Border_Crossing_Entry_Data_2024_sample.csv',
      'country-2023-03.xlsx',
      'dot1_0115.csv',
      'population.csv',
    ]);
  });

  it('profile port laredo cites the crossings, the TransBorder cuts and the CBP snapshots it shows', async () => {
    const p = await portProfile(store, 'laredo');
    const cited = names(p.sources);
    // The files whose wait readings the profile shows (each lane's latest), counted apart.
    const shown = await query(
      store,
      `SELECT DISTINCT f.path FROM wait_times w JOIN source_file f ON f.id = w.source_file_id
       JOIN (SELECT port_number, lane_type, lane_kind, max(observed_at) AS at FROM wait_times
             WHERE port_number IN (SELECT port_number FROM cbp_crossing WHERE port_code = '2304')
             GROUP BY ALL) l
         ON l.port_number = w.port_number AND l.lane_type = w.lane_type
        AND l.lane_kind = w.lane_kind AND l.at = w.observed_at`,
    );
    const waits = shown.map((r) => basename(String(r.path))).sort();
    assert.ok(waits.length > 0 && p.waitTimes.length > 0);
    assert.ok(!waits.includes(basename(RSS_OLD)), 'the older snapshot is not what is shown');
    // Laredo's port rows name it; freight by mode is dot1, by HS chapter dot3 (never dot2,
    // which is by state); its crossings come from the 2024 file.
    const expected = [
      'Border_Crossing_Entry_Data_2024_sample.csv',
      'dot1_0115.csv',
      'dot3_0115.csv',
      ...waits,
    ];
    for (const f of expected) assert.ok(cited.includes(f), `cites ${f}: ${cited.join(', ')}`);
    for (const f of cited)
      assert.ok(
        expected.includes(f) || /port/.test(f),
        `cites ${f}, whose rows the profile does not show`,
      );
    assert.ok(!cited.includes('dot2_0115.csv'));
    assert.ok(!cited.includes(basename(RSS_OLD)));
    assert.ok(!cited.some((f) => f.startsWith('country-')));
  });

  it('rankings and comparisons cite the release whose rows they rank, and no other', async () => {
    const ranking = await rankPartners(store, { year: 2022, metric: 'imports' });
    assert.deepEqual(names(ranking.sources), ['country-2023-03.xlsx']);
    const compared = await comparePartners(store, ['mexico', 'china'], {
      years: { from: 2013, to: 2022 },
    });
    assert.deepEqual(names(compared.sources), ['country-2023-03.xlsx']);
    const ports = await topPorts(store, { measure: 'camiones', year: 2024 });
    assert.deepEqual(names(ports.sources), ['Border_Crossing_Entry_Data_2024_sample.csv']);
    const freight = await topPorts(store, { partner: 'mexico' });
    assert.deepEqual(names(freight.sources), ['dot1_0115.csv']);
  });

  it('profile state texas cites its two TransBorder cuts and the code lists naming what it shows', async () => {
    const p = await stateProfile(store, 'texas');
    const cited = names(p.sources);
    assert.ok(cited.includes('dot1_0115.csv') && cited.includes('dot2_0115.csv'));
    assert.ok(!cited.includes('dot3_0115.csv'), 'dot3 is by port, not by state');
    assert.ok(
      !cited.some((f) => /^country-|^rss-|bwtnew|EXPCH|IMPCH|population/.test(f)),
      cited.join(', '),
    );
  });
});
