import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { compileProductQuery } from '../../src/analytics/product-queries.ts';
import { topProducts } from '../../src/analytics/top-places.ts';
import { hsEditionFor, tradeComposition } from '../../src/analytics/trade-composition.ts';
import type { Store } from '../../src/store/open-store.ts';
import { fixtureStore } from '../fixture-database.ts';
import { dataFile, query } from '../helpers.ts';

const FILES = [
  'census/api-extracts/imports-hs10-2024/2024-hs10-imports2010.parquet',
  'census/api-extracts/imports-hs10-2024/2024-hs10-imports0003.parquet',
  'reference/hs/harmonized-system.csv',
  'reference/hs/sections.csv',
  'reference/bec/HS2022_to_BEC4_UNSD.csv',
  'reference/bec/HS2017_to_BEC4_UNSD.csv',
  'reference/bec/BEC4_to_SNA_enduse_HANDAUTHORED.csv',
  'bts/transborder/2015-01/dot2_0115.csv',
].map(dataFile);

describe('trade composition and intra-industry trade', () => {
  let store: Store;
  before(async () => {
    store = await fixtureStore([...FILES]);
  });
  after(() => store.close());

  it('splits Mexican imports by section, chapter and end use, each to the dollar', async () => {
    const c = await tradeComposition(store, 'MEXICO', { year: 2024 });
    const [oracle] = await query(
      store,
      `SELECT sum(value_usd)::VARCHAR AS v FROM trade_product WHERE partner_code = '2010'`,
    );
    assert.equal(c.totalUsd, BigInt(String(oracle?.v)));
    for (const parts of [c.sections, c.chapters, c.endUse.classes]) {
      assert.equal(
        parts.reduce((a, s) => a + s.valueUsd, 0n),
        c.totalUsd,
      );
    }
    assert.equal(c.level, 10);
    assert.equal(c.chapters[0]?.code, '87');
  });

  it('reads 2024 codes through the HS 2022 correspondence and states the coverage', async () => {
    const c = await tradeComposition(store, 'mexico', { year: 2024 });
    assert.equal(c.endUse.edition, '2022');
    assert.equal(hsEditionFor(2019), '2017');
    assert.equal(hsEditionFor(2012), null);
    const classified = c.endUse.classes
      .filter((x) => ['intermediate', 'capital', 'consumption'].includes(x.code))
      .reduce((a, x) => a + x.valueUsd, 0n);
    assert.ok(Math.abs(c.endUse.coverage - (Number(classified) / Number(c.totalUsd)) * 100) < 1e-9);
    assert.ok(c.endUse.coverage > 50 && c.endUse.coverage < 100);
  });

  it('computes the trade-weighted Grubel–Lloyd index from TransBorder HS2 trade', async () => {
    const c = await tradeComposition(store, 'mexico');
    const g = c.intraIndustry;
    assert.ok(g);
    const [oracle] = await query(
      store,
      `WITH c AS (
         SELECT hs2, coalesce(sum(value_usd) FILTER (WHERE flow = 'export'), 0) AS x,
                coalesce(sum(value_usd) FILTER (WHERE flow = 'import_general'), 0) AS m
         FROM transborder_state_hs2 WHERE partner_code = '2010' GROUP BY 1)
       SELECT 1 - sum(abs(x - m))::DOUBLE / sum(x + m)::DOUBLE AS gl FROM c`,
    );
    assert.ok(Math.abs((g.aggregate ?? 0) - Number(oracle?.gl)) < 1e-12);
    assert.ok(g.states.every((s) => s.index === null || (s.index >= 0 && s.index <= 1)));
    assert.equal(g.month, '2015-01');
  });

  it('ranks HS6 imports, all loaded partners and one, to the dollar of the API extracts', async () => {
    const oracle = (files: string[]) =>
      query(
        store,
        `SELECT left(I_COMMODITY, 6) AS hs, sum(TRY_CAST(CON_VAL_YR AS HUGEINT))::VARCHAR AS v
         FROM read_parquet([${files.map((f) => `'${f}'`).join(', ')}])
         GROUP BY 1 ORDER BY sum(TRY_CAST(CON_VAL_YR AS HUGEINT)) DESC, 1 LIMIT 10`,
      );
    const extracts = FILES.filter((f) => f.endsWith('.parquet'));
    const all = await topProducts(store, { flow: 'import_consumption', year: 2024, level: 6 });
    assert.deepEqual(
      all.rows.map((x) => [x.key, String(x.value)]),
      (await oracle(extracts)).map((o) => [o.hs, o.v]),
    );
    // One partner: the statement `topProducts` runs, as a claim cites it.
    const [q] = compileProductQuery({
      kind: 'top-products',
      table: 'trade_product',
      flow: 'import_consumption',
      year: 2024,
      level: 6,
      partner: '2010',
      limit: 10,
    });
    const mexico = (await store.conn.runAndReadAll(q!.sql, q!.params as never)).getRowsJS();
    assert.deepEqual(
      mexico.map(([hs, v]) => [hs, String(v)]),
      (await oracle(extracts.filter((f) => f.includes('2010')))).map((o) => [o.hs, o.v]),
    );
  });

  it('has no intra-industry figure where TransBorder does not reach (the EU)', async () => {
    const c = await tradeComposition(store, 'european union');
    assert.equal(c.intraIndustry, null);
    assert.ok(c.totalUsd > 0n);
  });
});
