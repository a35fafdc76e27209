import type { Mention } from './find-subjects.ts';
import { MONTHS } from './parse-period.ts';
import type { Token } from './tokenize.ts';

/** Capitalised words that are not names of a subject: sources, agreements, units, calendar. */
const NOT_NAMES = new Set([
  'us',
  'usa',
  'eeuu',
  'census',
  'bureau',
  'bts',
  'cbp',
  'transborder',
  'nafta',
  'tlcan',
  'usmca',
  'tmec',
  'hs',
  'i',
  'according',
  'segun',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
  'q',
  'dollars',
  'dolares',
  'usd',
  'bn',
]);

/** Words that open sentences: never the subject's name. */
const STARTERS = new Set(
  (
    'the a an in on at by for from during last this these those its their our total overall ' +
    'el la las los lo un una unos unas en durante este esta estos estas su sus nuestro ' +
    'del de al por para con sin desde total'
  ).split(' '),
);

/** Verbs and possessives that make a capitalised first word the subject of the sentence. */
const ACTS = /^(export|import|sold|sell|ship|bought|buy|purchas|vend|compr|envi|produc|made|make)/;

/**
 * Names the statement gives that no code list resolved: a capitalised word (or run of them)
 * inside the sentence that is not part of a partner, state, port, region or product, nor a
 * month or a source's name; and a capitalised first word that is the subject of a trade verb
 * ("Boeing exported", "Pemex's exports"). A figure about such a name must not be judged
 * against the US total.
 */
export function unresolvedNames(tokens: Token[], mentions: Mention[]): string[] {
  const covered = (k: number) => mentions.some((m) => m.start <= k && m.end > k);
  const out: string[] = [];
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.kind !== 'word' || !/^\p{Lu}/u.test(t.raw) || covered(k)) continue;
    if (NOT_NAMES.has(t.norm) || MONTHS[t.norm] !== undefined) continue;
    const prev = tokens[k - 1];
    const sentenceStart =
      k === 0 ||
      (prev?.kind === 'symbol' && [':', '"', '“', '(', '•', '*', '-'].includes(prev.norm));
    if (sentenceStart && STARTERS.has(t.norm)) continue;
    if (sentenceStart) {
      const next = tokens[k + 1];
      const acts =
        t.possessive || (next?.kind === 'word' && ACTS.test(next.norm) && !covered(k + 1));
      if (!acts) continue;
    }
    let e = k + 1;
    while (
      tokens[e]?.kind === 'word' &&
      /^\p{Lu}/u.test(tokens[e]!.raw) &&
      !covered(e) &&
      !NOT_NAMES.has(tokens[e]!.norm)
    )
      e++;
    out.push(
      tokens
        .slice(k, e)
        .map((x) => x.raw)
        .join(' '),
    );
    k = e - 1;
  }
  return out;
}
