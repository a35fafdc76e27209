import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import type { Cell, FileExtract } from '../model/extract.ts';
import type { Problem } from '../model/problem.ts';
import type { FileSample, Source } from './source.ts';

interface HtsJsonLine {
  htsno?: unknown;
  footnotes?: unknown;
}

const HEADING = /\b(99\d{2}\.\d{2}\.\d{2})\b/g;

/**
 * The USITC HTS JSON export (`hts_2025_basic.json.gz`: one object per line with `htsno`,
 * `footnotes` …; the export also carries a misspelt `addiitionalDuties` key, ignored). Only the
 * footnotes are read: on product lines they are the official pointer to the chapter 99
 * headings that apply ("See 9903.88.15 and 9903.91.01."), one row per line and heading. The
 * edition's year is in the file name only, so a file without one is refused.
 */
export const usitcHtsJson: Source = {
  id: 'usitc-hts-json',
  expects: 'USITC HTS JSON export: an array of objects with htsno, indent, description, footnotes',
  detect: (s) =>
    (s.container === 'gzip' || s.container === 'text') &&
    /^\s*\[\s*\{/.test(s.head) &&
    /"htsno"\s*:/.test(s.head) &&
    /"footnotes"\s*:/.test(s.head),
  async read(s: FileSample): Promise<FileExtract> {
    const problems: Problem[] = [];
    const year = /(?:19|20)\d{2}/.exec(s.name)?.[0];
    if (!year)
      problems.push({
        code: 'bad-structure',
        file: s.path,
        message:
          'the file name does not say which edition (year) this is (e.g. hts_2025_basic.json.gz)',
      });
    let data: unknown;
    try {
      const raw = s.plain ?? (await readFile(s.path));
      const text = (s.container === 'gzip' && !s.plain ? gunzipSync(raw) : raw).toString('utf8');
      data = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch (e) {
      problems.push({
        code: 'bad-structure',
        file: s.path,
        message: `not readable JSON: ${(e as Error).message}`,
      });
    }
    const rows: Cell[][] = [];
    let lines = 0;
    if (Array.isArray(data)) {
      data.forEach((o: HtsJsonLine, i) => {
        if (typeof o?.htsno !== 'string' || o.htsno === '') return;
        lines++;
        if (!/^\d{4}(\.\d{2}){0,3}$/.test(o.htsno)) {
          problems.push({
            code: 'unknown-code',
            file: s.path,
            line: i + 1,
            column: 'htsno',
            value: o.htsno,
            message: 'expected an HTS number like 0101.21.00.10 (line = position in the array)',
          });
          return;
        }
        const code = o.htsno.replaceAll('.', '');
        for (const f of Array.isArray(o.footnotes) ? o.footnotes : []) {
          const value = typeof f?.value === 'string' ? f.value.replace(/\s+/g, ' ').trim() : '';
          for (const h of new Set([...value.matchAll(HEADING)].map((m) => m[1]!)))
            rows.push([Number(year), code, code.length, h, value]);
        }
      });
    } else if (data !== undefined)
      problems.push({
        code: 'bad-structure',
        file: s.path,
        message: 'expected a JSON array of HTS lines',
      });
    return {
      kind: 'file-extract',
      source: 'usitc-hts-json',
      series: 'hts-json',
      vintage: year ?? 'undated',
      vintageBasis: year ? 'file-name' : 'file-content',
      records: lines,
      notes: [
        `${lines} HTS lines; ${rows.length} footnote references to chapter 99 headings kept, the rest of each line is read from the CSV export`,
      ],
      problems,
      extracts: [
        {
          kind: 'rows',
          table: 'hts_footnote',
          columns: ['year', 'hts_code', 'hts_level', 'heading', 'footnote'],
          rows,
        },
      ],
    };
  },
};
