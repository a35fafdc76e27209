import type { Cell, FileExtract } from '../model/extract.ts';
import type { Problem } from '../model/problem.ts';
import type { FileSample, Source } from './source.ts';
import { xlsxSheetRows } from './xlsx-sheet-rows.ts';

const TITLE = 'Exportaciones anuales por Entidad Federativa';
const TOTAL = 'Exportaciones totales';

/**
 * INEGI "Exportaciones anuales por Entidad Federativa" (EAEF): each Mexican state's exports to
 * the world, one row per state and a column per year, in thousands of US dollars. These are
 * Mexico-side statistics (mining and manufacturing, agriculture from 2018), not US imports
 * from Mexico by state, and carry no partner: a state's exports to the US are not in them.
 * Year headers carry INEGI's marks ("2007 R/" revised, "2018 P/" preliminary from then on).
 */
export const inegiStateExports: Source = {
  id: 'inegi-state-exports',
  expects: `INEGI ${TITLE} (xlsx, sheet "Entidad", header "Entidad Federativa" then years)`,
  // Recognised by its title row, not its file name.
  detect: (s) =>
    s.container === 'zip' &&
    /\.xlsx$/i.test(s.name) &&
    xlsxSheetRows(s.path, { maxRows: 3 }).rows.some((r) => String(r[0] ?? '').trim() === TITLE),
  async read(s: FileSample): Promise<FileExtract> {
    const { rows } = xlsxSheetRows(s.path);
    const problems: Problem[] = [];
    const fail = (line: number | undefined, message: string, column?: string, value?: unknown) =>
      problems.push({
        code: 'bad-structure',
        file: s.path,
        line,
        column,
        value: value === undefined ? undefined : String(value),
        message,
      });
    if (!rows.some((r) => String(r[0] ?? '').trim() === TITLE))
      fail(undefined, `title "${TITLE}" not found in the first sheet`);
    const h = rows.findIndex((r) => String(r[0] ?? '').trim() === 'Entidad Federativa');
    if (h < 0) fail(undefined, 'header row "Entidad Federativa" not found');
    const years: { col: number; year: number; status: string }[] = [];
    for (const [col, v] of (rows[h] ?? []).entries()) {
      if (col === 0 || v === null) continue;
      const m = /^(\d{4})\s*(R\/|P\/)?$/.exec(String(v).trim());
      if (!m) fail(h + 1, 'expected a year', `column ${col + 1}`, v);
      else years.push({ col, year: Number(m[1]), status: m[2] === 'R/' ? 'revised' : '' });
    }
    // "2018 P/": preliminary from that year on.
    const firstPreliminary = years.find((y) => String(rows[h]?.[y.col]).includes('P/'))?.year;
    const out: Cell[][] = [];
    for (let i = h + 1; h >= 0 && i < rows.length; i++) {
      const r = rows[i]!;
      const name = String(r[0] ?? '')
        .replace(/\*+$/, '')
        .trim();
      const values = years.map((y) => r[y.col]);
      if (!name || values.every((v) => v === null)) continue;
      const total = name === TOTAL;
      for (const [k, y] of years.entries()) {
        const v = values[k];
        if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
          fail(i + 1, 'expected thousands of US dollars', `${y.year}`, v);
          continue;
        }
        const status =
          firstPreliminary !== undefined && y.year >= firstPreliminary
            ? 'preliminary'
            : y.status || 'final';
        // Thousands of dollars, whole in the file: exact as bigint dollars.
        out.push([total ? null : name, total, y.year, BigInt(Math.round(v)) * 1000n, status]);
      }
    }
    if (out.length === 0 && problems.length === 0) fail(undefined, 'no state rows found');
    return {
      kind: 'file-extract',
      source: 'inegi-state-exports',
      series: 'eaef-entidad',
      vintage: 'data-through',
      vintageBasis: 'data-through',
      notes: [
        `${out.length} state-year values, ${years[0]?.year}–${years.at(-1)?.year}, thousands of USD read as dollars`,
      ],
      problems,
      extracts: [
        {
          kind: 'rows',
          table: 'mexico_state_exports',
          columns: ['state_name', 'is_total', 'year', 'value_usd', 'status'],
          rows: out,
        },
      ],
    };
  },
};
