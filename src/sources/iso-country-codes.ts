import type { FileExtract } from '../model/extract.ts';
import { headerOf } from './csv-header.ts';
import { nameOrUndated, scanOf } from './reference-csv.ts';
import type { FileSample, Source } from './source.ts';

/** The columns read; DataHub's file has some fifty more that come and go between releases. */
const NEEDED = [
  'ISO3166-1-Alpha-2',
  'ISO3166-1-Alpha-3',
  'ISO3166-1-numeric',
  'UNTERM English Short',
  'official_name_en',
  'UNTERM Spanish Short',
  'official_name_es',
];

/**
 * UNTERM short names end in an article ("Mexico", but "Russian Federation (the)",
 * "Estados Unidos de América (los)") and sometimes a footnote star; both are dropped.
 * Names of state such as "Bolivia (Estado Plurinacional de)" are part of the name and kept.
 */
const strip = (col: string, articles: string) =>
  `nullif(regexp_replace("${col}", '(\\s*\\((${articles})\\))?(\\s*\\*+)?\\s*$', ''), '')`;

/**
 * DataHub `country-codes` (ISO 3166-1 with UN M49, UNTERM and CLDR names), recognised by the
 * ISO columns whatever else the header carries. Names: UNTERM short names without their
 * article, because CLDR display names are colloquial ("US", "UK", "Congo - Kinshasa"); where
 * UNTERM has none (54 territories, Taiwan, Türkiye, Côte d'Ivoire) the `official_name_*`
 * columns, which are the same UNTERM names already stripped, with the gaps filled.
 */
export const isoCountryCodes: Source = {
  id: 'iso-country-codes',
  expects: `ISO 3166 country codes CSV (DataHub country-codes) with columns ${NEEDED.join(',')}`,
  detect(s) {
    if (s.container !== 'text') return false;
    const header = headerOf(s.firstLine);
    return NEEDED.filter((c) => header.includes(c)).length >= 4;
  },
  async read(s: FileSample): Promise<FileExtract> {
    const header = headerOf(s.firstLine);
    const missing = NEEDED.filter((c) => !header.includes(c));
    return {
      kind: 'file-extract',
      source: 'iso-country-codes',
      series: 'country-codes',
      ...nameOrUndated(s),
      notes: [
        'rows without an ISO3166-1-Alpha-2 code are not loaded',
        'ISO numeric codes padded to 3 digits (the file drops leading zeros: "4" for 004)',
      ],
      problems: missing.length
        ? [
            {
              code: 'bad-header',
              file: s.path,
              line: 1,
              value: s.firstLine.slice(0, 300),
              message: `header lacks ${missing.join(', ')}`,
            },
          ]
        : [],
      extracts: [
        scanOf(
          s,
          header,
          [
            {
              column: 'ISO3166-1-Alpha-2',
              rule: { kind: 'pattern', regex: '[A-Z]{2}', expected: 'an ISO alpha-2 code' },
            },
            { column: 'ISO3166-1-Alpha-3', rule: { kind: 'required' } },
            {
              column: 'ISO3166-1-Alpha-3',
              rule: { kind: 'pattern', regex: '[A-Z]{3}', expected: 'an ISO alpha-3 code' },
            },
            {
              column: 'ISO3166-1-numeric',
              rule: { kind: 'pattern', regex: '[0-9]{1,3}', expected: 'an ISO numeric code' },
            },
          ],
          [
            {
              table: 'country',
              select: {
                iso2: '"ISO3166-1-Alpha-2"',
                iso3: '"ISO3166-1-Alpha-3"',
                iso_numeric: `lpad("ISO3166-1-numeric", 3, '0')`,
                name_en: `coalesce(${strip('UNTERM English Short', 'the')}, "official_name_en")`,
                name_es: `coalesce(${strip('UNTERM Spanish Short', 'el|la|los|las')}, "official_name_es")`,
              },
              where: `nullif(trim("ISO3166-1-Alpha-2"), '') IS NOT NULL`,
            },
          ],
        ),
      ],
    };
  },
};
