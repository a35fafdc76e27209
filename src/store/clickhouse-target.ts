/** One ClickHouse server's HTTP interface. */
export interface ClickHouseNode {
  host: string;
  port: number;
}

/**
 * Where a model is published and read: `clickhouse://HOST:PORT[,HOST:PORT…][/DB]`. PORT is
 * the HTTP port. With a cluster, every shard's HTTP address is listed (ClickHouse 18.16 has
 * no distributed DDL without ZooKeeper, so publish creates each shard's tables itself); the
 * first serves the reads.
 */
export interface ClickHouseTarget {
  nodes: ClickHouseNode[];
  database: string;
  /** As given, for messages. */
  text: string;
}

export function isClickHouseUrl(text: string): boolean {
  return /^clickhouse:\/\//i.test(text);
}

export function parseClickHouseUrl(text: string): ClickHouseTarget {
  const m = /^clickhouse:\/\/([^/]+)(?:\/([A-Za-z_][A-Za-z0-9_]*)?)?$/i.exec(text.trim());
  if (!m) {
    throw new ClickHouseAddressError(
      `not a ClickHouse address: ${JSON.stringify(text)}; write clickhouse://HOST:PORT[,HOST:PORT…][/DATABASE] (PORT: the HTTP port, often 8123)`,
    );
  }
  const nodes = m[1]!.split(',').map((hp) => {
    const n = /^(\[[^\]]+\]|[^:]+):(\d{1,5})$/.exec(hp);
    const port = n ? Number(n[2]) : NaN;
    if (!n || !(port > 0 && port < 65536)) {
      throw new ClickHouseAddressError(
        `ClickHouse address ${JSON.stringify(hp)} in ${JSON.stringify(text)} needs a host and an HTTP port: HOST:PORT`,
      );
    }
    return { host: n[1]!, port };
  });
  return { nodes, database: m[2] ?? 'frontera', text };
}

/** A malformed `clickhouse://` address. */
export class ClickHouseAddressError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ClickHouseAddressError';
  }
}
