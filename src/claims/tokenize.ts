/**
 * A statement cut into words, numbers and symbols, each with its place in the text. Words are
 * folded (lower case, no accents, no dots or apostrophes), so "U.S.", "EE.UU." and "México's"
 * are matched as "us", "eeuu" and "mexico"; numbers keep their digits and separators, since
 * what "2,5" or "1.000" means depends on the language (`parse-number.ts`).
 */
export interface Token {
  kind: 'word' | 'number' | 'symbol';
  /** As written. */
  raw: string;
  /** Folded word, the digits of a number, or the symbol itself. */
  norm: string;
  start: number;
  end: number;
  /** "Mexico's": a possessive followed the word. */
  possessive: boolean;
}

const TOKEN = /(\p{L}+(?:\.\p{L}+)*\.?(?:['’]s\b)?)|(\d+(?:[.,]\d+)*)|([$%#€£—–\-+,;:()/·•*"“”])/gu;

/** Hyphenated compounds that are one idea, not a number and a word. */
const COMPOUNDS: Record<string, string> = {
  'two way': 'twoway',
  't mec': 'tmec',
  'year on year': 'yoy',
  'year over year': 'yoy',
  'per capita': 'percapita',
  'per cápita': 'percapita',
};

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const raw = m[0];
    const start = m.index;
    const end = start + raw.length;
    if (m[1] !== undefined) {
      const possessive = /['’]s$/.test(raw);
      const word = possessive ? raw.slice(0, -2) : raw;
      out.push({ kind: 'word', raw, norm: fold(word), start, end, possessive });
    } else if (m[2] !== undefined) {
      out.push({ kind: 'number', raw, norm: raw, start, end, possessive: false });
    } else {
      const norm = raw === '–' || raw === '—' ? '—' : raw;
      out.push({ kind: 'symbol', raw, norm, start, end, possessive: false });
    }
  }
  return mergeCompounds(out);
}

export function fold(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[.'’]/g, '');
}

/** "two-way", "two way" → one token "twoway"; hyphens between other words are dropped. */
function mergeCompounds(tokens: Token[]): Token[] {
  const words = tokens.filter((t) => !(t.kind === 'symbol' && t.norm === '-'));
  const out: Token[] = [];
  for (let i = 0; i < words.length; i++) {
    let merged = false;
    for (const [phrase, norm] of Object.entries(COMPOUNDS)) {
      const parts = fold(phrase).split(' ');
      if (parts.every((p, k) => words[i + k]?.kind === 'word' && words[i + k]?.norm === p)) {
        const last = words[i + parts.length - 1]!;
        out.push({
          kind: 'word',
          raw: phrase,
          norm,
          start: words[i]!.start,
          end: last.end,
          possessive: last.possessive,
        });
        i += parts.length - 1;
        merged = true;
        break;
      }
    }
    if (!merged) out.push(words[i]!);
  }
  return out;
}
