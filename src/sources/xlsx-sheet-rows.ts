import XLSX from '@e965/xlsx';
import { RAW_VALUES, readWorkbook } from './read-workbook.ts';

/**
 * The first sheet (or the named one) of a workbook as rows of raw cell values, blanks as null.
 * Readers of small spreadsheets go through here so the xlsx library is used in one place.
 */
export function xlsxSheetRows(
  path: string,
  opts: { sheet?: string; maxRows?: number } = {},
): { name: string; rows: unknown[][] } {
  const { sheet, maxRows } = opts;
  // Recognising a file reads only its first rows: other workbooks can be large.
  const wb = readWorkbook(
    path,
    maxRows === undefined ? RAW_VALUES : { ...RAW_VALUES, sheetRows: maxRows },
  );
  const name = sheet ?? wb.SheetNames[0] ?? '';
  const ws = wb.Sheets[name];
  if (!ws) return { name, rows: [] };
  return {
    name,
    rows: XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1, raw: true, defval: null }),
  };
}
