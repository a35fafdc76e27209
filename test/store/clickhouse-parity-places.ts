import { dataFile } from '../helpers.ts';

/**
 * The place analyses' routes (state, port, product and Mexican-state profiles, rankings,
 * maps) that `clickhouse-parity.test.ts` checks for the same JSON and ETag on both engines,
 * with the status both must give: real ports, states, products and years of the API suites'
 * bundle files, and names, years and months that fail the same way on both.
 */
export const PLACE_ROUTES: [string, number][] = [
  // Ports: Mexico and Canada, by name, code and the Mexican city across; El Paso's known
  // split (port-history's evidence and combined series); coordinates read back exactly.
  ['/api/profile/port/laredo', 200],
  ['/api/profile/port/2304?year=2024', 200],
  ['/api/profile/port/nuevo%20laredo', 200],
  ['/api/profile/port/2402', 200],
  ['/api/profile/port/ysleta', 200],
  ['/api/profile/port/blaine', 200],
  ['/api/profile/port/atlantis', 404],
  ['/api/profile/port/portland', 404],
  ['/api/profile/port/2304?year=1990', 404],
  // US states, Mexican states (TransBorder 2015-01).
  ['/api/profile/state/texas?month=2015-01', 200],
  ['/api/profile/state/TX?month=2019-05', 404],
  ['/api/profile/state/atlantis', 404],
  ['/api/profile/mexican-state/nuevo%20leon', 200],
  ['/api/profile/mexican-state/19', 200],
  ['/api/profile/mexican-state/Texas', 404],
  // Products: heading, chapter, HS6 and HS10 (Census lines, end use, TransBorder chapter).
  ['/api/profile/product/8703', 200],
  ['/api/profile/product/0201', 200],
  ['/api/profile/product/870323', 200],
  ['/api/profile/product/8703230190', 200],
  ['/api/profile/product/motor%20cars', 200],
  ['/api/profile/product/999', 404],
  // Rankings, the map and the name lists.
  ['/api/top/states', 200],
  ['/api/top/states?partner=canada&flow=import_general&limit=5', 200],
  ['/api/top/states?month=2015-02', 404],
  ['/api/top/ports?measure=Trucks&year=2024', 200],
  ['/api/top/ports?measure=Pedestrians&border=mexico&limit=5', 200],
  ['/api/top/ports?partner=mexico&flow=export&month=2015-01&limit=3', 200],
  ['/api/top/ports?measure=Pedestrians&year=2023', 404],
  ['/api/top/products', 200],
  ['/api/top/products?partner=china&level=6', 200],
  ['/api/top/products?level=10&limit=100', 200],
  ['/api/top/products?year=2020', 404],
  ['/api/map/ports', 200],
  ['/api/map/ports?measure=Buses&year=2024', 200],
  ['/api/map/ports?year=2019', 404],
  ['/api/names/us-states', 200],
  ['/api/names/products?codes=080440,2709,8703', 200],
];

/**
 * Files loaded after the API suites' for these routes: Mexican state codes, HS sections,
 * BEC end use and ISO subdivision names (a few seconds over the shared database).
 */
export const PLACE_FILES = [
  'bts/transborder/codes/mexican_state_codes.json',
  'reference/hs/sections.csv',
  'reference/bec/HS2022_to_BEC4_UNSD.csv',
  'reference/bec/BEC4_descriptions.csv',
  'reference/bec/BEC4_to_SNA_enduse_HANDAUTHORED.csv',
  'reference/es/iso-codes/iso_3166-2.json',
  'reference/es/iso-codes/iso_3166-2_es.po',
].map(dataFile);
