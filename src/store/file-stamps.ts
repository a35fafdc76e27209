import type { DuckDBConnection } from '@duckdb/node-api';
import type { Stats } from 'node:fs';
import type { FileStamp } from './digest-file.ts';
import { literal } from './sql-text.ts';

/** A path loaded (or found unchanged) before: its identity then, and the file record it holds. */
export interface KnownFile {
  sha256: string;
  bytes: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
  sourceFileId: number;
  source: string;
  series: string;
  vintage: string;
}

/**
 * Every path whose content is in `source_file`, with the size, times and inode it had when its
 * bytes were hashed. A re-run compares these with a `stat` instead of reading and hashing the
 * file again, as make and rsync do: the content is taken as unchanged only when size,
 * modification time, status-change time (which no program can set back) and inode all agree.
 * Anything else — another path, a copy, a touched file — is read and hashed as before.
 */
export async function knownFiles(conn: DuckDBConnection): Promise<Map<string, KnownFile>> {
  const r = await conn.runAndReadAll(`
    SELECT s.path, s.sha256, s.bytes, s.mtime_ms, s.ctime_ms, s.inode, f.id, f.source, f.series,
           f.vintage
    FROM file_stamp s JOIN source_file f USING (sha256)`);
  const known = new Map<string, KnownFile>();
  for (const [path, sha, bytes, mtime, ctime, ino, id, source, series, vintage] of r.getRowsJS()) {
    known.set(String(path), {
      sha256: String(sha),
      bytes: Number(bytes),
      mtimeMs: Number(mtime),
      ctimeMs: Number(ctime),
      ino: Number(ino),
      sourceFileId: Number(id),
      source: String(source),
      series: String(series),
      vintage: String(vintage),
    });
  }
  return known;
}

export function sameFile(k: KnownFile, st: Stats): boolean {
  return (
    k.bytes === st.size && k.mtimeMs === st.mtimeMs && k.ctimeMs === st.ctimeMs && k.ino === st.ino
  );
}

/** Remembers what each path held when it was hashed (run inside the loading transaction). */
export async function recordStamps(
  conn: DuckDBConnection,
  files: readonly { path: string; sha256: string; stamp: FileStamp }[],
): Promise<void> {
  if (files.length === 0) return;
  await conn.run(
    `DELETE FROM file_stamp WHERE path IN (${files.map((f) => literal(f.path)).join(', ')})`,
  );
  const rows = files.map(
    (f) =>
      `(${literal(f.path)}, ${literal(f.sha256)}, ${f.stamp.size}, ${f.stamp.mtimeMs}, ${f.stamp.ctimeMs}, ${f.stamp.ino})`,
  );
  await conn.run(`INSERT INTO file_stamp VALUES ${rows.join(', ')}`);
}
