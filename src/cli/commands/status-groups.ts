import type { StoreStatus } from '../../store/store-status.ts';

type FileStatus = StoreStatus['files'][number];

/** More files than this in one source, series and folder are shown as one line. */
export const GROUP_ABOVE = 10;

/** One line of `frontera status`: a file, or a feed of many files summed. */
export interface StatusLine {
  source: string;
  series: string;
  vintage: string;
  periodFrom: string | null;
  periodTo: string | null;
  rows: number;
  values: number;
  currentRows: number;
  repeatedRows: number;
  conflicts: number;
  /** The file itself, or the one it stands for when several are summed. */
  file: FileStatus;
  /** How many files the line sums (1 for a file). */
  files: number;
  folder: string;
}

const folderOf = (path: string) => path.split('/').slice(0, -1).join('/');

/**
 * A recorded feed (CBP's hourly wait-time pulls: over 7,000 files) would bury the table, so the
 * files of one source, series and folder are summed into one line when there are more than
 * GROUP_ABOVE of them; `--files` lists each. Counts are sums, periods and vintages the span.
 */
export function statusLines(files: readonly FileStatus[], listEach: boolean): StatusLine[] {
  const single = (f: FileStatus): StatusLine => ({
    ...f,
    file: f,
    files: 1,
    folder: folderOf(f.path),
  });
  if (listEach) return files.map(single);
  const groups = new Map<string, FileStatus[]>();
  for (const f of files) {
    const key = `${f.source}\u0000${f.series}\u0000${folderOf(f.path)}`;
    const g = groups.get(key);
    if (g) g.push(f);
    else groups.set(key, [f]);
  }
  const lines: StatusLine[] = [];
  for (const g of groups.values()) {
    if (g.length <= GROUP_ABOVE) {
      lines.push(...g.map(single));
      continue;
    }
    const first = g[0]!;
    const min = (xs: (string | null)[]) => xs.filter((x) => x !== null).sort()[0] ?? null;
    const max = (xs: (string | null)[]) =>
      xs
        .filter((x) => x !== null)
        .sort()
        .at(-1) ?? null;
    const vintages = g.map((f) => f.vintage).sort();
    const sum = (pick: (f: FileStatus) => number) => g.reduce((a, f) => a + pick(f), 0);
    lines.push({
      source: first.source,
      series: first.series,
      vintage:
        vintages[0] === vintages.at(-1) ? vintages[0]! : `${vintages[0]} – ${vintages.at(-1)}`,
      periodFrom: min(g.map((f) => f.periodFrom)),
      periodTo: max(g.map((f) => f.periodTo)),
      rows: sum((f) => f.rows),
      values: sum((f) => f.values),
      currentRows: sum((f) => f.currentRows),
      repeatedRows: sum((f) => f.repeatedRows),
      conflicts: sum((f) => f.conflicts),
      file: first,
      files: g.length,
      folder: folderOf(first.path),
    });
  }
  return lines;
}
