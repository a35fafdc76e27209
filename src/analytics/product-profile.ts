import type { ModelTable } from '../model/tables.ts';
import { memoize, type Store } from '../store/open-store.ts';
import { askedOften } from './asked-often.ts';
import { BASIS } from './basis.ts';
import { runQuery, runShared, type Row } from './compiled-query.ts';
import { productLines, type ProductLine } from './product-lines.ts';
import { provenance, readProvenance, type Read, type SourceRef } from './provenance.ts';
import { resolveProduct, type Product } from './resolve-product.ts';
import { transborderMonth } from './transborder-month.ts';
import { TRANSBORDER_PARTNERS } from './transborder-partners.ts';

export interface EndUseClass {
  /** SNA class: intermediate, capital, consumption, not_classified; `unmapped` if no BEC. */
  endUse: string;
  /** HS6 subheadings in this class (a subheading with several BEC codes can be in several). */
  subheadings: number;
  share: number;
  becCodes: { code: string; description: string | null }[];
}

export interface ProductTradeRow {
  partner: { code: string; name: string };
  flow: string;
  periodStart: string;
  periodEnd: string;
  valueUsd: bigint;
  dutyUsd: bigint | null;
  /** The HS level summed (the coarsest published at or below the product) and its lines. */
  level: number;
  lines: number;
}

export interface ProductProfile {
  kind: 'product-profile';
  product: Product;
  section: { code: string; name: string | null } | null;
  chapter: { code: string; description: string } | null;
  endUse: {
    /** HS editions of the BEC correspondence used (2022, falling back to 2017). */
    editions: string[];
    /** HS6 subheadings classified: 1 for a subheading or a longer line. */
    subheadings: number;
    classes: EndUseClass[];
  } | null;
  census: ProductTradeRow[];
  transborder: {
    month: string;
    hs2: string;
    label: string;
    rows: { partner: { code: string; name: string }; flow: string; valueUsd: bigint }[];
  } | null;
  basis: string[];
  sources: SourceRef[];
  notes: string[];
}

/**
 * One HS product: what it is (description, section, end use through BEC), the Census
 * product-level trade loaded for it, and TransBorder trade in its HS chapter. The notes say
 * which flows, periods and partners the loaded product data covers, so an absent partner reads
 * as "not loaded", not as zero.
 */
export async function productProfile(store: Store, asked: string): Promise<ProductProfile> {
  const product = await resolveProduct(store, asked);
  const notes = [...product.notes];
  const tables: ModelTable[] = ['hs_product', 'hs_section', 'hs_bec', 'bec_end_use'];
  const { rows: census, files } = await censusTrade(store, product);
  // The product rows and the chapter's freight rows read, so only their files are cited.
  const reads: Read[] = [];
  if (census.length > 0 && !files)
    reads.push({
      table: 'trade_product',
      where: 'starts_with(hs_code, $code) AND hs_level >= $level',
      params: { code: product.code, level: product.level },
    });
  // The Spanish name (EU Combined Nomenclature wording), cited when there is one: the files
  // of the rows `hs_code = describedBy AND lang = 'es'` of hs_product_name.
  const nameFiles =
    product.descriptionEs !== null
      ? ((await spanishNameFiles(store)).get(product.describedBy) ?? [])
      : [];
  notes.push(...(await productCoverage(store, product, census)));
  const transborder = await chapterFreight(store, product, notes);
  // The files of the chapter's rows that month (`hs2 = $hs2 AND month = $month`).
  const freightFiles = transborder
    ? ((await monthChapters(store, transborder.month)).get(transborder.hs2)?.files ?? [])
    : [];
  return {
    kind: 'product-profile',
    product,
    ...(await classification(store, product)),
    endUse: await endUse(store, product),
    census,
    transborder,
    basis: [
      ...(census.length > 0 ? [BASIS.census_products] : []),
      ...(transborder ? [BASIS.transborder] : []),
    ],
    sources: [
      ...(await provenance(store, tables)),
      ...(await readProvenance(store, reads, [
        ...(census.length > 0 ? (files ?? []) : []),
        ...nameFiles,
        ...freightFiles,
      ])),
    ],
    notes,
  };
}

/** The files of each HS code's Spanish names, read once per loaded state. */
function spanishNameFiles(store: Store): Promise<Map<string, number[]>> {
  return memoize(store, 'product-spanish-name-files', async () => {
    const rows = await runQuery(store, {
      kind: 'compiled-query',
      name: 'product-spanish-name-files',
      tables: ['hs_product_name'],
      params: {},
      sql: `SELECT hs_code, list(DISTINCT source_file_id) AS files FROM hs_product_name
            WHERE lang = 'es' GROUP BY hs_code`,
    });
    return new Map(rows.map((r) => [String(r.hs_code), (r.files as number[]).map(Number)]));
  });
}

/**
 * Each HS code's section and each chapter's description, read once per loaded state (the
 * nomenclature is a few thousand codes): a profile looks its product up in memory.
 */
function hsClassification(store: Store): Promise<{
  sections: Map<string, { section: unknown; section_name: unknown }>;
  chapters: Map<string, unknown>;
}> {
  return memoize(store, 'product-classification', async () => {
    const rows = await runQuery(store, {
      kind: 'compiled-query',
      name: 'product-classification',
      tables: ['hs_product', 'hs_section'],
      params: {},
      sql: `SELECT p.hs_code, p.level, p.section, s.name AS section_name, p.description
            FROM hs_product p LEFT JOIN hs_section s USING (section)`,
    });
    const sections = new Map<string, { section: unknown; section_name: unknown }>();
    const chapters = new Map<string, unknown>();
    for (const r of rows) {
      const code = String(r.hs_code);
      if (!sections.has(code))
        sections.set(code, { section: r.section, section_name: r.section_name });
      if (Number(r.level) === 2 && !chapters.has(code)) chapters.set(code, r.description);
    }
    return { sections, chapters };
  });
}

async function classification(
  store: Store,
  product: Product,
): Promise<Pick<ProductProfile, 'section' | 'chapter'>> {
  const { sections, chapters } = await hsClassification(store);
  const found = sections.get(product.describedBy);
  const r = found && { ...found, chapter: chapters.get(product.code.slice(0, 2)) ?? null };
  return {
    section:
      r?.section == null
        ? null
        : { code: String(r.section), name: r.section_name == null ? null : String(r.section_name) },
    chapter:
      r?.chapter == null
        ? null
        : { code: product.code.slice(0, 2), description: String(r.chapter) },
  };
}

/**
 * End use through BEC Rev.4: each HS6 subheading under the product (the product itself at 6
 * digits, its parent beyond) takes its HS 2022 correspondence, or the HS 2017 one where 2022
 * has none, and BEC's SNA end-use class. A heading or chapter is described by how many of its
 * subheadings fall in each class: a count of subheadings, not of dollars.
 */
/**
 * Every HS6 subheading with its BEC correspondence and end-use class, by chapter in the order
 * a profile lists them, read once per loaded state: a profile keeps those under its product.
 */
function endUseRows(store: Store): Promise<Map<string, Row[]>> {
  return memoize(store, 'product-end-use', async () => {
    const rows = await runQuery(store, {
      kind: 'compiled-query',
      name: 'product-end-use',
      tables: ['hs_product', 'hs_bec', 'bec_end_use', 'bec_category'],
      params: {},
      sql: `WITH kids AS (
              SELECT hs_code AS hs6 FROM hs_product WHERE level = 6
            ), m AS (
              SELECT b.hs6, b.hs_edition, b.bec_code FROM hs_bec b JOIN kids USING (hs6)
              WHERE b.hs_edition IN ('2022', '2017')
              QUALIFY b.hs_edition = max(b.hs_edition) OVER (PARTITION BY b.hs6)
            )
            SELECT k.hs6, m.hs_edition, m.bec_code, coalesce(e.end_use, 'unmapped') AS end_use,
                   c.description AS bec_description
            FROM kids k LEFT JOIN m USING (hs6)
            LEFT JOIN bec_end_use e ON e.bec_code = m.bec_code
            LEFT JOIN bec_category c ON c.bec_code = m.bec_code
            ORDER BY k.hs6, m.bec_code`,
    });
    // By chapter, in that order.
    const byChapter = new Map<string, Row[]>();
    for (const r of rows) {
      const key = String(r.hs6).slice(0, 2);
      const chapter = byChapter.get(key);
      if (chapter) chapter.push(r);
      else byChapter.set(key, [r]);
    }
    return byChapter;
  });
}

async function endUse(store: Store, product: Product): Promise<ProductProfile['endUse']> {
  const code = product.code.slice(0, 6);
  const rows = ((await endUseRows(store)).get(code.slice(0, 2)) ?? []).filter((r) =>
    String(r.hs6).startsWith(code),
  );
  if (rows.length === 0) return null;
  const subheadings = new Set(rows.map((r) => String(r.hs6)));
  const classes = new Map<string, { hs6: Set<string>; bec: Map<string, string | null> }>();
  for (const r of rows) {
    const key = String(r.end_use);
    const c = classes.get(key) ?? { hs6: new Set(), bec: new Map() };
    c.hs6.add(String(r.hs6));
    if (r.bec_code != null)
      c.bec.set(String(r.bec_code), r.bec_description == null ? null : String(r.bec_description));
    classes.set(key, c);
  }
  return {
    editions: [
      ...new Set(rows.filter((r) => r.hs_edition != null).map((r) => String(r.hs_edition))),
    ]
      .sort()
      .reverse(),
    subheadings: subheadings.size,
    classes: [...classes]
      .map(([k, c]) => ({
        endUse: k,
        subheadings: c.hs6.size,
        share: (c.hs6.size / subheadings.size) * 100,
        becCodes: [...c.bec].map(([code, description]) => ({ code, description })),
      }))
      .sort((a, b) => b.subheadings - a.subheadings || a.endUse.localeCompare(b.endUse)),
  };
}

/**
 * Census product rows under the code, per partner, flow and period. A store may hold several
 * HS levels of the same trade (HS2 and HS10 extracts): only one level is summed, the coarsest
 * at or below the product, so no dollar counts twice.
 */
async function censusTrade(
  store: Store,
  product: Product,
): Promise<{ rows: ProductTradeRow[]; files?: number[] }> {
  // A server asked product after product holds the table's rows (when small): see askedOften.
  const lines = (await askedOften(store, 'product-profile'))
    ? await productLines(store)
    : undefined;
  if (lines) return censusTradeOf(lines.get(product.code.slice(0, 2)) ?? [], product);
  const rows = await runQuery(store, {
    kind: 'compiled-query',
    name: 'product-census-trade',
    tables: ['trade_product', 'census_partner', 'census_partner_aggregate'],
    params: { code: product.code, level: product.level },
    // Only the columns summed or shown: the window keeps every column it is given.
    sql: `WITH t AS (
            SELECT partner_code, partner_name, flow, period_start, period_end, value_usd, duty_usd,
                   hs_level,
                   min(hs_level) OVER (PARTITION BY flow, partner_code, period_start, period_end) AS coarsest
            FROM trade_product WHERE starts_with(hs_code, $code) AND hs_level >= $level
              AND coalesce(geo_level, 'country') = 'country'
          )
          SELECT t.partner_code, coalesce(any_value(p.name), any_value(t.partner_name)) AS name,
                 t.flow, strftime(t.period_start, '%Y-%m') AS period_start,
                 strftime(t.period_end, '%Y-%m') AS period_end, sum(t.value_usd) AS value_usd,
                 sum(t.duty_usd) AS duty_usd, any_value(t.hs_level)::INTEGER AS level,
                 count(*)::INTEGER AS lines
          FROM t LEFT JOIN partner p USING (partner_code)
          WHERE t.hs_level = t.coarsest
          GROUP BY t.partner_code, t.flow, t.period_start, t.period_end
          ORDER BY value_usd DESC, t.partner_code`,
  });
  return {
    rows: rows.map((r) => ({
      partner: { code: String(r.partner_code), name: String(r.name ?? r.partner_code) },
      flow: String(r.flow),
      periodStart: String(r.period_start),
      periodEnd: String(r.period_end),
      valueUsd: r.value_usd as bigint,
      dutyUsd: (r.duty_usd as bigint | null) ?? null,
      level: Number(r.level),
      lines: Number(r.lines),
    })),
  };
}

/**
 * The same sums as the query above, from the rows held in memory, with the files of every row
 * under the code (as `readProvenance` would find them: any geography, not only countries).
 */
function censusTradeOf(
  lines: ProductLine[],
  product: Product,
): { rows: ProductTradeRow[]; files: number[] } {
  const under = lines.filter(
    (l) =>
      l.hsCode !== null &&
      l.hsLevel !== null &&
      l.hsCode.startsWith(product.code) &&
      l.hsLevel >= product.level,
  );
  const country = under.filter((l) => l.country);
  const keyOf = (l: ProductLine) =>
    JSON.stringify([l.flow, l.partnerCode, l.periodStart, l.periodEnd]);
  const coarsest = new Map<string, number>();
  for (const l of country) {
    const k = keyOf(l);
    coarsest.set(k, Math.min(coarsest.get(k) ?? Infinity, l.hsLevel!));
  }
  interface Sum {
    first: ProductLine;
    name: string | null;
    fileName: string | null;
    value: bigint | null;
    duty: bigint | null;
    lines: number;
  }
  const sums = new Map<string, Sum>();
  for (const l of country) {
    const k = keyOf(l);
    if (l.hsLevel !== coarsest.get(k)) continue;
    let s = sums.get(k);
    if (!s) {
      s = { first: l, name: null, fileName: null, value: null, duty: null, lines: 0 };
      sums.set(k, s);
    }
    s.name ??= l.partnerName;
    s.fileName ??= l.fileName;
    if (l.valueUsd !== null) s.value = (s.value ?? 0n) + l.valueUsd;
    if (l.dutyUsd !== null) s.duty = (s.duty ?? 0n) + l.dutyUsd;
    s.lines++;
  }
  // ORDER BY value_usd DESC, partner_code: NULLs last, codes compared byte by byte.
  const sorted = [...sums.values()].sort((a, b) => {
    if (a.value !== b.value) {
      if (a.value === null) return 1;
      if (b.value === null) return -1;
      return a.value > b.value ? -1 : 1;
    }
    const x = a.first.partnerCode;
    const y = b.first.partnerCode;
    if (x === y) return 0;
    if (x === null) return 1;
    if (y === null) return -1;
    return x < y ? -1 : 1;
  });
  return {
    rows: sorted.map((s) => ({
      partner: {
        code: String(s.first.partnerCode),
        name: String(s.name ?? s.fileName ?? s.first.partnerCode),
      },
      flow: String(s.first.flow),
      periodStart: String(s.first.startMonth),
      periodEnd: String(s.first.endMonth),
      valueUsd: s.value as bigint,
      dutyUsd: s.duty,
      level: s.first.hsLevel!,
      lines: s.lines,
    })),
    files: [...new Set(under.map((l) => l.sourceFileId))],
  };
}

const FLOWS: Record<string, string> = {
  import_consumption: 'imports for consumption',
  import_general: 'general imports',
  export: 'exports',
};

/** What product-level Census data is loaded at all, and which of it has nothing here. */
async function productCoverage(
  store: Store,
  product: Product,
  census: ProductTradeRow[],
): Promise<string[]> {
  const rows = await runShared(store, {
    kind: 'compiled-query',
    name: 'product-data-coverage',
    tables: ['trade_product', 'census_partner', 'census_partner_aggregate'],
    params: {},
    sql: `SELECT t.flow, strftime(min(t.period_start), '%Y-%m') AS first,
                 strftime(max(t.period_end), '%Y-%m') AS last,
                 list(DISTINCT {'code': t.partner_code, 'name': coalesce(p.name, t.partner_name)}) AS partners,
                 list(DISTINCT t.hs_level ORDER BY t.hs_level) AS levels
          FROM trade_product t LEFT JOIN partner p USING (partner_code)
          WHERE coalesce(t.geo_level, 'country') = 'country'
          GROUP BY t.flow ORDER BY t.flow`,
  });
  if (rows.length === 0) return ['no Census product-level data is loaded'];
  // Sorted copies: the rows are shared by every profile of this loaded state.
  const partnersOf = (r: (typeof rows)[number]) =>
    [...(r.partners as { code: string; name: string }[])].sort(
      (a, b) => a.name.localeCompare(b.name) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
    );
  const notes = rows.map((r) => {
    const span = r.first === r.last ? String(r.first) : `${r.first} – ${r.last}`;
    const levels = (r.levels as number[]).map((l) => `HS${l}`).join(', ');
    const names = partnersOf(r).map((p) => p.name);
    return `the loaded Census product-level data is ${FLOWS[String(r.flow)] ?? r.flow}, ${span}, from ${names.join(', ')} only (${levels} lines)`;
  });
  const here = new Set(census.map((c) => c.partner.code));
  const missing = new Map(
    rows
      .flatMap(partnersOf)
      .filter((p) => !here.has(p.code))
      .map((p) => [p.code, p.name]),
  );
  if (census.length === 0)
    notes.push(`no loaded Census product row falls under HS ${product.code}`);
  else if (missing.size > 0)
    notes.push(`no rows under HS ${product.code} from ${[...missing.values()].join(', ')}`);
  return notes;
}

/**
 * A TransBorder month's trade by HS chapter, partner and flow (each chapter's rows in the
 * order a profile lists them), with the files of each chapter's rows: read once per loaded
 * state and month, so a profile looks its chapter up in memory.
 */
function monthChapters(
  store: Store,
  month: string,
): Promise<Map<string, { rows: Row[]; files: number[] }>> {
  return memoize(store, `product-chapters-transborder:${month}`, async () => {
    const rows = await runQuery(store, {
      kind: 'compiled-query',
      name: 'product-chapters-transborder',
      tables: ['transborder_state_hs2'],
      params: { month },
      sql: `SELECT hs2, partner_code, flow, sum(value_usd) AS value_usd,
                   list(DISTINCT source_file_id) AS files
            FROM transborder_state_hs2 WHERE strftime(month, '%Y-%m') = $month
            GROUP BY hs2, partner_code, flow ORDER BY hs2, partner_code DESC, flow`,
    });
    const chapters = new Map<string, { rows: Row[]; files: Set<number> }>();
    for (const r of rows) {
      const key = String(r.hs2);
      const c = chapters.get(key) ?? { rows: [], files: new Set<number>() };
      c.rows.push(r);
      for (const f of r.files as number[]) c.files.add(Number(f));
      chapters.set(key, c);
    }
    return new Map([...chapters].map(([k, c]) => [k, { rows: c.rows, files: [...c.files] }]));
  });
}

/** TransBorder publishes HS chapters only: the product's chapter, by partner and flow (dot2). */
async function chapterFreight(
  store: Store,
  product: Product,
  notes: string[],
): Promise<ProductProfile['transborder']> {
  const picked = await transborderMonth(store, undefined, 'transborder_state_hs2');
  if (!picked) return null;
  const hs2 = product.code.slice(0, 2);
  const chapter = (await monthChapters(store, picked.month)).get(hs2);
  const rows = chapter?.rows ?? [];
  const label = (await hsClassification(store)).chapters.get(hs2);
  if (rows.length === 0) {
    notes.push(`TransBorder has no trade in HS chapter ${hs2} in ${picked.month}`);
    return null;
  }
  const name = (code: string) => TRANSBORDER_PARTNERS.find((p) => p.code === code)?.name ?? code;
  if (product.level > 2)
    notes.push(
      `TransBorder figures are for all of HS chapter ${hs2}, not HS ${product.code} alone: BTS publishes chapters only`,
    );
  return {
    month: picked.month,
    hs2,
    label: String(label ?? hs2),
    rows: rows.map((r) => ({
      partner: { code: String(r.partner_code), name: name(String(r.partner_code)) },
      flow: String(r.flow),
      valueUsd: r.value_usd as bigint,
    })),
  };
}
