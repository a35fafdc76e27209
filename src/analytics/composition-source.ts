import type { Flow } from '../model/flow.ts';
import type { Store } from '../store/open-store.ts';
import { CommoditySelectionError } from './commodity-selection-error.ts';
import { commoditySelection, type CommoditySelection } from './commodity-selection.ts';
import { runQuery } from './compiled-query.ts';
import { CoverageError } from './lookup-error.ts';
import { yearSpans } from './year-spans.ts';

/** Where one composition reads its product lines: never both tables for the same year. */
export type CompositionSource =
  | { table: 'trade_product'; year: number }
  | {
      table: 'dataweb_product';
      year: number;
      /** The DataWeb measure read: the flow's value as Census states it. */
      measure: string;
      /** HS digits of the lines read: the finest level a full-coverage download holds. */
      level: number;
      /** The downloads with current rows at that level (a later selection may have superseded some figures of a full one). */
      files: { id: number; path: string }[];
    };

/**
 * DataWeb's measure for each flow's value: exports at FAS value, imports at customs value —
 * what Census reports as `ALL_VAL`, `GEN_VAL` and `CON_VAL`, so a DataWeb year reads like a
 * Census one.
 */
const DATAWEB_VALUE: Readonly<Record<Flow, string>> = {
  export: 'fas_value',
  import_general: 'customs_value',
  import_consumption: 'customs_value',
};

interface DatawebFile {
  id: number;
  path: string;
  selection: CommoditySelection | null;
}

/**
 * The table and year a composition of this partner and flow reads.
 *
 * - A year with Census API product lines (`trade_product`) reads them: they are at HS10 and
 *   carry end use. DataWeb republishes the same figures at another vintage, so its rows for
 *   that year are not read, let alone added.
 * - Otherwise a DataWeb year reads `dataweb_product` at the finest HS level held by a download
 *   of all commodities. A download of chosen commodities (its query's commodity list, kept in
 *   the file notes) never stands in for the partner's trade: a year that has only those is
 *   refused with CommoditySelectionError.
 * - Without a year: the latest year either table can give a composition for, Census first on a
 *   tie; only when nothing but selections is loaded, the latest of those (and so the refusal
 *   that says why).
 */
export async function compositionSource(
  store: Store,
  partner: { code: string; name: string },
  flow: string,
  asked?: number,
): Promise<CompositionSource> {
  const census = await runQuery(store, {
    kind: 'compiled-query',
    name: 'composition-years',
    tables: ['trade_product'],
    params: { partner: partner.code, flow },
    sql: `SELECT DISTINCT year(period_end)::INTEGER AS y FROM trade_product
          WHERE partner_code = $partner AND flow = $flow AND geo_level = 'country'
            AND month(period_start) = 1 AND month(period_end) = 12 ORDER BY 1`,
  });
  const censusYears = census.map((r) => Number(r.y));
  const measure = DATAWEB_VALUE[flow as Flow] as string | undefined;
  const slices = measure
    ? await runQuery(store, {
        kind: 'compiled-query',
        name: 'composition-dataweb-slices',
        tables: ['dataweb_product'],
        params: { partner: partner.code, flow, measure },
        sql: `SELECT year(d.period_start)::INTEGER AS y, d.hs_level::INTEGER AS level,
                     d.source_file_id::INTEGER AS id, any_value(f.path) AS path,
                     any_value(f.notes) AS notes
              FROM dataweb_product d JOIN source_file f ON f.id = d.source_file_id
              WHERE d.partner_code = $partner AND d.flow = $flow AND d.measure = $measure
                AND month(d.period_start) = 1 AND month(d.period_end) = 12
              GROUP BY ALL ORDER BY 1, 2, 3`,
      })
    : [];
  // Year → HS level → the downloads with current rows there.
  const dataweb = new Map<number, Map<number, DatawebFile[]>>();
  for (const s of slices) {
    const levels = dataweb.get(Number(s.y)) ?? new Map<number, DatawebFile[]>();
    const files = levels.get(Number(s.level)) ?? [];
    files.push({
      id: Number(s.id),
      path: String(s.path),
      selection: commoditySelection(((s.notes as unknown[] | null) ?? []).map(String)),
    });
    levels.set(Number(s.level), files);
    dataweb.set(Number(s.y), levels);
  }
  // A level is complete when one download of all commodities reaches it; the rows there may
  // still come from a later selection, which supersedes figures code by code, never adds.
  const completeLevel = (year: number): number | undefined => {
    const levels = [...(dataweb.get(year) ?? [])]
      .filter(([, files]) => files.some((f) => f.selection === null))
      .map(([level]) => level);
    return levels.length > 0 ? Math.max(...levels) : undefined;
  };
  const datawebYears = [...dataweb.keys()];
  const fullYears = datawebYears.filter((y) => completeLevel(y) !== undefined);
  const selectionYears = datawebYears.filter(
    (y) => !censusYears.includes(y) && !fullYears.includes(y),
  );

  const covered = [
    censusYears.length > 0 ? `${yearSpans(censusYears)} (Census API product data)` : null,
    fullYears.length > 0 ? `${yearSpans(fullYears)} (USITC DataWeb)` : null,
    selectionYears.length > 0
      ? `${yearSpans(selectionYears)} (USITC DataWeb commodity selection only, not a composition)`
      : null,
  ]
    .filter((c) => c !== null)
    .join('; ');
  const subject = `Full-year ${flow} product data for ${partner.name}`;
  const usable = [...censusYears, ...fullYears];
  const year =
    asked ??
    (usable.length > 0
      ? Math.max(...usable)
      : datawebYears.length > 0
        ? Math.max(...datawebYears)
        : undefined);
  if (year === undefined) throw new CoverageError(subject, 'any year', covered || 'nothing');
  if (censusYears.includes(year)) return { table: 'trade_product', year };
  if (fullYears.includes(year)) {
    const level = completeLevel(year)!;
    const files = dataweb.get(year)!.get(level)!;
    return {
      table: 'dataweb_product',
      year,
      measure: measure!,
      level,
      files: files.map((f) => ({ id: f.id, path: f.path })),
    };
  }
  const selections = [...(dataweb.get(year)?.values() ?? [])]
    .flat()
    .flatMap((f) => (f.selection ? [{ path: f.path, selection: f.selection }] : []));
  if (selections.length > 0)
    throw new CommoditySelectionError(
      { partner: partner.name, flow, year },
      selections,
      covered || 'nothing',
    );
  throw new CoverageError(subject, String(year), covered || 'nothing');
}
