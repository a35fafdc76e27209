import type { Source } from './source.ts';
import { cbpBwtJson } from './cbp-bwt-json.ts';
import { cbpBwtRss } from './cbp-bwt-rss.ts';
import { btsBorderCrossing } from './bts-border-crossing.ts';
import { btsTransborder } from './bts-transborder.ts';
import { censusApiParquet } from './census-api-parquet.ts';
import { censusCountryXlsx } from './census-country-xlsx.ts';
import { fredSeries } from './fred-series.ts';
import { becCategories } from './bec-categories.ts';
import { becEndUse } from './bec-end-use.ts';
import { censusPartnerCodes } from './census-partner-codes.ts';
import { censusScheduleC } from './census-schedule-c.ts';
import { hsBecConcordance } from './hs-bec-concordance.ts';
import { hsNomenclature } from './hs-nomenclature.ts';
import { hsSections } from './hs-sections.ts';
import { isoCountryCodes } from './iso-country-codes.ts';
import { portCoordinates } from './port-coordinates.ts';
import { scheduleDPorts } from './schedule-d-ports.ts';
import { transborderCodes } from './transborder-codes.ts';
import { usStates } from './us-states.ts';
import { worldPopulation } from './world-population.ts';

/** Every format Frontera reads, tried in this order when recognising a file. */
export const SOURCES: readonly Source[] = [
  censusCountryXlsx,
  btsBorderCrossing,
  censusApiParquet,
  btsTransborder,
  fredSeries,
  cbpBwtJson,
  cbpBwtRss,
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
  scheduleDPorts,
  portCoordinates,
  transborderCodes,
  worldPopulation,
];
