import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { CoverageError, LookupError } from '../../src/analytics/lookup-error.ts';
import { portProfile } from '../../src/analytics/port-profile.ts';
import { productProfile } from '../../src/analytics/product-profile.ts';
import { resolvePort } from '../../src/analytics/resolve-port.ts';
import { resolveProduct } from '../../src/analytics/resolve-product.ts';
import { resolveState } from '../../src/analytics/resolve-state.ts';
import { stateProfile } from '../../src/analytics/state-profile.ts';
import type { Store } from '../../src/store/open-store.ts';
import { fixtureStore } from '../fixture-database.ts';
import { dataFile } from '../helpers.ts';

const TB = 'bts/transborder/2015-01';
const CROSSINGS = 'bts/border-crossing/Border_Crossing_Entry_Data_2024_sample.csv';
const WAITS = 'cbp/bwtnew-2022-06-29.json';
const MEXICO_HS10 = 'census/api-extracts/imports-hs10-2024/2024-hs10-imports2010.parquet';

const FILES = [
  'reference/us-states/us-state-ansi-fips.csv',
  'bts/transborder/codes/schedule_d_port_codes.json',
  'bts/transborder/codes/port_coordinates.json',
  'bts/transborder/codes/mode_codes.json',
  'bts/transborder/codes/state_codes.json',
  'reference/hs/harmonized-system.csv',
  'reference/hs/sections.csv',
  'reference/bec/HS2022_to_BEC4_UNSD.csv',
  'reference/bec/HS2017_to_BEC4_UNSD.csv',
  'reference/bec/BEC4_descriptions.csv',
  'reference/bec/BEC4_to_SNA_enduse_HANDAUTHORED.csv',
  'census/schedule-c/schedule-c-2021-01-27.txt',
  'reference/countries/country-codes.csv',
  'reference/countries/census_cty_codes_from_country_xlsx.csv',
  `${TB}/dot1_0115.csv`,
  `${TB}/dot2_0115.csv`,
  `${TB}/dot3_0115.csv`,
  CROSSINGS,
  WAITS,
  MEXICO_HS10,
  'census/api-extracts/imports-hs10-2024/2024-hs10-imports1220.parquet',
  'census/api-extracts/imports-hs10-2024/2024-hs10-imports5700.parquet',
  'census/api-extracts/imports-hs10-2024/2024-hs10-imports0003.parquet',
];

/** A raw CSV as objects, read with plain JS: these files have no quoted fields. */
async function csv(rel: string): Promise<Record<string, string>[]> {
  const [head = '', ...lines] = (await readFile(dataFile(rel), 'utf8'))
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
  const names = head.split(',');
  return lines.map((l) => {
    const cells = l.split(',');
    return Object.fromEntries(names.map((n, i) => [n, cells[i] ?? '']));
  });
}

const sum = (rows: Record<string, string>[], col: string) =>
  rows.reduce((a, r) => a + BigInt(r[col] || '0'), 0n);

describe('state, port and product profiles over the real bundle', () => {
  let store: Store;
  before(async () => {
    store = await fixtureStore([...FILES.map(dataFile)]);
  });
  after(() => store.close());

  describe('resolveState', () => {
    it('takes a name, USPS or FIPS code, in any case and with accents', async () => {
      for (const asked of ['Texas', 'TX', '48', 'texas', 'Téxas']) {
        assert.deepEqual(await resolveState(store, asked), {
          code: 'TX',
          fips: '48',
          name: 'Texas',
        });
      }
    });

    it('names Texas among the candidates for a misspelling', async () => {
      await assert.rejects(resolveState(store, 'Texsa'), (e: unknown) => {
        assert.ok(e instanceof LookupError);
        assert.ok(e.candidates.some((c) => c.code === 'TX' && c.name === 'Texas'));
        assert.match(e.message, /Texas \(TX\)/);
        return true;
      });
    });

    it('knows TransBorder-only codes from its code list', async () => {
      assert.equal((await resolveState(store, 'DU')).fips, null);
    });
  });

  describe('resolvePort', () => {
    it('takes a name, a code, or a name with its state', async () => {
      for (const asked of ['laredo', '2304', 'Laredo TX', 'Laredo, Texas']) {
        const p = await resolvePort(store, asked);
        assert.equal(p.code, '2304', asked);
        assert.equal(p.name, 'Laredo');
        assert.equal(p.state, 'TX');
        assert.equal(p.border, 'mexico');
        assert.equal(p.district, 'Laredo, TX');
        assert.ok(p.latitude !== null && p.longitude !== null);
      }
    });

    it('prefers an exact name to a longer one containing it', async () => {
      // "El Paso" is also the start of "El Paso Customs District n.e.c." (24XX).
      assert.equal((await resolvePort(store, 'El Paso')).code, '2402');
    });

    it('lists both ports of a repeated Schedule D name with their states', async () => {
      await assert.rejects(resolvePort(store, 'Portland'), (e: unknown) => {
        assert.ok(e instanceof LookupError);
        assert.deepEqual(
          e.candidates.map((c) => c.name),
          ['Portland, ME', 'Portland, OR'],
        );
        return true;
      });
    });
  });

  describe('resolveProduct', () => {
    it('reads HS codes written with or without dots', async () => {
      for (const asked of ['8703', '87.03']) {
        const p = await resolveProduct(store, asked);
        assert.equal(p.code, '8703');
        assert.equal(p.level, 4);
        assert.match(p.description, /^Motor cars/);
      }
      assert.equal((await resolveProduct(store, '8703.23')).code, '870323');
    });

    it('describes a 10-digit line by its HS6 parent and says so', async () => {
      const p = await resolveProduct(store, '8703230110');
      assert.equal(p.level, 10);
      assert.equal(p.describedBy, '870323');
      assert.ok(p.notes.some((n) => n.includes('870323')));
    });

    it('finds a heading by the words that open its description', async () => {
      assert.equal((await resolveProduct(store, 'motor cars')).code, '8703');
    });

    it('lists several matches, shortest codes first', async () => {
      await assert.rejects(resolveProduct(store, 'tomatoes'), (e: unknown) => {
        assert.ok(e instanceof LookupError);
        assert.deepEqual(
          e.candidates.map((c) => c.code),
          ['0702', '2002'],
        );
        return true;
      });
    });
  });

  describe('stateProfile', () => {
    it('gives Texas exports to Mexico by truck as the dot1 lines add up', async () => {
      const dot1 = await csv(`${TB}/dot1_0115.csv`);
      const tx = dot1.filter((r) => r.USASTATE === 'TX' && r.COUNTRY === '2010');
      const truckExports = sum(
        tx.filter((r) => r.TRDTYPE === '1' && r.DISAGMOT === '5'),
        'VALUE',
      );
      const p = await stateProfile(store, 'texas');
      assert.equal(p.kind, 'state-profile');
      assert.equal(p.month, '2015-01');
      const mx = p.partners.find((x) => x.partner.code === '2010');
      assert.ok(mx);
      const truck = mx.byMode.find((s) => s.key === '5');
      assert.equal(truck?.label, 'Truck');
      assert.equal(truck?.exports, truckExports);
      assert.equal(
        mx.exports,
        sum(
          tx.filter((r) => r.TRDTYPE === '1'),
          'VALUE',
        ),
      );
      assert.equal(
        mx.imports,
        sum(
          tx.filter((r) => r.TRDTYPE === '2'),
          'VALUE',
        ),
      );
      // Each split divides the same total: its shares add up to 100.
      for (const split of [mx.byMode, mx.byPort, mx.byHs2]) {
        const shares = split.reduce((a, s) => a + (s.share ?? 0), 0);
        assert.ok(Math.abs(shares - 100) < 1e-9);
      }
      assert.ok(p.basis.length > 0);
      assert.ok(p.sources.some((s) => s.series === 'dot1'));
      assert.ok(p.sources.some((s) => s.series === 'dot2'));
    });

    it('puts the HS chapter with the most trade (from dot2) first', async () => {
      const dot2 = await csv(`${TB}/dot2_0115.csv`);
      const byHs2 = new Map<string, bigint>();
      for (const r of dot2) {
        if (r.USASTATE !== 'TX' || r.COUNTRY !== '2010') continue;
        byHs2.set(r.COMMODITY2!, (byHs2.get(r.COMMODITY2!) ?? 0n) + BigInt(r.VALUE!));
      }
      const [top] = [...byHs2].sort((a, b) => (a[1] === b[1] ? 0 : a[1] > b[1] ? -1 : 1));
      const p = await stateProfile(store, 'TX');
      const mx = p.partners.find((x) => x.partner.code === '2010')!;
      assert.equal(mx.byHs2[0]?.key, top?.[0]);
      assert.equal(mx.byHs2[0]?.total, top?.[1]);
      assert.match(mx.byHs2[0]?.label ?? '', /^[A-Z]/);
    });

    it('refuses a month that is not loaded, naming the one that is', async () => {
      await assert.rejects(stateProfile(store, 'TX', { month: '2016-03' }), (e: unknown) => {
        assert.ok(e instanceof CoverageError);
        assert.match(e.message, /2016-03/);
        assert.match(e.message, /2015-01/);
        return true;
      });
    });
  });

  describe('portProfile', () => {
    it('gives Laredo truck crossings in 2024 as the sample CSV adds up', async () => {
      const rows = (await csv(CROSSINGS)).filter((r) => r['Port Code'] === '2304');
      const trucks = sum(
        rows.filter((r) => r.Measure === 'Trucks'),
        'Value',
      );
      assert.equal(trucks, 3026632n);
      const p = await portProfile(store, 'laredo');
      assert.equal(p.kind, 'port-profile');
      assert.equal(p.port.code, '2304');
      const y2024 = p.crossings?.yearly.find((y) => y.year === 2024);
      assert.equal(y2024?.months, 12);
      assert.equal(y2024?.byMeasure.find((m) => m.measure === 'Trucks')?.count, trucks);
      assert.equal(p.crossings?.year, 2024);
      const monthly = p.crossings?.monthly.find((m) => m.measure === 'Trucks');
      assert.equal(monthly?.months.length, 12);
      assert.equal(monthly?.total, trucks);
    });

    it('takes wait times from the CBP port numbers 2304xx only', async () => {
      const raw = JSON.parse(await readFile(dataFile(WAITS), 'utf8')) as { port_number: string }[];
      const expected = raw
        .map((r) => r.port_number)
        .filter((n) => n.startsWith('2304'))
        .sort();
      const p = await portProfile(store, '2304');
      const got = [...new Set(p.waitTimes.map((w) => w.portNumber))].sort();
      assert.deepEqual(got, expected);
      assert.ok(expected.length > 0);
      // One reading per crossing and lane: no key twice.
      const keys = p.waitTimes.map((w) => `${w.portNumber}/${w.laneType}/${w.laneKind}`);
      assert.equal(new Set(keys).size, keys.length);
    });

    it('splits the freight through Laredo by mode (dot1) and by chapter (dot3)', async () => {
      const dot1 = (await csv(`${TB}/dot1_0115.csv`)).filter(
        (r) => r.DEPE === '2304' && r.COUNTRY === '2010',
      );
      const dot3 = (await csv(`${TB}/dot3_0115.csv`)).filter(
        (r) => r.DEPE === '2304' && r.COUNTRY === '2010' && r.COMMODITY2 === '87',
      );
      const p = await portProfile(store, 'Laredo');
      const mx = p.transborder?.partners.find((x) => x.partner.code === '2010');
      assert.equal(mx?.total, sum(dot1, 'VALUE'));
      assert.equal(mx?.byHs2.find((s) => s.key === '87')?.total, sum(dot3, 'VALUE'));
    });

    it('says so when a port has no crossings or wait times', async () => {
      const p = await portProfile(store, '2381');
      assert.equal(p.crossings, null);
      assert.deepEqual(p.waitTimes, []);
      assert.ok(p.notes.some((n) => /wait time/.test(n)));
    });
  });

  describe('productProfile', () => {
    it('sums the Census HS10 lines under 8703 for Mexico as the Parquet file does', async () => {
      const db = await DuckDBInstance.create(':memory:');
      const conn = await db.connect();
      const r = await conn.runAndReadAll(
        `SELECT sum(CAST(CON_VAL_YR AS BIGINT)) FROM read_parquet($path)
         WHERE starts_with(I_COMMODITY, '8703') AND COMM_LVL = 'HS10'`,
        { path: dataFile(MEXICO_HS10) },
      );
      const expected = r.getRowsJS()[0]?.[0];
      conn.closeSync();
      db.closeSync();
      assert.equal(typeof expected, 'bigint');

      const p = await productProfile(store, '8703');
      assert.equal(p.kind, 'product-profile');
      assert.match(p.product.description, /Motor cars/);
      assert.equal(p.section?.code, 'XVII');
      const mx = p.census.filter((c) => c.partner.code === '2010');
      assert.equal(mx.length, 1);
      assert.equal(mx[0]?.valueUsd, expected);
      assert.equal(mx[0]?.flow, 'import_consumption');
      assert.equal(mx[0]?.periodStart, '2024-01');
      assert.equal(mx[0]?.periodEnd, '2024-12');
      // What is loaded is described from the data: four partners, one flow, one year.
      assert.ok(
        p.notes.some(
          (n) =>
            n.includes('imports for consumption') &&
            n.includes('2024-01 – 2024-12') &&
            ['Mexico', 'Canada', 'China', 'European Union'].every((x) => n.includes(x)),
        ),
      );
    });

    it('classifies end use through BEC: subheading counts for a heading', async () => {
      const p = await productProfile(store, '8703');
      const counted = p.endUse?.classes.reduce((a, c) => a + c.subheadings, 0) ?? 0;
      assert.ok(counted >= (p.endUse?.subheadings ?? 1));
      // Passenger cars are BEC 51, which SNA leaves unclassified.
      assert.ok(p.endUse?.classes.some((c) => c.becCodes.some((b) => b.code === '51')));
      const six = await productProfile(store, '870323');
      assert.equal(six.endUse?.subheadings, 1);
    });

    it('shows TransBorder trade of the HS chapter only, as dot2 adds up', async () => {
      const dot2 = (await csv(`${TB}/dot2_0115.csv`)).filter(
        (r) => r.COMMODITY2 === '87' && r.COUNTRY === '2010' && r.TRDTYPE === '1',
      );
      const p = await productProfile(store, '8703');
      assert.equal(p.transborder?.hs2, '87');
      const got = p.transborder?.rows.find((r) => r.partner.code === '2010' && r.flow === 'export');
      assert.equal(got?.valueUsd, sum(dot2, 'VALUE'));
    });
  });
});
