/**
 * The database is locked by another process for longer than this one would wait. Says so in
 * words, with the holder's process id, instead of DuckDB's advice about its own CLI.
 */
export class StoreBusyError extends Error {
  readonly path: string;
  readonly holderPid?: number;
  constructor(path: string, readOnly: boolean, waitedMs: number, duckdbMessage: string) {
    const pid = /\(PID (\d+)\)/.exec(duckdbMessage)?.[1];
    const who = pid ? `another process (PID ${pid})` : 'another process';
    const what = readOnly ? 'is writing to it' : 'has it open';
    const waited = waitedMs > 0 ? ` (waited ${Math.round(waitedMs / 1000)} s)` : '';
    super(
      `the database ${path} is in use: ${who} ${what}, such as a running frontera ingest, sync, watch or serve${waited}. ` +
        `Wait for it to finish or stop it, then run this again; FRONTERA_LOCK_WAIT_MS sets how long to wait (now ${waitedMs} ms).`,
    );
    this.name = 'StoreBusyError';
    this.path = path;
    this.holderPid = pid ? Number(pid) : undefined;
  }
}
