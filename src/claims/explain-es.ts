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
    (y, l) =>
      `los cruces de BTS no están cargados para ${y}; cargado: ${l.replace(/\((\d+) months of (\d{4})\)/, '($1 meses de $2)').replace(/^nothing$/, 'nada')}`,
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
  [
    /^(\d{4}) is loaded for (\d+) months? only \(year to date\); the statement is about the whole year$/,
    (y, n) =>
      `${y} está cargado solo para ${n} mes(es) (lo que va del año); la afirmación trata del año completo`,
  ],
  [
    /^a Census country\.xlsx release with all twelve months of (\d{4})$/,
    (y) => `una publicación country.xlsx del Census con los doce meses de ${y}`,
  ],
  [
    /^the statement is about a whole year \((\d{4})\), and BTS TransBorder is loaded for (.*) only$/,
    (y, l) =>
      `la afirmación trata de un año completo (${y}), y BTS TransBorder está cargado solo para ${l}`,
  ],
  [
    /^BTS TransBorder raw files \(dot1\) for all twelve months of (\d{4})$/,
    (y) => `los archivos de BTS TransBorder (dot1) de los doce meses de ${y}`,
  ],
  [
    /^product-level (exports|imports|[a-z_-]+) data are not loaded \((.*)\)$/,
    (f, c) =>
      `no están cargados datos por producto de ${FLOW_ES[f] ?? f} (${c.replace(/^the loaded Census product-level data is imports for consumption, (.+?), from (.+?) only \(HS10 lines\)$/, 'los datos por producto del Census cargados son importaciones para consumo, $1, solo desde $2 (líneas HS10)')})`,
  ],
  [
    /^Census International Trade API (exports\/hs|exports\/hs and imports\/hs) by partner for the year$/,
    (d) =>
      `los datos ${d
        .split(' and ')
        .map((x) => `«${x}»`)
        .join(' y ')} de la International Trade API del Census por socio para el año`,
  ],
  [
    /^unknown (partner|port|product|state) "(.+)"; closest: (.+)$/,
    (k, n, c) =>
      `${{ partner: 'socio', port: 'puerto', product: 'producto', state: 'estado' }[k]} desconocido «${n}»; los más parecidos: ${c}`,
  ],
  [
    /^The figure is (right|approximately right) for (\d{4}): (.+)\.$/,
    (r, y, v) =>
      `La cifra es ${r === 'right' ? 'correcta' : 'aproximadamente correcta'} para ${y}: ${v}.`,
  ],
  [
    /^The figure (matches, to the precision stated,|is right for) the (\S+) release of country\.xlsx \((.+)\); the current release \((\S+)\) has (.+): Census revised it\.$/,
    (how, v, a, cur, b) =>
      `La cifra ${how === 'is right for' ? 'es correcta para' : 'coincide, con la precisión indicada, con'} la publicación ${v} de country.xlsx (${a}); la publicación vigente (${cur}) da ${b}: el Census la revisó.`,
  ],
  [
    /^no period stated: checked against (\d{4}), the last complete year before the statement \((.+)\)$/,
    (y, d) =>
      `sin periodo: se comprueba con ${y}, el último año completo anterior a la afirmación (${d})`,
  ],
  [
    /^no period stated: checked against (\d{4}), the latest complete year of (.+) loaded \(the statement was made (.+); (.+) is not loaded\)$/,
    (y, w, d, b) =>
      `sin periodo: se comprueba con ${y}, el último año completo de ${w} cargado (la afirmación es del ${d}; ${b} no está cargado)`,
  ],
  [
    /^no period stated: checked against (\d{4}), the latest product year loaded$/,
    (y) => `sin periodo: se comprueba con ${y}, el último año de productos cargado`,
  ],
  [
    /^inbound crossings at land ports as BTS counts them \(each entry of a (.+), not distinct (.+)\)$/,
    () =>
      'entradas por puertos terrestres tal como las cuenta BTS (cada entrada, no vehículos distintos)',
  ],
  [
    /^imports are Census general imports as BTS publishes them; exports include re-exports of foreign goods$/,
    () =>
      'importaciones generales del Census tal como las publica BTS; las exportaciones incluyen reexportaciones de bienes extranjeros',
  ],
  [
    /^imports for consumption \(Census API\), which differ slightly from the general imports of the country totals$/,
    () =>
      'importaciones para consumo (API del Census), que difieren un poco de las importaciones generales de los totales por país',
  ],
  [
    /^INEGI \(Mexico-side\) exports of the state to all countries, mining and manufacturing \(agriculture from 2018\); not US imports from Mexico, which Census does not publish by Mexican state$/,
    () =>
      'exportaciones del estado a todos los países según INEGI (lado mexicano), minería y manufactura (agricultura desde 2018); no son importaciones de EE. UU. desde México, que el Census no publica por estado mexicano',
  ],
  [/^(\d{4}) is preliminary in INEGI's table$/, (y) => `${y} es preliminar en la tabla del INEGI`],
  [
    /^surface and other modes as TransBorder records them; the value, not the tonnage$/,
    () => 'transporte terrestre y demás modos según TransBorder; el valor, no el tonelaje',
  ],
  [
    /^([\d.]+%) of the value is classified as intermediate, capital or consumption goods \(BEC 2022\); the rest is not, and none is guessed$/,
    (x) =>
      `el ${x} del valor está clasificado como bienes intermedios, de capital o de consumo (BEC 2022); el resto no, y no se adivina nada`,
  ],
  [
    /^HS10 lines of (\d{4}); an HS6 with several BEC codes is split evenly among them$/,
    (y) =>
      `líneas HS10 de ${y}; una subpartida SA6 con varios códigos BEC se reparte por igual entre ellos`,
  ],
  [
    /^product lines whose value is fully classified by end use \(HS6 → BEC correspondence and SNA end use for every line\)$/,
    () =>
      'líneas de producto cuyo valor esté clasificado por completo por uso final (correspondencia HS6 → BEC y uso final SNA para cada línea)',
  ],
  [
    /^said from the partner's side: checked as the US record of the same trade; the partner's own statistics \(e\.g\. INEGI for Mexico\) need not match$/,
    () =>
      'dicho desde el lado del socio: se comprueba con el registro de EE. UU. del mismo comercio; las estadísticas propias del socio (p. ej., INEGI para México) pueden no coincidir',
  ],
  [/^first three: (.+)$/, (x) => `los tres primeros: ${amountsEs(x)}`],
  [
    /^of (\d+) countries; first three: (.+)$/,
    (n, x) => `de ${n} países; los tres primeros: ${amountsEs(x)}`,
  ],
  [/^the next (\d+): (.+)$/, (n, x) => `los ${n} siguientes: ${andEs(x)}`],
  [
    /^rates divide (\d{4})'s total by its (\d+) days$/,
    (y, d) => `las tasas dividen el total de ${y} entre sus ${d} días`,
  ],
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

/** BTS crossing measures and TransBorder modes, as Spanish names them. */
const MEASURE_ES: Record<string, string> = {
  Trucks: 'camiones',
  Truck: 'camión',
  'Truck Containers Loaded': 'contenedores de camión cargados',
  'Truck Containers Empty': 'contenedores de camión vacíos',
  'Personal Vehicles': 'vehículos particulares',
  'Personal Vehicle Passengers': 'pasajeros de vehículos particulares',
  Pedestrians: 'peatones',
  Buses: 'autobuses',
  'Bus Passengers': 'pasajeros de autobús',
  Trains: 'trenes',
  'Train Passengers': 'pasajeros de tren',
  'Rail Containers Loaded': 'contenedores de ferrocarril cargados',
  'Rail Containers Empty': 'contenedores de ferrocarril vacíos',
  Rail: 'ferrocarril',
  Pipeline: 'ducto',
  Air: 'aéreo',
  Vessel: 'marítimo',
  Mail: 'correo',
  'Foreign Trade Zones': 'zonas francas',
  Other: 'otros',
};
const measureEs = (m: string) => MEASURE_ES[m] ?? `«${m}»`;

const FLOW_ES: Record<string, string> = {
  exports: 'exportaciones',
  imports: 'importaciones',
  'two-way': 'comercio total',
  two_way: 'comercio total',
  balance: 'saldo',
  'trade balance': 'saldo comercial',
  'trade deficit': 'déficit comercial',
  'trade surplus': 'superávit comercial',
  deficit: 'déficit',
  surplus: 'superávit',
};
const BORDER_ES: Record<string, string> = {
  'US–Mexico': 'entre EE. UU. y México',
  'US–Canada': 'entre EE. UU. y Canadá',
};
const RANK_ES: Record<string, string> = {
  'US export market': 'mercado de las exportaciones de EE. UU.',
  'source of US imports': 'origen de las importaciones de EE. UU.',
  'US trading partner': 'socio comercial de EE. UU.',
  'US trade balance': 'saldo comercial de EE. UU.',
};
const PER_ES: Record<string, string> = {
  day: 'día',
  hour: 'hora',
  week: 'semana',
  month: 'mes',
  minute: 'minuto',
  second: 'segundo',
};
const END_USE_ES: Record<string, string> = {
  intermediate: 'bienes intermedios',
  capital: 'bienes de capital',
  consumption: 'bienes de consumo',
};

/**
 * What a measurer's label names, in Spanish: the labels are built from a few phrases ("US
 * exports to X", "X's place as a …", "A over B", "… per day"), each translated here, nesting
 * as the measurers nest them. Names from the data (partners, ports, HS descriptions) are kept;
 * an HS description, being English text, is quoted in «».
 */
const PHRASES: [RegExp, (...m: string[]) => string][] = [
  [/^(?:Growth|growth) of (.+)$/, (x) => `crecimiento de ${phraseEs(x)}`],
  [/^(?:Change|change) in (.+)$/, (x) => `variación de ${phraseEs(x)}`],
  [/^(.+) over (.+)$/, (a, b) => `${phraseEs(a)} frente a ${phraseEs(b)}`],
  [/^(.+) per person in (.+)$/, (x, p) => `${phraseEs(x)} por habitante de ${andEs(p)}`],
  [/^(.+) per (day|hour|week|month|minute|second)$/, (x, u) => `${phraseEs(x)} por ${PER_ES[u]}`],
  [
    /^(.+) as a share of all US (exports|imports|two-way trade|trade)$/,
    (x, f) =>
      `${phraseEs(x)} como participación del total de ${f === 'exports' ? 'las exportaciones' : f === 'imports' ? 'las importaciones' : 'el comercio'} de EE. UU.`,
  ],
  [/^US (exports|imports) with the world$/, (f) => `${FLOW_ES[f]} de EE. UU. al mundo`],
  [/^US exports to (.+)$/, (p) => `exportaciones de EE. UU. a ${andEs(p)}`],
  [/^US imports from (.+)$/, (p) => `importaciones de EE. UU. desde ${andEs(p)}`],
  [/^US two-way trade with (.+)$/, (p) => `comercio total de EE. UU. con ${andEs(p)}`],
  [/^US trade with (.+)$/, (p) => `comercio de EE. UU. con ${andEs(p)}`],
  [
    /^US (trade deficit|trade surplus|trade balance) with (.+)$/,
    (f, p) => `${FLOW_ES[f]} de EE. UU. con ${andEs(p)}`,
  ],
  [/^US (exports|imports)$/, (f) => `${FLOW_ES[f]} de EE. UU.`],
  [/^exports to (.+)$/, (p) => `exportaciones a ${andEs(p)}`],
  [
    /^US imports of (.+) \(HS (\d+)\) from (.+)$/,
    (d, c, p) => `importaciones de EE. UU. de «${d}» (SA ${c}) desde ${andEs(p)}`,
  ],
  [
    /^US exports of (.+) \(HS (\d+)\) to (.+)$/,
    (d, c, p) => `exportaciones de EE. UU. de «${d}» (SA ${c}) a ${andEs(p)}`,
  ],
  [
    /^(.+)'s place among countries by the size of the US (deficit|surplus|balance) with them$/,
    (p, f) =>
      `lugar de ${p} entre los países por el tamaño del ${FLOW_ES[f]} de EE. UU. con cada uno`,
  ],
  [/^(.+)'s place as a (.+)$/, (p, r) => `lugar de ${p} como ${RANK_ES[r] ?? `«${r}»`}`],
  [
    /^(.+)'s place among ports on the (US–Mexico|US–Canada) border by (.+)$/,
    (p, b, m) =>
      `lugar de ${p} entre los puertos de la frontera ${BORDER_ES[b]} por ${measureEs(m)}`,
  ],
  [
    /^(.+)'s place among ports of all land ports by (.+)$/,
    (p, m) => `lugar de ${p} entre todos los puertos terrestres por ${measureEs(m)}`,
  ],
  [
    /^(.+)'s share of (.+) crossings on the (US–Mexico|US–Canada) border$/,
    (p, m, b) =>
      `participación de ${p} en los cruces de ${measureEs(m)} de la frontera ${BORDER_ES[b]}`,
  ],
  [
    /^(.+)'s share of (.+) crossings of all land ports$/,
    (p, m) =>
      `participación de ${p} en los cruces de ${measureEs(m)} de todos los puertos terrestres`,
  ],
  [/^(.+) entering the US at (.+)$/, (m, p) => `${measureEs(m)} que entran a EE. UU. por ${p}`],
  [
    /^(.+) entering the US across the (US–Mexico|US–Canada) border$/,
    (m, b) => `${measureEs(m)} que entran a EE. UU. por la frontera ${BORDER_ES[b]}`,
  ],
  [
    /^(.+)'s share of US (exports to|imports from|trade with) (.+) by value$/,
    (m, f, p) =>
      `participación del modo ${measureEs(m)} en ${f === 'exports to' ? 'las exportaciones de EE. UU. a' : f === 'imports from' ? 'las importaciones de EE. UU. desde' : 'el comercio de EE. UU. con'} ${p}, por valor`,
  ],
  [/^(.+) freight, (.+)$/, (m, x) => `carga por ${measureEs(m)}, ${phraseEs(x)}`],
  [
    /^(intermediate|capital|consumption) goods' share of (.+)$/i,
    (k, x) => `participación de los ${END_USE_ES[k.toLowerCase()]} en ${phraseEs(x)}`,
  ],
  [/^(.+)'s exports to the world \(INEGI\)$/, (st) => `exportaciones de ${st} al mundo (INEGI)`],
  [
    /^(.+)'s place among Mexico's 32 states by exports \(INEGI\)$/,
    (st) => `lugar de ${st} entre los 32 estados de México por exportaciones (INEGI)`,
  ],
  [
    /^(.+)'s share of Mexico's exports \(INEGI, sum of the states\)$/,
    (st) => `participación de ${st} en las exportaciones de México (INEGI, suma de los estados)`,
  ],
  [
    /^(.+) together against the next (\d+) countries, (exports|imports|two-way)$/,
    (g, n, f) => `${andEs(g)} juntos frente a los ${n} países siguientes, ${FLOW_ES[f]}`,
  ],
  [/^next (\d+) \(ranks (.+)\) together$/, (n, r) => `los ${n} siguientes (lugares ${r}) juntos`],
  [/^(.+) together$/, (g) => `${andEs(g)} juntos`],
  [/^(.+) at (.+)$/, (m, p) => (MEASURE_ES[m] ? `${measureEs(m)} en ${p}` : `«${m}» en ${p}`)],
  [
    /^(.+) (exports to|imports from|trade with) (.+)$/,
    (st, f, p) =>
      `${f === 'exports to' ? 'exportaciones' : f === 'imports from' ? 'importaciones' : 'comercio'} de ${st} ${f === 'exports to' ? 'a' : f === 'imports from' ? 'desde' : 'con'} ${andEs(p)}`,
  ],
  [/^(.+), (exports|imports|two-way)$/, (p, f) => `${andEs(p)}, ${FLOW_ES[f]}`],
];

/** "Canada and Mexico" → "Canada y Mexico": names joined as Spanish joins them. */
function andEs(names: string): string {
  return names.replace(/ and /g, ' y ');
}

function phraseEs(en: string): string {
  for (const [re, f] of PHRASES) {
    const m = re.exec(en);
    if (m) return f(...m.slice(1));
  }
  return en;
}

/** The period a label ends with ("2022", "2021–2022", "2015-01"), and a note in brackets. */
const TAIL =
  /^(.+), (\d{4}(?:[–-]\d{4})?|\d{4}-\d{2})((?: \((?:ratio|BTS TransBorder|HS10 lines, BEC end use)\))?)$/;
const TAIL_ES: Record<string, string> = {
  ' (ratio)': ' (razón)',
  ' (BTS TransBorder)': ' (BTS TransBorder)',
  ' (HS10 lines, BEC end use)': ' (líneas HS10, uso final BEC)',
};

/** What a measured figure is, in Spanish. */
export function labelEs(en: string): string {
  const t = TAIL.exec(en);
  if (!t) return phraseEs(en);
  return `${phraseEs(t[1]!)}, ${t[2]}${TAIL_ES[t[3]!] ?? t[3]}`;
}

export function differenceEs(display: string): string {
  return display
    .replace(/percentage points?/, 'puntos porcentuales')
    .replace(/^(\d+) places? lower$/, '$1 lugar(es) más abajo')
    .replace(/^(\d+) places? higher$/, '$1 lugar(es) más arriba')
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
