import type { Verdict } from './verdict.ts';

/*
 * Spanish wording of the checker's explanations. The parts every verdict has — the frame, the
 * verdict, the rule, the reasons a measurer wrote in both languages, the common labels — are
 * written here; a reason only a measurer knows in English is translated by pattern, and one
 * no pattern covers is quoted as written, marked as English, rather than guessed.
 */

export const VERDICT_ES: Record<Verdict, string> = {
  accurate: 'Exacta',
  approximately_accurate: 'Aproximadamente exacta',
  inaccurate: 'Inexacta',
  not_verifiable: 'No verificable',
};

export function notVerifiableEs(reason: string, wouldDecide: string): string {
  return `No verificable: ${reason}. Lo decidiría: ${wouldDecide}.`;
}

const PATTERNS: [RegExp, (...m: string[]) => string][] = [
  [
    /^Census trade with (.+) has no data for (.+); loaded data covers (.+)$/,
    (p, y, l) =>
      `el comercio del Census con ${p} no tiene datos para ${y}; los datos cargados cubren ${l}`,
  ],
  [
    /^a Census country\.xlsx release covering (.+)$/,
    (p) => `una publicación country.xlsx del Census que cubra ${p}`,
  ],
  [/^the figure is right for (\d{4}): (.+)$/i, (y, v) => `la cifra es correcta para ${y}: ${v}`],
  [
    /^BTS crossings are not loaded for (\d{4}); loaded: (.*)$/,
    (y, l) => `los cruces de BTS no están cargados para ${y}; cargado: ${l}`,
  ],
  [
    /^(\d{4}) is loaded for (\d+) month\(s\) only; the statement is about the whole year$/,
    (y, n) => `${y} está cargado solo para ${n} mes(es); la afirmación trata del año completo`,
  ],
  [
    /^the statement is about a whole year, and BTS TransBorder is loaded for (.*) only$/,
    (l) => `la afirmación trata de un año completo, y BTS TransBorder está cargado solo para ${l}`,
  ],
  [
    /^BTS Border Crossing Entry Data for (.*)$/,
    (p) => `los datos de cruces fronterizos de BTS (Border Crossing Entry Data) de ${p}`,
  ],
  [
    /^BTS Border Crossing Entry Data with all of (\d{4})$/,
    (y) => `los datos de cruces fronterizos de BTS con todo ${y}`,
  ],
  [
    /^a Census country\.xlsx release \(or FT-900 \/ International Trade API country totals\) covering (.*)$/,
    (p) =>
      `una publicación country.xlsx del Census (o los totales por país del FT-900 o de la International Trade API) que cubra ${p}`,
  ],
  [/^BTS TransBorder raw files for (.*)$/, (p) => `los archivos de BTS TransBorder de ${p}`],
  [
    /^BTS TransBorder raw files \(dot1\) for all twelve months of the year$/,
    () => 'los archivos de BTS TransBorder (dot1) de los doce meses del año',
  ],
  [
    /^Census International Trade API product-level data for (.*)$/,
    (p) => `los datos por producto de la International Trade API del Census de ${p}`,
  ],
  [
    /^a name the loaded code lists know$/,
    () => 'un nombre que conozcan las listas de códigos cargadas',
  ],
  [
    /^a partner, US state, port or product the loaded code lists know$/,
    () =>
      'un socio, estado de EE. UU., puerto o producto que conozcan las listas de códigos cargadas',
  ],
  [
    /^the statement names no partner, state, port or product$/,
    () => 'la afirmación no nombra ningún socio, estado, puerto ni producto',
  ],
  [
    /^the statement's figure is in (.*), and what the data measure for it \((.*)\) is in (.*)$/,
    (a, l, b) =>
      `la cifra de la afirmación está en ${UNIT_ES[a] ?? a}, y lo que los datos miden para ella (${labelEs(l)}) está en ${UNIT_ES[b] ?? b}`,
  ],
  [/^a measurement in the statement's unit$/, () => 'una medición en la unidad de la afirmación'],
];

const UNIT_ES: Record<string, string> = {
  'US dollars': 'dólares',
  'a count (vehicles, trucks, containers, passengers, pedestrians)':
    'un conteo (vehículos, camiones, contenedores, pasajeros, peatones)',
  percent: 'por ciento',
  'a multiple': 'un múltiplo',
  'a rank': 'un lugar',
};

/** A reason or "would decide" written in English, in Spanish where a pattern knows it. */
export function reasonEs(en: string): string {
  for (const [re, f] of PATTERNS) {
    const m = re.exec(en);
    if (m) return f(...m.slice(1));
  }
  return `${en} (en inglés en el original)`;
}

const LABELS: [RegExp, (...m: string[]) => string][] = [
  [
    /^Growth of US exports to (.+), (\S+)$/,
    (p, t) => `crecimiento de las exportaciones de EE. UU. a ${p}, ${t}`,
  ],
  [
    /^Growth of US imports from (.+), (\S+)$/,
    (p, t) => `crecimiento de las importaciones de EE. UU. desde ${p}, ${t}`,
  ],
  [/^US exports to (.+), (\S+)$/, (p, t) => `exportaciones de EE. UU. a ${p}, ${t}`],
  [/^US imports from (.+), (\S+)$/, (p, t) => `importaciones de EE. UU. desde ${p}, ${t}`],
  [/^US two-way trade with (.+), (\S+)$/, (p, t) => `comercio total de EE. UU. con ${p}, ${t}`],
  [
    /^(.+)'s exports to the world \(INEGI\), (\d{4})$/,
    (s, y) => `exportaciones de ${s} al mundo (INEGI), ${y}`,
  ],
  [
    /^(.+)'s place among Mexico's 32 states by exports \(INEGI\), (\d{4})$/,
    (s, y) => `lugar de ${s} entre los 32 estados de México por exportaciones (INEGI), ${y}`,
  ],
  [
    /^(.+)'s share of Mexico's exports \(INEGI, sum of the states\), (\d{4})$/,
    (s, y) =>
      `participación de ${s} en las exportaciones de México (INEGI, suma de los estados), ${y}`,
  ],
  [
    /^Trucks entering the US at (.+), (\S+)$/,
    (p, t) => `camiones que entran a EE. UU. por ${p}, ${t}`,
  ],
  [
    /^Trucks entering the US across the (.+) border, (\S+)$/,
    (b, t) => `camiones que entran a EE. UU. por la frontera ${b}, ${t}`,
  ],
];

/** What a measured figure is, in Spanish where the label is one of the common ones. */
export function labelEs(en: string): string {
  for (const [re, f] of LABELS) {
    const m = re.exec(en);
    if (m) return f(...m.slice(1));
  }
  return en;
}

export function differenceEs(display: string): string {
  return display
    .replace(/percentage points?/, 'puntos porcentuales')
    .replace(/places?$/, 'lugar(es)');
}

/** "$324.4 billion" → "324.4 mil millones de dólares": dollar amounts as Spanish writes them. */
export function amountsEs(text: string): string {
  const words: Record<string, string> = {
    trillion: 'billones',
    billion: 'mil millones',
    million: 'millones',
  };
  return text.replace(
    /\$([\d.,]+) (trillion|billion|million)\b/g,
    (_m, n: string, w: string) => `${n} ${words[w]} de dólares`,
  );
}
