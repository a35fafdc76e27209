/**
 * How people name the subjects of trade statements beyond the code lists: the United States
 * itself (the reporter, never a partner), demonyms, "its neighbours", Spanish state names,
 * everyday product names, and the words that say a place is meant as a port.
 */

/** The reporting country: every statement is about US statistics. */
export const US_NAMES = [
  'us',
  'usa',
  'united states',
  'united states of america',
  'america',
  'american',
  'americans',
  'estados unidos',
  'estados unidos de america',
  'eeuu',
  'ee uu',
  'eua',
  'estadounidense',
  'estadounidenses',
  'norteamericano',
  'norteamericanos',
  'norteamericanas',
];

/** Census partner code by demonym ("each Mexican", "productos chinos"). */
export const DEMONYMS: Record<string, string> = {
  mexican: '2010',
  mexicans: '2010',
  mexicano: '2010',
  mexicanos: '2010',
  mexicana: '2010',
  mexicanas: '2010',
  canadian: '1220',
  canadians: '1220',
  canadiense: '1220',
  canadienses: '1220',
  chinese: '5700',
  chino: '5700',
  chinos: '5700',
  chinas: '5700',
  japanese: '5880',
  japones: '5880',
  japoneses: '5880',
  german: '4280',
  germans: '4280',
  aleman: '4280',
  alemanes: '4280',
};

/** Phrases that name Canada and Mexico together. */
export const NEIGHBOUR_GROUPS = [
  'its neighbours',
  'its neighbors',
  'its two neighbours',
  'its two neighbors',
  'its north american neighbours',
  'its north american neighbors',
  'north american neighbours',
  'north american neighbors',
  'usmca partners',
  'its usmca partners',
  'sus vecinos',
  'sus dos vecinos',
  'sus vecinos de norteamerica',
  'socios del tmec',
  'sus socios del tmec',
];

export const NEIGHBOUR_CODES = ['1220', '2010'];

/** Partner names the code lists lack in the form people write them. */
export const PARTNER_NAMES: Record<string, string> = {
  'the eu': '0003',
  eu: '0003',
  ue: '0003',
  'union europea': '0003',
  'european union': '0003',
  'south korea': '5800',
  'corea del sur': '5800',
  holanda: '4210',
  'the netherlands': '4210',
  'the world': '0015',
  'el mundo': '0015',
  'the uk': '4120',
  uk: '4120',
  'reino unido': '4120',
  britain: '4120',
  rusia: '4621',
  vietnam: '5520',
  // The US's borders by the side they lie on: a crossing claim about "the southern border"
  // is about the US–Mexico border (in Spanish only with the US named, as Mexico's own
  // "frontera sur" is with Guatemala and Belize).
  'southern border': '2010',
  'northern border': '1220',
  'frontera sur de estados unidos': '2010',
  'frontera sur de eeuu': '2010',
  'frontera sur de ee uu': '2010',
  'frontera norte de mexico': '2010',
  'frontera norte de estados unidos': '1220',
};

/** US states by Spanish name where it differs from the English one. */
export const STATE_NAMES_ES: Record<string, string> = {
  'nuevo mexico': 'NM',
  luisiana: 'LA',
  'nueva york': 'NY',
  'nueva jersey': 'NJ',
  pensilvania: 'PA',
  'carolina del norte': 'NC',
  'carolina del sur': 'SC',
  'dakota del norte': 'ND',
  'dakota del sur': 'SD',
  misuri: 'MO',
  misisipi: 'MS',
  'virginia occidental': 'WV',
  hawai: 'HI',
};

/** Everyday product names → HS code, resolved through `resolveProduct`. */
export const PRODUCT_NAMES: Record<string, string> = {
  cars: '8703',
  'passenger cars': '8703',
  'motor cars': '8703',
  automobiles: '8703',
  autos: '8703',
  automoviles: '8703',
  coches: '8703',
  'auto parts': '8708',
  'car parts': '8708',
  autopartes: '8708',
  computers: '8471',
  computadoras: '8471',
  'crude oil': '2709',
  'petroleo crudo': '2709',
  tomatoes: '0702',
  tomates: '0702',
  jitomates: '0702',
  avocados: '080440',
  aguacates: '080440',
  beer: '2203',
  cerveza: '2203',
  'insulated wire': '8544',
};

/** A place name is taken as a port only when the sentence speaks of ports or crossings. */
export const PORT_CUES = [
  'port',
  'ports',
  'puerto',
  'puertos',
  'crossing',
  'crossings',
  'cruce',
  'cruces',
  'crossed',
  'cruzaron',
  'trucks',
  'camiones',
  'busiest',
  'aduana',
  'garita',
  'bridge',
  'puente',
  'freight',
  'carga',
  'pedestrians',
  'peatones',
  'entry',
];
