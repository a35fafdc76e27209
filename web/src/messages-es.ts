import { integer } from './format.ts';
import type { Lang } from './i18n.ts';
import { waitWord } from './labels.ts';

/**
 * Spanish for the messages the API writes in English: its lookup and coverage errors (built by
 * `LookupError` and `CoverageError` in src/analytics/lookup-error.ts, always in the same
 * shape) and the data notes the state profile adds. Names, codes and periods inside them are
 * kept; the sentence around them is translated. A message no pattern knows is returned as is,
 * marked English, so the page can say so (`lang="en"`).
 */

const WHAT: [RegExp, string][] = [
  [/^BTS TransBorder freight$/, 'la carga TransBorder de la BTS'],
  [/^BTS Border Crossing data$/, 'los datos de cruces fronterizos de la BTS'],
  [/^BTS crossings at (.+)$/, 'los cruces de la BTS en $1'],
  [/^BTS (.+) crossings(.*)$/, 'los cruces de la BTS ($1)$2'],
  [/^CBP wait times (?:at|in) (.+)$/, 'los tiempos de espera de la CBP en $1'],
  [/^Census product-level trade$/, 'el comercio por producto del Censo'],
  [/^Census product-level export$/, 'las exportaciones por producto del Censo'],
  [
    /^Census product-level import_(general|consumption)$/,
    'las importaciones por producto del Censo',
  ],
  [/^Census partner trade$/, 'el comercio por socio del Censo'],
  [/^Census trade with (.+)$/, 'el comercio del Censo con $1'],
  [/^Census country\.xlsx( revisions)?$/, 'country.xlsx del Censo'],
  [
    /^Full-year HTS10 imports for consumption \(Census API, year to date at December\)$/,
    'las importaciones para consumo HTS10 de año completo (API del Censo, acumulado a diciembre)',
  ],
  [/^The USITC tariff database$/, 'la base de datos arancelaria de la USITC'],
];

const TERMS: [RegExp, string][] = [
  [/^any period$/, 'ningún periodo'],
  [/^any month$/, 'ningún mes'],
  [/^any year$/, 'ningún año'],
  [/^any crossing$/, 'ningún cruce'],
  [
    /^nothing yet: ingest Census API extracts$/,
    'nada todavía: cargue extractos de la API del Censo',
  ],
  [/^nothing yet$/, 'nada todavía'],
  [/^nothing: run frontera ingest$/, 'nada: ejecute frontera ingest'],
  [/^nothing$/, 'nada'],
  [/^none loaded$/, 'nada cargado'],
  [/^no full year$/, 'ningún año completo'],
  [/^no year$/, 'ningún año'],
  [/^no schedule year$/, 'ningún año del arancel'],
  [
    /^(\d+) ports with CBP readings, e\.g\.\s*(.*)$/,
    '$1 puertos con lecturas de la CBP, p. ej. $2',
  ],
  [/^no month: no TransBorder file is loaded$/, 'ningún mes: no hay archivos TransBorder cargados'],
];

const THINGS: Record<string, [one: string, many: string]> = {
  port: ['puerto', 'puertos'],
  product: ['producto', 'productos'],
  'HS code': ['código SA', 'códigos SA'],
  'US state': ['estado de EE. UU.', 'estados de EE. UU.'],
  'Mexican state': ['estado de México', 'estados de México'],
  partner: ['socio', 'socios'],
  country: ['país', 'países'],
  crossing: ['cruce', 'cruces'],
  measure: ['medida', 'medidas'],
  city: ['ciudad', 'ciudades'],
};

/** A figure as the API writes it ("13144", "331,248,059,964") in the page's convention. */
const figure = (lang: Lang, n: string) => integer(lang, Number(n.replaceAll(',', '')));

/** Where the engine read a Chinese line's Section 301 list (src/tariffs/tariff-baseline.ts). */
const LIST_SOURCE: [RegExp, string][] = [
  [/^the 2026 note 20 lists$/, 'las listas de la nota 20 de 2026'],
  [
    /^the 2025 HTS footnotes \(lines the four-year review moved off the 2026 lists, or listed only there\)$/,
    'las notas al pie de la HTS de 2025 (líneas que la revisión cuatrienal sacó de las listas de 2026, o que solo figuran ahí)',
  ],
  [
    /^the USITC table of 1 January 2020 \(lines the four-year review moved off the 2026 lists\)$/,
    'la tabla de la USITC del 1 de enero de 2020 (líneas que la revisión cuatrienal sacó de las listas de 2026)',
  ],
  [/^no source \(on no list\)$/, 'ninguna fuente (no figuran en ninguna lista)'],
];

const S232_KIND_ES: Record<string, string> = {
  steel: 'acero',
  steel_derivative: 'derivados del acero',
  aluminum: 'aluminio',
  aluminum_derivative: 'derivados del aluminio',
};

type Replacement = string | ((lang: Lang, ...groups: string[]) => string);

const NOTES: [RegExp, Replacement][] = [
  [
    /^ports ending in XX are trade BTS knows only by customs district \(vessels, low-value shipments, mail\), not a port$/,
    'los puertos terminados en XX son comercio que la BTS solo conoce por distrito aduanero (buques, envíos de bajo valor, correo), no un puerto',
  ],
  [
    /^mode and port splits are from dot1 \(state × port\), HS chapters from dot2 \(state × HS2\): the same trade cut two ways, never to be added together$/,
    'medio y puerto provienen de dot1 (estado × puerto); los capítulos del SA, de dot2 (estado × SA2): el mismo comercio en dos cortes, que nunca deben sumarse',
  ],
  [
    /^imports are Census general imports as BTS publishes them; exports include re-exports of foreign goods$/,
    'las importaciones son importaciones generales del Censo tal como las publica la BTS; las exportaciones incluyen reexportaciones de mercancías extranjeras',
  ],
  // The tariff engine's notes (src/tariffs/tariff-baseline.ts, tariff-scenario.ts).
  [
    /^(\d{4}): ([\d,]+) lines \(\$([\d,]+)\) claim USMCA where the database gives no computable USMCA rate \(rate type 9, "see the HTS"\); they keep the MFN rate$/,
    (lang, partner, lines, usd) =>
      `${partner}: ${figure(lang, lines!)} líneas (${figure(lang, usd!)} dólares) reclaman el T-MEC donde la base de datos no da una tasa T-MEC calculable (tipo de tasa 9, «véase la HTS»); conservan la tasa NMF`,
  ],
  [
    /^Section 301 list read from (.+): ([\d,]+) Chinese lines \(\$([\d,]+)\); ([\d,]+) of them \(\$([\d,]+)\) where the 2026 notes, 2025 footnotes and 2020 table disagree \(tariff line <hts10> --partner china names the disagreement\)$/,
    (lang, from, lines, usd, conflicts, conflictUsd) => {
      const src = replaceFirst(LIST_SOURCE, lang, from!);
      return src === null
        ? ''
        : `Lista de la Sección 301 leída de ${src}: ${figure(lang, lines!)} líneas chinas (${figure(lang, usd!)} dólares); en ${figure(lang, conflicts!)} de ellas (${figure(lang, conflictUsd!)} dólares) no coinciden las notas de 2026, las notas al pie de 2025 y la tabla de 2020 (la orden «frontera tariff line <hts10> --partner china» detalla la discrepancia)`;
    },
  ],
  [
    /^no HTSUS chapter 99 text is loaded \(([^)]+)\): Section 301 is not computed, so Chinese duty is understated; load it and run again$/,
    'no hay texto del capítulo 99 de la HTSUS cargado ($1): la Sección 301 no se calcula, por lo que el arancel a China queda subestimado; cárguelo y vuelva a ejecutar',
  ],
  [
    /^no USMCA claim shares are loaded for (\d{4}): the preference is not applied, so Canadian and Mexican duty is overstated$/,
    'no hay participaciones de reclamo del T-MEC cargadas para $1: la preferencia no se aplica, por lo que el arancel a Canadá y México queda sobreestimado',
  ],
  [
    /^Section 232 headings: heading (\S+) \((\w+)\) is in no loaded HTS edition of (\d{4})$/,
    (_, heading, kind, year) =>
      `partidas de la Sección 232: la partida ${heading} (${S232_KIND_ES[kind!] ?? kind}) no está en ninguna edición de la HTS de ${year} cargada`,
  ],
  [
    /^Section 232 headings: (\S+)'s text does not name "(.+)" among its exceptions$/,
    'partidas de la Sección 232: el texto de $1 no menciona «$2» entre sus excepciones',
  ],
  [
    /^Section 232 headings: (\S+) is already in the (\d{4}) edition, though it began on (\S+)$/,
    'partidas de la Sección 232: $1 ya figura en la edición de $2, aunque entró en vigor el $3',
  ],
  [
    /^the Section 232 regime encoded is the one in force (\S+) – (\S+); (\d{4}) lies outside it$/,
    'el régimen de la Sección 232 codificado es el vigente del $1 al $2; $3 queda fuera de él',
  ],
  [
    /^ESTIMATE: added duty by HS chapter split by each chapter's TransBorder imports by US state of destination \(dot2\) and port of entry \(dot3\), (.+); not an official figure$/,
    'ESTIMACIÓN: arancel adicional por capítulo del SA repartido según las importaciones TransBorder de cada capítulo por estado de destino en EE. UU. (dot2) y puerto de entrada (dot3), $1; no es una cifra oficial',
  ],
  [
    /^added duty is static: imports are held at their recorded value \(no change in quantities, prices or sourcing\)$/,
    'el arancel adicional es estático: las importaciones se mantienen en su valor registrado (sin cambios en cantidades, precios ni proveedores)',
  ],
  [
    /^baseline is the engine’s statutory duty \(see tariff baseline\), not Census calculated duty$/,
    'la línea base es el arancel legal que calcula el motor (véase la línea base arancelaria), no el arancel calculado del Censo',
  ],
  [
    /^TransBorder has no rows for (.+) \((\w+)\) in (\S+)$/,
    'TransBorder no tiene filas de $1 ($2) en $3',
  ],
  [
    /^dot2 \(state × HS2\) rows are missing for (\S+): HS chapter splits are incomplete$/,
    'faltan filas de dot2 (estado × SA2) para $1: la división por capítulo del SA está incompleta',
  ],
];

function replaceFirst(table: [RegExp, Replacement][], lang: Lang, text: string): string | null {
  for (const [re, es] of table) {
    const m = re.exec(text);
    if (!m) continue;
    if (typeof es === 'string') return text.replace(re, es);
    // An empty result: a part of the note no table knows, so the note stays English.
    return es(lang, ...m.slice(1).map((g) => g ?? '')) || null;
  }
  return null;
}

const term = (s: string) => replaceFirst(TERMS, 'es', s.trim()) ?? s;

/** An API error message in the page's language; `en` says it could not be translated. */
export function apiMessage(lang: Lang, message: string): { text: string; en: boolean } {
  if (lang === 'en') return { text: message, en: false };
  const unknown = /^unknown (.+?) "(.*)"(?:; closest: (.*))?$/.exec(message);
  if (unknown && THINGS[unknown[1]!]) {
    const [, what, asked, closest] = unknown;
    return {
      text: `No se encontró el ${THINGS[what!]![0]} «${asked}»${closest ? `; los más parecidos: ${closest}` : ''}`,
      en: false,
    };
  }
  const several =
    /^"(.*)" matches several (.+?)s: (.*?); say which(?:; (.+) is across the border from each \(.*\))?$/.exec(
      message,
    );
  if (several && THINGS[several[2]!]) {
    const [, asked, what, list, city] = several;
    return {
      text: `«${asked}» corresponde a varios ${THINGS[what!]![1]}: ${list}; indique cuál${city ? ` (${city} está frente a cada uno, según la tabla de ciudades hermanas de Frontera con nombres de puertos de la CBP y la BTS)` : ''}`,
      en: false,
    };
  }
  // The forecast's refusal of lanes too thinly read (src/forecast/wait-forecast.ts).
  const thin =
    /^too little history to forecast (.+): a lane needs (\d+) hourly readings in the (\d+) weeks before the origin$/.exec(
      message,
    );
  if (thin) {
    const lanes = thin[1]!
      .replaceAll('hourly readings)', 'lecturas horarias)')
      .replace(/\b(\w+):(\w+)\b/g, (_, type: string, kind: string) =>
        [waitWord('es', type), waitWord('es', kind)].join(' '),
      );
    return {
      text: `historial insuficiente para pronosticar ${lanes}: un carril necesita ${thin[2]} lecturas horarias en las ${thin[3]} semanas anteriores al origen`,
      en: false,
    };
  }
  const coverage = /^(.+) has no data for (.+?); loaded data covers (.+)$/.exec(message);
  if (coverage) {
    const what = replaceFirst(WHAT, 'es', coverage[1]!);
    if (what)
      return {
        text: `No hay datos de ${what} para ${term(coverage[2]!)}; los datos cargados cubren ${term(coverage[3]!)}`,
        en: false,
      };
  }
  return { text: message, en: true };
}

/**
 * A data note of a profile in the page's language, or as is (marked English) when unknown. A
 * note that opens with a Census partner code ("1220: 37 lines …") opens with the partner's name
 * instead, when `partnerName` is given.
 */
export function dataNote(
  lang: Lang,
  note: string,
  partnerName?: (code: string) => string,
): { text: string; en: boolean } {
  const named = partnerName
    ? note.replace(/^(\d{4}): /, (_, code: string) => `${partnerName(code)}: `)
    : note;
  if (lang === 'en') return { text: named, en: false };
  const es = replaceFirst(NOTES, lang, note);
  if (es === null) return { text: named, en: true };
  return {
    text: partnerName
      ? es.replace(/^(\d{4}): /, (_, code: string) => `${partnerName(code)}: `)
      : es,
    en: false,
  };
}

/** Schedule D's catch-all names, in Spanish: "Port Arthur Customs District n.e.c.". */
export function portLabel(lang: Lang, label: string): string {
  return lang === 'es'
    ? label
        .replace(/ Customs District n\.e\.c\.$/, ', distrito aduanero (n.e.p.)')
        .replace(/^Low Value n\.e\.c\.$/, 'Envíos de bajo valor (n.e.p.)')
    : label;
}
