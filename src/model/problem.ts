/** A data problem found while reading a file: collected, then reported together. */
export interface Problem {
  code: ProblemCode;
  message: string;
  file: string;
  /** 1-based line in the file (or row in a sheet); absent when the problem is about the whole file. */
  line?: number;
  column?: string;
  value?: string;
}

export type ProblemCode =
  | 'unknown-format'
  | 'bad-header'
  | 'empty-file'
  | 'truncated'
  | 'column-count'
  | 'not-a-number'
  | 'bad-date'
  | 'unknown-code'
  | 'missing-value'
  | 'duplicate-row'
  | 'bad-structure'
  | 'bad-encoding'
  | 'line-too-long'
  | 'file-changed'
  | 'out-of-range'
  | 'unreadable';

export function formatProblem(p: Problem): string {
  const where = [p.file, p.line === undefined ? undefined : `line ${p.line}`, p.column]
    .filter((x) => x !== undefined)
    .join(':');
  const value = p.value === undefined ? '' : ` (value ${JSON.stringify(p.value)})`;
  return `${where}: ${p.message}${value}`;
}
