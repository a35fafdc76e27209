import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CoverageError } from '../../src/analytics/lookup-error.ts';
import { openStore, type Store } from '../../src/store/open-store.ts';
import { frameTable } from '../../src/tariffs/line-frame.ts';
import { tariffBaseline, type TariffBaseline } from '../../src/tariffs/tariff-baseline.ts';
import { tariffLine, tariffLines, tariffLineTable } from '../../src/tariffs/tariff-line.ts';
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

  it('is within ±5% for Mexico, Canada and the EU and ±10% for China (issue 14)', () => {
    for (const code of ['2010', '1220', '0003']) {
      const p = partner(code);
      assert.ok(Math.abs(p.errorPct ?? 99) <= 5, `${p.partner.name}: ${p.errorPct?.toFixed(1)}%`);
    }
    const cn = partner('5700');
    assert.ok(Math.abs(cn.errorPct ?? 99) <= 10, `China: ${cn.errorPct?.toFixed(1)}%`);
  });

  it('keeps the chapter errors reached with the dated Section 232 table and the Pharmaceutical Appendix (first recorded: Mexico 4.9%, Canada 8.9%, China 6.6%, EU 10.2%)', () => {
    // The Section 232 table and the Pharmaceutical Appendix brought the EU's from 10.2% to 7.1%
    // and Mexico's from 4.9% to 4.4% (README); a change that undoes them fails here.
    const first: Record<string, number> = { '2010': 4.5, '1220': 8.95, '5700': 6.6, '0003': 7.5 };
    for (const [code, max] of Object.entries(first)) {
      const ce = b.chapterError.find((c) => c.partnerCode === code)?.pct ?? 99;
      assert.ok(ce <= max, `${code}: chapter error ${ce.toFixed(2)}% > ${max}%`);
    }
    // EU chapter 29 (Pharmaceutical Appendix) was +93.5%: within ±25% at the assumed half.
    const ch29 = b.chapters.find((c) => c.partnerCode === '0003' && c.chapter === '29')!;
    assert.ok(Math.abs(ch29.errorPct ?? 99) <= 25, `EU 29: ${ch29.errorPct?.toFixed(1)}%`);
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

  it('China: the exclusion range brackets the central figure, and lines off the 2026 lists keep their 2024 list', async () => {
    const cn = partner('5700');
    const ex = b.section301Exclusions.find((s) => s.partnerCode === '5700');
    assert.ok(ex && ex.lines > 50, 'exclusions in force in 2024 cover some Chinese lines');
    assert.ok(ex.allClaimedUsd < ex.centralUsd && ex.centralUsd < ex.noneClaimedUsd);
    // None claimed is the old highest-list figure's neighbourhood; all claimed is far below it.
    const none = cn.engine.total - ex.centralUsd + ex.noneClaimedUsd;
    assert.ok(none > cn.engine.total);
    // Semiconductors 8542.31 left list 2 for 9903.91.05 only on 1 January 2025: all of 2024 at 25%.
    const [chip] = await query(
      store,
      `SELECT s301_rate, s301_heading FROM ${frameTable(2024)}
       WHERE partner_code = '5700' AND hs_code LIKE '854231%' ORDER BY value_usd DESC LIMIT 1`,
    );
    assert.equal(chip?.s301_heading, '9903.88.02');
    assert.equal(Number(chip?.s301_rate), 0.25);
    // Electric vehicles (8703.80) moved to 100% (9903.91.03) on 27 September 2024: 25% before.
    const [ev] = await query(
      store,
      `SELECT s301_high_rate AS r FROM ${frameTable(2024)}
       WHERE partner_code = '5700' AND hs_code LIKE '870380%' ORDER BY value_usd DESC LIMIT 1`,
    );
    const days = (Date.UTC(2024, 8, 27) - Date.UTC(2024, 0, 1)) / 864e5;
    assert.ok(Math.abs(Number(ev?.r) - (0.25 * days + 1 * (366 - days)) / 366) < 1e-9);
    const ce = b.chapterError.find((c) => c.partnerCode === '5700');
    assert.ok(ce?.pct !== null && ce?.pct !== undefined && ce.pct > 0);
  });

  it('8517.62: the 10-digit split of note 20 (list 3 except .0090, list 4A only .0090)', async () => {
    const rows = await query(
      store,
      `SELECT hs_code, s301_heading FROM ${frameTable(2024)}
       WHERE partner_code = '5700' AND hs_code IN ('8517620090', '8517620010', '8517620020')
       ORDER BY hs_code`,
    );
    const by = Object.fromEntries(rows.map((r) => [String(r.hs_code), r.s301_heading]));
    assert.equal(by['8517620090'], '9903.88.15');
    if (by['8517620010']) assert.equal(by['8517620010'], '9903.88.04');
  });

  it('tariff line: each component with its legal reference, the exclusions with product text, engine vs Census', async () => {
    const gpu = await tariffLine(store, '8473301180', 'china', '2024-07-01');
    const s301 = gpu.components.find((c) => c.component.startsWith('Section 301'));
    assert.equal(s301?.reference, '9903.88.03, U.S. note 20(f)');
    assert.equal(s301?.ratePct, 25);
    assert.ok(gpu.exclusions.some((e) => /graphics processing modules/.test(e.product ?? '')));
    assert.ok(
      gpu.exclusions.every((e) => e.reference.startsWith('9903.88.69, U.S. note 20(vvv)(iii)')),
    );
    const [census] = await query(
      store,
      `SELECT duty_usd FROM trade_product WHERE partner_code = '5700' AND hs_code = '8473301180'
         AND hs_level = 10 AND period_start = DATE '2024-01-01'`,
    );
    assert.equal(gpu.year_figures?.officialUsd, BigInt(String(census?.duty_usd)));
    // Before 15 June the same products were excluded under 9903.88.67 (note 20(ttt)).
    const spring = await tariffLine(store, '8473301180', 'china', '2024-03-01');
    assert.ok(spring.exclusions.some((e) => e.heading === '9903.88.67'));
    // EVs after 27 September: note 31(d) at 100%.
    const ev = await tariffLine(store, '8703800020', 'china', '2024-10-01');
    const inc = ev.components.find((c) => c.component.startsWith('Section 301'));
    assert.deepEqual([inc?.reference, inc?.ratePct], ['9903.91.03, U.S. note 31(d)', 100]);
    // Lithium-ion batteries: MFN 3.4% as the schedule prints it, not 3.4000000000000004.
    const battery = await tariffLine(store, '8507600020', 'china', '2024-07-01');
    assert.equal(battery.components.find((c) => c.component.startsWith('MFN'))?.ratePct, 3.4);
    await assert.rejects(tariffLine(store, '84733011', 'china', '2024-07-01'), /10-digit/);
    await assert.rejects(tariffLine(store, '8473301180', 'atlantis', '2024-07-01'), /partner/);
  });

  it('tariff lines: every line of a partner, values summing to the baseline', async () => {
    const cn = await tariffLines(store, 'china', 2024);
    const t = tariffLineTable(cn);
    assert.ok(t.columns.includes('s301_reference_jul1') && t.columns.includes('official_usd'));
    const sum = cn.lines.reduce((a, l) => a + BigInt(String(l.engine_usd)), 0n);
    assert.equal(sum, partner('5700').engine.total);
    assert.equal(cn.lines.length, partner('5700').lines);
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
