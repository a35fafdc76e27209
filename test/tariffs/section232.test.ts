import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Store } from '../../src/store/open-store.ts';
import { tariffBaseline, type TariffBaseline } from '../../src/tariffs/tariff-baseline.ts';
import { tariffLine } from '../../src/tariffs/tariff-line.ts';
import { tariffStore } from './tariff-fixture.ts';

const s232 = (r: Awaited<ReturnType<typeof tariffLine>>) =>
  r.components.find((c) => c.component.startsWith('Section 232'));

describe('Section 232 as a dated measure table (issue 14 item 2)', () => {
  let store: Store;
  let b: TariffBaseline;
  before(async () => {
    store = await tariffStore();
    b = await tariffBaseline(store, { year: 2024 });
  });
  after(() => store.close());

  it('Mexican steel: exempt to 9 July 2024, 9903.81.85 at 25% on the estimated share from 10 July', async () => {
    // Flat-rolled, hot-dipped galvanized (7210.70.60): on the 2018 steel scope.
    const jul = await tariffLine(store, '7210706090', 'mexico', '2024-07-09');
    assert.equal(s232(jul)?.ratePct, 0);
    assert.match(s232(jul)?.reference ?? '', /9903\.80\.01 excepts products of Mexico/);
    const aug = await tariffLine(store, '7210706090', 'mexico', '2024-08-01');
    assert.equal(s232(aug)?.ratePct, 25);
    assert.match(
      s232(aug)?.reference ?? '',
      /^9903\.81\.85, U\.S\. note 16\(h\) .*melted and poured/,
    );
    const segs = aug.section232?.segments ?? [];
    assert.deepEqual(
      segs.map((s) => [s.from, s.to, s.heading]),
      [
        ['2024-01-01', '2024-07-09', null],
        ['2024-07-10', '2024-12-31', '9903.81.85'],
      ],
    );
    const share = aug.section232?.share;
    assert.equal(share?.id, 'mexico_steel');
    assert.match(share?.source ?? '', /^ESTIMATE/);
    assert.ok(share && share.central > 0 && share.central < 0.1, `${share?.central}`);
  });

  it("the engine's Mexican steel rate is 25% × the share × the days from 10 July", async () => {
    const aug = await tariffLine(store, '7210706090', 'mexico', '2024-08-01');
    const share = aug.section232!.share!.central;
    const f = aug.year_figures!;
    const expected = Number(f.valueUsd) * 0.25 * share * (175 / 366);
    const s232Usd = Number(f.engineUsd); // MFN is free on 7210.70.60 and USMCA lowers nothing
    assert.ok(Math.abs(s232Usd - expected) <= 1, `${s232Usd} vs ${expected}`);
  });

  it('EU steel: free within the quota subheading the 2024 text names, 9903.80.01 over it', async () => {
    // Tin plate 7210.12.00: the EU quota subheading 9903.80.75 of the 2024 edition.
    const r = await tariffLine(store, '7210120000', 'eu', '2024-07-01');
    assert.equal(s232(r)?.ratePct, 25);
    assert.match(
      s232(r)?.reference ?? '',
      /^9903\.80\.01, U\.S\. note 16\(b\).*9903\.80\.75, U\.S\. note 16\(f\) \(free\)/,
    );
    assert.equal(r.section232?.share?.id, 'eu_steel');
  });

  it('aluminium: China pays 9903.85.01 all year; the EU is within its quota subheading', async () => {
    const cn = await tariffLine(store, '7601103000', 'china', '2024-03-01');
    assert.equal(s232(cn)?.ratePct, 10);
    assert.match(s232(cn)?.reference ?? '', /^9903\.85\.01, U\.S\. note 19\(a\)\(i\), \(b\)/);
    assert.equal(cn.section232?.share, null);
    const eu = await tariffLine(store, '7601206000', 'eu', '2024-03-01');
    assert.match(s232(eu)?.reference ?? '', /9903\.85\.29, U\.S\. note 19\(a\)\(v\) \(free\)/);
    assert.equal(eu.section232?.share?.central, 0, 'no estimate: the quota is taken to hold');
  });

  it('reports each partner between none paying and all paying; Canada pays nothing', () => {
    const range = (code: string) => b.section232Range.find((r) => r.partnerCode === code);
    assert.equal(b.partners.find((p) => p.partner.code === '1220')?.engine.section232, 0n);
    for (const code of ['2010', '0003']) {
      const r = range(code);
      assert.ok(r && r.lowUsd < r.centralUsd && r.centralUsd < r.highUsd, code);
    }
    const cn = range('5700')!;
    assert.equal(cn.centralUsd, cn.highUsd, 'China: no unknown share');
  });

  it('Pharmaceutical Appendix: half the MFN of chapter 29–30 K lines, the range stated', () => {
    const eu = b.pharmaAppendix.find((p) => p.partnerCode === '0003');
    assert.ok(eu && eu.lines > 300);
    assert.ok(Math.abs(Number(eu.noneClaimedUsd) / 2 - Number(eu.centralUsd)) < eu.lines);
  });
});
