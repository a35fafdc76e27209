import { partnerDirectory } from '../analytics/resolve-partner.ts';
import { placeNames } from '../analytics/place-names.ts';
import { subnationalNames } from '../analytics/subnational.ts';
import { memoize, type Store } from '../store/open-store.ts';
import {
  DEMONYMS,
  NEIGHBOUR_CODES,
  NEIGHBOUR_GROUPS,
  PARTNER_NAMES,
  PORT_CUES,
  PRODUCT_NAMES,
  STATE_NAMES_ES,
  US_NAMES,
} from './subject-words.ts';
import { tokenize, type Token } from './tokenize.ts';

/** A name found in the statement, with the tokens it spans. */
export interface Mention {
  kind: 'us' | 'partner' | 'state' | 'port' | 'region' | 'product';
  /** Census partner codes (several for "its neighbours"), a USPS, Schedule D or HS code. */
  codes: string[];
  name: string;
  start: number;
  end: number;
  text: string;
  possessive: boolean;
  /** Said as a demonym: "Mexican exports", "cada mexicano". */
  demonym: boolean;
}

type Entry = Omit<Mention, 'start' | 'end' | 'text' | 'possessive'>;

/** Aggregates that are not places people name (seasonally adjusted world, NAFTA by program). */
const NOT_NAMED = new Set(['1000', '0004', '0005', '0006', '0007', '0021', '0022']);
const PRIORITY: Record<Mention['kind'], number> = {
  us: 0,
  state: 1,
  port: 2,
  region: 3,
  partner: 4,
  product: 5,
};
const MAX_WORDS = 8;

/**
 * Every partner, state, port and product named in the statement, longest name first ("New
 * Mexico" is a state, not Mexico). Place names count as ports only when the sentence speaks
 * of ports or crossings, so "Progreso" and "Roma" stay words elsewhere.
 */
export async function findSubjects(store: Store, tokens: Token[]): Promise<Mention[]> {
  const index = await subjectIndex(store);
  const portsMeant = tokens.some((t) => PORT_CUES.includes(t.norm));
  const out: Mention[] = [];
  for (let i = 0; i < tokens.length;) {
    let hit: { entry: Entry; len: number } | null = null;
    for (let len = Math.min(MAX_WORDS, tokens.length - i); len >= 1 && !hit; len--) {
      const span = tokens.slice(i, i + len);
      if (span.some((t) => t.kind !== 'word')) continue;
      const entries = (index.get(span.map((t) => t.norm).join(' ')) ?? []).filter(
        (e) => e.kind !== 'port' || portsMeant,
      );
      const best = entries.sort((a, b) => PRIORITY[a.kind] - PRIORITY[b.kind])[0];
      if (best) hit = { entry: best, len };
    }
    const hs = hit ? null : hsCode(tokens, i);
    if (hit) {
      const last = tokens[i + hit.len - 1]!;
      out.push({
        ...hit.entry,
        start: i,
        end: i + hit.len,
        text: tokens
          .slice(i, i + hit.len)
          .map((t) => t.raw)
          .join(' '),
        possessive: last.possessive,
      });
      i += hit.len;
    } else if (hs) {
      out.push(hs);
      i = hs.end;
    } else i++;
  }
  return out;
}

/** "HS 8703", "chapter 87", "capítulo 87". */
function hsCode(tokens: Token[], i: number): Mention | null {
  const t = tokens[i]!;
  const n = tokens[i + 1];
  if (!['hs', 'chapter', 'capitulo'].includes(t.norm) || n?.kind !== 'number') return null;
  const code = n.norm.replace(/[.,]/g, '');
  if (!/^\d{2,10}$/.test(code)) return null;
  return {
    kind: 'product',
    codes: [code],
    name: `HS ${code}`,
    start: i,
    end: i + 2,
    text: `${t.raw} ${n.raw}`,
    possessive: n.possessive,
    demonym: false,
  };
}

const key = (s: string) =>
  tokenize(s)
    .filter((t) => t.kind === 'word')
    .map((t) => t.norm)
    .join(' ');

function subjectIndex(store: Store): Promise<Map<string, Entry[]>> {
  return memoize(store, 'claims:subject-index', async () => {
    const index = new Map<string, Entry[]>();
    const add = (phrase: string, entry: Entry) => {
      const k = key(phrase);
      if (!k) return;
      const list = index.get(k) ?? [];
      if (!list.some((e) => e.kind === entry.kind && e.codes.join() === entry.codes.join()))
        list.push(entry);
      index.set(k, list);
    };
    const partners = await partnerDirectory(store);
    const byCode = new Map(partners.map((p) => [p.code, p]));
    const short = (name: string) => name.replace(/\s*\(.*\)\s*/g, '').trim();
    for (const p of partners) {
      if (NOT_NAMED.has(p.code)) continue;
      const entry: Entry = {
        kind: 'partner',
        codes: [p.code],
        name: short(p.name),
        demonym: false,
      };
      // Codes (MX, MEX, 2010) are for the command line; in prose "in" and "per" are words.
      for (const k of [p.name, short(p.name), ...p.keys].filter(
        (k) => !/^[A-Z0-9]{2,4}$/.test(k),
      )) {
        add(k, entry);
        const comma = /^(.+), (.+)$/.exec(short(k));
        if (comma) add(`${comma[2]} ${comma[1]}`, entry); // "Korea, South" → "South Korea"
      }
    }
    const named = (code: string) => short(byCode.get(code)?.name ?? code);
    for (const [phrase, code] of Object.entries(PARTNER_NAMES))
      add(phrase, { kind: 'partner', codes: [code], name: named(code), demonym: false });
    for (const [phrase, code] of Object.entries(DEMONYMS))
      add(phrase, { kind: 'partner', codes: [code], name: named(code), demonym: true });
    for (const phrase of NEIGHBOUR_GROUPS)
      add(phrase, {
        kind: 'partner',
        codes: NEIGHBOUR_CODES,
        name: NEIGHBOUR_CODES.map(named).join(' and '),
        demonym: false,
      });
    for (const phrase of US_NAMES)
      add(phrase, { kind: 'us', codes: [], name: 'United States', demonym: false });

    const places = await placeNames(store);
    const stateName = new Map(places.states.map((s) => [s.code, s.name]));
    for (const s of places.states)
      add(s.name, { kind: 'state', codes: [s.code], name: s.name, demonym: false });
    for (const [phrase, code] of Object.entries(STATE_NAMES_ES))
      add(phrase, {
        kind: 'state',
        codes: [code],
        name: stateName.get(code) ?? code,
        demonym: false,
      });
    for (const p of places.ports) {
      const entry: Entry = { kind: 'port', codes: [p.code], name: p.name, demonym: false };
      for (const n of [p.name, ...p.alternates, ...p.name.split('/')]) add(n, entry);
    }
    // Mexican states and Canadian provinces: never partners, never the world. The State of
    // Mexico is named only in full, so "Mexico" stays the country.
    for (const r of await subnationalNames(store)) {
      const entry: Entry = { kind: 'region', codes: [r.code], name: r.name, demonym: false };
      const names =
        r.code === 'MX-MEX' ? ['Estado de México', 'State of Mexico', 'Edomex'] : r.names;
      for (const n of names) if (key(n) !== 'mexico') add(n, entry);
    }
    for (const [phrase, code] of Object.entries(PRODUCT_NAMES))
      add(phrase, { kind: 'product', codes: [code], name: phrase, demonym: false });
    return index;
  });
}
