import { BASIS } from '../analytics/basis.ts';
import { runQuery, type Param, type Row } from '../analytics/compiled-query.ts';
import { resolveProductPartner } from '../analytics/product-partner.ts';
import { provenance, type SourceRef } from '../analytics/provenance.ts';
import type { ModelTable } from '../model/tables.ts';
import type { Store } from '../store/open-store.ts';
import { tariffEngineStore } from './clickhouse-tariff-store.ts';
import { apportionByTransborder, type PlaceEstimate } from './apportion-transborder.ts';
import { TARIFF_BASIS } from './engine-notes.ts';
import { lineFrame } from './line-frame.ts';
import { scenarioSql, type ResolvedLayer } from './scenario-sql.ts';
import { ScenarioError, type Scenario } from './scenario-spec.ts';

export interface ScenarioTotals {
  valueUsd: bigint;
  baselineUsd: bigint;
  addedUsd: bigint;
  newUsd: bigint;
  baselineRatePct: number;
  newRatePct: number;
}

export interface TariffScenario {
  kind: 'tariff-scenario';
  name: string;
  year: number;
  layers: {
    index: number;
    label: string;
    kind: string;
    partners: { code: string; name: string }[] | 'all';
    addedUsd: bigint;
  }[];
  partners: ({ partner: { code: string; name: string }; byLayerUsd: bigint[] } & ScenarioTotals)[];
  total: ScenarioTotals;
  chapters: ({ partnerCode: string; chapter: string } & ScenarioTotals)[];
  products: ({
    partnerCode: string;
    hsCode: string;
    description: string | null;
  } & ScenarioTotals)[];
  places: PlaceEstimate | null;
  basis: string[];
  sources: SourceRef[];
  notes: string[];
}

const big = (v: unknown) => (v == null ? 0n : BigInt(v as bigint));
const rate = (d: bigint, v: bigint) => (v === 0n ? 0 : (Number(d) / Number(v)) * 100);
function totals(r: Row): ScenarioTotals {
  const value = big(r.value);
  const baseline = big(r.baseline);
  const added = big(r.added);
  return {
    valueUsd: value,
    baselineUsd: baseline,
    addedUsd: added,
    newUsd: baseline + added,
    baselineRatePct: rate(baseline, value),
    newRatePct: rate(baseline + added, value),
  };
}

/**
 * A tariff scenario on top of the baseline: each layer's added duty, and the new effective
 * rates by partner, HS chapter and product; for Mexico and Canada also an estimate by US state
 * and port, apportioned through TransBorder shares.
 */
export async function tariffScenario(asked: Store, scenario: Scenario): Promise<TariffScenario> {
  const store = await tariffEngineStore(asked);
  const frame = await lineFrame(store, scenario.year);
  const layers = await resolveLayers(store, scenario);
  await requireLists(store, layers);
  const { sql, params } = scenarioSql(frame, layers);
  const q = (name: string, select: string, extra: Record<string, Param> = {}) =>
    runQuery(store, {
      kind: 'compiled-query',
      name,
      tables: [],
      params: { ...params, ...extra },
      sql: `WITH ${sql} ${select}`,
      session: true,
    });
  const sums = `sum(value_usd) AS value, sum(engine_usd) AS baseline, sum(added_usd) AS added`;
  const perLayer = layers.map((_l, i) => `sum(added_${i}) AS l${i}`).join(', ');
  const partners = await q(
    'scenario-partners',
    `SELECT partner_code, coalesce(any_value(p.name), any_value(partner_name)) AS name, ${sums}, ${perLayer}
     FROM scenario LEFT JOIN partner p USING (partner_code)
     GROUP BY 1 ORDER BY added DESC, partner_code`,
  );
  const [total] = await q('scenario-total', `SELECT ${sums} FROM scenario`);
  const chapters = await q(
    'scenario-chapters',
    `SELECT partner_code, chapter, ${sums} FROM scenario GROUP BY ALL
     HAVING sum(added_usd) <> 0 ORDER BY added DESC, partner_code, chapter LIMIT $limit`,
    { limit: scenario.limit },
  );
  const products = await q(
    'scenario-products',
    `, top AS (SELECT partner_code, hs_code, ${sums} FROM scenario GROUP BY ALL
               HAVING sum(added_usd) <> 0 ORDER BY added DESC, partner_code, hs_code LIMIT $limit)
     SELECT top.*, (
       -- "Other" says nothing alone: prefix the line it is the other of.
       SELECT CASE WHEN h.description ILIKE 'other%' AND h.context IS NOT NULL
                   THEN trim(regexp_extract(h.context, '[^>]*$')) || ' > ' || h.description
                   ELSE h.description END
       FROM hts_line h WHERE h.hts_code = top.hs_code
       -- Nearest year, the later of two equally near (then the text), never thread order.
       ORDER BY abs(coalesce(h.year, 9999) - $year), h.year DESC, h.description, h.context
       LIMIT 1) AS description
     FROM top ORDER BY added DESC, partner_code, hs_code`,
    { limit: scenario.limit, year: scenario.year },
  );
  const byChapter = await q(
    'scenario-added-by-chapter',
    `SELECT partner_code, chapter, sum(added_usd) AS added FROM scenario
     WHERE partner_code IN ('2010', '1220') GROUP BY ALL HAVING sum(added_usd) <> 0`,
  );
  const places = await apportionByTransborder(
    store,
    scenario.year,
    byChapter.map((r) => ({
      partnerCode: String(r.partner_code),
      chapter: String(r.chapter),
      addedUsd: big(r.added),
    })),
    scenario.limit,
  );
  const names = new Map(partners.map((p) => [String(p.partner_code), String(p.name)]));
  // Every table the line frame joins: the baseline under each added duty rests on all of them.
  const tables: ModelTable[] = [
    'trade_product',
    'tariff_line',
    'hts_line',
    'usmca_share',
    'tariff_measure',
    'chapter99_heading',
  ];
  return {
    kind: 'tariff-scenario',
    name: scenario.name,
    year: scenario.year,
    layers: layers.map((l, i) => ({
      index: i,
      label: l.label ?? defaultLabel(l),
      kind: l.kind,
      partners: l.partnerCodes?.map((code) => ({ code, name: names.get(code) ?? code })) ?? 'all',
      addedUsd: partners.reduce((a, p) => a + big(p[`l${i}`]), 0n),
    })),
    partners: partners.map((p) => ({
      partner: { code: String(p.partner_code), name: String(p.name) },
      byLayerUsd: layers.map((_l, i) => big(p[`l${i}`])),
      ...totals(p),
    })),
    total: totals(total ?? {}),
    chapters: chapters.map((c) => ({
      partnerCode: String(c.partner_code),
      chapter: String(c.chapter),
      ...totals(c),
    })),
    products: products.map((c) => ({
      partnerCode: String(c.partner_code),
      hsCode: String(c.hs_code),
      description: c.description == null ? null : String(c.description),
      ...totals(c),
    })),
    places,
    basis: [BASIS.census_products, TARIFF_BASIS, ...(places ? [BASIS.transborder] : [])],
    sources: await provenance(
      store,
      places ? [...tables, 'transborder_state_hs2', 'transborder_port_hs2'] : tables,
    ),
    notes: [
      'added duty is static: imports are held at their recorded value (no change in quantities, prices or sourcing)',
      'baseline is the engine’s statutory duty (see tariff baseline), not Census calculated duty',
    ],
  };
}

function defaultLabel(l: ResolvedLayer): string {
  return l.kind === 'section232'
    ? `Section 232 at ${l.ratePct}%`
    : `+${l.ratePct}% on ${l.partnerCodes ? l.partnerCodes.join(', ') : 'all partners'}`;
}

async function resolveLayers(store: Store, s: Scenario): Promise<ResolvedLayer[]> {
  const out: ResolvedLayer[] = [];
  for (const l of s.layers) {
    const codes = l.partners
      ? await Promise.all(l.partners.map(async (p) => (await resolveProductPartner(store, p)).code))
      : null;
    out.push({ ...l, partnerCodes: codes });
  }
  return out;
}

/** A layer that exempts a listed set of products needs that list loaded, or it exempts nothing. */
async function requireLists(store: Store, layers: ResolvedLayer[]): Promise<void> {
  const wanted = new Set(
    layers
      .flatMap((l) => (l.kind === 'additional' ? (l.exempt ?? []) : []))
      .filter((e) => e !== 'usmca_claimed'),
  );
  for (const measure of wanted) {
    const [r] = await runQuery(store, {
      kind: 'compiled-query',
      name: 'scenario-list-loaded',
      tables: ['tariff_measure'],
      params: { measure },
      sql: `SELECT count(*)::INTEGER AS n FROM tariff_measure WHERE measure = $measure`,
    });
    if (Number(r?.n ?? 0) === 0)
      throw new ScenarioError(
        `the ${measure} product list is not loaded (Budget Lab ${measure}_products.csv)`,
      );
  }
}
