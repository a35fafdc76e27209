import type { Token } from './tokenize.ts';

/**
 * Topics the loaded data (US goods statistics: Census, BTS, CBP, TransBorder) cannot decide,
 * in English and Spanish, each with the statistics that would. One table, read before any
 * figure: a statement that speaks of one of these is `not_verifiable` whatever number it
 * carries, since a number about tourism or jobs is never a goods-trade figure.
 *
 * Words are folded as the tokenizer folds them (lower case, no accents); a phrase of several
 * words matches consecutive tokens.
 */
export interface OutOfScopeTopic {
  topic: string;
  words: string[];
  reason: { en: string; es: string };
  wouldDecide: { en: string; es: string };
}

export const OUT_OF_SCOPE_TOPICS: readonly OutOfScopeTopic[] = [
  {
    topic: 'services',
    words: ['services', 'service trade', 'servicios'],
    reason: {
      en: 'the statement is about services (or goods and services); the loaded data are goods only',
      es: 'la afirmación trata de servicios (o de bienes y servicios); los datos cargados son solo de bienes',
    },
    wouldDecide: {
      en: 'BEA international trade in services by country (International Transactions Accounts, tables 2.2 and 2.3)',
      es: 'el comercio internacional de servicios por país del BEA (International Transactions Accounts, cuadros 2.2 y 2.3)',
    },
  },
  {
    topic: 'travel and tourism',
    words: [
      'tourism',
      'tourist',
      'tourists',
      'travel spending',
      'visitors',
      'visitor spending',
      'turismo',
      'turista',
      'turistas',
      'visitantes',
      'viajeros internacionales',
    ],
    reason: {
      en: 'the statement is about travel and tourism, a service; the loaded data are goods and vehicle or passenger crossings, not visitors or their spending',
      es: 'la afirmación trata de viajes y turismo, un servicio; los datos cargados son bienes y cruces de vehículos o pasajeros, no visitantes ni su gasto',
    },
    wouldDecide: {
      en: 'BEA travel services by country (ITA table 2.2) or the NTTO international visitor arrivals; for Mexico, INEGI/Banxico international travel statistics (Encuesta de Viajeros Internacionales)',
      es: 'los servicios de viajes por país del BEA (ITA cuadro 2.2) o las llegadas de visitantes de la NTTO; para México, la Encuesta de Viajeros Internacionales de INEGI/Banxico',
    },
  },
  {
    topic: 'remittances',
    words: ['remittances', 'remittance', 'remesas', 'remesa'],
    reason: {
      en: 'the statement is about remittances, a financial transfer, not goods trade',
      es: 'la afirmación trata de remesas, una transferencia financiera, no de comercio de bienes',
    },
    wouldDecide: {
      en: 'Banxico remittance statistics (ingresos por remesas) or BEA personal transfers (ITA table 5.1)',
      es: 'las estadísticas de ingresos por remesas de Banxico o las transferencias personales del BEA (ITA cuadro 5.1)',
    },
  },
  {
    topic: 'investment',
    words: [
      'investment',
      'investments',
      'invested',
      'invest',
      'fdi',
      'inversion',
      'inversiones',
      'invirtio',
      'invirtieron',
      'ied',
    ],
    reason: {
      en: 'the statement is about investment, a financial flow, not goods trade',
      es: 'la afirmación trata de inversión, un flujo financiero, no de comercio de bienes',
    },
    wouldDecide: {
      en: 'BEA direct investment by country (US direct investment abroad / foreign direct investment in the US) or the Secretaría de Economía FDI statistics',
      es: 'la inversión directa por país del BEA o las estadísticas de inversión extranjera directa de la Secretaría de Economía',
    },
  },
  {
    topic: 'jobs and employment',
    words: [
      'jobs',
      'job',
      'employment',
      'employs',
      'employ',
      'workers',
      'empleos',
      'empleo',
      'trabajadores',
      'puestos de trabajo',
    ],
    reason: {
      en: 'the statement is about jobs or employment; the loaded data count goods and crossings, not workers',
      es: 'la afirmación trata de empleos; los datos cargados cuentan bienes y cruces, no trabajadores',
    },
    wouldDecide: {
      en: 'BLS employment statistics (or the ITA Jobs Supported by Exports study); for Mexico, INEGI ENOE / IMSS',
      es: 'las estadísticas de empleo del BLS (o el estudio de la ITA sobre empleos sostenidos por las exportaciones); para México, la ENOE de INEGI o el IMSS',
    },
  },
  {
    topic: 'wages',
    words: ['wages', 'wage', 'salaries', 'salarios', 'salario', 'sueldos'],
    reason: {
      en: 'the statement is about wages; the loaded data are trade and crossing statistics',
      es: 'la afirmación trata de salarios; los datos cargados son estadísticas de comercio y cruces',
    },
    wouldDecide: {
      en: 'BLS wage statistics (OEWS, ECI); for Mexico, INEGI ENOE or CONASAMI',
      es: 'las estadísticas salariales del BLS (OEWS, ECI); para México, la ENOE de INEGI o la CONASAMI',
    },
  },
  {
    topic: 'GDP',
    words: [
      'gdp',
      'gross domestic product',
      'economic output',
      'pib',
      'producto interno bruto',
      'producto interior bruto',
    ],
    reason: {
      en: 'the statement is about GDP or economic output, which trade statistics do not measure',
      es: 'la afirmación trata del PIB o de la producción económica, que las estadísticas de comercio no miden',
    },
    wouldDecide: {
      en: 'BEA national or state GDP accounts; for Mexico, INEGI national accounts (PIB)',
      es: 'las cuentas nacionales o estatales del PIB del BEA; para México, las cuentas nacionales de INEGI (PIB)',
    },
  },
  {
    topic: 'migration',
    words: [
      'migrants',
      'migrant',
      'migration',
      'immigrants',
      'immigration',
      'apprehensions',
      'encounters',
      'deportations',
      'migrantes',
      'migracion',
      'inmigrantes',
      'detenciones',
      'deportaciones',
    ],
    reason: {
      en: 'the statement is about migration or border enforcement; BTS crossings count inbound vehicles, passengers and pedestrians at ports of entry, not migrants',
      es: 'la afirmación trata de migración o de control fronterizo; los cruces de BTS cuentan vehículos, pasajeros y peatones que entran por los puertos, no migrantes',
    },
    wouldDecide: {
      en: 'CBP Southwest Land Border Encounters, DHS immigration statistics, or Census/INEGI migration estimates',
      es: 'los encuentros en la frontera suroeste de CBP, las estadísticas migratorias del DHS o las estimaciones migratorias de Census o INEGI',
    },
  },
  {
    topic: 'energy volumes',
    words: [
      'barrels',
      'barrel',
      'bpd',
      'barriles',
      'megawatts',
      'gigawatts',
      'megawatt hours',
      'kilowatt hours',
      'cubic feet',
      'bcf',
      'mmbtu',
      'pies cubicos',
      'megavatios',
    ],
    reason: {
      en: 'the statement gives energy in physical volumes (barrels, cubic feet, watts); the loaded trade data are in dollars',
      es: 'la afirmación da la energía en volúmenes físicos (barriles, pies cúbicos, vatios); los datos de comercio cargados están en dólares',
    },
    wouldDecide: {
      en: 'EIA petroleum, natural gas and electricity trade by country; for Mexico, SENER / PEMEX statistics',
      es: 'las estadísticas de comercio de petróleo, gas natural y electricidad por país de la EIA; para México, SENER o PEMEX',
    },
  },
  {
    topic: 'prices and exchange rates',
    words: [
      'inflation',
      'inflacion',
      'exchange rate',
      'tipo de cambio',
      'interest rate',
      'tasa de interes',
    ],
    reason: {
      en: 'the statement is about prices, inflation, interest or exchange rates, which trade values do not measure',
      es: 'la afirmación trata de precios, inflación, tasas de interés o tipo de cambio, que los valores del comercio no miden',
    },
    wouldDecide: {
      en: 'BLS consumer and trade price indexes, Federal Reserve exchange rates; for Mexico, INEGI INPC and Banxico',
      es: 'los índices de precios del BLS y los tipos de cambio de la Reserva Federal; para México, el INPC de INEGI y Banxico',
    },
  },
  {
    topic: 'financial holdings',
    words: ['treasuries', 'treasury securities', 'us debt', 'bonos del tesoro', 'deuda'],
    reason: {
      en: 'the statement is about financial holdings or debt, not goods trade',
      es: 'la afirmación trata de tenencias financieras o deuda, no de comercio de bienes',
    },
    wouldDecide: {
      en: 'Treasury International Capital (TIC) holdings by country',
      es: 'las tenencias por país del Treasury International Capital (TIC)',
    },
  },
];

/** The first topic of the table the statement speaks of, if any. */
export function outOfScopeTopic(tokens: Token[]): OutOfScopeTopic | null {
  const norms = tokens.map((t) => t.norm);
  for (const topic of OUT_OF_SCOPE_TOPICS)
    for (const phrase of topic.words) {
      const ws = phrase.split(' ');
      if (norms.some((_n, k) => ws.every((w, i) => norms[k + i] === w))) return topic;
    }
  return null;
}
