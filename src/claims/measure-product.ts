import { productProfile, topProducts } from './shared-analytics.ts';
import { compileProductQuery } from '../analytics/product-queries.ts';
import type { Store } from '../store/open-store.ts';
import type { Claim } from './claim.ts';
import type { At, Measurement } from './measurement.ts';
import { call, numFigure, usdFigure } from './computed-figure.ts';
import { NotVerifiable } from './not-verifiable.ts';

/**
 * A product's imports from one partner (Census API, imports for consumption by HS line): the
 * value for a year, its place among the partner's products at the same HS level, its share of
 * the partner's product-level imports. The bundle has imports only, for the partners loaded.
 */
export async function measureProduct(store: Store, claim: Claim, at: At): Promise<Measurement> {
  const s = claim.subject;
  if (s.kind !== 'product') throw new Error('measureProduct needs a product');
  const profile = await productProfile(store, s.code);
  const coverage = profile.notes
    .filter((n) => /loaded Census product-level data/.test(n))
    .join('; ');
  if (claim.flow !== 'imports')
    throw new NotVerifiable(
      `product-level ${claim.flow.replace('_', '-')} data are not loaded (${coverage || 'no product data'})`,
      `Census International Trade API ${claim.flow === 'exports' ? 'exports/hs' : 'exports/hs and imports/hs'} by partner for the year`,
    );
  if (!s.partner)
    throw new NotVerifiable(
      `the statement names no partner; product-level imports are loaded by partner (${coverage})`,
      'a statement naming the partner',
    );
  const partner = s.partner;
  const rows = profile.census.filter(
    (r) => r.partner.code === partner.code && r.flow === 'import_consumption',
  );
  const years = [...new Set(rows.map((r) => Number(r.periodEnd.slice(0, 4))))].sort();
  const year = at.year ?? years.at(-1);
  const row = rows.find(
    (r) =>
      Number(r.periodEnd.slice(0, 4)) === year &&
      r.periodStart.endsWith('-01') &&
      r.periodEnd.endsWith('-12'),
  );
  if (year === undefined || !row)
    throw new NotVerifiable(
      `no product-level imports from ${partner.name} are loaded for ${year ?? 'any year'} (${coverage || 'none loaded'})`,
      `Census International Trade API imports/hs for ${partner.name}, ${year ?? 'the year'}`,
    );
  const notes = [
    'imports for consumption (Census API), which differ slightly from the general imports of the country totals',
    ...(at.year === null
      ? [`no period stated: checked against ${year}, the latest product year loaded`]
      : []),
  ];
  const label = `US imports of ${s.description.length > 60 ? `${s.description.slice(0, 57)}…` : s.description} (HS ${s.code}) from ${partner.name}, ${year}`;
  const at2: At = { year, month: null, vintage: null };
  if (claim.kind === 'value')
    return {
      value: Number(row.valueUsd),
      computed: [usdFigure(label, row.valueUsd)],
      label,
      at: at2,
      query: [call(`productProfile(store, '${s.code}')`, null)],
      sources: profile.sources,
      notes,
    };
  const level = s.code.length as 2 | 4 | 6 | 8 | 10;
  const r = await topProducts(store, {
    partner: partner.code,
    flow: 'import_consumption',
    year,
    level,
    limit: 100_000,
  });
  const me = r.rows.find((x) => x.key === s.code);
  if (!me)
    throw new NotVerifiable(
      `HS ${s.code} has no imports from ${partner.name} in ${year}`,
      'product rows for it',
    );
  const [q] = compileProductQuery({
    kind: 'top-products',
    table: 'trade_product',
    flow: 'import_consumption',
    year,
    level,
    partner: partner.code,
    limit: 100_000,
  });
  const query = [
    call(
      `topProducts(store, { partner: '${partner.code}', flow: 'import_consumption', year: ${year}, level: ${level} })`,
      q!,
    ),
  ];
  if (claim.kind === 'rank') {
    const what = `HS ${s.code}'s place among HS${level} imports from ${partner.name}, ${year}`;
    const top = r.rows
      .slice(0, 3)
      .map((x) => `#${x.rank} HS ${x.key} ${x.label.slice(0, 40)}`)
      .join('; ');
    return {
      value: me.rank,
      computed: [numFigure(what, me.rank, 'rank'), usdFigure(label, me.value)],
      label: what,
      at: at2,
      query,
      sources: r.sources,
      notes: [...notes, `first three: ${top}`],
    };
  }
  if (claim.kind === 'share') {
    const what = `HS ${s.code}'s share of product-level imports from ${partner.name}, ${year}`;
    return {
      value: me.share ?? 0,
      computed: [numFigure(what, me.share ?? 0, 'percent'), usdFigure(label, me.value)],
      label: what,
      at: at2,
      query,
      sources: r.sources,
      notes,
    };
  }
  throw new NotVerifiable(
    `a ${claim.kind.replace('_', ' ')} of product imports is not computed (one year is loaded)`,
    'product-level imports of two years',
  );
}
