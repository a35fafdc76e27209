import { MONTH_NAMES } from '../model/month-names.ts';
import { windowOf } from './budget-lab-chapter99.ts';

/**
 * Parsing of the HTSUS chapter 99 text as `pdftotext -layout` prints it: the U.S. notes of
 * subchapter III that enumerate the Section 301 China lists (note 20), the product exclusions
 * (note 20, the subdivisions granting exclusions) and the 2024 four-year-review increases
 * (note 31), and the heading table's own effective dates. Pure functions over the lines, so
 * the reader (`usitc-chapter99-text.ts`) and tests share them.
 */

/** One enumerated provision: a product (or a product inside a line) a heading applies to. */
export interface Provision {
  note: number;
  /** 'f', 's(ii)', 'vvv(iii)' … as the note letters it. */
  subdivision: string;
  /** The item number within the subdivision, where items are numbered. */
  item: string | null;
  heading: string;
  kind: 'list' | 'exclusion' | 'increase';
  /** Digits only: an 8-digit subheading or a 10-digit statistical reporting number. */
  hts: string;
  /** 10-digit numbers the item excepts from its subheading ("except … statistical reporting numbers"). */
  except: string[];
  /** The product description an exclusion names (null: the whole line). */
  product: string | null;
  /** For an exclusion, the list heading whose duties it lifts. */
  excludes: string | null;
  /** The dates this statistical number applies, where the item dates it ("effective January 1, 2020"). */
  codeFrom: string | null;
  codeTo: string | null;
  line: number;
}

export interface HeadingEntry {
  heading: string;
  text: string;
  from: string | null;
  to: string | null;
  /** The note subdivision the heading points to: '20(vvv)', '31(b)'. */
  noteRef: string | null;
  line: number;
}

export interface Unread {
  line: number;
  text: string;
  why: string;
}

export interface Chapter99Text {
  provisions: Provision[];
  headings: HeadingEntry[];
  /** Ad valorem rates the notes state for their list headings ("an additional 25 percent"). */
  rates: Map<string, { rate: number; suspended: boolean; line: number }>;
  unread: Unread[];
  notesFound: number[];
}

/** Page furniture pdftotext leaves in the text: running heads, page numbers, the table head. */
const FURNITURE = [
  /Harmonized Tariff Schedule of the United States/,
  /Annotated for Statistical Reporting Purposes/,
  /^\s*XXII\s*$/,
  /^\s*99\s*-\s*[IVX]+\s*-\s*\d+\s*$/,
  /^\s*99-\d+\s*$/,
  /^\s*U\.S\. Notes( \(con\.\))?\s*$/,
];
const CODE = /(?<![\d.])(\d{4})\.(\d{2})\.(\d{4}|\d{2})(?![\d])/g;

/** Lines with page furniture blanked and the "U.S. Notes (con.)" running head cut off. */
export function cleanLines(text: string): string[] {
  return text.split(/\r?\n/).map((l) => {
    if (FURNITURE.some((re) => re.test(l))) return '';
    return l.replace(/^U\.S\. Notes \(con\.\)/, '                 ');
  });
}

/** Product codes in a piece of text, digits only; chapter 99 headings are not products. */
export function codesIn(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(CODE)) {
    if (m[1]!.startsWith('99') || m[1]!.startsWith('98')) continue;
    out.push(m[1]! + m[2]! + m[3]!);
  }
  return out;
}

function nextLabel(label: string): string {
  const c = label[0]!;
  if (c === 'z') return 'a'.repeat(label.length + 1);
  return String.fromCharCode(c.charCodeAt(0) + 1).repeat(label.length);
}
const ROMAN = new Set(['i', 'ii', 'iii', 'iv', 'v', 'vi']);
function labelsAhead(expected: string, n: number): string[] {
  const out = [expected];
  while (out.length < n) out.push(nextLabel(out.at(-1)!));
  return out;
}
/** pdftotext reads "(ll)" as "(II)": a capital I where the sequence expects an l is an l. */
function ocrLabel(raw: string, expected: string): string | null {
  if (/^[a-z]+$/.test(raw)) return raw;
  const l = raw.replace(/I/g, 'l');
  return /^[a-z]+$/.test(l) && labelsAhead(expected, 6).includes(l) ? l : null;
}

interface Block {
  label: string;
  sub: string | null;
  start: number;
  lines: { n: number; text: string }[];
}

/**
 * A note's subdivisions in order: `(a)`, `(b)` … `(zz)`, `(aaa)`; a label out of sequence
 * that is a roman numeral opens a sub-subdivision (`(s)(ii)`), anything else is text.
 */
function blocks(lines: string[], from: number, to: number, skipped?: Unread[]): Block[] {
  const out: Block[] = [];
  let expected = 'a';
  let cur: Block | null = null;
  for (let i = from; i < to; i++) {
    // The note's first line carries its number: "20. (a)  For the purposes …".
    const l = i === from ? lines[i]!.replace(/^\d{1,2}\.\s+/, '') : lines[i]!;
    const m = /^\s{0,12}\(([a-zA-Z]{1,4})\)\s*(?:\(([ivx]{1,4})\))?/.exec(l);
    const label = m ? ocrLabel(m[1]!, expected) : null;
    const ahead = label ? labelsAhead(expected, 6).indexOf(label) : -1;
    if (m && label && ahead >= 0 && !(ahead > 0 && ROMAN.has(label) && cur)) {
      if (ahead > 0)
        skipped?.push({
          line: i + 1,
          text: l.trim().slice(0, 80),
          why: `subdivision (${label}) follows (${labelsAhead(expected, ahead).join('), (')}) missing from the text`,
        });
      cur = { label, sub: m[2] ?? null, start: i + 1, lines: [] };
      out.push(cur);
      expected = nextLabel(label);
      cur.lines.push({ n: i + 1, text: l.slice(m[0].length) });
      continue;
    }
    if (m && cur && ROMAN.has(m[1]!) && /^\s{0,12}\([ivx]+\)\s+\S/.test(l)) {
      cur = { label: cur.label, sub: m[1]!, start: i + 1, lines: [] };
      out.push(cur);
      cur.lines.push({ n: i + 1, text: l.slice(m[0].length) });
      continue;
    }
    cur?.lines.push({ n: i + 1, text: l });
  }
  return out;
}

const joined = (ls: { text: string }[]) =>
  ls
    .map((l) => l.text.trim())
    .filter(Boolean)
    .join(' ')
    // A word hyphenated at a line end: a soft hyphen (U+00AD) joins its halves, a hard one
    // stays ("organo- inorganic" → "organo-inorganic").
    .replace(/\u00AD /g, '')
    .replace(/([a-z])- ([a-z])/g, '$1-$2');

/** Where each numbered note starts: the note whose first paragraph names `marker`. */
function noteRange(
  lines: string[],
  marker: RegExp,
): { n: number; from: number; to: number } | null {
  for (let i = 0; i < lines.length; i++) {
    const m = /^(\d{1,2})\.\s+\(a\)/.exec(lines[i]!);
    if (!m) continue;
    const head = lines.slice(i, i + 4).join(' ');
    if (!marker.test(head)) continue;
    const n = Number(m[1]);
    for (let j = i + 1; j < lines.length; j++) {
      const k = /^(\d{1,2})\.\s+(\(a\)|[A-Z])/.exec(lines[j]!);
      if (k && Number(k[1]) === n + 1) return { n, from: i, to: j };
    }
    return { n, from: i, to: lines.length };
  }
  return null;
}

const DAY = `(${MONTH_NAMES.join('|')}) (\\d{1,2}), (\\d{4})`;
function iso(month: string, day: string, year: string, shift = 0): string {
  const d = new Date(
    Date.UTC(Number(year), (MONTH_NAMES as readonly string[]).indexOf(month), Number(day) + shift),
  );
  return d.toISOString().slice(0, 10);
}

/**
 * The statistical numbers an exclusion item names, with the dates each applies: items name
 * the line a product was in before and after a renumbering ("described in 8413.91.9080 prior
 * to January 1, 2019; … 8413.91.9085 or 8413.91.9096 effective January 1, 2020").
 */
export function datedCodes(
  text: string,
): { code: string; from: string | null; to: string | null }[] {
  const out: { code: string; from: string | null; to: string | null }[] = [];
  for (const clause of text.split(';')) {
    const codes = codesIn(clause);
    if (codes.length === 0) continue;
    let from: string | null = null;
    let to: string | null = null;
    const prior = new RegExp(`prior to ${DAY}`).exec(clause);
    if (prior) to = iso(prior[1]!, prior[2]!, prior[3]!, -1);
    const eff = new RegExp(`effective ${DAY}(?: through ${DAY})?`).exec(clause);
    if (eff) {
      from = iso(eff[1]!, eff[2]!, eff[3]!);
      if (eff[4]) to = iso(eff[4], eff[5]!, eff[6]!);
    }
    for (const code of codes) out.push({ code, from, to });
  }
  return out;
}

/** The chapter 99 heading table entries ("9903.88.69 1/ Effective with respect to …"). */
export function headingEntries(lines: string[]): HeadingEntry[] {
  const out: HeadingEntry[] = [];
  let cur: { heading: string; line: number; parts: string[] } | null = null;
  const close = () => {
    if (!cur) return;
    const text = cur.parts
      .join(' ')
      .replace(/\.{3,}.*$/, '')
      .replace(/\s+/g, ' ')
      .trim();
    const { from, to } = windowOf(text);
    const ref =
      /U\.S\. note (20)\s*\(([a-z]+)\)/.exec(text) ??
      /subdivision \(([a-z]+)\)(?:\([ivx]+\))? of U\.S\. note (31)/.exec(text);
    const noteRef = ref ? (ref[1] === '20' ? `20(${ref[2]})` : `${ref[2]}(${ref[1]})`) : null;
    out.push({ heading: cur.heading, text, from, to, noteRef, line: cur.line });
    cur = null;
  };
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    const m = /^(99\d{2}\.\d{2}\.\d{2})\s+(?:\d?\/\s*)?([A-Z].*)$/.exec(l);
    if (m) {
      close();
      cur = { heading: m[1]!, line: i + 1, parts: [leftColumn(m[2]!)] };
      continue;
    }
    if (!cur) continue;
    if (/^\s*\d\/\s/.test(l) || /^\s*Note:/.test(l) || /^\s*Heading\/\s/.test(l)) {
      close();
      continue;
    }
    const left = leftColumn(l);
    if (left) cur.parts.push(left);
    if (/\.{5,}/.test(l)) close();
  }
  close();
  return out;
}

/** The description column of a heading-table line: text that starts before column 60. */
function leftColumn(l: string): string {
  const parts: string[] = [];
  for (const m of l.matchAll(/\S+(?: \S+)*/g)) if ((m.index ?? 0) < 60) parts.push(m[0]);
  return parts.join(' ');
}

/**
 * Note 20 and note 31 of subchapter III, and the heading table: every list, exclusion and
 * increase with its products, and the lines that could not be read.
 */
export function parseChapter99(text: string): Chapter99Text {
  const lines = cleanLines(text);
  const unread: Unread[] = [];
  const provisions: Provision[] = [];
  const rates = new Map<string, { rate: number; suspended: boolean; line: number }>();
  const notesFound: number[] = [];
  const headings = headingEntries(lines);
  const byRef = new Map(headings.filter((h) => h.noteRef).map((h) => [h.noteRef!, h.heading]));

  const n20 = noteRange(lines, /heading 9903\.88\.01/);
  if (n20) {
    notesFound.push(n20.n);
    const ctx = { byRef, listOf: new Map<string, string>() };
    for (const b of blocks(lines, n20.from, n20.to, unread))
      note20Block(b, ctx, rates, provisions, unread);
  }
  const n31 = noteRange(lines, /9903\.91\.01/);
  if (n31) {
    notesFound.push(n31.n);
    note31(lines, n31.from, n31.to, provisions);
  }
  return { provisions, headings, rates, unread, notesFound };
}

const SUB = (b: Block) => (b.sub ? `${b.label}(${b.sub})` : b.label);

function note20Block(
  b: Block,
  ctx: { byRef: Map<string, string>; listOf: Map<string, string> },
  rates: Chapter99Text['rates'],
  out: Provision[],
  unread: Unread[],
): void {
  const all = joined(b.lines);
  const rate =
    /For the purposes of heading (9903\.88\.\d{2}),[^.]*?additional ([\d.]+) percent/.exec(all);
  if (rate && !b.sub)
    rates.set(rate[1]!, {
      rate: Number(rate[2]) / 100,
      suspended: /suspended/i.test(all.slice(0, 1500)),
      line: b.start,
    });
  if (/Trade Representative (has )?determined/.test(all.slice(0, 400))) {
    exclusions(b, ctx.byRef, out, unread);
    return;
  }
  // "Heading 9903.88.01 applies to …"; (g) states its rate and enumerates its products in one
  // subdivision; (s)(i) and (s)(ii) belong to the heading (s) names.
  const heading =
    /^Heading (9903\.88\.\d{2}) applies to/.exec(all)?.[1] ??
    /under heading (9903\.88\.\d{2}) are the following products/.exec(all)?.[1] ??
    (b.sub ? ctx.listOf.get(b.label) : undefined);
  if (!heading) return;
  ctx.listOf.set(b.label, heading);
  listItems(b, heading, out, unread);
}

/** 8-digit subheadings in columns, and numbered items "provided for in X, except …". */
function listItems(b: Block, heading: string, out: Provision[], unread: Unread[]): void {
  const consumed = new Set<number>();
  let item: { num: string; parts: { n: number; text: string }[] } | null = null;
  const base = {
    note: 20,
    subdivision: SUB(b),
    heading,
    kind: 'list' as const,
    product: null,
    excludes: null,
    codeFrom: null,
    codeTo: null,
  };
  const flush = () => {
    if (!item) return;
    const t = joined(item.parts);
    const sub = /provided for (?:in )?(?:\[?subheading\]? )?(\d{4}\.\d{2}\.\d{2})(?!\d)/.exec(t);
    if (sub) {
      const rest = t.slice(sub.index + sub[0].length);
      out.push({
        ...base,
        item: item.num,
        hts: sub[1]!.replaceAll('.', ''),
        except: /except/.test(rest) ? codesIn(rest).filter((c) => c.length === 10) : [],
        line: item.parts[0]!.n,
      });
      for (const p of item.parts) consumed.add(p.n);
    }
    item = null;
  };
  for (const l of b.lines) {
    const t = l.text.trim();
    if (t === '') continue;
    const num = /^\s{0,2}(\d{1,3})\.\s+(.*)$/.exec(l.text);
    if (num) {
      flush();
      item = { num: num[1]!, parts: [{ n: l.n, text: num[2]! }] };
    } else if (/^(\d{4}\.\d{2}\.\d{2}(\d{2})?\s*)+$/.test(t)) {
      flush();
      for (const hts of codesIn(t)) out.push({ ...base, item: null, hts, except: [], line: l.n });
      consumed.add(l.n);
    } else if (item && /^\s{3,}/.test(l.text)) item.parts.push(l);
    else flush();
  }
  flush();
  for (const l of b.lines)
    if (!consumed.has(l.n) && codesIn(l.text).length > 0)
      unread.push({
        line: l.n,
        text: l.text.trim().slice(0, 120),
        why: `note 20(${SUB(b)}): a product code outside any subheading row or numbered item`,
      });
}

/** "(N) product text (described in statistical reporting number X)" or "(N) X". */
function exclusions(
  b: Block,
  byRef: Map<string, string>,
  out: Provision[],
  unread: Unread[],
): void {
  const all = joined(b.lines);
  const heading =
    byRef.get(`20(${b.label})`) ??
    /(?:as provided in|provided in) heading (9903\.88\.\d{2})/.exec(all)?.[1] ??
    null;
  const excludes =
    /additional duties (?:provided for in|imposed by) heading (9903\.88\.\d{2})/.exec(all)?.[1] ??
    null;
  if (!heading) {
    unread.push({
      line: b.start,
      text: all.slice(0, 120),
      why: `no heading names note 20(${b.label})`,
    });
    return;
  }
  let item: { num: string; parts: { n: number; text: string }[] } | null = null;
  const flush = () => {
    if (!item) return;
    const t = joined(item.parts);
    const codes = datedCodes(t);
    const bare = /^\d{4}\.\d{2}\.\d{4}$/.test(t);
    if (codes.length === 0 && !/^\[(Exclusion |Text |Provision )?[Dd]eleted/.test(t))
      unread.push({
        line: item.parts[0]!.n,
        text: t.slice(0, 120),
        why: 'exclusion names no statistical reporting number',
      });
    for (const c of codes)
      out.push({
        note: 20,
        subdivision: SUB(b),
        item: item.num,
        heading,
        kind: 'exclusion',
        hts: c.code,
        except: [],
        product: bare ? null : t,
        excludes,
        codeFrom: c.from,
        codeTo: c.to,
        line: item.parts[0]!.n,
      });
    item = null;
  };
  for (const l of b.lines) {
    const m = /^\s*\((\d{1,4})\)\s+(.*)$/.exec(l.text);
    if (m) {
      flush();
      item = { num: m[1]!, parts: [{ n: l.n, text: m[2]! }] };
    } else if (item && l.text.trim()) item.parts.push(l);
  }
  flush();
}

/** Note 31: each "Heading 9903.91.NN applies to …" and the products listed after it. */
function note31(lines: string[], from: number, to: number, out: Provision[]): void {
  let heading: string | null = null;
  for (const b of blocks(lines, from, to)) {
    for (const l of b.lines) {
      const h = /Heading (9903\.9\d\.\d{2}) applies to/.exec(l.text);
      if (h) heading = h[1]!;
      if (!heading) continue;
      // The increases' text names other headings and dates, never other products.
      for (const hts of codesIn(l.text))
        out.push({
          note: 31,
          subdivision: SUB(b),
          item: null,
          heading,
          kind: 'increase',
          hts,
          except: [],
          product: null,
          excludes: null,
          codeFrom: null,
          codeTo: null,
          line: l.n,
        });
    }
  }
}
