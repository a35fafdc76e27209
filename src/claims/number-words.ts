/**
 * Numbers written as words, in English and Spanish, keyed by folded word. Scales multiply what
 * came before them; "billion" is 10^9 but the Spanish "billón" is 10^12 (a million millions),
 * and "mil millones" (a thousand millions) is the Spanish billion.
 */

/** Words that add their value: "twenty", "five", "veinticinco", "quinientos". */
export const SMALL_NUMBERS: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  cero: 0,
  uno: 1,
  una: 1,
  un: 1,
  dos: 2,
  tres: 3,
  cuatro: 4,
  cinco: 5,
  seis: 6,
  siete: 7,
  ocho: 8,
  nueve: 9,
  diez: 10,
  once: 11,
  doce: 12,
  trece: 13,
  catorce: 14,
  quince: 15,
  dieciseis: 16,
  diecisiete: 17,
  dieciocho: 18,
  diecinueve: 19,
  veinte: 20,
  veintiuno: 21,
  veintiun: 21,
  veintidos: 22,
  veintitres: 23,
  veinticuatro: 24,
  veinticinco: 25,
  veintiseis: 26,
  veintisiete: 27,
  veintiocho: 28,
  veintinueve: 29,
  treinta: 30,
  cuarenta: 40,
  cincuenta: 50,
  sesenta: 60,
  setenta: 70,
  ochenta: 80,
  noventa: 90,
  cien: 100,
  ciento: 100,
  doscientos: 200,
  doscientas: 200,
  trescientos: 300,
  trescientas: 300,
  cuatrocientos: 400,
  cuatrocientas: 400,
  quinientos: 500,
  quinientas: 500,
  seiscientos: 600,
  seiscientas: 600,
  setecientos: 700,
  setecientas: 700,
  ochocientos: 800,
  ochocientas: 800,
  novecientos: 900,
  novecientas: 900,
};

/** "hundred" multiplies the small number just before it ("three hundred"). */
export const HUNDRED = new Set(['hundred']);

/**
 * Scales multiply everything read so far. "mil" is a thousand in Spanish; in English news
 * copy "$324 mil" is a million, and "mil millones" is always the Spanish thousand millions.
 */
export const SCALES: Record<string, number> = {
  thousand: 1e3,
  thousands: 1e3,
  k: 1e3,
  million: 1e6,
  millions: 1e6,
  mn: 1e6,
  mln: 1e6,
  m: 1e6,
  billion: 1e9,
  billions: 1e9,
  bn: 1e9,
  bln: 1e9,
  b: 1e9,
  bil: 1e9,
  trillion: 1e12,
  trillions: 1e12,
  tn: 1e12,
  trn: 1e12,
  tr: 1e12,
  mil: 1e3,
  miles: 1e3,
  millon: 1e6,
  millones: 1e6,
  millardo: 1e9,
  millardos: 1e9,
  billon: 1e12,
  billones: 1e12,
  trillon: 1e18,
  trillones: 1e18,
};

/** Single letters are scales only straight after digits ("2.5bn", "$7.6m"). */
export const DIGIT_ONLY_SCALES = new Set(['k', 'm', 'b', 'mn', 'bn', 'tn', 'tr']);

/** Mexican press abbreviations that carry both scale and currency. */
export const MONEY_ABBREVIATIONS: Record<string, number> = {
  mdd: 1e6,
  mmdd: 1e9,
  mmd: 1e9,
};

/** Fractions: "two and a half", "half a trillion", "dos y medio". */
export const FRACTIONS: Record<string, number> = {
  half: 0.5,
  quarter: 0.25,
  medio: 0.5,
  media: 0.5,
};

/** Shares said in words: "half of", "a third of", "la mitad", "un tercio". */
export const SHARE_WORDS: Record<string, number> = {
  half: 50,
  third: 100 / 3,
  quarter: 25,
  mitad: 50,
  tercio: 100 / 3,
  tercera: 100 / 3,
  cuarta: 25,
  fifth: 20,
  quinta: 20,
};

/** Multiples: "twice as much", "el doble", "triple". */
export const MULTIPLE_WORDS: Record<string, number> = {
  twice: 2,
  double: 2,
  triple: 3,
  thrice: 3,
  quadruple: 4,
  doble: 2,
  cuadruple: 4,
};

/** Growth said as a multiple: "doubled" is +100%, "se duplicó" too. */
export const GROWTH_MULTIPLE_WORDS: Record<string, number> = {
  doubled: 100,
  tripled: 200,
  quadrupled: 300,
  halved: -50,
  duplico: 100,
  duplicaron: 100,
  duplicado: 100,
  triplico: 200,
  triplicaron: 200,
  triplicado: 200,
};

export const ORDINALS: Record<string, number> = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
  primer: 1,
  primero: 1,
  primera: 1,
  segundo: 2,
  segunda: 2,
  tercer: 3,
  tercero: 3,
  tercera: 3,
  cuarto: 4,
  cuarta: 4,
  quinto: 5,
  quinta: 5,
  sexto: 6,
  sexta: 6,
  septimo: 7,
  septima: 7,
  octavo: 8,
  octava: 8,
  noveno: 9,
  novena: 9,
  decimo: 10,
  decima: 10,
};

/** Suffixes after digits that make an ordinal: "2nd", "3rd", "2º". */
export const ORDINAL_SUFFIXES = new Set(['st', 'nd', 'rd', 'th', 'o', 'a', 'er', 'º', '°']);
