import { dirname } from 'node:path';
import type { IngestOutcome } from '../../store/ingest-file.ts';
import { GROUP_ABOVE } from './status-groups.ts';

/** One line of the ingest report: a file, or the files of a recorded feed summed. */
export interface IngestLine {
  file: string;
  source: string;
  vintage: string;
  status: IngestOutcome['status'];
  rows: Record<string, number>;
}

/**
 * The ingest report as `frontera status` shows it: the files of one source, series, folder and
 * status are one line when there are more than GROUP_ABOVE of them (the 7,104 CBP pulls), their
 * rows summed and their vintages spanned; `--json` still lists every file.
 */
export function ingestLines(
  outcomes: readonly IngestOutcome[],
  rel: (path: string) => string,
): IngestLine[] {
  const groups = new Map<string, IngestOutcome[]>();
  for (const o of outcomes) {
    const key = [o.source, o.series, dirname(o.path), o.status].join('\u0000');
    const g = groups.get(key);
    if (g) g.push(o);
    else groups.set(key, [o]);
  }
  const lines: IngestLine[] = [];
  for (const g of groups.values()) {
    if (g.length <= GROUP_ABOVE) {
      lines.push(...g.map((o) => ({ ...o, file: rel(o.path) })));
      continue;
    }
    const rows: Record<string, number> = {};
    for (const o of g) for (const [t, n] of Object.entries(o.rows)) rows[t] = (rows[t] ?? 0) + n;
    const vintages = g.map((o) => o.vintage).sort();
    const first = g[0]!;
    lines.push({
      file: `${rel(dirname(first.path))}/ (${g.length.toLocaleString('en-US')} files)`,
      source: first.source,
      vintage:
        vintages[0] === vintages.at(-1) ? vintages[0]! : `${vintages[0]} – ${vintages.at(-1)}`,
      status: first.status,
      rows,
    });
  }
  return lines;
}
