import { basename } from 'node:path';
import type { SourceRef } from '../analytics/provenance.ts';

/** "Source: …" lines naming file, vintage, periods and checksum prefix. */
export function sourceLines(sources: SourceRef[]): string[] {
  return sources.map(
    (s) =>
      `Source: ${s.source} ${basename(s.path)}, vintage ${s.vintage}${s.periods ? `, ${s.periods}` : ''} (sha256 ${s.sha256.slice(0, 12)}…)`,
  );
}
