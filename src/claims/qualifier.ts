import type { Qualifier } from './claim.ts';
import { fold, type Token } from './tokenize.ts';

/**
 * The words just before a figure that say how it is asserted. Each cue is a folded phrase;
 * the longest one ending right before the figure wins ("just under" before "under").
 */
export const QUALIFIER_CUES: Record<Exclude<Qualifier, 'exact'>, readonly string[]> = {
  more_than: [
    'more than',
    'over',
    'above',
    'exceeding',
    'in excess of',
    'upwards of',
    'north of',
    'topped',
    'top',
    'tops',
    'surpassed',
    'surpass',
    'surpasses',
    'exceeded',
    'exceed',
    'exceeds',
    'mas de',
    'mas del',
    'mas que',
    'superior a',
    'superiores a',
    'por encima de',
    'arriba de',
    'supero',
    'supera',
    'superaron',
    'rebaso',
  ],
  at_least: [
    'at least',
    'no less than',
    'no fewer than',
    'al menos',
    'por lo menos',
    'como minimo',
  ],
  less_than: [
    'less than',
    'fewer than',
    'under',
    'below',
    'menos de',
    'menos del',
    'menos que',
    'por debajo de',
    'inferior a',
    'inferiores a',
  ],
  // Not "up to" or "hasta": after a verb of change they say where it rose to ("hasta 350 mil
  // millones"), not a ceiling.
  at_most: ['at most', 'no more than', 'a lo sumo', 'como maximo', 'no mas de', 'no mas del'],
  nearly: [
    'nearly',
    'almost',
    'close to',
    'just under',
    'just shy of',
    'just below',
    'casi',
    'poco menos de',
    'practicamente',
  ],
  about: [
    'about',
    'around',
    'roughly',
    'approximately',
    'approx',
    'some',
    'an estimated',
    'estimated',
    'circa',
    'alrededor de',
    'aproximadamente',
    'unos',
    'unas',
    'cerca de',
    'en torno a',
    'del orden de',
    'aprox',
  ],
};

const CUES = (Object.entries(QUALIFIER_CUES) as [Qualifier, readonly string[]][])
  .flatMap(([q, phrases]) => phrases.map((p) => ({ q, words: fold(p).split(' ') })))
  .sort((a, b) => b.words.length - a.words.length);

/** The qualifier said right before token `start` (articles in between are allowed). */
export function qualifierBefore(
  tokens: Token[],
  start: number,
): { qualifier: Qualifier; start: number } {
  let end = start;
  while (end > 0 && ['the', 'a', 'an', 'el', 'la', 'los', 'las'].includes(tokens[end - 1]!.norm))
    end--;
  for (const at of end === start ? [start] : [start, end]) {
    for (const cue of CUES) {
      const from = at - cue.words.length;
      if (from < 0) continue;
      if (
        cue.words.every((w, k) => tokens[from + k]?.kind === 'word' && tokens[from + k]!.norm === w)
      )
        return { qualifier: cue.q, start: from };
    }
  }
  return { qualifier: 'exact', start };
}
