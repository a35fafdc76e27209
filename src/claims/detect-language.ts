import type { Language } from './claim.ts';
import type { Token } from './tokenize.ts';

const SPANISH = new Set([
  'el',
  'la',
  'los',
  'las',
  'de',
  'del',
  'que',
  'en',
  'y',
  'con',
  'por',
  'para',
  'su',
  'sus',
  'es',
  'fue',
  'mas',
  'año',
  'ano',
  'exportaciones',
  'importaciones',
  'comercio',
  'millones',
  'mil',
  'dolares',
  'desde',
  'entre',
  'pasado',
  'casi',
  'socio',
  'mayor',
  'veces',
  'unidos',
  'eeuu',
  'hacia',
  'creció',
  'crecio',
]);
const ENGLISH = new Set([
  'the',
  'of',
  'and',
  'to',
  'in',
  'with',
  'from',
  'is',
  'was',
  'were',
  'are',
  'its',
  'than',
  'more',
  'exports',
  'imports',
  'trade',
  'billion',
  'million',
  'dollars',
  'year',
  'last',
  'grew',
  'nearly',
  'about',
  'largest',
  'times',
  'us',
]);

/** English or Spanish, by which language's common words the statement uses more. */
export function detectLanguage(tokens: Token[]): Language {
  let es = 0;
  let en = 0;
  for (const t of tokens) {
    if (t.kind !== 'word') continue;
    if (SPANISH.has(t.norm)) es++;
    if (ENGLISH.has(t.norm)) en++;
  }
  return es > en ? 'es' : 'en';
}
