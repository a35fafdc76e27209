import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CoverageError } from '../../src/analytics/lookup-error.ts';
import type { Store } from '../../src/store/open-store.ts';
import { frameTable } from '../../src/tariffs/line-frame.ts';
import { tariffBaseline, type TariffBaseline } from '../../src/tariffs/tariff-baseline.ts';
import { query } from '../helpers.ts';
import { tariffStore } from './tariff-fixture.ts';

const pctOff = (engine: bigint, official: bigint) =>
  (Number(engine - official) / Number(official)) * 100;

describe('tariff baseline 2024 against Census calculated duty', () => {
  let store: Store;
  let b: TariffBaseline;
  before(async () => {
    store = await tariffStore();
    b = await tariffBaseline(store, { year: 2024 });
  });
  after(() => store.close());

  const partner = (code: string) => {
    const p = b.partners.find((x) => x.partner.code === code);
    assert.ok(p, `partner ${code} in the baseline`);
    return p;
  };

  it('sets each partner against the official CAL_DUT_YR to the dollar', () => {
    assert.equal(partner('2010').officialUsd, 1_250_534_423n);
    assert.equal(partner('1220').officialUsd, 413_636_724n);
    assert.equal(partner('5700').officialUsd, 46_661_215_871n);
    assert.ok((partner('0003').officialUsd ?? 0n) > 0n);
  });

  it('keeps the components apart and adds them up', () => {
    for (const p of [...b.partners, b.total]) {
      const e = p.engine;
      assert.equal(e.mfn + e.usmca + e.section301 + e.section232, e.total, p.partner.name);
    }
    assert.ok(partner('2010').engine.usmca < 0n, 'USMCA lowers Mexican duty');
    assert.equal(partner('0003').engine.usmca, 0n);
    assert.ok(partner('5700').engine.section301 > 30_000_000_000n);
    assert.equal(partner('2010').engine.section301, 0n);
    assert.ok(partner('5700').engine.section232 > 0n, 'China pays Section 232');
    assert.equal(partner('1220').engine.section232, 0n, 'Canada is exempt');
  });

  it('is within ±10% for Mexico and the EU', () => {
    for (const code of ['2010', '0003']) {
      const p = partner(code);
      assert.ok(p.withinTolerance, `${p.partner.name}: ${p.errorPct?.toFixed(1)}%`);
    }
  });

  // Canada and China are outside ±10% for reasons the data states; these tests hold the
  // explanation to account instead of moving the figure (see src/tariffs/README.md).
  it('Canada: within ±10% on every line whose MFN rate can be computed; specific rates explain the rest', async () => {
    const [r] = await query(
      store,
      `SELECT sum(engine_usd) FILTER (WHERE NOT uncomputed)::BIGINT AS eng,
              sum(duty_usd) FILTER (WHERE NOT uncomputed)::BIGINT AS official,
              sum(duty_usd - engine_usd) FILTER (WHERE uncomputed)::BIGINT AS missing
       FROM (SELECT *, mfn_basis IN ('specific', 'not_computable', 'ad_valorem_part', 'no_rate') AS uncomputed
             FROM ${frameTable(2024)} WHERE partner_code = '1220')`,
    );
    const eng = BigInt(String(r?.eng));
    const official = BigInt(String(r?.official));
    assert.ok(Math.abs(pctOff(eng, official)) <= 10, `computable lines ${pctOff(eng, official)}%`);
    const gap = -(partner('1220').differenceUsd ?? 0n);
    assert.ok(BigInt(String(r?.missing)) >= gap, 'the uncomputed specific duty covers the gap');
  });

  it('China: within ±10% on lines in one Section 301 list; the official total lies inside the split-list range', async () => {
    const [r] = await query(
      store,
      `SELECT sum(engine_usd)::BIGINT AS eng, sum(duty_usd)::BIGINT AS official
       FROM ${frameTable(2024)} WHERE partner_code = '5700' AND NOT s301_split`,
    );
    const eng = BigInt(String(r?.eng));
    const official = BigInt(String(r?.official));
    assert.ok(Math.abs(pctOff(eng, official)) <= 10, `single-list lines ${pctOff(eng, official)}%`);
    const cn = partner('5700');
    const split = b.section301Split.find((s) => s.partnerCode === '5700');
    assert.ok(split);
    const low = cn.engine.total - split.highUsd + split.lowUsd;
    assert.ok(low <= (cn.officialUsd ?? 0n) && (cn.officialUsd ?? 0n) <= cn.engine.total);
  });

  it('reports the error by HS chapter, summing to each partner', () => {
    for (const p of b.partners) {
      const chapters = b.chapters.filter((c) => c.partnerCode === p.partner.code);
      assert.equal(
        chapters.reduce((a, c) => a + c.engineUsd, 0n),
        p.engine.total,
      );
      assert.equal(
        chapters.reduce((a, c) => a + (c.officialUsd ?? 0n), 0n),
        p.officialUsd,
      );
    }
  });

  it('states how each slice of imports was rated, chapter 99 lines as not products', () => {
    const cn = b.coverage.filter((c) => c.partnerCode === '5700');
    const notProduct = cn.find((c) => c.basis === 'not_a_product');
    assert.equal(notProduct?.lines, 1);
    assert.equal(
      cn.reduce((a, c) => a + c.valueUsd, 0n),
      partner('5700').valueUsd,
    );
  });

  it('refuses a year it has no schedule or imports for', async () => {
    await assert.rejects(tariffBaseline(store, { year: 2023 }), CoverageError);
  });
});
