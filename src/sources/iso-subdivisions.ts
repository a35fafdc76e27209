import { readFile } from 'node:fs/promises';
import type { Cell, FileExtract } from '../model/extract.ts';
import type { Problem } from '../model/problem.ts';
import { nameOrUndated } from './reference-csv.ts';
import type { FileSample, Source } from './source.ts';

/**
 * ISO 3166-2 subdivisions (Debian iso-codes `iso_3166-2.json`): code, type and English name of
 * every state, province and territory. The claim checker names Mexican states and Canadian
 * provinces from here, so a sentence about Jalisco or Quebec is never read as one about the
 * world.
 */
export const isoSubdivisions: Source = {
  id: 'iso-subdivisions',
  expects: 'Debian iso-codes iso_3166-2.json ({"3166-2": [{code, name, type}, …]})',
  detect: (s) => s.container === 'text' && /^\s*\{\s*"3166-2"\s*:/.test(s.head),
  async read(s: FileSample): Promise<FileExtract> {
    const problems: Problem[] = [];
    const rows: Cell[][] = [];
    let list: unknown = null;
    try {
      list = (JSON.parse(await readFile(s.path, 'utf8')) as Record<string, unknown>)['3166-2'];
    } catch (e) {
      problems.push({
        code: 'bad-structure',
        file: s.path,
        message: `not valid JSON: ${(e as Error).message}`,
      });
    }
    if (!Array.isArray(list))
      problems.push({ code: 'bad-structure', file: s.path, message: 'expected a "3166-2" list' });
    else
      for (const [i, x] of list.entries()) {
        const o = x as Record<string, unknown>;
        const code = String(o.code ?? '');
        if (!/^[A-Z]{2}-[A-Z0-9]{1,3}$/.test(code) || typeof o.name !== 'string') {
          problems.push({
            code: 'bad-structure',
            file: s.path,
            column: `3166-2[${i}]`,
            value: JSON.stringify(x),
            message: 'expected a subdivision code like MX-JAL and a name',
          });
          continue;
        }
        rows.push([code, code.slice(0, 2), String(o.type ?? ''), o.name, 'en']);
      }
    return {
      kind: 'file-extract',
      source: 'iso-subdivisions',
      series: 'iso-3166-2',
      ...nameOrUndated(s),
      notes: [`${rows.length} subdivisions`],
      problems,
      extracts: [
        {
          kind: 'rows',
          table: 'subdivision',
          columns: ['code', 'country', 'type', 'name', 'lang'],
          rows,
        },
      ],
    };
  },
};

/**
 * The gettext translations of those names (`iso_3166-2_es.po`): each entry is preceded by a
 * "#. Name for MX-NLE" comment, which gives the code the translated name belongs to.
 */
export const isoSubdivisionNames: Source = {
  id: 'iso-subdivision-names',
  expects: 'a Debian iso-codes iso_3166-2 gettext translation (.po with "#. Name for XX-YYY")',
  detect: (s) => s.container === 'text' && /\.po$/i.test(s.name) && s.head.includes('#. Name for '),
  async read(s: FileSample): Promise<FileExtract> {
    const lang = /_([a-z]{2,3}(?:_[A-Z]{2})?)\.po$/.exec(s.name)?.[1] ?? '';
    const problems: Problem[] = [];
    const rows: Cell[][] = [];
    const lines = (await readFile(s.path, 'utf8')).split('\n');
    let code: string | null = null;
    for (const [i, line] of lines.entries()) {
      const c = /^#\. Name for ([A-Z]{2}-[A-Z0-9]{1,3})\s*$/.exec(line);
      if (c) code = c[1]!;
      const m = /^msgstr "(.*)"$/.exec(line);
      if (m && code) {
        const name = m[1]!.replace(/\\"/g, '"').trim();
        if (name) rows.push([code, code.slice(0, 2), '', name, lang]);
        code = null;
      }
      if (/^msgstr/.test(line) && !m)
        problems.push({
          code: 'bad-structure',
          file: s.path,
          line: i + 1,
          message: 'multi-line msgstr not expected',
        });
    }
    if (!lang)
      problems.push({
        code: 'bad-structure',
        file: s.path,
        message: 'no language code in the file name (iso_3166-2_es.po)',
      });
    return {
      kind: 'file-extract',
      source: 'iso-subdivision-names',
      series: `iso-3166-2-${lang}`,
      ...nameOrUndated(s),
      notes: [`${rows.length} translated subdivision names (${lang})`],
      problems,
      extracts: [
        {
          kind: 'rows',
          table: 'subdivision',
          columns: ['code', 'country', 'type', 'name', 'lang'],
          rows,
        },
      ],
    };
  },
};
