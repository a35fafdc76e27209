import type { Cell, FileExtract } from '../model/extract.ts';
import type { Problem } from '../model/problem.ts';
import { lineOfKey, readJsonObject, smallJsonObject } from './json-code-file.ts';
import { nameOrUndated } from './reference-csv.ts';
import type { FileSample, Source } from './source.ts';

/**
 * The TransBorder code lists are all flat `{code: name}` objects, so which list a file is
 * can only be told from what it names: each list is recognised by names only it contains
 * (and modes by their one-digit codes), never by the file name.
 */
const LISTS = [
  { list: 'mode', code: /^\d$/, names: ['Vessel', 'Air', 'Truck', 'Rail', 'Pipeline'] },
  {
    list: 'mexican_state',
    code: /^[A-Z]{2}$/,
    names: ['Chihuahua', 'Jalisco', 'Sonora', 'Tamaulipas', 'Nuevo Leon'],
  },
  {
    list: 'canadian_province',
    code: /^[A-Z]{2}$/,
    names: ['Alberta', 'British Columbia', 'Ontario', 'Quebec', 'Manitoba'],
  },
  {
    list: 'us_state_code',
    code: /^[A-Z]{2}$/,
    names: ['California', 'Michigan', 'New York', 'Texas', 'Washington'],
  },
] as const;

function whichList(o: Record<string, unknown> | undefined) {
  if (!o) return undefined;
  const names = new Set(Object.values(o));
  const found = LISTS.filter((l) => l.names.every((n) => names.has(n)));
  return found.length === 1 ? found[0] : undefined;
}

export const transborderCodes: Source = {
  id: 'transborder-codes',
  expects:
    'a BTS TransBorder code list JSON ({code: name}: modes, Mexican states, Canadian provinces or US states)',
  detect: (s) => whichList(smallJsonObject(s)) !== undefined,
  async read(s: FileSample): Promise<FileExtract> {
    const { text, value, problems } = await readJsonObject(s);
    const l = whichList(value);
    const rows: Cell[][] = [];
    for (const [code, name] of Object.entries(value)) {
      const fail = (message: string, pc: Problem['code']) =>
        problems.push({
          code: pc,
          file: s.path,
          line: lineOfKey(text, code),
          column: code,
          value: JSON.stringify(name),
          message,
        });
      if (l && !l.code.test(code)) fail(`not a ${l.list} code`, 'unknown-code');
      else if (typeof name !== 'string' || name.trim() === '')
        fail('expected a name', 'missing-value');
      else rows.push([l?.list ?? '', code, name.trim()]);
    }
    if (!l) {
      problems.push({ code: 'unknown-format', file: s.path, message: 'not a known code list' });
    }
    return {
      kind: 'file-extract',
      source: 'transborder-codes',
      // Each list is its own series: a new Mexican-state list never retires the mode list.
      series: l?.list ?? 'unknown',
      ...nameOrUndated(s),
      notes: [],
      problems,
      extracts: [{ kind: 'rows', table: 'region', columns: ['code_list', 'code', 'name'], rows }],
    };
  },
};
