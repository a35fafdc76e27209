import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, rmdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * How a writer asks long-lived readers (`frontera serve`) to let go of the database.
 *
 * DuckDB lets one process write a database file or many processes read it, never both: a
 * reader's shared lock makes every writer fail at once. So a process about to open the file
 * for writing first leaves a marker, `.<db file name>.writers/<pid>-<random>`, beside the
 * database, and removes it when it closes. A server polls for markers; when it sees one it
 * stops taking new requests onto its read-only handle, closes it once the requests in flight
 * end, and opens the file again (seeing the new data) when no marker is left. The writer,
 * meanwhile, retries its open until the lock is free. A marker whose process is gone (a
 * writer killed with `kill -9`) is ignored and removed. Markers are per machine: process ids
 * mean nothing across hosts, as DuckDB's own file lock does not either.
 */
export function markerDir(dbPath: string): string {
  return join(dirname(dbPath), `.${basename(dbPath)}.writers`);
}

/** Leaves this process's marker; the function returned removes it (safe to call twice). */
export function announceWriter(dbPath: string): () => void {
  const dir = markerDir(dbPath);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${process.pid}-${randomBytes(4).toString('hex')}`);
  writeFileSync(file, `${process.pid}\n`);
  let gone = false;
  return () => {
    if (gone) return;
    gone = true;
    try {
      unlinkSync(file);
      rmdirSync(dir);
    } catch {
      // Another writer's marker keeps the folder; a vanished file is what was wanted.
    }
  };
}

/** Whether any live process is waiting to write, or writing. */
export function writersWaiting(dbPath: string): boolean {
  let names: string[];
  try {
    names = readdirSync(markerDir(dbPath));
  } catch {
    return false;
  }
  for (const name of names) {
    const pid = Number(name.split('-')[0]);
    if (!Number.isInteger(pid) || pid <= 0) continue;
    if (alive(pid)) return true;
    try {
      unlinkSync(join(markerDir(dbPath), name));
    } catch {
      // Removed by someone else meanwhile.
    }
  }
  return false;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to another user.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
