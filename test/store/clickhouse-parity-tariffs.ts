import { dataFile } from '../helpers.ts';

/**
 * The tariff engine and a DataWeb composition, checked by `clickhouse-parity.test.ts` for the
 * same bytes from both engines. The fewest files that give them something to compute, loaded
 * after the place files: Mexico's 2024 HS10 imports are already in the API suites' database;
 * the 2024 tariff schedule and the USMCA claim shares give its baseline (MFN less the USMCA
 * preference: no Section 301 or 232 file, so those are 0 on both), and DataWeb's HS2 exports
 * to Mexico 1996–2018 a composition for a year the Census extracts do not cover.
 */
export const TARIFF_FILES = [
  'usitc/tariff_database_2024.xlsx',
  'tariffs/budget-lab/usmca_product_shares_2024.csv',
  'usitc/dataweb/total-exports-to-mexico-by-hts2-1996-2018.csv',
].map(dataFile);

/** GET routes and the status both engines must give (404: a year or partner not loaded). */
export const TARIFF_ROUTES: [string, number][] = [
  ['/api/tariff/baseline', 200],
  ['/api/tariff/baseline?format=csv', 200],
  ['/api/tariff/baseline?year=2023', 404],
  // Mexico's largest line (passenger cars), and on a date of a year not loaded.
  ['/api/tariff/line/8703230140?partner=mexico', 200],
  ['/api/tariff/line/8703230140?partner=mexico&format=csv', 200],
  ['/api/tariff/line/8703230140?partner=mexico&date=2019-03-01', 404],
  // A line Mexico did not import: no components, the same on both (not an error).
  ['/api/tariff/line/9999999999?partner=mexico', 200],
  ['/api/composition/mexico?flow=export&year=2018', 200],
  ['/api/composition/mexico?flow=export&year=1996&format=csv', 200],
  ['/api/composition/mexico?flow=export&year=1995', 404],
];

/** A scenario on Mexico's lines: an added duty the USMCA claims escape, Section 232 raised. */
export const MEXICO_SCENARIO = {
  name: 'Mexico: 25% on unclaimed goods, Section 232 at 50%',
  year: 2024,
  layers: [
    { partners: ['mexico'], ratePct: 25, exempt: ['usmca_claimed'] },
    { partners: ['mexico'], products: { chapters: ['87'] }, ratePct: 10 },
    { kind: 'section232', ratePct: 50 },
  ],
};

const YAML = `name: Mexico, steel and cars
year: 2024
layers:
  - partners: [mexico]
    products: {chapters: ["72", "73", "87"]}
    ratePct: 15
  - kind: section232
    ratePct: 50
`;

/** POSTed scenarios (path, content type, body) and the status both engines must give. */
export const SCENARIO_POSTS: [string, string, string, number][] = [
  ['/api/tariff/scenario', 'application/json', JSON.stringify(MEXICO_SCENARIO), 200],
  ['/api/tariff/scenario?format=csv', 'application/json', JSON.stringify(MEXICO_SCENARIO), 200],
  ['/api/tariff/scenario', 'application/yaml', YAML, 200],
  // A year not loaded; a list not loaded (the IEEE carve-outs); a partner not known.
  [
    '/api/tariff/scenario',
    'application/json',
    JSON.stringify({ ...MEXICO_SCENARIO, year: 2023 }),
    404,
  ],
  [
    '/api/tariff/scenario',
    'application/json',
    JSON.stringify({ ...MEXICO_SCENARIO, layers: [{ ratePct: 10, exempt: ['ieepa_exempt'] }] }),
    400,
  ],
  [
    '/api/tariff/scenario',
    'application/json',
    JSON.stringify({ ...MEXICO_SCENARIO, layers: [{ partners: ['atlantis'], ratePct: 10 }] }),
    404,
  ],
];
