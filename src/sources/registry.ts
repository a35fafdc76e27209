import type { Source } from './source.ts';
import { cbpBwtJson } from './cbp-bwt-json.ts';
import { cbpBwtRss } from './cbp-bwt-rss.ts';
import { cbpBwtXml } from './cbp-bwt-xml.ts';
import { cbpHistoricalAverages } from './cbp-historical-averages.ts';
import { btsBorderCrossing } from './bts-border-crossing.ts';
import { btsBorderCrossingJson } from './bts-border-crossing-json.ts';
import { btsTransborder } from './bts-transborder.ts';
import { censusApiCsv } from './census-api-csv.ts';
import { censusApiJson } from './census-api-json.ts';
import { censusApiParquet } from './census-api-parquet.ts';
import { censusCountryXlsx } from './census-country-xlsx.ts';
import { fredSeries } from './fred-series.ts';
import { becCategories } from './bec-categories.ts';
import { becEndUse } from './bec-end-use.ts';
import { censusPartnerCodes } from './census-partner-codes.ts';
import { censusScheduleC } from './census-schedule-c.ts';
import { hsBecConcordance } from './hs-bec-concordance.ts';
import { euCnNames } from './eu-cn-names.ts';
import { hsNomenclature } from './hs-nomenclature.ts';
import { hsSections } from './hs-sections.ts';
import { isoCountryCodes } from './iso-country-codes.ts';
import { portCoordinates } from './port-coordinates.ts';
import { scheduleDPorts } from './schedule-d-ports.ts';
import { transborderCodes } from './transborder-codes.ts';
import { usStates } from './us-states.ts';
import { inegiStateExports } from './inegi-state-exports.ts';
import { isoSubdivisionNames, isoSubdivisions } from './iso-subdivisions.ts';
import { worldBankJson } from './world-bank-json.ts';
import { worldPopulation } from './world-population.ts';
import { budgetLabChapter99 } from './budget-lab-chapter99.ts';
import { budgetLabMeasures } from './budget-lab-measures.ts';
import { budgetLabUsmcaShares } from './budget-lab-usmca-shares.ts';
import { usitcHtsCsv } from './usitc-hts-csv.ts';
import { usitcHtsJson } from './usitc-hts-json.ts';
import { usitcChapter99Text } from './usitc-chapter99-text.ts';
import { usitcChinaTariffs } from './usitc-china-tariffs.ts';
import { exclusionClaimShares } from './exclusion-claim-shares.ts';
import { usitcTariffDatabase } from './usitc-tariff-database.ts';
import { usitcDatawebCsv } from './usitc-dataweb-csv.ts';
import { usitcDatawebXlsx } from './usitc-dataweb-xlsx.ts';

/** Every format Frontera reads, tried in this order when recognising a file. */
export const SOURCES: readonly Source[] = [
  censusCountryXlsx,
  btsBorderCrossing,
  censusApiParquet,
  // The same Census API rows saved as CSV (the JSON form is with the live responses below).
  censusApiCsv,
  // USITC DataWeb downloads (xlsx query workbooks and wide CSVs).
  usitcDatawebXlsx,
  usitcDatawebCsv,
  // Live API responses, as `frontera sync` caches them.
  censusApiJson,
  btsBorderCrossingJson,
  worldBankJson,
  btsTransborder,
  fredSeries,
  cbpBwtJson,
  cbpBwtRss,
  cbpBwtXml,
  cbpHistoricalAverages,
  // Reference code lists (dimension tables).
  censusScheduleC,
  censusPartnerCodes,
  isoCountryCodes,
  hsNomenclature,
  hsSections,
  hsBecConcordance,
  becCategories,
  becEndUse,
  usStates,
  isoSubdivisions,
  isoSubdivisionNames,
  euCnNames,
  scheduleDPorts,
  portCoordinates,
  transborderCodes,
  worldPopulation,
  // The tariff schedule and the measures on top of it.
  usitcTariffDatabase,
  usitcHtsCsv,
  budgetLabMeasures,
  budgetLabUsmcaShares,
  budgetLabChapter99,
  // The legal text behind Section 301 and the checks on it: chapter 99, the HTS footnotes,
  // USITC's 2020 China table and third-party exclusion claim-share estimates.
  usitcChapter99Text,
  usitcHtsJson,
  usitcChinaTariffs,
  exclusionClaimShares,
  // Mexico-side statistics: INEGI exports by state (after every other workbook reader, so
  // recognising it costs the others nothing).
  inegiStateExports,
];
