import { runQuery } from '../analytics/compiled-query.ts';
import type { ModelTable } from '../model/tables.ts';
import type { Store } from '../store/open-store.ts';

/**
 * The dated Section 301 measure table: for each HTS10 line and day of a year, which chapter 99
 * heading applies to products of China, at what rate, under which note and item, and which
 * product exclusions may lift it. Built from the legal text (`chapter99_provision`,
 * `chapter99_note_heading`), with the 2025 HTS footnotes and USITC's 2020 table only where the
 * 2026 text no longer shows a line's 2024 state. The rules, each from the text:
 *
 * 1. Note 20 lists (2026 printing): a line is on a list when its 8-digit subheading is listed
 *    and it is not among the item's "except … statistical reporting numbers", or when its own
 *    10-digit number is listed. The rate is the one the note states for the heading ("an
 *    additional 25 percent"); a suspended heading (list 4B) charges nothing.
 * 2. Note 31 increases (the four-year review) apply from the dates their headings state and
 *    replace the list rate; the 2026 printing no longer lists the goods they moved.
 * 3. A line on no 2026 list: its list before the review is read from the 2025 footnotes ("See
 *    9903.88.15"), else from USITC's table of 1 January 2020. Lines those sources list but the
 *    2026 text does not, with no increase to explain it, are conflicts: reported, charged as
 *    the 2025 footnote says.
 * 4. Exclusions (note 20 subdivisions granting them) lift the list duty for a product inside a
 *    10-digit line, between the dates their heading states; how much of the line they cover is
 *    unknown. The central figure uses third-party claim-share ESTIMATES (2025–26 imports),
 *    the range runs from none claimed to all claimed.
 */

export type Weighting = 'days' | 'imports';

export interface Segment {
  from: string;
  to: string;
  heading: string | null;
  reference: string | null;
  rate: number;
  /** Exclusions in force that may lift this segment's duty. */
  exclusions: ExclusionRef[];
  /** The share of the line the exclusions are taken to cover (central estimate). */
  claimShare: number;
}

export interface ExclusionRef {
  heading: string;
  reference: string;
  item: string | null;
  product: string | null;
  from: string | null;
  to: string | null;
}

export interface LineMeasure {
  hts10: string;
  segments: Segment[];
  /** Where the line's list came from: the 2026 note 20, the 2025 footnotes, the 2020 table. */
  listSource: 'note20' | 'footnote2025' | 'table2020' | null;
  conflicts: string[];
  claimShareSource: string | null;
}

interface Provision {
  heading: string;
  kind: string;
  hts_code: string;
  except_codes: string | null;
  subdivision: string;
  item: string | null;
  product_text: string | null;
  excludes_heading: string | null;
  code_from: string | null;
  code_to: string | null;
  note: number;
}

interface Heading {
  rate: number | null;
  suspended: boolean;
  from: string | null;
  to: string | null;
}

export interface MeasureInputs {
  provisions: Map<string, Provision[]>;
  headings: Map<string, Heading>;
  footnotes: Map<string, string[]>;
  table2020: Map<string, string[]>;
  claimShares: Map<string, number>;
  headingShares: Map<string, number>;
  monthWeights: number[] | null;
}

const LIST_HEADING = /^9903\.88\.(0[1-4]|1[56])$/;

/** Everything the table is built from, read once. */
export async function measureInputs(store: Store, year: number): Promise<MeasureInputs> {
  const q = (name: string, sql: string, tables: ModelTable[]) =>
    runQuery(store, {
      kind: 'compiled-query',
      name,
      tables,
      params: sql.includes('$year') ? { year } : {},
      sql,
    });
  const provs = await q(
    's301-provisions',
    `SELECT heading, kind, hts_code, except_codes, subdivision, item, product_text, excludes_heading,
            code_from::VARCHAR AS code_from, code_to::VARCHAR AS code_to, note
     FROM chapter99_provision WHERE hts_code <> ''`,
    ['chapter99_provision'],
  );
  const provisions = new Map<string, Provision[]>();
  for (const p of provs as unknown as Provision[]) {
    const list = provisions.get(p.hts_code) ?? [];
    list.push({ ...p, note: Number(p.note) });
    provisions.set(p.hts_code, list);
  }
  // The text's own rates and dates; a heading whose rate only the heading table's rate column
  // gives (note 31's 9903.91) takes the Budget Lab parse of that column.
  const hs = await q(
    's301-headings',
    `SELECT n.heading, coalesce(any_value(n.rate), any_value(b.rate)) AS rate,
            bool_or(n.suspended) AS suspended, min(n.effective_from)::VARCHAR AS f,
            max(n.effective_to)::VARCHAR AS t
     FROM chapter99_note_heading n LEFT JOIN chapter99_heading b USING (heading)
     WHERE n.heading LIKE '9903.88.%' OR n.heading LIKE '9903.91.%' GROUP BY 1`,
    ['chapter99_note_heading', 'chapter99_heading'],
  );
  const headings = new Map<string, Heading>();
  for (const h of hs)
    headings.set(String(h.heading), {
      rate: h.rate === null ? null : Number(h.rate),
      suspended: Boolean(h.suspended),
      from: (h.f as string | null) ?? null,
      to: (h.t as string | null) ?? null,
    });
  const group = (rows: Record<string, unknown>[]) => {
    const m = new Map<string, string[]>();
    for (const r of rows) {
      const k = String(r.hts_code);
      m.set(k, [...(m.get(k) ?? []), String(r.heading)]);
    }
    return m;
  };
  const footnotes = group(
    await q(
      's301-footnotes',
      `SELECT DISTINCT hts_code, heading FROM hts_footnote
       WHERE year = (SELECT max(year) FROM hts_footnote WHERE year <= $year + 1)
         AND regexp_matches(heading, '^9903\\.88\\.(0[1-4]|1[56])$')
         -- An 8-digit footnote that defers to note 20(g)'s 10-digit split ("its associated
         -- definitional note", "covers certain goods of this rate line") does not cover every
         -- statistical line under it.
         AND NOT (hts_level = 8 AND regexp_matches(footnote, 'definitional note|certain goods'))`,
      ['hts_footnote'],
    ),
  );
  const table2020 = group(
    await q('s301-table-2020', `SELECT DISTINCT hts_code, heading FROM china_tariff_reference`, [
      'china_tariff_reference',
    ]),
  );
  const shares = await q(
    's301-claim-shares',
    `SELECT heading, hts10, claim_share, imports_usd FROM exclusion_claim_share`,
    ['exclusion_claim_share'],
  );
  const claimShares = new Map<string, number>();
  const sums = new Map<string, { v: number; w: number }>();
  for (const s of shares) {
    claimShares.set(`${s.heading} ${s.hts10}`, Number(s.claim_share));
    claimShares.set(`* ${s.hts10}`, Number(s.claim_share));
    for (const k of [String(s.heading), '*']) {
      const a = sums.get(k) ?? { v: 0, w: 0 };
      a.v += Number(s.claim_share) * Number(s.imports_usd);
      a.w += Number(s.imports_usd);
      sums.set(k, a);
    }
  }
  const headingShares = new Map([...sums].map(([k, a]) => [k, a.w > 0 ? a.v / a.w : 1]));
  const months = await q(
    's301-month-weights',
    `SELECT month(month) AS m, sum(value_usd) AS v FROM trade_country_month
     WHERE partner_code = '5700' AND flow = 'import_general' AND year(month) = $year GROUP BY 1`,
    ['trade_country_month'],
  ).catch(() => []);
  let monthWeights: number[] | null = null;
  if (months.length === 12) {
    const total = months.reduce((a, r) => a + Number(r.v), 0);
    monthWeights = Array.from({ length: 12 }, () => 0);
    for (const r of months) monthWeights[Number(r.m) - 1] = Number(r.v) / total;
  }
  return { provisions, headings, footnotes, table2020, claimShares, headingShares, monthWeights };
}

/** "U.S. note 20(vvv)(iii)" from the stored subdivision "vvv(iii)". */
export function noteRef(note: number, subdivision: string): string {
  const [letter, sub] = subdivision.split('(');
  return `U.S. note ${note}(${letter})${sub ? `(${sub}` : ''}`;
}

const inWindow = (d: string, from: string | null, to: string | null) =>
  (from === null || from <= d) && (to === null || d <= to);

function listHeadings(inp: MeasureInputs, hts10: string): { heading: string; ref: string }[] {
  const out: { heading: string; ref: string }[] = [];
  for (const p of [
    ...(inp.provisions.get(hts10.slice(0, 8)) ?? []),
    ...(inp.provisions.get(hts10) ?? []),
  ]) {
    if (p.kind !== 'list') continue;
    if (p.except_codes?.split(',').includes(hts10)) continue;
    out.push({
      heading: p.heading,
      ref: `${p.heading}, ${noteRef(20, p.subdivision)}${p.item ? ` item ${p.item}` : ''}`,
    });
  }
  return out;
}

/** The dated measures on one HTS10 line over a year. */
export function lineMeasure(inp: MeasureInputs, hts10: string, year: number): LineMeasure {
  const h8 = hts10.slice(0, 8);
  const conflicts: string[] = [];
  let lists = listHeadings(inp, hts10);
  let listSource: LineMeasure['listSource'] = lists.length ? 'note20' : null;
  const increases = [
    ...(inp.provisions.get(h8) ?? []),
    ...(inp.provisions.get(hts10) ?? []),
  ].filter((p) => p.kind === 'increase');
  const fn = inp.footnotes.get(hts10) ?? inp.footnotes.get(h8) ?? [];
  const t20 = inp.table2020.get(hts10) ?? inp.table2020.get(h8) ?? [];
  const listed = new Set(lists.map((l) => l.heading));
  if (lists.length === 0 && (fn.length || t20.length)) {
    const from = fn.length ? fn : t20;
    listSource = fn.length ? 'footnote2025' : 'table2020';
    lists = from.map((h) => ({
      heading: h,
      ref: `${h} (${fn.length ? '2025 HTS footnote' : 'USITC table of 1 January 2020'})`,
    }));
    if (increases.length === 0)
      conflicts.push(
        `the ${fn.length ? '2025 footnotes' : '2020 table'} put it under ${from.join(', ')}; the 2026 note 20 lists do not`,
      );
  } else if (lists.length && fn.length && !fn.some((h) => listed.has(h)))
    conflicts.push(
      `note 20 (2026) lists it under ${[...listed].join(', ')}; the 2025 footnotes say ${fn.join(', ')}`,
    );
  const exclusions = (inp.provisions.get(hts10) ?? []).filter((p) => p.kind === 'exclusion');
  // Every date something changes within the year.
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  const cuts = new Set([start]);
  const addCut = (from: string | null, to: string | null) => {
    if (from && from > start && from <= end) cuts.add(from);
    if (to && to >= start && to < end) cuts.add(nextDay(to));
  };
  for (const p of increases) {
    const h = inp.headings.get(p.heading);
    addCut(h?.from ?? null, h?.to ?? null);
  }
  for (const e of exclusions) {
    const h = inp.headings.get(e.heading);
    addCut(h?.from ?? null, h?.to ?? null);
    addCut(e.code_from, e.code_to);
  }
  const days = [...cuts].sort();
  const segments: Segment[] = [];
  let claimShareSource: string | null = null;
  days.forEach((from, i) => {
    const to = i + 1 < days.length ? prevDay(days[i + 1]!) : end;
    let heading: string | null = null;
    let reference: string | null = null;
    let rate = 0;
    for (const p of increases) {
      const h = inp.headings.get(p.heading);
      if (!h || h.rate === null || !inWindow(from, h.from, h.to)) continue;
      if (h.rate >= rate) {
        rate = h.rate;
        heading = p.heading;
        reference = `${p.heading}, ${noteRef(31, p.subdivision)}`;
      }
    }
    if (heading === null)
      for (const l of lists) {
        const h = inp.headings.get(l.heading);
        if (!h || h.rate === null || !inWindow(from, h.from, h.to)) continue;
        const r = h.suspended ? 0 : h.rate;
        if (heading === null || r > rate) {
          rate = r;
          heading = l.heading;
          reference = l.ref + (h.suspended ? ' (suspended)' : '');
        }
      }
    const ex: ExclusionRef[] = [];
    if (heading && LIST_HEADING.test(heading) && rate > 0)
      for (const e of exclusions) {
        const h = inp.headings.get(e.heading);
        // An exclusion heading applies within the dates its text states; one that states none
        // has expired (the compiler's notes: only the dated (vvv) and (www) remain in effect).
        if (!h?.from || !inWindow(from, h.from, h.to) || !inWindow(from, e.code_from, e.code_to))
          continue;
        if (
          e.excludes_heading &&
          e.excludes_heading !== heading &&
          !(heading === '9903.88.04' && e.excludes_heading === '9903.88.03')
        )
          continue;
        ex.push({
          heading: e.heading,
          reference: `${e.heading}, ${noteRef(20, e.subdivision)}`,
          item: e.item,
          product: e.product_text,
          from: h?.from ?? null,
          to: h?.to ?? null,
        });
      }
    let claimShare = 0;
    if (ex.length) {
      const hs = [...new Set(ex.map((e) => e.heading))];
      const own = hs.map((h) => inp.claimShares.get(`${h} ${hts10}`)).find((v) => v !== undefined);
      const any = inp.claimShares.get(`* ${hts10}`);
      const byHeading = hs.map((h) => inp.headingShares.get(h)).find((v) => v !== undefined);
      claimShare = own ?? any ?? byHeading ?? inp.headingShares.get('*') ?? 1;
      claimShareSource =
        own !== undefined
          ? 'this line and heading'
          : any !== undefined
            ? 'this line, another heading'
            : byHeading !== undefined
              ? 'the heading, value-weighted over its lines'
              : 'all estimated lines, value-weighted';
    }
    segments.push({ from, to, heading, reference, rate, exclusions: ex, claimShare });
  });
  return { hts10, segments, listSource, conflicts, claimShareSource };
}

function nextDay(d: string): string {
  const t = new Date(`${d}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + 1);
  return t.toISOString().slice(0, 10);
}
function prevDay(d: string): string {
  const t = new Date(`${d}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() - 1);
  return t.toISOString().slice(0, 10);
}

/** The weight of a date range within its year: its share of days, or of the partner's imports. */
export function segmentWeight(
  from: string,
  to: string,
  year: number,
  inp: MeasureInputs,
  w: Weighting,
): number {
  const dayMs = 86400000;
  const yearDays = (Date.UTC(year + 1, 0, 1) - Date.UTC(year, 0, 1)) / dayMs;
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`) + dayMs;
  if (w === 'days' || !inp.monthWeights) return (b - a) / dayMs / yearDays;
  let total = 0;
  for (let m = 0; m < 12; m++) {
    const ms = Date.UTC(year, m, 1);
    const me = Date.UTC(year, m + 1, 1);
    const overlap = Math.max(0, Math.min(b, me) - Math.max(a, ms));
    total += (inp.monthWeights[m]! * overlap) / (me - ms);
  }
  return total;
}

/** A line's Section 301 rate over the year: central, none claimed, all claimed. */
export function yearRates(m: LineMeasure, year: number, inp: MeasureInputs, w: Weighting) {
  let central = 0;
  let none = 0;
  let all = 0;
  for (const s of m.segments) {
    const wt = segmentWeight(s.from, s.to, year, inp, w);
    none += wt * s.rate;
    central += wt * s.rate * (1 - (s.exclusions.length ? s.claimShare : 0));
    all += wt * (s.exclusions.length ? 0 : s.rate);
  }
  return { central, none, all };
}

/** The segment in force on a date. */
export function segmentOn(m: LineMeasure, date: string): Segment | undefined {
  return m.segments.find((s) => s.from <= date && date <= s.to);
}
