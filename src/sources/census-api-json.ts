import { ROW_WIDTH, type FileExtract } from '../model/extract.ts';
import { censusApiFailure, censusScanPlan } from './census-api-scan.ts';
import type { FileSample, Source } from './source.ts';

/**
 * A Census International Trade API result saved as JSON: the raw response (an array of string
 * arrays whose first row names the variables) or the same rows as an array of objects keyed by
 * variable, as many clients save them. DuckDB reads the document (`census-api-scan.ts`); the
 * header is taken from the file's first element, read here from the first 64 KiB.
 */
export const censusApiJson: Source = {
  id: 'census-api-json',
  expects:
    'Census International Trade API JSON (an array of string arrays with a header row, or an array of objects, naming CTY_CODE, E_COMMODITY or I_COMMODITY, time and ALL_VAL_MO / GEN_VAL_MO / CON_VAL_MO)',
  detect: (s) =>
    s.container === 'text' &&
    /^\s*\[\s*[[{]\s*"/.test(s.head) &&
    /"CTY_CODE"/.test(s.head.slice(0, 2000)) &&
    /"[EI]_COMMODITY"/.test(s.head.slice(0, 2000)),
  read(s: FileSample): Promise<FileExtract> {
    return Promise.resolve(readJson(s));
  },
};

function readJson(s: FileSample): FileExtract {
  const fail = (code: 'bad-structure' | 'bad-header', message: string) =>
    censusApiFailure(s.path, 'census-api-json', code, message);
  const first = firstElement(s.head);
  if (first === undefined) {
    return fail(
      'bad-structure',
      'expected a JSON array of arrays with a header row first, or an array of objects (the first element does not close within 64 KiB)',
    );
  }
  let element: unknown;
  try {
    element = JSON.parse(first);
  } catch (e) {
    return fail('bad-structure', `the first element is not valid JSON: ${(e as Error).message}`);
  }
  const layout = Array.isArray(element) ? 'arrays' : 'objects';
  // Objects have no header row: the first object's keys name the variables, in its order.
  const header =
    layout === 'arrays'
      ? (element as unknown[]).map((h) => String(h))
      : Object.keys(element as Record<string, unknown>);
  const found = censusScanPlan(s.path, header);
  if ('problem' in found) return fail('bad-header', found.problem.message);
  const { plan } = found;
  const checks = [...plan.checks];
  if (layout === 'arrays') {
    checks.unshift({
      column: ROW_WIDTH,
      rule: {
        kind: 'pattern',
        regex: String(header.length),
        expected: `${header.length} values, as the header names`,
        code: 'column-count',
      },
    });
  }
  return {
    kind: 'file-extract',
    source: 'census-api-json',
    series: plan.series,
    vintage: 'data-through',
    vintageBasis: 'data-through',
    notes: plan.notes,
    problems: [],
    extracts: [
      {
        kind: 'json-scan',
        path: s.path,
        layout,
        // Objects are read by key: the staged names are the variables themselves.
        columns: layout === 'arrays' ? plan.columns : header,
        checks,
        targets: plan.targets,
        tallies: plan.tallies,
      },
    ],
  };
}

/**
 * The text of the document's first element (`[...]` or `{...}`), found by matching brackets
 * outside strings; undefined when it does not close within `head`.
 */
function firstElement(head: string): string | undefined {
  const start = head.search(/[[{]/);
  if (start < 0) return undefined;
  const open = head.slice(start + 1).search(/[[{]/);
  if (open < 0) return undefined;
  const from = start + 1 + open;
  let depth = 0;
  let inString = false;
  for (let i = from; i < head.length; i++) {
    const c = head[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') {
      depth--;
      if (depth === 0) return head.slice(from, i + 1);
    }
  }
  return undefined;
}
