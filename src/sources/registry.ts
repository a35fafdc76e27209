import type { Source } from './source.ts';
import { btsBorderCrossing } from './bts-border-crossing.ts';
import { censusApiParquet } from './census-api-parquet.ts';
import { censusCountryXlsx } from './census-country-xlsx.ts';

/** Every format Frontera reads, tried in this order when recognising a file. */
export const SOURCES: readonly Source[] = [censusCountryXlsx, btsBorderCrossing, censusApiParquet];
