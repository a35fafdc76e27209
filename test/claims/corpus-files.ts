import { dataFile } from '../helpers.ts';

/**
 * The bundle files the claims corpus (corpus.json) is checked against: corpus.test.ts on
 * DuckDB, and corpus-engines.ts on both engines (with the reference code lists).
 */
export const CORPUS_FILES = [
  'census/country-2018-10.xlsx',
  'census/country-2023-03.xlsx',
  'bts/border-crossing/Border_Crossing_Entry_Data.csv.gz',
  'bts/transborder/2015-01/dot1_0115.csv',
  'bts/transborder/2015-01/dot2_0115.csv',
  'bts/transborder/2015-01/dot3_0115.csv',
  'census/api-extracts/imports-hs10-2024/2024-hs10-imports2010.parquet',
  'reference/hs/harmonized-system.csv',
  'mexico/inegi/EAEF_Entidad-2007-2020.xlsx',
  'reference/bec/HS2022_to_BEC4_UNSD.csv',
  'reference/bec/BEC4_to_SNA_enduse_HANDAUTHORED.csv',
  'reference/es/iso-codes/iso_3166-2.json',
  'reference/es/iso-codes/iso_3166-2_es.po',
].map(dataFile);
