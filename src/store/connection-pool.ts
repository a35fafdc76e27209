import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';

/**
 * A few connections to one read-only database, lent one piece of work at a time. DuckDB runs
 * one statement at a time per connection, so a server answering many requests on a single
 * connection queues them all behind each other; with a connection each, the statements of
 * concurrent requests run side by side on both cores. The store's own connection is lent
 * first; others are opened as needed, up to `size`, and closed with the pool (the store
 * closes its own).
 */
export class ConnectionPool {
  private readonly idle: DuckDBConnection[];
  private readonly opened: DuckDBConnection[] = [];
  private readonly waiting: ((c: DuckDBConnection) => void)[] = [];
  /** Connections idle or lent, the store's own included, and those being opened. */
  private count = 1;
  private closed = false;

  constructor(
    private readonly instance: DuckDBInstance,
    private readonly size: number,
    first: DuckDBConnection,
  ) {
    this.idle = [first];
  }

  async use<T>(work: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
    const conn = await this.acquire();
    try {
      return await work(conn);
    } finally {
      this.release(conn);
    }
  }

  close(): void {
    this.closed = true;
    for (const c of this.opened.splice(0)) c.closeSync();
    this.idle.length = 0;
  }

  private async acquire(): Promise<DuckDBConnection> {
    if (this.closed) throw new Error('the database is closed');
    const free = this.idle.pop();
    if (free) return free;
    if (this.count < this.size) {
      this.count++;
      let conn: DuckDBConnection;
      try {
        conn = await this.instance.connect();
      } catch (e) {
        this.count--;
        throw e;
      }
      if (this.closed) {
        conn.closeSync();
        throw new Error('the database is closed');
      }
      this.opened.push(conn);
      return conn;
    }
    return new Promise((ok) => this.waiting.push(ok));
  }

  private release(conn: DuckDBConnection): void {
    if (this.closed) return;
    const next = this.waiting.shift();
    if (next) next(conn);
    else this.idle.push(conn);
  }
}
