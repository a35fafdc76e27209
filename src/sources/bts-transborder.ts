import type { ColumnCheck, FileExtract, ScanTarget } from '../model/extract.ts';
import type { FactTable } from '../model/tables.ts';
import type { FileSample, Source } from './source.ts';
import { headerMatch, headerOf, headerProblem } from './csv-header.ts';

/**
 * The three raw cuts BTS publishes each month. They slice the same trade three ways, so each
 * cut is its own series and table: adding them together would count every dollar three times.
 */
const CUTS = {
  dot1: {
    table: 'transborder_state_port',
    header:
      'TRDTYPE,USASTATE,DEPE,DISAGMOT,MEXSTATE,CANPROV,COUNTRY,VALUE,SHIPWT,FREIGHT_CHARGES,DF,CONTCODE,MONTH,YEAR',
  },
  dot2: {
    table: 'transborder_state_hs2',
    header:
      'TRDTYPE,USASTATE,COMMODITY2,DISAGMOT,MEXSTATE,CANPROV,COUNTRY,VALUE,SHIPWT,FREIGHT_CHARGES,DF,CONTCODE,MONTH,YEAR',
  },
  dot3: {
    table: 'transborder_port_hs2',
    header:
      'TRDTYPE,DEPE,COMMODITY2,DISAGMOT,COUNTRY,VALUE,SHIPWT,FREIGHT_CHARGES,DF,CONTCODE,MONTH,YEAR',
  },
} as const satisfies Record<string, { table: FactTable; header: string }>;

type Cut = keyof typeof CUTS;
const CUT_NAMES = Object.keys(CUTS) as Cut[];
const headerOfCut = (c: Cut) => CUTS[c].header.split(',');

/** Checks for the columns present in a cut; codes are BTS's own lists (codes PDF/XLS). */
const CHECKS: Record<string, ColumnCheck['rule'][]> = {
  TRDTYPE: [{ kind: 'required' }, { kind: 'one-of', values: ['1', '2'] }],
  COUNTRY: [{ kind: 'required' }, { kind: 'one-of', values: ['1220', '2010'] }],
  DISAGMOT: [
    { kind: 'required' },
    { kind: 'one-of', values: ['1', '3', '4', '5', '6', '7', '8', '9'] },
  ],
  VALUE: [{ kind: 'required' }, { kind: 'integer' }, { kind: 'at-least', min: 0 }],
  SHIPWT: [{ kind: 'integer' }, { kind: 'at-least', min: 0 }],
  FREIGHT_CHARGES: [{ kind: 'integer' }, { kind: 'at-least', min: 0 }],
  // DF (domestic/foreign) is published for exports only: imports leave it empty.
  DF: [{ kind: 'one-of', values: ['1', '2'] }],
  // The codes PDF lists X "containerized" and 0 "non-containerized", yet the files carry 1
  // too, and X on every export to Canada and on pipeline and mail: stored as published.
  CONTCODE: [{ kind: 'one-of', values: ['0', '1', 'X'] }],
  MONTH: [{ kind: 'required' }, pattern('0?[1-9]|1[0-2]', 'a month number 01-12')],
  YEAR: [{ kind: 'required' }, pattern('(19|20)[0-9]{2}', 'a 4-digit year')],
  // DU is BTS's "state unknown".
  USASTATE: [{ kind: 'required' }, pattern('[A-Z]{2}', 'a 2-letter US state code')],
  // 4-digit Schedule D ports, or "23XX": trade known only by district (60XX, 70XX, 80XX are
  // vessels under own power, low-valued shipments, mail). Additive rows, not subtotals.
  DEPE: [
    { kind: 'required' },
    pattern('[0-9]{2}([0-9]{2}|XX)', 'a Schedule D port (2304) or district (23XX)'),
  ],
  COMMODITY2: [{ kind: 'required' }, pattern('[0-9]{2}', 'a 2-digit HS chapter')],
  MEXSTATE: [pattern('[A-Z]{2}', 'a 2-letter Mexican state code')],
  CANPROV: [pattern('[A-Z]{2}', 'a 2-letter Canadian province code')],
};

function pattern(regex: string, expected: string): ColumnCheck['rule'] {
  return { kind: 'pattern', regex, expected };
}

const empty = (col: string) => `nullif(trim("${col}"), '')`;

/** Target columns shared by the three cuts, then the ones a cut has. */
function select(cut: Cut): ScanTarget['select'] {
  const common: ScanTarget['select'] = {
    // BTS's code list says only "Import"; Frontera treats Census-based imports as general.
    flow: `CASE "TRDTYPE" WHEN '1' THEN 'export' ELSE 'import_general' END`,
    partner_code: '"COUNTRY"',
    month: `make_date(CAST("YEAR" AS INTEGER), CAST("MONTH" AS INTEGER), 1)`,
    mode: '"DISAGMOT"',
    value_usd: '"VALUE"',
    // BTS does not publish export weights for land modes (only vessel and air): the files
    // write 0 there, which means "not available", so it is stored as NULL, not as zero.
    shipping_weight_kg: `CASE WHEN "TRDTYPE" = '1' AND "DISAGMOT" NOT IN ('1', '3') AND TRY_CAST("SHIPWT" AS BIGINT) = 0 THEN NULL ELSE ${empty('SHIPWT')} END`,
    freight_charges_usd: empty('FREIGHT_CHARGES'),
    domestic_foreign: empty('DF'),
    containerized: empty('CONTCODE'),
  };
  if (cut === 'dot1') {
    return {
      ...common,
      us_state: '"USASTATE"',
      port_code: '"DEPE"',
      mex_state: empty('MEXSTATE'),
      can_province: empty('CANPROV'),
    };
  }
  if (cut === 'dot2') {
    return {
      ...common,
      us_state: '"USASTATE"',
      hs2: '"COMMODITY2"',
      mex_state: empty('MEXSTATE'),
      can_province: empty('CANPROV'),
    };
  }
  return { ...common, port_code: '"DEPE"', hs2: '"COMMODITY2"' };
}

/** The cut whose header this is: exact if possible, else the closest (for a precise error). */
function cutOf(firstLine: string): { cut: Cut; exact: boolean } | undefined {
  const exact = CUT_NAMES.find((c) => headerMatch(firstLine, headerOfCut(c)) === 'exact');
  if (exact) return { cut: exact, exact: true };
  const names = headerOf(firstLine);
  const close = CUT_NAMES.filter((c) => headerMatch(firstLine, headerOfCut(c)) === 'close');
  const shared = (c: Cut) => headerOfCut(c).filter((h) => names.includes(h)).length;
  const best = close.sort((a, b) => shared(b) - shared(a))[0];
  return best ? { cut: best, exact: false } : undefined;
}

/**
 * BTS North American TransBorder Freight raw monthly files (dot1, dot2, dot3), recognised by
 * header. Values are whole US dollars, weights kilograms, as BTS publishes them.
 */
export const btsTransborder: Source = {
  id: 'bts-transborder',
  expects: `BTS TransBorder raw CSV: ${CUT_NAMES.map((c) => `${c} header ${CUTS[c].header}`).join('; ')}`,
  detect: (s) =>
    (s.container === 'text' || s.container === 'gzip') && cutOf(s.firstLine) !== undefined,
  async read(s: FileSample): Promise<FileExtract> {
    const found = cutOf(s.firstLine);
    const cut = found?.cut ?? 'dot1';
    const header = headerOfCut(cut);
    const problems = found?.exact ? [] : [headerProblem(s.path, s.firstLine, header)];
    const checks = header.flatMap((column) =>
      (CHECKS[column] ?? []).map((rule) => ({ column, rule })),
    );
    return {
      kind: 'file-extract',
      source: 'bts-transborder',
      series: cut,
      vintage: 'data-through',
      vintageBasis: 'data-through',
      notes: [],
      problems,
      extracts: [
        {
          kind: 'csv-scan',
          path: s.path,
          compression: s.container === 'gzip' ? 'gzip' : 'none',
          delimiter: ',',
          header,
          skipLines: 0,
          checks,
          targets: [{ table: CUTS[cut].table, select: select(cut) }],
        },
      ],
    };
  },
};
