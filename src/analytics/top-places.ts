import { memoize, type Store } from '../store/open-store.ts';
import { askedOften } from './asked-often.ts';
import { BASIS } from './basis.ts';
import { compileBorder } from './border-queries.ts';
import { crossingsPortRanking } from './crossings-port-ranking.ts';
import { runQuery, runShared, type Row } from './compiled-query.ts';
import { share } from './growth.ts';
import { usStateNamesEs } from './us-state-names-es.ts';
import { loadLabels } from './labels.ts';
import { CoverageError } from './lookup-error.ts';
import type { Split } from './partner-profile.ts';
import { portChanges } from './port-history.ts';
import { compileProductQuery } from './product-queries.ts';
import { fileProvenance, readProvenance, type SourceRef } from './provenance.ts';
import { INDEXED_LIMIT, topProductsFromIndex } from './top-products-index.ts';
import { resolveMeasure } from './resolve-measure.ts';
import { resolvePartner } from './resolve-partner.ts';
import { transborderMonth } from './transborder-month.ts';
import { transborderSplit } from './transborder-split.ts';

export interface PlaceRanking {
  kind: 'place-ranking';
  what: 'states' | 'ports' | 'products';
  /** What the values are: dollars of freight or trade, or a count of crossings. */
  unit: 'usd' | 'count';
  period: string;
  filters: Record<string, string>;
  rows: { rank: number; key: string; label: string; value: bigint; share: number | null }[];
  /** States only: Spanish names by USPS code (ISO 3166-2 gettext), where loaded. */
  namesEs?: Record<string, string>;
  basis: string[];
  sources: SourceRef[];
  notes: string[];
}

type TbFlow = 'export' | 'import_general';

function ranked(rows: Split[], limit: number): PlaceRanking['rows'] {
  return rows.slice(0, limit).map((r, i) => ({
    rank: i + 1,
    key: r.key,
    label: r.label,
    value: r.total,
    share: r.share,
  }));
}

/** US states by TransBorder trade with Mexico, Canada or both in one month. */
export async function topStates(
  store: Store,
  opts: { partner?: string; flow?: TbFlow; month?: string; limit?: number },
): Promise<PlaceRanking> {
  const ranking = await transborderRanking(
    store,
    'us_state',
    opts,
    (await loadLabels(store)).usState,
  );
  return { ...ranking, namesEs: await usStateNamesEs(store) };
}

/** Ports by TransBorder freight in a month, or by a crossing measure in a year. */
export async function topPorts(
  store: Store,
  opts: {
    measure?: string;
    border?: 'mexico' | 'canada';
    year?: number;
    month?: string;
    partner?: string;
    flow?: TbFlow;
    limit?: number;
  },
): Promise<PlaceRanking> {
  const labels = await loadLabels(store);
  const limit = opts.limit ?? 10;
  if (opts.measure) {
    const measure = resolveMeasure(opts.measure);
    const years = await runShared(
      store,
      compileBorder({ kind: 'crossings', by: 'year', border: opts.border }),
    );
    const full = years.filter((y) => Number(y.months) === 12).map((y) => Number(y.key));
    const all = years.map((y) => Number(y.key));
    const year = opts.year ?? full.at(-1) ?? all.at(-1);
    if (year === undefined || !all.includes(year)) {
      throw new CoverageError(
        'BTS Border Crossing data',
        String(opts.year ?? 'any year'),
        all.length ? `${all[0]}–${all.at(-1)}` : 'nothing yet',
      );
    }
    const { rows, sources } = await crossingsPortRanking(store, {
      measure,
      year,
      ...(opts.border ? { border: opts.border } : {}),
    });
    if (rows.length === 0)
      throw new CoverageError(
        `BTS ${measure} crossings${opts.border ? ` on the ${opts.border} border` : ''}`,
        String(year),
        'no port: BTS published no such crossing in that year',
      );
    const total = rows.reduce((a, r) => a + (r.count as bigint), 0n);
    const shown = rows.slice(0, limit);
    return {
      kind: 'place-ranking',
      what: 'ports',
      unit: 'count',
      period: String(year),
      filters: { measure, ...(opts.border ? { border: opts.border } : {}) },
      rows: shown.map((r, i) => ({
        rank: i + 1,
        key: String(r.key),
        label: labels.port.get(String(r.key)) ?? String(r.port_name),
        value: r.count as bigint,
        share: share(r.count as bigint, total),
      })),
      basis: [BASIS.crossings],
      sources: await sources(),
      notes: [
        ...(full.includes(year) ? [] : [`${year} is not complete in the loaded data`]),
        ...(await changeNotes(store, shown, year, labels.port)),
      ],
    };
  }
  return transborderRanking(store, 'port', { ...opts, limit }, labels.port);
}

/**
 * A note for each port code change touching a ranked port by the ranked year: its count is
 * not comparable with years before the change (El Paso before and after Ysleta's split).
 */
async function changeNotes(
  store: Store,
  rows: Row[],
  year: number,
  names: Map<string, string>,
): Promise<string[]> {
  const ranked = new Set(rows.map((r) => String(r.key)));
  const name = (c: string) => `${names.get(c) ?? c} (${c})`;
  return (await portChanges(store))
    .filter((c) => (ranked.has(c.from) || ranked.has(c.to)) && Number(c.month.slice(0, 4)) <= year)
    .map(
      (c) =>
        `${c.foundIn.includes('reference') ? 'BTS split' : 'The crossings suggest BTS split'} ${name(c.to)} out of ${name(c.from)} from ${c.month}: compare years across it with the two ports combined (frontera profile port ${c.from})`,
    );
}

/** HS products by Census product-level value, for one partner or all loaded. */
export async function topProducts(
  store: Store,
  opts: {
    partner?: string;
    flow?: string;
    year?: number;
    level?: 2 | 4 | 6 | 8 | 10;
    limit?: number;
  },
): Promise<PlaceRanking> {
  const cov = await runShared(store, {
    kind: 'compiled-query',
    name: 'product-years',
    tables: ['trade_product'],
    params: {},
    sql: `SELECT flow, year(period_end)::INTEGER AS year, count(*) AS n FROM trade_product
          WHERE coalesce(geo_level, 'country') = 'country' GROUP BY ALL ORDER BY n DESC, flow, year`,
  });
  const have = cov.map((r) => ({ flow: String(r.flow), year: Number(r.year) }));
  if (have.length === 0)
    throw new CoverageError(
      'Census product-level trade',
      'any period',
      'nothing yet: ingest Census API extracts',
    );
  const flow = opts.flow ?? have[0]!.flow;
  const year = opts.year ?? Math.max(...have.filter((h) => h.flow === flow).map((h) => h.year));
  if (!have.some((h) => h.flow === flow && h.year === year)) {
    throw new CoverageError(
      `Census product-level ${flow}`,
      String(year),
      have.map((h) => `${h.flow} ${h.year}`).join(', '),
    );
  }
  const partner = opts.partner ? (await resolvePartner(store, opts.partner)).code : undefined;
  const level = opts.level ?? 4;
  const limit = opts.limit ?? 10;
  const read = {
    table: 'trade_product',
    where: `flow = $flow AND year(period_end) = $year AND ($partner IS NULL OR partner_code = $partner)
                AND coalesce(geo_level, 'country') = 'country'`,
    params: { flow, year, partner: partner ?? null },
  } as const;
  // A server asked ranking after ranking looks each up among every partner's of the year and
  // level, read once (see askedOften and top-products-index.ts).
  const bulk =
    limit <= INDEXED_LIMIT && (await askedOften(store, 'top-products'))
      ? await topProductsFromIndex(store, { flow, year, level, partner, limit })
      : undefined;
  const [q] = compileProductQuery({
    kind: 'top-products',
    table: 'trade_product',
    flow,
    year,
    level,
    partner,
    limit,
  });
  const rows = bulk ? bulk.rows : await runQuery(store, q!);
  const names = await productNames(store);
  const [total] = bulk
    ? [{ total: bulk.total }]
    : await runQuery(store, {
        kind: 'compiled-query',
        name: 'top-products-total',
        tables: ['trade_product'],
        params: { flow, year, partner: partner ?? null },
        sql: `SELECT sum(value_usd) AS total FROM trade_product WHERE flow = $flow AND year(period_end) = $year
          AND ($partner IS NULL OR partner_code = $partner) AND coalesce(geo_level, 'country') = 'country'`,
      });
  const all = (total?.total ?? null) as bigint | null;
  const notes = [];
  if (!partner)
    notes.push('all loaded partners together, aggregates (such as the EU) included as loaded');
  return {
    kind: 'place-ranking',
    what: 'products',
    unit: 'usd',
    period: String(year),
    filters: { flow, level: `HS${level}`, ...(partner ? { partner } : {}) },
    rows: rows.map((r, i) => ({
      rank: i + 1,
      key: String(r.hs_code),
      label: names.get(String(r.hs_code)) ?? names.get(String(r.hs_code).slice(0, 6)) ?? '',
      value: r.value_usd as bigint,
      share: share(r.value_usd as bigint, all),
    })),
    basis: [BASIS.census_products],
    sources: bulk ? await fileProvenance(store, bulk.files) : await readProvenance(store, [read]),
    notes,
  };
}

/** Every HS description by code, read once per loaded state of the store. */
function productNames(store: Store): Promise<Map<string, string>> {
  return memoize(store, 'hs-descriptions', async () => {
    const rows = await runQuery(store, {
      kind: 'compiled-query',
      name: 'hs-descriptions',
      tables: ['hs_product'],
      params: {},
      sql: `SELECT hs_code, description FROM hs_product`,
    });
    return new Map(rows.map((r) => [String(r.hs_code), String(r.description)]));
  });
}

/** States or ports ranked by TransBorder freight in one month (dot1, the state × port cut). */
async function transborderRanking(
  store: Store,
  by: 'us_state' | 'port',
  opts: { partner?: string; flow?: TbFlow; month?: string; limit?: number },
  labels: Map<string, string>,
): Promise<PlaceRanking> {
  const picked = await transborderMonth(store, opts.month);
  if (!picked) throw new CoverageError('BTS TransBorder freight', 'any month', 'nothing yet');
  const partner = opts.partner ? (await resolvePartner(store, opts.partner)).code : undefined;
  const spec = { by, month: picked.month, partner, flow: opts.flow };
  const rows = await transborderSplit(store, spec, labels);
  return {
    kind: 'place-ranking',
    what: by === 'us_state' ? 'states' : 'ports',
    unit: 'usd',
    period: picked.month,
    filters: { ...(partner ? { partner } : {}), ...(opts.flow ? { flow: opts.flow } : {}) },
    rows: ranked(rows, opts.limit ?? 10),
    basis: [BASIS.transborder],
    sources: await readProvenance(
      store,
      compileBorder({ kind: 'transborder-split', ...spec }).reads ?? [],
    ),
    notes: [],
  };
}
