import type {
  ColumnCheck,
  CsvScanExtract,
  FileExtract,
  ScanTarget,
  SourceId,
} from '../model/extract.ts';
import { headerMatch, headerProblem } from './csv-header.ts';
import type { FileSample, Source } from './source.ts';

/**
 * Code lists rarely carry a release date. A date in the file name is the next best thing;
 * otherwise the label `undated`, and among files of one series with the same vintage the
 * last one loaded is current. `undated` sorts after any ISO date, so within a series an
 * undated file also takes over from dated ones.
 */
export function nameOrUndated(s: FileSample): Pick<FileExtract, 'vintage' | 'vintageBasis'> {
  const m = /(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(s.name);
  if (m) return { vintage: m.slice(1).filter(Boolean).join('-'), vintageBasis: 'file-name' };
  return { vintage: 'undated', vintageBasis: 'file-content' };
}

/** `#` comment lines before the header (the sample's `firstLine` already skips them). */
export function commentLines(head: string): number {
  const lines = head.split(/\r?\n/);
  const n = lines.findIndex((l) => !l.startsWith('#'));
  return n < 0 ? 0 : n;
}

/** A plain comma-separated scan of a whole reference file, every column as text. */
export function scanOf(
  s: FileSample,
  header: readonly string[],
  checks: ColumnCheck[],
  targets: ScanTarget[],
): CsvScanExtract {
  return {
    kind: 'csv-scan',
    path: s.path,
    compression: 'none',
    delimiter: ',',
    header: [...header],
    skipLines: commentLines(s.head),
    checks,
    targets,
  };
}

export interface ReferenceCsvSpec {
  id: SourceId;
  /** What the file is, for "unknown format" messages; the header is appended. */
  what: string;
  header: readonly string[];
  series: string;
  checks: ColumnCheck[];
  targets: ScanTarget[];
  /** Documented decisions (rows skipped, values normalised), recorded with the load. */
  notes: string[];
}

/** A reference CSV with one fixed header, recognised by that header. */
export function referenceCsv(spec: ReferenceCsvSpec): Source {
  return {
    id: spec.id,
    expects: `${spec.what} CSV with header ${spec.header.join(',')}`,
    detect: (s) => s.container === 'text' && headerMatch(s.firstLine, spec.header) !== 'none',
    async read(s: FileSample): Promise<FileExtract> {
      const exact = headerMatch(s.firstLine, spec.header) === 'exact';
      const bad = {
        ...headerProblem(s.path, s.firstLine, spec.header),
        line: commentLines(s.head) + 1,
      };
      return {
        kind: 'file-extract',
        source: spec.id,
        series: spec.series,
        ...nameOrUndated(s),
        notes: spec.notes,
        problems: exact ? [] : [bad],
        extracts: [scanOf(s, spec.header, spec.checks, spec.targets)],
      };
    },
  };
}
