/** Words that say which metric a figure is, in English and Spanish (folded). */

export const GROWTH_UP = new Set([
  'grew',
  'grow',
  'grows',
  'growing',
  'grown',
  'crecido',
  'aumentado',
  'increasing',
  'rose',
  'rise',
  'rises',
  'risen',
  'increased',
  'increase',
  'increases',
  'jumped',
  'climbed',
  'surged',
  'expanded',
  'gained',
  'up',
  'growth',
  'crecio',
  'crecieron',
  'crece',
  'crecen',
  'aumento',
  'aumentaron',
  'subio',
  'subieron',
  'incremento',
  'incrementaron',
  'repunto',
  'avanzo',
  'crecimiento',
  'alza',
]);

export const GROWTH_DOWN = new Set([
  'fell',
  'fall',
  'falls',
  'fallen',
  'declined',
  'decline',
  'declines',
  'dropped',
  'drop',
  'decreased',
  'decrease',
  'shrank',
  'shrunk',
  'down',
  'contracted',
  'slumped',
  'cayo',
  'cayeron',
  'cae',
  'disminuyo',
  'disminuyeron',
  'bajaron',
  'descendio',
  'retrocedio',
  'caida',
  'descenso',
  'contrajo',
]);

/** Spanish nouns of change: "un aumento de 48 mil millones" states the change itself. */
export const GROWTH_NOUNS = new Set([
  'aumento',
  'incremento',
  'crecimiento',
  'alza',
  'caida',
  'descenso',
  'disminucion',
]);

/** Between a growth word and a dollar figure, these make the figure the new level, not the change. */
export const LEVEL_LINKS = new Set([
  'to',
  'from',
  'de',
  'desde',
  'a',
  'hasta',
  'reaching',
  'reached',
  'alcanzar',
  'alcanzando',
  'totaling',
  'totalling',
  'situarse',
]);

export const SHARE_WORDS = new Set([
  'share',
  'makes',
  'make',
  'made',
  'comprise',
  'comprises',
  'shares',
  'accounts',
  'account',
  'accounted',
  'represents',
  'represent',
  'represented',
  'portion',
  'participacion',
  'representa',
  'representan',
  'represento',
  'cuota',
]);

/**
 * Rate units after a figure: "a day", "per minute", "al día", "por hora", "diarios". "A year"
 * makes no rate, but says the figure is a whole year's.
 */
export const RATE_UNITS: Record<string, 'day' | 'hour' | 'minute' | 'year'> = {
  year: 'year',
  annually: 'year',
  yearly: 'year',
  ano: 'year',
  anual: 'year',
  anuales: 'year',
  anualmente: 'year',
  day: 'day',
  daily: 'day',
  dia: 'day',
  diarios: 'day',
  diario: 'day',
  diarias: 'day',
  hour: 'hour',
  hourly: 'hour',
  hora: 'hour',
  minute: 'minute',
  min: 'minute',
  minuto: 'minute',
};
export const RATE_LEADS = new Set(['a', 'an', 'per', 'each', 'every', 'al', 'por', 'cada', 'la']);

/** "per person", "per capita", "each Mexican", "por habitante", "cada mexicano". */
export const PER_CAPITA_PHRASES = [
  ['percapita'],
  ['per', 'person'],
  ['per', 'head'],
  ['per', 'resident'],
  ['per', 'inhabitant'],
  ['por', 'persona'],
  ['por', 'habitante'],
  ['each', 'person'],
  ['every', 'person'],
];
/** "each" or "cada" followed by a demonym is per capita too. */
export const EACH = new Set(['each', 'every', 'cada']);

export const SUPERLATIVES = new Set([
  'largest',
  'biggest',
  'top',
  'leading',
  'main',
  'busiest',
  'mayor',
  'principal',
  'grande',
  'transitado',
  'activo',
]);

export const RANK_NOUNS = new Set([
  'market',
  'partner',
  'supplier',
  'source',
  'destination',
  'customer',
  'buyer',
  'port',
  'crossing',
  'state',
  'exporter',
  'importer',
  'import',
  'export',
  'socio',
  'mercado',
  'proveedor',
  'destino',
  'cliente',
  'comprador',
  'puerto',
  'cruce',
  'estado',
  'exportador',
  'importador',
  'importacion',
  'exportacion',
  'deficit',
  'deficits',
  'surplus',
  'superavit',
]);

/** "after Canada" puts the named partner one place higher; "ahead of China" one lower. */
export const AFTER_WORDS = [
  ['after'],
  ['behind'],
  ['trailing'],
  ['detras', 'de'],
  ['despues', 'de'],
  ['tras'],
];
export const AHEAD_WORDS = [
  ['ahead', 'of'],
  ['surpassed'],
  ['overtook'],
  ['overtaking'],
  ['surpassing'],
  ['outpaced'],
  ['supero', 'a'],
  ['desplazo', 'a'],
  ['rebaso', 'a'],
  ['superando', 'a'],
  ['followed', 'by'],
  ['por', 'delante', 'de'],
  ['delante', 'de'],
  ['seguido', 'de'],
  ['seguido', 'por'],
];

export const NEXT_WORDS = new Set(['next', 'following', 'siguientes']);
export const TOGETHER_WORDS = new Set([
  'together',
  'combined',
  'juntos',
  'juntas',
  'conjunto',
  'combinados',
  'sumados',
]);
export const THAN_WORDS = new Set(['than', 'as', 'que', 'de']);
export const TOTAL_WORDS = new Set(['total', 'overall', 'totales', 'world', 'mundo', 'all']);
