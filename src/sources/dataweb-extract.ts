import type { Cell, FileExtract } from '../model/extract.ts';
import type { Flow } from '../model/flow.ts';
import type { Problem } from '../model/problem.ts';

/** One figure of a DataWeb download: a measure for a partner, product and year. */
export interface DatawebFigure {
  flow: Flow;
  partnerCode: string;
  partnerName: string;
  hsCode: string;
  description: string | null;
  year: number;
  measure: string;
  value: bigint;
  /** 'USD', or the unit of a quantity. */
  unit: string;
  /** null where the download has no Suppressed column for this measure. */
  suppressed: boolean | null;
}

const COLUMNS = [
  'flow',
  'partner_code',
  'partner_name',
  'hs_code',
  'hs_level',
  'description',
  'period_start',
  'period_end',
  'measure',
  'value',
  'unit',
  'suppressed',
];

/**
 * Both DataWeb layouts load into `dataweb_product` as one series, so a newer download
 * supersedes an older one figure by figure (flow, partner, product, measure, year) whichever
 * layout either came in. A year runs, as in `trade_product`, from its January to its December.
 */
export function datawebExtract(
  figures: DatawebFigure[],
  vintage: Pick<FileExtract, 'vintage' | 'vintageBasis'>,
  problems: Problem[],
  notes: string[],
): FileExtract {
  const rows: Cell[][] = figures.map((f) => [
    f.flow,
    f.partnerCode,
    f.partnerName,
    f.hsCode,
    f.hsCode.length,
    f.description,
    `${f.year}-01-01`,
    `${f.year}-12-01`,
    f.measure,
    f.value,
    f.unit,
    f.suppressed,
  ]);
  return {
    kind: 'file-extract',
    source: 'usitc-dataweb',
    series: 'dataweb',
    ...vintage,
    notes,
    problems,
    extracts: [{ kind: 'rows', table: 'dataweb_product', columns: COLUMNS, rows }],
  };
}

/** HTS numbers DataWeb reports: 2 (chapter) to 10 (statistical line) digits, in pairs. */
export const HTS_NUMBER = /^\d{2}(?:\d{2}){0,4}$/;
