import { memoize, type Store } from '../store/open-store.ts';
import { runQuery } from './compiled-query.ts';
import { foldName } from '../model/fold-name.ts';
import { LookupError } from './lookup-error.ts';

export interface Product {
  /** HS digits only: "8703", "870323", "8703230110". */
  code: string;
  /** Number of digits: 2 chapter, 4 heading, 6 subheading, 8 and 10 US tariff/statistical lines. */
  level: 2 | 4 | 6 | 8 | 10;
  /** The HS 2022 description; for 8- and 10-digit lines, that of the nearest HS parent. */
  description: string;
  /** The HS code the description belongs to (the code itself up to 6 digits). */
  describedBy: string;
  /**
   * The same code's name in Spanish, in the EU Combined Nomenclature's wording
   * (`hs_product_name`), or null when no Spanish name is loaded.
   */
  descriptionEs: string | null;
  notes: string[];
}

interface HsRow {
  code: string;
  level: number;
  description: string;
  /** English (HS 2022) or Spanish (EU CN) text. */
  lang: 'en' | 'es';
  /** The words matched: the text up to any "except …" clause, which names what it is not. */
  words: string[];
}

/**
 * Where a description starts naming what it excludes: "Petroleum oils …, other than crude"
 * and "Aceites de petróleo …, excepto los aceites crudos" do not describe crude oil.
 */
const EXCEPT = /\b(except|excluding|other than|excepto|salvo|distint[oa]s? de|excluidos?)\b/;

/**
 * A product from an HS code ("8703", "87.03", "8703.23", "8703.23.01.10") or from words of its
 * description ("motor cars"). HS 2022 describes codes up to 6 digits; longer codes are US
 * national lines (HTS8, Schedule B / HTS10) whose text is not in the bundle, so they take the
 * description of their 6-digit parent and say so.
 */
export async function resolveProduct(store: Store, asked: string): Promise<Product> {
  const { all, en: rows, enByCode, esByCode } = await hsRows(store);
  const digits = /^[\d.\s]+$/.test(asked.trim()) ? asked.replace(/[.\s]/g, '') : null;
  const found =
    digits !== null && digits !== ''
      ? await byCode(store, asked, digits, rows, enByCode)
      : byWords(asked, all, rows);
  const es = esByCode.get(found.describedBy);
  return { ...found, descriptionEs: es?.description ?? null };
}

/**
 * The HS nomenclature, with each description's words folded, read once per loaded state; the
 * English rows, and the first row of each code in either language, kept beside it so that a
 * code is looked up rather than searched for.
 */
function hsRows(store: Store): Promise<{
  all: HsRow[];
  en: HsRow[];
  enByCode: Map<string, HsRow>;
  esByCode: Map<string, HsRow>;
}> {
  return memoize(store, 'hs-rows', async () => {
    const all = await readHsRows(store);
    const en = all.filter((r) => r.lang === 'en');
    const firstByCode = (rows: HsRow[]) => {
      const m = new Map<string, HsRow>();
      for (const r of rows) if (!m.has(r.code)) m.set(r.code, r);
      return m;
    };
    return {
      all,
      en,
      enByCode: firstByCode(en),
      esByCode: firstByCode(all.filter((r) => r.lang === 'es')),
    };
  });
}

async function readHsRows(store: Store): Promise<HsRow[]> {
  const rows = await runQuery(store, {
    kind: 'compiled-query',
    name: 'hs-products',
    tables: ['hs_product', 'hs_product_name'],
    params: {},
    // Spanish names only for codes the HS nomenclature has, so both languages name one list.
    sql: `SELECT hs_code, level, description, 'en' AS lang FROM hs_product
          WHERE level IN (2, 4, 6)
          UNION ALL
          SELECT n.hs_code, n.level, n.name, 'es' FROM hs_product_name n
          WHERE n.lang = 'es' AND n.level IN (2, 4, 6)
            AND (n.hs_code IN (SELECT hs_code FROM hs_product)
                 OR NOT EXISTS (SELECT 1 FROM hs_product))
          ORDER BY 2, 1, 4`,
  });
  return rows.map((r) => {
    const text = foldName(String(r.description));
    return {
      code: String(r.hs_code),
      level: Number(r.level),
      description: String(r.description),
      lang: r.lang === 'es' ? 'es' : 'en',
      words: text.split(EXCEPT)[0]!.trim().split(' '),
    };
  });
}

async function byCode(
  store: Store,
  asked: string,
  code: string,
  rows: HsRow[],
  byCodeOf: Map<string, HsRow>,
): Promise<Product> {
  const level = code.length;
  if (!isLevel(level)) {
    // An odd number of digits is usually a dropped leading zero ("101" for 0101).
    const near = rows.filter((r) => r.code.startsWith(code) || r.code.startsWith(`0${code}`));
    throw new LookupError('HS code', asked, near.slice(0, 8).map(candidate));
  }
  const own = byCodeOf.get(code);
  const found = { descriptionEs: null };
  if (own)
    return { code, level, description: own.description, describedBy: code, notes: [], ...found };
  if (rows.length === 0 && (await inProductData(store, code))) {
    // Without the nomenclature loaded a code with trade data is still a product.
    const note =
      'no description: the HS nomenclature (reference/hs/harmonized-system.csv) is not loaded';
    return {
      code,
      level,
      description: `HS ${code}`,
      describedBy: code,
      notes: [note],
      ...found,
    };
  }
  const parent = [6, 4, 2]
    .filter((n) => n < level)
    .map((n) => byCodeOf.get(code.slice(0, n)))
    .find((r) => r !== undefined);
  if (level <= 6 || !parent) {
    const siblings = rows.filter((r) => r.code.startsWith(code.slice(0, Math.max(2, level - 2))));
    throw new LookupError('HS code', asked, siblings.slice(0, 8).map(candidate));
  }
  const notes = [
    `${code} is a US ${level === 8 ? 'tariff (HTS8)' : 'statistical (HTS10 / Schedule B)'} line; the description is that of HS ${parent.code}`,
  ];
  if (!(await inProductData(store, code)))
    notes.push(`no loaded Census product data has the line ${code}`);
  return {
    code,
    level,
    description: parent.description,
    describedBy: parent.code,
    notes,
    ...found,
  };
}

/** Whether some loaded Census product line starts with the code. */
async function inProductData(store: Store, code: string): Promise<boolean> {
  return (await productLinePrefixes(store)).has(code);
}

/** Every prefix of every HS code in the loaded product data, read once per loaded state. */
function productLinePrefixes(store: Store): Promise<Set<string>> {
  return memoize(store, 'product-line-prefixes', async () => {
    const rows = await runQuery(store, {
      kind: 'compiled-query',
      name: 'product-lines',
      tables: ['trade_product'],
      params: {},
      sql: `SELECT DISTINCT hs_code FROM trade_product WHERE hs_code IS NOT NULL`,
    });
    const prefixes = new Set<string>();
    for (const r of rows) {
      const code = String(r.hs_code);
      for (let n = 1; n <= code.length; n++) prefixes.add(code.slice(0, n));
    }
    return prefixes;
  });
}

/**
 * Words, in English (HS 2022) or Spanish (the EU's CN texts: "aguacates", "petróleo crudo"):
 * the description equal to them; else descriptions that begin with them ("motor cars"
 * opens heading 8703, while tyres "of a kind used on motor cars" only contain it); else
 * descriptions containing every word before any "except" clause. Several matches are one
 * answer only when one of them contains all the others (a heading and its own subheadings);
 * otherwise they are listed, shortest codes first. The answer is described in English (`en`).
 */
function byWords(asked: string, rows: HsRow[], en: HsRow[]): Product {
  const q = foldName(asked).split(' ').filter(Boolean);
  if (q.length === 0) throw new LookupError('product', asked, []);
  const tiers = [
    rows.filter((r) => r.words.join(' ') === q.join(' ')),
    rows.filter((r) => q.every((w, i) => sameWord(r.words[i], w))),
    rows.filter((r) => q.every((w) => r.words.some((d) => sameWord(d, w)))),
  ];
  const matches = tiers.find((t) => t.length > 0);
  if (!matches) {
    // Nothing has every word: offer what has the most of them.
    const partial = rows
      .map((r) => ({ r, n: q.filter((w) => r.words.some((d) => sameWord(d, w))).length }))
      .filter((x) => x.n > 0)
      .sort((a, b) => b.n - a.n || a.r.level - b.r.level || a.r.code.localeCompare(b.r.code))
      .filter((x, i, xs) => xs.findIndex((y) => y.r.code === x.r.code) === i)
      .slice(0, 8)
      .map((x) => candidate(x.r));
    throw new LookupError('product', asked, partial);
  }
  const codes = [...new Map(matches.map((m) => [m.code, m])).values()].sort(
    (a, b) => a.level - b.level || a.code.localeCompare(b.code),
  );
  const [top] = codes;
  if (top && codes.every((m) => m.code.startsWith(top.code))) {
    const level = top.level as Product['level'];
    const spanish = top.lang === 'es' && !matches.some((m) => m.lang === 'en');
    return {
      code: top.code,
      level,
      description: en.find((r) => r.code === top.code)?.description ?? top.description,
      describedBy: top.code,
      descriptionEs: null,
      notes: spanish
        ? [
            `"${asked}" found in the Spanish name, in the wording of the EU's Combined Nomenclature (reference/es/eu-cn-2026)`,
          ]
        : [],
    };
  }
  throw new LookupError('product', asked, codes.slice(0, 8).map(candidate), true);
}

/** Singular and plural are the same word ("car", "cars"; "box", "boxes"). */
function sameWord(a: string | undefined, b: string): boolean {
  if (a === undefined) return false;
  return a === b || a === `${b}s` || a === `${b}es` || b === `${a}s` || b === `${a}es`;
}

function isLevel(n: number): n is Product['level'] {
  return n === 2 || n === 4 || n === 6 || n === 8 || n === 10;
}

function candidate(r: HsRow): { code: string; name: string } {
  const name = r.description.length > 70 ? `${r.description.slice(0, 67)}…` : r.description;
  return { code: r.code, name };
}
