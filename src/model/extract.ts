import type { Problem, ProblemCode } from './problem.ts';
import type { ModelTable } from './tables.ts';

/**
 * What a source reader hands to the store: plain, serialisable data tagged with a kind.
 * Small and nested formats (xlsx, JSON, XML) are parsed in JS into rows; large flat CSVs are
 * described as a scan that DuckDB performs itself, with declarative checks the store turns
 * into SQL, so a 400k-row file loads at the speed of DuckDB's own CSV reader.
 */
export type Extract = RowsExtract | CsvScanExtract | ParquetScanExtract | JsonScanExtract;

/** Values are strings, numbers, bigints, booleans or null; money is always a bigint. */
export type Cell = string | number | bigint | boolean | null;

export interface RowsExtract {
  kind: 'rows';
  table: ModelTable;
  columns: string[];
  rows: Cell[][];
  /** The file line (or sheet row) each row came from, where the reader knows it. */
  lines?: number[];
}

export type CheckRule =
  /** A whole number: a fraction is refused (DuckDB's cast would round 3.5 to 4). */
  | { kind: 'integer' }
  /** A number no smaller than `min` (counts and amounts the source never publishes negative). */
  | { kind: 'at-least'; min: number }
  | { kind: 'decimal' }
  | { kind: 'required' }
  /** `code` names the problem when it is not an unknown code (a bad date, a row's width). */
  | { kind: 'pattern'; regex: string; expected: string; code?: ProblemCode }
  | { kind: 'one-of'; values: readonly string[] }
  | { kind: 'month-name-year' };

export interface ColumnCheck {
  column: string;
  rule: CheckRule;
  /** Checks apply to non-empty values unless the rule is `required`. */
}

export interface CsvScanExtract {
  kind: 'csv-scan';
  /** Absolute path; DuckDB decompresses .gz itself. */
  path: string;
  compression: 'none' | 'gzip';
  delimiter: string;
  /** Header names, in file order; every column is staged as text. */
  header: string[];
  /** Lines before the header (comment lines). */
  skipLines: number;
  /**
   * What a quote never closed means. In a format whose fields never span lines (the Census
   * API's CSV) it can only be a file cut short: `truncated`. Otherwise a bad structure.
   */
  unclosedQuote?: 'truncated' | 'bad-structure';
  checks: ColumnCheck[];
  /** One scan can fill several tables (crossings and the ports they name). */
  targets: ScanTarget[];
  tallies?: ScanTally[];
}

/** A Parquet file DuckDB reads itself; the named columns are staged as text and checked. */
export interface ParquetScanExtract {
  kind: 'parquet-scan';
  path: string;
  columns: string[];
  checks: ColumnCheck[];
  targets: ScanTarget[];
  tallies?: ScanTally[];
}

/**
 * A JSON document DuckDB reads itself: an array of arrays whose first element names the
 * columns (`arrays`, the Census API's own response), or an array of objects (`objects`).
 * `columns` are the staged names, in the header's order for `arrays` (a name the header
 * repeats is staged under a suffixed name) and the keys read for `objects`; every value is
 * staged as text. Problems name the array element (1-based, the header being 1 for `arrays`):
 * in the API's layout, one element per line, that is the line.
 */
export interface JsonScanExtract {
  kind: 'json-scan';
  path: string;
  layout: 'arrays' | 'objects';
  columns: string[];
  checks: ColumnCheck[];
  targets: ScanTarget[];
  tallies?: ScanTally[];
}

/** The staged column holding how many values a JSON row (an array) has, for a width check. */
export const ROW_WIDTH = '(values in the row)';

/**
 * A note counted over the staged rows: `count` (an integer SQL expression over a row) summed,
 * put in place of `{n}` in `note`; a note whose count is 0 is left out.
 */
export interface ScanTally {
  count: string;
  note: string;
}

/** @deprecated name kept for readers written against the first version of this file. */
export type CsvTarget = ScanTarget;

export interface ScanTarget {
  table: ModelTable;
  /** Target column → SQL expression over the staged text columns (quoted names). */
  select: Record<string, string>;
  /** Optional SQL filter over staged columns (rows the source documents as non-data). */
  where?: string;
  /** Keep one row per distinct value of these target columns: the file's first. */
  distinctOn?: string[];
  /**
   * The publisher is known to state some keys twice in a file (BTS's Border Crossing data):
   * repeats are then settled on the staged rows before writing (store/load-scan.ts). That
   * costs converting every key once more, which a file that repeats nothing need not pay, but
   * spares DuckDB rewriting all the file's rows at commit, as removing or marking rows it has
   * just written makes it do. The rows stored are the same either way.
   */
  repeatsExpected?: true;
}

/** The whole result of reading one file. */
export interface FileExtract {
  kind: 'file-extract';
  source: SourceId;
  /** Groups the files whose vintages supersede one another (a FRED series id, `dot1`, …). */
  series: string;
  /**
   * Release date or label that orders vintages (ISO, sortable). `data-through` means: the
   * latest period in the data, which is how Census and BTS releases advance.
   */
  vintage: string | 'data-through';
  vintageBasis: 'file-name' | 'file-content' | 'data-through' | 'published-date';
  extracts: Extract[];
  /**
   * The data rows of the file as a reader of it counts them, when that differs from the rows
   * stored: a wide file (Census country.xlsx, one row per partner and year) is stored as one
   * row per monthly value. Absent: the rows stored are the file's rows.
   */
  records?: number;
  /** Non-fatal notes (placeholders skipped, rows ignored as documented non-data). */
  notes: string[];
  /** Problems found while parsing in JS; any problem fails the whole file. */
  problems: Problem[];
}

export type SourceId =
  | 'census-country-xlsx'
  | 'census-api-hs'
  | 'census-api-json'
  | 'census-api-csv'
  | 'fred-series'
  | 'bts-border-crossing'
  | 'bts-border-crossing-json'
  | 'bts-transborder'
  | 'cbp-bwt-json'
  | 'cbp-bwt-rss'
  | 'cbp-bwt-xml'
  | 'cbp-historical-averages'
  | 'census-schedule-c'
  | 'census-partner-codes'
  | 'iso-country-codes'
  | 'hs-nomenclature'
  | 'hs-sections'
  | 'hs-bec-concordance'
  | 'bec-categories'
  | 'bec-end-use'
  | 'us-states'
  | 'iso-subdivisions'
  | 'iso-subdivision-names'
  | 'eu-cn-names'
  | 'inegi-state-exports'
  | 'schedule-d-ports'
  | 'port-coordinates'
  | 'transborder-codes'
  | 'world-population'
  | 'world-bank-json'
  | 'usitc-tariff-database'
  | 'usitc-hts'
  | 'usitc-dataweb'
  | 'budget-lab-measure'
  | 'budget-lab-usmca-share'
  | 'budget-lab-chapter99'
  | 'usitc-chapter99-text'
  | 'usitc-hts-json'
  | 'usitc-china-tariffs'
  | 'exclusion-claim-shares';
