import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Store } from '../../src/store/open-store.ts';
import { frameTable } from '../../src/tariffs/line-frame.ts';
import { EXAMPLE_SCENARIO, parseScenario, ScenarioError } from '../../src/tariffs/scenario-spec.ts';
import { tariffBaseline } from '../../src/tariffs/tariff-baseline.ts';
import { tariffScenario, type TariffScenario } from '../../src/tariffs/tariff-scenario.ts';
import { tariffTable } from '../../src/tariffs/tariff-table.ts';
import { dataFile, query } from '../helpers.ts';
import { tariffStore } from './tariff-fixture.ts';

const TRANSBORDER = ['dot2', 'dot3'].map((d) => dataFile(`bts/transborder/2015-01/${d}_0115.csv`));

describe('tariff scenarios', () => {
  let store: Store;
  let r: TariffScenario;
  before(async () => {
    store = await tariffStore(TRANSBORDER);
    r = await tariffScenario(store, parseScenario(EXAMPLE_SCENARIO));
  });
  after(() => store.close());

  /** The same sums, straight from the line frame, as the oracle. */
  async function frameSum(sql: string): Promise<bigint> {
    const [row] = await query(store, `SELECT (${sql})::BIGINT AS v FROM ${frameTable(2024)}`);
    return BigInt(String(row?.v ?? 0));
  }

  it('exempts the USMCA-claimed share from the North American layer', async () => {
    const expected = await frameSum(
      `sum(CASE WHEN partner_code IN ('2010', '1220') AND chapter NOT IN ('98', '99')
                THEN round(value_usd * (1 - usmca_share) * 0.25)::BIGINT ELSE 0 END)`,
    );
    assert.equal(r.layers[0]?.addedUsd, expected);
  });

  it('taxes all Canadian energy in the energy layer', async () => {
    const expected = await frameSum(
      `sum(CASE WHEN partner_code = '1220' AND chapter = '27' THEN round(value_usd * 0.10)::BIGINT ELSE 0 END)`,
    );
    assert.equal(r.layers[1]?.addedUsd, expected);
  });

  it('reaches Chinese goods on lists 1–4A only, never list 4B alone', async () => {
    const onlyFourB = await frameSum(
      `count(*) FILTER (WHERE partner_code = '5700' AND s301_lists = '4B')`,
    );
    assert.ok(onlyFourB > 0n);
    const expected = await frameSum(
      `sum(CASE WHEN partner_code = '5700' AND chapter NOT IN ('98', '99')
                 AND list_has_any(string_split(coalesce(s301_lists, ''), ','), ['1', '2', '3', '4A'])
                THEN round(value_usd * 0.10)::BIGINT ELSE 0 END)`,
    );
    assert.equal(r.layers[2]?.addedUsd, expected);
  });

  it('raises Section 232 to 50% where it applied at 25% or 10%, not on exempt partners', () => {
    const s232 = r.layers[3]!;
    assert.ok(s232.addedUsd > 0n);
    const mx = r.partners.find((p) => p.partner.code === '2010')!;
    assert.equal(mx.byLayerUsd[3], 0n);
  });

  it('adds up by layer, partner and in total; rates follow', () => {
    const layers = r.layers.reduce((a, l) => a + l.addedUsd, 0n);
    const partners = r.partners.reduce((a, p) => a + p.addedUsd, 0n);
    assert.equal(layers, r.total.addedUsd);
    assert.equal(partners, r.total.addedUsd);
    for (const p of r.partners) {
      assert.equal(p.newUsd, p.baselineUsd + p.addedUsd);
      assert.ok(Math.abs(p.newRatePct - (Number(p.newUsd) / Number(p.valueUsd)) * 100) < 1e-9);
    }
    assert.equal(r.partners.find((p) => p.partner.code === '0003')?.addedUsd, 0n);
  });

  it('labels the state and port figures as an estimate and places nearly all the added duty', () => {
    const places = r.places;
    assert.ok(places?.estimate);
    assert.match(places.method, /^ESTIMATE/);
    assert.deepEqual(places.months, ['2015-01']);
    const northAmerica = r.partners
      .filter((p) => ['2010', '1220'].includes(p.partner.code))
      .reduce((a, p) => a + p.addedUsd, 0n);
    const placed = northAmerica - places.unapportioned.reduce((a, u) => a + u.addedUsd, 0n);
    assert.ok(placed > (northAmerica * 99n) / 100n);
    assert.ok(places.states.every((s) => /^[A-Z]{2}$/.test(s.key)));
  });

  it('downloads every table as one CSV, estimates marked', () => {
    const t = tariffTable(r);
    const estimate = t.columns.indexOf('estimate');
    assert.ok(t.rows.some((row) => row[estimate] === true));
    assert.ok(t.rows.some((row) => row[2] === 'product'));
  });

  it('names every file its baseline rests on, the Section 301 headings and the schedule included', () => {
    const files = r.sources.map((s) => s.path.split('/').at(-1));
    for (const f of [
      'chapter99_raw.csv',
      's301_product_lists.csv',
      'tariff_database_2024.xlsx',
      'hts_2025_basic_edition.csv',
      'usmca_product_shares_2024.csv',
      '2024-hs10-imports5700.parquet',
    ])
      assert.ok(files.includes(f), `${f} in ${files.join(', ')}`);
  });

  it('refuses a malformed scenario, naming the field', () => {
    assert.throws(
      () => parseScenario({ layers: [{ partners: ['mexico'], ratePct: 'lots' }] }),
      (e: unknown) => e instanceof ScenarioError && /layers\.0/.test(e.message),
    );
    assert.throws(() => parseScenario({ layers: [] }), ScenarioError);
  });

  it('refuses an exemption whose list is not loaded', async () => {
    await assert.rejects(
      tariffScenario(store, parseScenario({ layers: [{ ratePct: 10, exempt: ['ieepa_exempt'] }] })),
      /ieepa_exempt product list is not loaded/,
    );
  });

  it('answers a scenario and the baseline asked at once on a freshly opened read-only store', async () => {
    // The line frame is a temporary table: it lives on one connection. Asked at once, the two
    // used to run on different connections of the read pool and fail with "Table with name
    // tariff_line_frame_2024 does not exist".
    const fresh = await tariffStore(TRANSBORDER);
    try {
      const [scenario, baseline, again] = await Promise.all([
        tariffScenario(fresh, parseScenario(EXAMPLE_SCENARIO)),
        tariffBaseline(fresh, { year: 2024 }),
        tariffScenario(fresh, parseScenario(EXAMPLE_SCENARIO)),
      ]);
      assert.deepEqual(
        scenario.layers.map((l) => l.addedUsd),
        r.layers.map((l) => l.addedUsd),
      );
      assert.deepEqual(again.partners, r.partners);
      assert.ok(baseline.partners.length >= 4);
    } finally {
      fresh.close();
    }
  });
});
