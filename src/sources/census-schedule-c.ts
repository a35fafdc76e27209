import { readFile } from 'node:fs/promises';
import type { Cell, FileExtract } from '../model/extract.ts';
import type { Problem } from '../model/problem.ts';
import { nameOrUndated } from './reference-csv.ts';
import type { FileSample, Source } from './source.ts';

const COLUMNS_LINE = /^Code\s*\|\s*Name\s*\|\s*ISO Code\s*$/m;
const RULE = /^-{20,}\s*$/;
const MONTHS = 'JANFEBMARAPRMAYJUNJULAUGSEPOCTNOVDEC';

/** "27JAN21" → "2021-01-27" (Census prints two-digit years; all are 19xx–20xx releases). */
function censusDate(d: string): string | undefined {
  const m = /^(\d{2})([A-Z]{3})(\d{2})$/.exec(d);
  const month = m ? MONTHS.indexOf(m[2] ?? '') / 3 + 1 : 0;
  if (!m || month < 1 || !Number.isInteger(month)) return undefined;
  const year = Number(m[3]) + (Number(m[3]) < 70 ? 2000 : 1900);
  return `${year}-${String(month).padStart(2, '0')}-${m[1]}`;
}

/**
 * Census Schedule C country list as printed: decorative rules, a title with the production
 * date, a `Code | Name | ISO Code` column line, fixed-width rows, and a footer. Columns are
 * found from the `|` in the column line, since the rows are padded to those positions.
 */
export const censusScheduleC: Source = {
  id: 'census-schedule-c',
  expects: 'Census Schedule C country list (text, "Code | Name | ISO Code" columns)',
  detect: (s) => s.container === 'text' && COLUMNS_LINE.test(s.head),
  async read(s: FileSample): Promise<FileExtract> {
    const lines = (await readFile(s.path, 'utf8')).split(/\r?\n/);
    const problems: Problem[] = [];
    const notes: string[] = [];
    const rows: Cell[][] = [];
    const bad = (
      line: number,
      column: string,
      value: string,
      message: string,
      code: Problem['code'],
    ) => problems.push({ code, file: s.path, line, column, value: value.slice(0, 200), message });

    const at = lines.findIndex((l) => COLUMNS_LINE.test(l));
    const columnsLine = lines[at] ?? '';
    const nameFrom = columnsLine.indexOf('|') + 1;
    const isoBar = columnsLine.lastIndexOf('|');
    const seen = new Map<string, number>();
    let i = at + 1;
    if (RULE.test(lines[i] ?? '')) i++;
    for (; i < lines.length; i++) {
      const text = lines[i] ?? '';
      const line = i + 1;
      if (RULE.test(text)) break; // the rule above the footer ends the list
      if (text.trim() === '') continue;
      const code = text.slice(0, nameFrom - 1).trim();
      let name = text.slice(nameFrom, isoBar).trim();
      // Normally "| XX"; a name longer than its column runs over the separator, but the ISO
      // code still sits in its own fixed columns at the end.
      const iso = text.slice(isoBar + 2).trim();
      if (!/^\d{4}$/.test(code)) {
        bad(
          line,
          'Code',
          text,
          'expected a 4-digit Schedule C code at the start of the line',
          'unknown-code',
        );
        continue;
      }
      if (!/^[A-Z]{2}$/.test(iso) || text.length < isoBar + 4) {
        bad(
          line,
          'ISO Code',
          text,
          'expected an ISO alpha-2 code in the last column',
          'unknown-code',
        );
        continue;
      }
      if (text.slice(isoBar, isoBar + 2) !== '| ') {
        // Drop the cut-off tail of an unclosed parenthesis ("… (formerly Za") with it.
        const cut = name.replace(/\s*\([^)]*$/, '');
        notes.push(
          `line ${line}: name overflows its column (${JSON.stringify(text.slice(nameFrom).trim())}); loaded as "${cut}" with ISO ${iso}`,
        );
        name = cut;
      }
      if (name === '') {
        bad(line, 'Name', text, 'the name is empty', 'missing-value');
        continue;
      }
      const first = seen.get(code);
      // The same line again is a repeat, counted once (the store keeps one of identical rows).
      if (first !== undefined && lines[first - 1] === text) continue;
      if (first !== undefined) {
        bad(line, 'Code', text, `code ${code} already listed on line ${first}`, 'duplicate-row');
        continue;
      }
      seen.set(code, line);
      rows.push([code, name, iso]);
    }
    if (at < 0 || rows.length === 0) {
      problems.push({ code: 'empty-file', file: s.path, message: 'no Schedule C rows found' });
    }

    // The title's production date is the release; the footer's may be an older template's.
    const head = lines.slice(0, Math.max(at, 0)).join('\n');
    const produced = censusDate(/\[Produced:\s*(\w+)\]/.exec(head)?.[1] ?? '');
    const footer = /listing produced\.*\s*(\w+)/i.exec(lines.slice(i).join('\n'))?.[1];
    if (produced && footer && censusDate(footer) !== produced) {
      notes.push(
        `footer says produced ${footer}, title says ${produced}: the title's date is used`,
      );
    }
    return {
      kind: 'file-extract',
      source: 'census-schedule-c',
      series: 'schedule-c',
      ...(produced
        ? { vintage: produced, vintageBasis: 'file-content' as const }
        : nameOrUndated(s)),
      notes,
      problems,
      extracts: [
        { kind: 'rows', table: 'census_partner', columns: ['partner_code', 'name', 'iso2'], rows },
      ],
    };
  },
};
