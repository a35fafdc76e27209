/** Where a store lives unless told otherwise: --db, then $FRONTERA_DB, then this. */
export const DEFAULT_DB_PATH = '.frontera/frontera.duckdb';

/** How long an open waits for another process's lock by default: FRONTERA_LOCK_WAIT_MS. */
export const DEFAULT_LOCK_WAIT_MS = 30_000;
