import { waitPulls } from '../analytics/wait-fixture.ts';
import { dataFile, REFERENCE_FILES } from '../helpers.ts';
import { TARIFF_FILES } from '../tariffs/tariff-fixture.ts';

/**
 * The bundle files the browser suites serve every page from (layout.test.ts, and
 * spanish.test.ts with a few Spanish name lists after them): one database, built once per run
 * and shared (../fixture-database.ts).
 */
export const DASHBOARD_FILES = [
  // The tariff suites' files first: this database is built on a copy of theirs
  // (registerBase in ../tariffs/tariff-fixture.ts), not loaded again.
  ...TARIFF_FILES,
  ...REFERENCE_FILES,
  dataFile('reference/hs/harmonized-system.csv'),
  dataFile('reference/hs/sections.csv'),
  dataFile('census/country-2023-03.xlsx'),
  dataFile('bts/border-crossing/Border_Crossing_Entry_Data_2024_sample.csv'),
  ...['dot1', 'dot2', 'dot3'].map((d) => dataFile(`bts/transborder/2015-01/${d}_0115.csv`)),
  dataFile('cbp/bwtnew-2022-06-29.json'),
  // A day of CBP pulls (1–2 October 2025), enough for the wait-times page's figures.
  ...waitPulls().filter((f) => /rss-2025-10-0[12]_/.test(f)),
];

/** The Spanish name lists (and the BEC files) the Spanish pages load after DASHBOARD_FILES. */
export const SPANISH_FILES = [
  dataFile('reference/bec/HS2022_to_BEC4_UNSD.csv'),
  dataFile('reference/bec/BEC4_descriptions.csv'),
  dataFile('reference/bec/BEC4_to_SNA_enduse_HANDAUTHORED.csv'),
  dataFile('reference/es/eu-cn-2026/messages_es.yaml'),
  dataFile('reference/es/iso-codes/iso_3166-2.json'),
  dataFile('reference/es/iso-codes/iso_3166-2_es.po'),
  dataFile('bts/transborder/codes/mexican_state_codes.json'),
];
