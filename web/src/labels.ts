import type { Lang } from './i18n.ts';

/**
 * Names for the codes the API returns (modes, crossing measures, HS sections and chapters,
 * end-use classes, sources) in both languages. An unknown code falls back to the API's own
 * label, so new data still shows, in English.
 */
type Pair = [en: string, es: string];

const pick = (lang: Lang, p: Pair | undefined, fallback: string) =>
  p ? p[lang === 'en' ? 0 : 1] : fallback;

/** BTS TransBorder mode codes. */
const MODES: Record<string, Pair> = {
  '1': ['Vessel', 'Barco'],
  '3': ['Air', 'Aéreo'],
  '4': ['Mail', 'Correo'],
  '5': ['Truck', 'Camión'],
  '6': ['Rail', 'Ferrocarril'],
  '7': ['Pipeline', 'Ducto'],
  '8': ['Other / unknown', 'Otro / desconocido'],
  '9': ['Foreign trade zones', 'Zonas de comercio exterior'],
};
export const modeName = (lang: Lang, code: string, fallback: string) =>
  pick(lang, MODES[code], fallback);

/** BTS Border Crossing Entry Data measures. */
export const MEASURES: Record<string, Pair> = {
  Trucks: ['Trucks', 'Camiones'],
  'Truck Containers Loaded': ['Loaded truck containers', 'Contenedores de camión cargados'],
  'Truck Containers Empty': ['Empty truck containers', 'Contenedores de camión vacíos'],
  'Personal Vehicles': ['Personal vehicles', 'Vehículos particulares'],
  'Personal Vehicle Passengers': [
    'Personal vehicle passengers',
    'Pasajeros de vehículos particulares',
  ],
  Pedestrians: ['Pedestrians', 'Peatones'],
  Buses: ['Buses', 'Autobuses'],
  'Bus Passengers': ['Bus passengers', 'Pasajeros de autobús'],
  Trains: ['Trains', 'Trenes'],
  'Train Passengers': ['Train passengers', 'Pasajeros de tren'],
  'Rail Containers Loaded': ['Loaded rail containers', 'Contenedores de ferrocarril cargados'],
  'Rail Containers Empty': ['Empty rail containers', 'Contenedores de ferrocarril vacíos'],
};
export const measureName = (lang: Lang, m: string) => pick(lang, MEASURES[m], m);

export const borderName = (lang: Lang, b: string | null) =>
  b === 'mexico'
    ? lang === 'en'
      ? 'Mexican border'
      : 'frontera con México'
    : b === 'canada'
      ? lang === 'en'
        ? 'Canadian border'
        : 'frontera con Canadá'
      : '—';

/** HS sections by their first and last chapter. */
export const SECTIONS: { code: string; from: number; to: number; name: Pair }[] = [
  { code: 'I', from: 1, to: 5, name: ['Live animals', 'Animales vivos'] },
  { code: 'II', from: 6, to: 14, name: ['Vegetable products', 'Productos vegetales'] },
  { code: 'III', from: 15, to: 15, name: ['Fats and oils', 'Grasas y aceites'] },
  { code: 'IV', from: 16, to: 24, name: ['Prepared foodstuffs', 'Alimentos preparados'] },
  { code: 'V', from: 25, to: 27, name: ['Mineral products', 'Productos minerales'] },
  { code: 'VI', from: 28, to: 38, name: ['Chemicals', 'Productos químicos'] },
  { code: 'VII', from: 39, to: 40, name: ['Plastics and rubber', 'Plástico y caucho'] },
  { code: 'VIII', from: 41, to: 43, name: ['Hides and leather', 'Pieles y cuero'] },
  { code: 'IX', from: 44, to: 46, name: ['Wood', 'Madera'] },
  { code: 'X', from: 47, to: 49, name: ['Paper', 'Papel'] },
  { code: 'XI', from: 50, to: 63, name: ['Textiles', 'Textiles'] },
  { code: 'XII', from: 64, to: 67, name: ['Footwear and headgear', 'Calzado y sombreros'] },
  { code: 'XIII', from: 68, to: 70, name: ['Stone, ceramics, glass', 'Piedra, cerámica, vidrio'] },
  { code: 'XIV', from: 71, to: 71, name: ['Precious metals', 'Metales preciosos'] },
  { code: 'XV', from: 72, to: 83, name: ['Base metals', 'Metales comunes'] },
  {
    code: 'XVI',
    from: 84,
    to: 85,
    name: ['Machinery and electrical', 'Máquinas y aparatos eléctricos'],
  },
  { code: 'XVII', from: 86, to: 89, name: ['Transport equipment', 'Material de transporte'] },
  { code: 'XVIII', from: 90, to: 92, name: ['Instruments', 'Instrumentos'] },
  { code: 'XIX', from: 93, to: 93, name: ['Arms', 'Armas'] },
  { code: 'XX', from: 94, to: 96, name: ['Miscellaneous manufactures', 'Manufacturas diversas'] },
  { code: 'XXI', from: 97, to: 99, name: ['Art and special', 'Arte y especiales'] },
];

export function sectionOf(chapter: string): (typeof SECTIONS)[number] | undefined {
  const n = Number(chapter.slice(0, 2));
  return SECTIONS.find((s) => n >= s.from && n <= s.to);
}

/** Short HS chapter names for charts; the full English title is the API's label. */
const CHAPTERS: Record<string, Pair> = {
  '01': ['Live animals', 'Animales vivos'],
  '02': ['Meat', 'Carne'],
  '03': ['Fish and seafood', 'Pescados y mariscos'],
  '04': ['Dairy, eggs, honey', 'Lácteos, huevos, miel'],
  '05': ['Other animal products', 'Otros productos animales'],
  '06': ['Live plants, flowers', 'Plantas vivas, flores'],
  '07': ['Vegetables', 'Hortalizas'],
  '08': ['Fruit and nuts', 'Frutas y nueces'],
  '09': ['Coffee, tea, spices', 'Café, té, especias'],
  '10': ['Cereals', 'Cereales'],
  '11': ['Milling products', 'Productos de molinería'],
  '12': ['Oil seeds', 'Semillas oleaginosas'],
  '13': ['Lacs, gums, resins', 'Gomas y resinas'],
  '14': ['Plaiting materials', 'Materias trenzables'],
  '15': ['Fats and oils', 'Grasas y aceites'],
  '16': ['Meat and fish preparations', 'Preparaciones de carne y pescado'],
  '17': ['Sugars', 'Azúcares'],
  '18': ['Cocoa', 'Cacao'],
  '19': ['Cereal preparations', 'Preparaciones de cereales'],
  '20': ['Vegetable and fruit preparations', 'Preparaciones de hortalizas y frutas'],
  '21': ['Miscellaneous food', 'Preparaciones alimenticias diversas'],
  '22': ['Beverages', 'Bebidas'],
  '23': ['Animal feed', 'Alimento para animales'],
  '24': ['Tobacco', 'Tabaco'],
  '25': ['Salt, stone, cement', 'Sal, piedra, cemento'],
  '26': ['Ores', 'Minerales metalíferos'],
  '27': ['Mineral fuels, oil', 'Combustibles minerales, petróleo'],
  '28': ['Inorganic chemicals', 'Químicos inorgánicos'],
  '29': ['Organic chemicals', 'Químicos orgánicos'],
  '30': ['Pharmaceuticals', 'Productos farmacéuticos'],
  '31': ['Fertilisers', 'Abonos'],
  '32': ['Dyes, paints', 'Tintes, pinturas'],
  '33': ['Essential oils, cosmetics', 'Aceites esenciales, cosméticos'],
  '34': ['Soaps, waxes', 'Jabones, ceras'],
  '35': ['Albuminoids, glues', 'Albuminoides, colas'],
  '36': ['Explosives', 'Explosivos'],
  '37': ['Photographic goods', 'Productos fotográficos'],
  '38': ['Miscellaneous chemicals', 'Químicos diversos'],
  '39': ['Plastics', 'Plástico'],
  '40': ['Rubber', 'Caucho'],
  '41': ['Hides and skins', 'Pieles y cueros'],
  '42': ['Leather articles', 'Manufacturas de cuero'],
  '43': ['Furskins', 'Peletería'],
  '44': ['Wood', 'Madera'],
  '45': ['Cork', 'Corcho'],
  '46': ['Basketware', 'Cestería'],
  '47': ['Pulp', 'Pasta de madera'],
  '48': ['Paper and paperboard', 'Papel y cartón'],
  '49': ['Printed matter', 'Impresos'],
  '50': ['Silk', 'Seda'],
  '51': ['Wool', 'Lana'],
  '52': ['Cotton', 'Algodón'],
  '53': ['Other vegetable fibres', 'Otras fibras vegetales'],
  '54': ['Man-made filaments', 'Filamentos sintéticos'],
  '55': ['Man-made staple fibres', 'Fibras sintéticas discontinuas'],
  '56': ['Wadding, twine, ropes', 'Guata, cordeles, cuerdas'],
  '57': ['Carpets', 'Alfombras'],
  '58': ['Special woven fabrics', 'Tejidos especiales'],
  '59': ['Coated textiles', 'Telas recubiertas'],
  '60': ['Knitted fabrics', 'Tejidos de punto'],
  '61': ['Knitted apparel', 'Prendas de punto'],
  '62': ['Woven apparel', 'Prendas de tejido plano'],
  '63': ['Other textile articles', 'Otros artículos textiles'],
  '64': ['Footwear', 'Calzado'],
  '65': ['Headgear', 'Sombreros'],
  '66': ['Umbrellas', 'Paraguas'],
  '67': ['Feathers, artificial flowers', 'Plumas, flores artificiales'],
  '68': ['Stone and cement articles', 'Manufacturas de piedra y cemento'],
  '69': ['Ceramics', 'Cerámica'],
  '70': ['Glass', 'Vidrio'],
  '71': ['Precious stones and metals', 'Piedras y metales preciosos'],
  '72': ['Iron and steel', 'Hierro y acero'],
  '73': ['Iron and steel articles', 'Manufacturas de hierro y acero'],
  '74': ['Copper', 'Cobre'],
  '75': ['Nickel', 'Níquel'],
  '76': ['Aluminium', 'Aluminio'],
  '78': ['Lead', 'Plomo'],
  '79': ['Zinc', 'Zinc'],
  '80': ['Tin', 'Estaño'],
  '81': ['Other base metals', 'Otros metales comunes'],
  '82': ['Tools, cutlery', 'Herramientas, cuchillería'],
  '83': ['Miscellaneous metal articles', 'Manufacturas diversas de metal'],
  '84': ['Machinery', 'Maquinaria'],
  '85': ['Electrical machinery', 'Máquinas y aparatos eléctricos'],
  '86': ['Railway equipment', 'Material ferroviario'],
  '87': ['Vehicles and parts', 'Vehículos y sus partes'],
  '88': ['Aircraft', 'Aeronaves'],
  '89': ['Ships and boats', 'Barcos'],
  '90': ['Optical and medical instruments', 'Instrumentos ópticos y médicos'],
  '91': ['Clocks and watches', 'Relojería'],
  '92': ['Musical instruments', 'Instrumentos musicales'],
  '93': ['Arms and ammunition', 'Armas y municiones'],
  '94': ['Furniture, lighting', 'Muebles, iluminación'],
  '95': ['Toys and sports goods', 'Juguetes y artículos deportivos'],
  '96': ['Miscellaneous manufactures', 'Manufacturas diversas'],
  '97': ['Works of art', 'Obras de arte'],
  '98': ['Special classification', 'Clasificación especial'],
  '99': ['Special transactions', 'Operaciones especiales'],
};
export const chapterName = (lang: Lang, code: string, fallback: string) =>
  pick(lang, CHAPTERS[code], fallback);

const END_USE: Record<string, Pair> = {
  intermediate: ['Intermediate goods', 'Bienes intermedios'],
  capital: ['Capital goods', 'Bienes de capital'],
  consumption: ['Consumption goods', 'Bienes de consumo'],
  not_classified: ['Not classified', 'Sin clasificar'],
  unmapped: ['No BEC correspondence', 'Sin correspondencia CGCE'],
};
export const endUseName = (lang: Lang, k: string) => pick(lang, END_USE[k], k);

/** Who published a source, by the id the API names it with. */
const SOURCE_NAMES: Record<string, Pair> = {
  'census-country-xlsx': [
    'US Census Bureau, country.xlsx',
    'Oficina del Censo de EE. UU., country.xlsx',
  ],
  'census-api-hs': [
    'US Census Bureau, International Trade API',
    'Oficina del Censo de EE. UU., API de comercio internacional',
  ],
  'census-api-json': [
    'US Census Bureau, International Trade API',
    'Oficina del Censo de EE. UU., API de comercio internacional',
  ],
  'fred-series': [
    'FRED, Federal Reserve Bank of St. Louis',
    'FRED, Banco de la Reserva Federal de San Luis',
  ],
  'bts-border-crossing': ['BTS Border Crossing Entry Data', 'BTS, datos de cruces fronterizos'],
  'bts-border-crossing-json': [
    'BTS Border Crossing Entry Data',
    'BTS, datos de cruces fronterizos',
  ],
  'bts-transborder': ['BTS TransBorder Freight Data', 'BTS, datos de carga TransBorder'],
  'cbp-bwt-json': ['CBP Border Wait Times', 'CBP, tiempos de espera en la frontera'],
  'cbp-bwt-rss': ['CBP Border Wait Times (RSS)', 'CBP, tiempos de espera en la frontera (RSS)'],
  'cbp-bwt-xml': [
    'CBP Border Wait Times (bwt.xml)',
    'CBP, tiempos de espera en la frontera (bwt.xml)',
  ],
  'census-schedule-c': ['Census Schedule C country codes', 'Códigos de país del Anexo C del Censo'],
  'world-population': ['World Bank population', 'Población del Banco Mundial'],
  'world-bank-json': ['World Bank population', 'Población del Banco Mundial'],
  'hs-nomenclature': ['Harmonized System nomenclature', 'Nomenclatura del Sistema Armonizado'],
  'hs-bec-concordance': ['UNSD HS→BEC correspondence', 'Correspondencia SA→CGCE de la DENU'],
  'bec-end-use': ['BEC→end-use classes', 'Clases de uso final CGCE'],
  'schedule-d-ports': ['Census Schedule D ports', 'Puertos del Anexo D del Censo'],
  'hs-sections': ['HS sections', 'Secciones del SA'],
  'eu-cn-names': [
    'EU Combined Nomenclature, Spanish texts',
    'Nomenclatura Combinada de la UE, textos en español',
  ],
  'iso-subdivisions': ['ISO 3166-2 subdivisions', 'Subdivisiones ISO 3166-2'],
  'iso-subdivision-names': [
    'ISO 3166-2 names (Debian iso-codes)',
    'Nombres ISO 3166-2 (iso-codes de Debian)',
  ],
  'bec-categories': ['BEC categories', 'Categorías CGCE'],
  'iso-country-codes': ['ISO country codes', 'Códigos de país ISO'],
  'census-partner-codes': ['Census country codes', 'Códigos de país del Censo'],
  'us-states': ['US states', 'Estados de EE. UU.'],
  'transborder-codes': ['BTS TransBorder codes', 'Códigos TransBorder de BTS'],
  'port-coordinates': ['BTS port coordinates', 'Coordenadas de puertos de BTS'],
  'usitc-tariff-database': ['USITC tariff database', 'Base de datos arancelaria de la USITC'],
  'usitc-hts': ['USITC Harmonized Tariff Schedule', 'Tarifa Arancelaria Armonizada de la USITC'],
  'budget-lab-measure': [
    'Yale Budget Lab tariff product lists',
    'Listas de productos arancelarios del Budget Lab de Yale',
  ],
  'budget-lab-usmca-share': [
    'Yale Budget Lab USMCA claim shares',
    'Participación de reclamos T-MEC del Budget Lab de Yale',
  ],
  'budget-lab-chapter99': [
    'Yale Budget Lab chapter 99 headings',
    'Partidas del capítulo 99 del Budget Lab de Yale',
  ],
  'usitc-chapter99-text': [
    'USITC Harmonized Tariff Schedule, chapter 99 text',
    'Tarifa Arancelaria Armonizada de la USITC, texto del capítulo 99',
  ],
  'usitc-china-tariffs': [
    'USITC table of Section 301 tariffs on China (1 January 2020)',
    'Tabla de la USITC de aranceles de la Sección 301 a China (1 de enero de 2020)',
  ],
  'usitc-dataweb': ['USITC DataWeb', 'DataWeb de la USITC'],
  'usitc-hts-json': [
    'USITC Harmonized Tariff Schedule (JSON)',
    'Tarifa Arancelaria Armonizada de la USITC (JSON)',
  ],
  'exclusion-claim-shares': [
    'Section 301 exclusion claim-share estimates (Yale Budget Lab tracker)',
    'Estimaciones de uso de exclusiones de la Sección 301 (seguimiento del Budget Lab de Yale)',
  ],
  'census-api-csv': [
    'US Census Bureau, International Trade API',
    'Oficina del Censo de EE. UU., API de comercio internacional',
  ],
  'cbp-historical-averages': [
    'CBP Border Wait Times, historical averages',
    'CBP, promedios históricos de tiempos de espera en la frontera',
  ],
  'inegi-state-exports': [
    'INEGI, annual exports by federal entity',
    'INEGI, exportaciones anuales por entidad federativa',
  ],
};
export const sourceName = (lang: Lang, id: string) => pick(lang, SOURCE_NAMES[id], id);

/** CBP wait-time lanes and statuses. */
const WAIT_WORDS: Record<string, Pair> = {
  passenger: ['Passenger', 'Pasajeros'],
  commercial: ['Commercial', 'Comercial'],
  pedestrian: ['Pedestrian', 'Peatones'],
  standard: ['standard', 'estándar'],
  nexus_sentri: ['NEXUS/SENTRI', 'NEXUS/SENTRI'],
  ready: ['Ready Lane', 'Ready Lane'],
  fast: ['FAST', 'FAST'],
  'no delay': ['no delay', 'sin demora'],
  delay: ['delay', 'con demora'],
  'lanes closed': ['lanes closed', 'carriles cerrados'],
  'update pending': ['update pending', 'actualización pendiente'],
};
export const waitWord = (lang: Lang, w: string) => pick(lang, WAIT_WORDS[w.toLowerCase()], w);
