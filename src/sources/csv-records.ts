import type { Problem } from '../model/problem.ts';

/** One CSV record: its fields and the 1-based line of the file it starts on. */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/**
 * RFC 4180 records, for the few files that must be read in order in JS (a line's parent is
 * the line above it): quoted fields may hold commas, doubled quotes and line breaks, so a
 * record is not a line. A BOM is dropped. `unterminated` says a quote was never closed — the
 * sign of a truncated file.
 */
export function csvRecords(text: string): { records: CsvRecord[]; unterminated: boolean } {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let i = 0;
  while (i < src.length) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
      i++;
      continue;
    }
    if (ch === '"') quoted = true;
    else if (ch === ',') {
      fields.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      fields.push(field);
      if (fields.length > 1 || fields[0] !== '') records.push({ line: start, fields });
      fields = [];
      field = '';
      line++;
      start = line;
    } else field += ch;
    i++;
  }
  if (field !== '' || fields.length > 0) {
    fields.push(field);
    records.push({ line: start, fields });
  }
  return { records, unterminated: quoted };
}

/** The problem for a record whose field count is not the header's, naming both. */
export function columnCountProblem(
  file: string,
  record: CsvRecord,
  header: readonly string[],
): Problem {
  return {
    code: 'column-count',
    file,
    line: record.line,
    value: record.fields.join(',').slice(0, 200),
    message: `expected ${header.length} columns (${header.join(',')}), found ${record.fields.length}`,
  };
}
