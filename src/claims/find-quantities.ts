import type { FigureUnit, Language } from './claim.ts';
import {
  DIGIT_ONLY_SCALES,
  FRACTIONS,
  GROWTH_MULTIPLE_WORDS,
  HUNDRED,
  MONEY_ABBREVIATIONS,
  MULTIPLE_WORDS,
  ORDINAL_SUFFIXES,
  ORDINALS,
  SCALES,
  SHARE_WORDS,
  SMALL_NUMBERS,
} from './number-words.ts';
import { parseNumber } from './parse-number.ts';
import type { Token } from './tokenize.ts';

/**
 * A number found in a statement with its unit. `plain` numbers have no unit ("the next ten
 * partners"); `year` numbers are dates, not figures; `growth` marks "doubled"-style words.
 */
export interface Quantity {
  value: number;
  unit: FigureUnit | 'plain' | 'year';
  /** Token indices, end exclusive. */
  start: number;
  end: number;
  /** Crossing measure named by the unit word ("trucks" → Trucks). */
  measure: string | null;
  /** Said as a word of change: "doubled", "se duplicó". */
  growth: boolean;
  /** The value of the last digit written ("$243.3 billion": 0.1 billion); null for words. */
  step: number | null;
}

const PERCENT_WORDS = new Set(['percent', 'pct', 'porciento', 'percentage']);
const TIMES_WORDS = new Set(['times', 'veces', 'x', 'fold']);
const DOLLAR_WORDS = new Set(['dollars', 'dollar', 'dolares', 'dolar', 'usd', 'dls', 'dlls']);

/** Crossing units and the BTS measure they count. */
export const COUNT_UNITS: Record<string, string> = {
  trucks: 'Trucks',
  truck: 'Trucks',
  camiones: 'Trucks',
  camion: 'Trucks',
  pedestrians: 'Pedestrians',
  peatones: 'Pedestrians',
  buses: 'Buses',
  autobuses: 'Buses',
  trains: 'Trains',
  trenes: 'Trains',
  vehicles: 'Personal Vehicles',
  vehiculos: 'Personal Vehicles',
  cars: 'Personal Vehicles',
  autos: 'Personal Vehicles',
  crossings: 'Trucks',
  cruces: 'Trucks',
};
/** Passenger counts by what carried them, as BTS measures them. */
const PASSENGER_UNITS: [string[], string][] = [
  [['bus', 'passengers'], 'Bus Passengers'],
  [['train', 'passengers'], 'Train Passengers'],
  [['pasajeros', 'de', 'autobus'], 'Bus Passengers'],
  [['pasajeros', 'de', 'autobuses'], 'Bus Passengers'],
  [['pasajeros', 'de', 'tren'], 'Train Passengers'],
];
/** Words that may stand between a count and its unit: "7.6 million northbound trucks". */
const COUNT_FILLERS = new Set([
  'northbound',
  'commercial',
  'cargo',
  'truck',
  'de',
  'personal',
  'passenger',
  'particulares',
  'loaded',
]);

export function findQuantities(tokens: Token[], language: Language): Quantity[] {
  const out: Quantity[] = [];
  let i = 0;
  while (i < tokens.length) {
    const q = readAt(tokens, i, language);
    if (q) {
      out.push(q);
      i = q.end;
    } else i++;
  }
  return out;
}

const word = (t: Token | undefined, ...words: string[]) =>
  t !== undefined && t.kind === 'word' && words.includes(t.norm);
const isSymbol = (t: Token | undefined, s: string) =>
  t !== undefined && t.kind === 'symbol' && t.norm === s;

function readAt(tokens: Token[], at: number, language: Language): Quantity | null {
  const q = readQuantity(tokens, at, language);
  const t = q ? tokens.slice(q.start, q.end).find((x) => x.kind === 'number') : undefined;
  if (q && t && q.unit !== 'year' && q.unit !== 'rank') {
    const written = parseNumber(t.norm, language);
    q.step = lastDigit(t.norm, written, q.value);
  }
  return q;
}

function readQuantity(tokens: Token[], at: number, language: Language): Quantity | null {
  let i = at;
  let money = false;
  // Currency before the number: "$", "US$", "USD".
  if (word(tokens[i], 'us') && isSymbol(tokens[i + 1], '$')) i++;
  if (isSymbol(tokens[i], '$') || word(tokens[i], 'usd')) {
    money = true;
    i++;
  }
  const t = tokens[i];
  if (!t) return null;

  const special = specialWords(tokens, i, at);
  if (special) return special;

  const num = readNumber(tokens, i, language);
  if (!num) return null;
  let { value } = num;
  let j = num.end;
  const digits = t.kind === 'number';

  // Ordinal digits: "2nd", "3º".
  if (digits && tokens[j] && tokens[j]!.start === tokens[j - 1]!.end) {
    const suffix = tokens[j]!;
    if (ORDINAL_SUFFIXES.has(suffix.norm) || ORDINAL_SUFFIXES.has(suffix.raw)) {
      return quantity(value, 'rank', at, j + 1);
    }
  }

  // Scales, possibly several ("mil millones"), then a fraction "and a half".
  let scaled = false;
  for (;;) {
    const s = tokens[j];
    if (!s || s.kind !== 'word') break;
    const adjacent = s.start === tokens[j - 1]!.end;
    if (DIGIT_ONLY_SCALES.has(s.norm) && !(digits && (adjacent || s.norm.length > 1))) break;
    if (s.norm === 'mil' && !word(tokens[j + 1], 'millones', 'millon')) {
      value *= language === 'en' ? 1e6 : 1e3;
    } else if (SCALES[s.norm] !== undefined) value *= SCALES[s.norm]!;
    else if (MONEY_ABBREVIATIONS[s.norm] !== undefined) {
      value *= MONEY_ABBREVIATIONS[s.norm]!;
      money = true;
    } else break;
    scaled = true;
    j++;
  }

  // Units after the number.
  if (isSymbol(tokens[j], '%')) return quantity(value, 'percent', at, j + 1);
  if (word(tokens[j], ...PERCENT_WORDS)) return quantity(value, 'percent', at, j + 1);
  if (word(tokens[j], 'per') && word(tokens[j + 1], 'cent'))
    return quantity(value, 'percent', at, j + 2);
  if (word(tokens[j], 'por') && word(tokens[j + 1], 'ciento'))
    return quantity(value, 'percent', at, j + 2);
  if (word(tokens[j], 'puntos') && word(tokens[j + 1], 'porcentuales'))
    return quantity(value, 'percent', at, j + 2);
  if (word(tokens[j], ...TIMES_WORDS)) return quantity(value, 'times', at, j + 1);
  if (word(tokens[j], ...DOLLAR_WORDS)) return quantity(value, 'usd', at, j + 1);
  if (word(tokens[j], 'us') && word(tokens[j + 1], 'dollars'))
    return quantity(value, 'usd', at, j + 2);
  if (word(tokens[j], 'de') && word(tokens[j + 1], ...DOLLAR_WORDS))
    return quantity(value, 'usd', at, j + 2);
  if (money) return quantity(value, 'usd', at, j);
  // Passengers only with what carried them: BTS counts bus, train and personal-vehicle
  // passengers apart, and "passengers" alone could be any of them, so it is no count here.
  for (const [words, measure] of PASSENGER_UNITS)
    if (words.every((w, n) => word(tokens[j + n], w)))
      return { ...quantity(value, 'count', at, j + words.length), measure };
  for (const k of [j, j + 1]) {
    const unit = tokens[k];
    if (k > j && !word(tokens[j], ...COUNT_FILLERS)) break;
    if (unit?.kind === 'word' && COUNT_UNITS[unit.norm] !== undefined) {
      return { ...quantity(value, 'count', at, k + 1), measure: COUNT_UNITS[unit.norm]! };
    }
  }
  if (digits && !scaled && /^\d{4}$/.test(t.norm) && value >= 1900 && value <= 2100)
    return quantity(value, 'year', at, j);
  return quantity(value, 'plain', at, j);
}

/** Words that are a whole quantity on their own: ordinals, shares, multiples, "doubled". */
function specialWords(tokens: Token[], i: number, at: number): Quantity | null {
  const t = tokens[i]!;
  if (t.kind !== 'word') return null;
  if (GROWTH_MULTIPLE_WORDS[t.norm] !== undefined)
    return { ...quantity(GROWTH_MULTIPLE_WORDS[t.norm]!, 'percent', at, i + 1), growth: true };
  if (MULTIPLE_WORDS[t.norm] !== undefined)
    return quantity(MULTIPLE_WORDS[t.norm]!, 'times', at, i + 1);
  // "a third of", "one third", "two thirds", "la mitad", "la tercera parte", "un tercio".
  const n = word(t, 'a', 'one', 'un', 'una', 'la') ? 1 : (SMALL_NUMBERS[t.norm] ?? null);
  const next = n !== null ? tokens[i + 1] : t;
  const k = n !== null ? i + 1 : i;
  if (next?.kind === 'word') {
    const stem = next.norm.replace(/s$/, '');
    const share = SHARE_WORDS[next.norm] ?? SHARE_WORDS[stem];
    const needsParte = stem === 'tercera' || stem === 'cuarta' || stem === 'quinta';
    if (
      share !== undefined &&
      (needsParte ? word(tokens[k + 1], 'parte', 'partes') : true) &&
      (word(tokens[k + 1], 'of', 'de', 'del', 'parte', 'partes') || stem === 'mitad')
    ) {
      const end = needsParte ? k + 2 : k + 1;
      if (stem === 'half' && n === null && !word(tokens[k + 1], 'of')) return null;
      return quantity((n ?? 1) * share, 'percent', at, end);
    }
  }
  if (ORDINALS[t.norm] !== undefined) return quantity(ORDINALS[t.norm]!, 'rank', at, i + 1);
  // "number one", "No. 2", "#1", "número uno".
  if (word(t, 'number', 'no', 'numero') || isSymbol(t, '#')) {
    const v = tokens[i + 1];
    if (v?.kind === 'number' && /^\d{1,2}$/.test(v.norm))
      return quantity(Number(v.norm), 'rank', at, i + 2);
    if (v?.kind === 'word' && word(t, 'number', 'numero') && SMALL_NUMBERS[v.norm] !== undefined)
      return quantity(SMALL_NUMBERS[v.norm]!, 'rank', at, i + 2);
  }
  return null;
}

/**
 * Digits, or number words with "hundred", "and"/"y" and fractions: "two and a half",
 * "a trillion" (an article before a scale is one), "half a trillion", "dos y medio",
 * "trescientos veinticuatro", "2 and a half".
 */
function readNumber(
  tokens: Token[],
  i: number,
  language: Language,
): { value: number; end: number } | null {
  const t = tokens[i]!;
  let j = i;
  let value: number;
  if (t.kind === 'number') {
    value = parseNumber(t.norm, language);
    if (!Number.isFinite(value)) return null;
    j++;
  } else if (t.kind === 'word' && word(t, 'a', 'an') && isScaleWord(tokens[i + 1])) {
    value = 1;
    j++;
  } else if (word(t, 'half') && word(tokens[i + 1], 'a', 'an') && isScaleWord(tokens[i + 2])) {
    return { value: 0.5, end: i + 2 };
  } else if (word(t, 'medio', 'media') && isScaleWord(tokens[i + 1])) {
    return { value: 0.5, end: i + 1 };
  } else if (t.kind === 'word' && SMALL_NUMBERS[t.norm] !== undefined) {
    // "un"/"una" are numbers only before a scale ("un billón"), never as articles.
    if (word(t, 'un', 'una', 'one') && !isScaleWord(tokens[i + 1]) && !word(t, 'one')) return null;
    value = 0;
    let current = 0;
    while (j < tokens.length) {
      const w = tokens[j]!;
      if (w.kind !== 'word') break;
      if (SMALL_NUMBERS[w.norm] !== undefined) current += SMALL_NUMBERS[w.norm]!;
      else if (HUNDRED.has(w.norm)) current = (current || 1) * 100;
      else if (
        w.norm === 'mil' &&
        language === 'es' &&
        !word(tokens[j + 1], 'millones', 'millon')
      ) {
        value += (current || 1) * 1000;
        current = 0;
      } else if (
        (w.norm === 'and' || w.norm === 'y') &&
        SMALL_NUMBERS[tokens[j + 1]?.norm ?? ''] !== undefined
      ) {
        // "one hundred and five", "treinta y cinco"
      } else break;
      j++;
    }
    value += current;
  } else return null;
  // "and a half", "y medio"
  if (word(tokens[j], 'and') && word(tokens[j + 1], 'a') && word(tokens[j + 2], 'half')) {
    value += 0.5;
    j += 3;
  } else if (word(tokens[j], 'y') && word(tokens[j + 1], 'medio', 'media')) {
    value += 0.5;
    j += 2;
  } else if (word(tokens[j], 'and') && FRACTIONS[tokens[j + 1]?.norm ?? ''] !== undefined) {
    value += FRACTIONS[tokens[j + 1]!.norm]!;
    j += 2;
  }
  return { value, end: j };
}

function isScaleWord(t: Token | undefined): boolean {
  return (
    t !== undefined &&
    t.kind === 'word' &&
    SCALES[t.norm] !== undefined &&
    !DIGIT_ONLY_SCALES.has(t.norm)
  );
}

function quantity(value: number, unit: Quantity['unit'], start: number, end: number): Quantity {
  // 536.8 × 10⁹ is 536799999999.99994 in binary floating point: keep what was written.
  return {
    value: Number(value.toPrecision(15)),
    unit,
    start,
    end,
    measure: null,
    growth: false,
    step: null,
  };
}

/** The last written digit's value, scaled: "243.3" billion → 0.1 billion; "300" → 1. */
function lastDigit(raw: string, written: number, value: number): number | null {
  if (written === 0) return null;
  const digits = raw.replace(/[^\d]/g, '');
  const intDigits = String(Math.trunc(written)).length;
  const decimals = Math.max(
    0,
    digits.length - (Math.trunc(written) === 0 ? digits.replace(/^0+/, '').length : intDigits),
  );
  const scale = value / written;
  if (Math.abs(Math.log10(scale) - Math.round(Math.log10(scale))) > 1e-9) return null;
  const step = Math.pow(10, -decimals) * scale;
  return Number(step.toPrecision(15));
}
