import type { Cell, FileExtract } from '../model/extract.ts';
import { MONTH_NAMES } from '../model/month-names.ts';
import type { Problem } from '../model/problem.ts';
import type { FileSample, Source } from './source.ts';
import { excelSerialDate } from './excel-serial-date.ts';
import { xlsxSheetRows } from './xlsx-sheet-rows.ts';

const TITLE = 'China Tariffs';
const HEADER = 'Harmonized Tariff Schedule 8-digit Subheading';

/**
 * USITC's reference table "China Tariffs" (xlsx): each subheading (a few 10-digit lines too)
 * with the 9903.88 heading that applied on the date the sheet was last updated, which its
 * second row states ("(Last Updated January 1, 2020)"). A cross-check of the Section 301 lists
 * as they stood then, never the lists themselves: it leaves out subheadings only partly covered.
 */
export const usitcChinaTariffs: Source = {
  id: 'usitc-china-tariffs',
  expects: `USITC "${TITLE}" xlsx with a header row "${HEADER}"`,
  detect: (s) =>
    s.container === 'zip' &&
    /\.xlsx$/i.test(s.name) &&
    xlsxSheetRows(s.path, { maxRows: 2 }).rows.some((r) => String(r[0] ?? '').trim() === TITLE),
  async read(s: FileSample): Promise<FileExtract> {
    const { rows } = xlsxSheetRows(s.path);
    const problems: Problem[] = [];
    const updated = /Last Updated (\w+) (\d{1,2}), (\d{4})/.exec(String(rows[1]?.[0] ?? ''));
    const month = updated ? (MONTH_NAMES as readonly string[]).indexOf(updated[1]!) : -1;
    const asOf =
      updated && month >= 0
        ? `${updated[3]}-${String(month + 1).padStart(2, '0')}-${updated[2]!.padStart(2, '0')}`
        : null;
    if (!asOf)
      problems.push({
        code: 'bad-structure',
        file: s.path,
        line: 2,
        message: 'expected "(Last Updated Month D, YYYY)" in the second row',
      });
    const head = rows.findIndex((r) => String(r[0] ?? '').trim() === HEADER);
    if (head < 0)
      problems.push({ code: 'bad-structure', file: s.path, message: `no header row "${HEADER}"` });
    const out: Cell[][] = [];
    const lines: number[] = [];
    let asDates = 0;
    let repeatedHeads = 0;
    for (let i = head + 1; head >= 0 && i < rows.length; i++) {
      const [cell, headingCell] = rows[i]!;
      // Excel took subheadings like 1901.10.05 for dates (cell format yyyy.mm.dd) and stores
      // the day number: read it back through the format it was given.
      const date = typeof cell === 'number' ? excelSerialDate(cell) : undefined;
      if (date) asDates++;
      const code = date ? date.slice(0, 10).replaceAll('-', '.') : String(cell ?? '').trim();
      const heading = String(headingCell ?? '').trim();
      if (!code && !heading) continue;
      // The sheet's second part lists the subheadings covered at 10 digits, under its own
      // heading rows and an explanatory paragraph.
      if (
        code === HEADER ||
        /^Harmonized Tariff Schedule 10-digit/.test(code) ||
        (/^In several cases/.test(code) && !heading)
      ) {
        repeatedHeads++;
        continue;
      }
      if (!/^\d{4}\.\d{2}\.\d{2}(\d{2})?$/.test(code) || !/^9903\.88\.\d{2}$/.test(heading)) {
        problems.push({
          code: 'unknown-code',
          file: s.path,
          line: i + 1,
          column: /^\d{4}\./.test(code) ? 'heading' : 'subheading',
          value: `${code} ${heading}`,
          message: 'expected a subheading like 0204.43.20 and a heading like 9903.88.15',
        });
        continue;
      }
      const digits = code.replaceAll('.', '');
      out.push([asOf, digits, digits.length, heading]);
      lines.push(i + 1);
    }
    return {
      kind: 'file-extract',
      source: 'usitc-china-tariffs',
      series: 'usitc-china-tariffs',
      vintage: asOf ?? 'undated',
      vintageBasis: asOf ? 'file-content' : 'file-content',
      notes: [
        `the Section 301 headings by subheading as of ${asOf ?? 'an unstated date'}: a cross-check, not the legal lists`,
        `${asDates} subheadings Excel had stored as dates (yyyy.mm.dd) read back as subheadings; ${repeatedHeads} repeated header rows skipped`,
      ],
      problems,
      extracts: [
        {
          kind: 'rows',
          table: 'china_tariff_reference',
          columns: ['as_of', 'hts_code', 'hts_level', 'heading'],
          rows: out,
          lines,
        },
      ],
    };
  },
};
