import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CoverageError } from '../../src/analytics/lookup-error.ts';
import { openStore, type Store } from '../../src/store/open-store.ts';
import { frameTable } from '../../src/tariffs/line-frame.ts';
import { tariffBaseline, type TariffBaseline } from '../../src/tariffs/tariff-baseline.ts';
import { fixtureCopy } from '../fixture-database.ts';
import { query, scratch } from '../helpers.ts';
import { TARIFF_FILES, tariffStore } from './tariff-fixture.ts';

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

  it('is within ±10% for Mexico, Canada and the EU', () => {
    for (const code of ['2010', '1220', '0003']) {
      const p = partner(code);
      assert.ok(p.withinTolerance, `${p.partner.name}: ${p.errorPct?.toFixed(1)}%`);
    }
  });

  it('values Canadian crude oil (5.25¢ and 10.5¢ a barrel) through an equivalent from other partners', () => {
    const ch27 = b.chapters.find((c) => c.partnerCode === '1220' && c.chapter === '27');
    assert.ok(ch27 && ch27.officialUsd);
    // Specific rates were the whole of Canada's chapter 27 gap while they counted zero.
    assert.ok(Math.abs(pctOff(ch27.engineUsd, ch27.officialUsd)) <= 15, `${ch27.errorPct}%`);
    const ca = b.coverage.filter((c) => c.partnerCode === '1220' && c.basis === 'specific');
    const valued = ca.filter((c) => c.aveSource !== null).reduce((a, c) => a + c.valueUsd, 0n);
    const all = ca.reduce((a, c) => a + c.valueUsd, 0n);
    assert.ok(Number(valued) / Number(all) > 0.9, 'most specific-rate imports are valued');
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

  it('never takes a partner’s equivalent rates from its own calculated duty', async () => {
    // A writable copy of the shared fixture database.
    const { dir, cleanup } = await scratch();
    const other = await openStore(await fixtureCopy(TARIFF_FILES, dir));
    try {
      // Triple Canada's official duty: its engine figure must not move, Mexico's (which takes
      // equivalents from Canadian lines) must.
      await other.conn.run(
        `UPDATE trade_product_all SET duty_usd = duty_usd * 3 WHERE partner_code = '1220'`,
      );
      other.memo.clear();
      const changed = await tariffBaseline(other, { year: 2024 });
      const ca = changed.partners.find((p) => p.partner.code === '1220');
      const mx = changed.partners.find((p) => p.partner.code === '2010');
      assert.equal(ca?.engine.total, partner('1220').engine.total);
      assert.equal(ca?.officialUsd, (partner('1220').officialUsd ?? 0n) * 3n);
      assert.ok((mx?.engine.total ?? 0n) > partner('2010').engine.total);
    } finally {
      other.close();
      await cleanup();
    }
  });

  it('refuses a year it has no schedule or imports for', async () => {
    await assert.rejects(tariffBaseline(store, { year: 2023 }), CoverageError);
  });
});
