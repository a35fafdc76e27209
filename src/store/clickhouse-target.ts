/** One ClickHouse server's HTTP interface, and who the requests authenticate as. */
export interface ClickHouseNode {
  host: string;
  port: number;
  /** The ClickHouse user (default: `default`). */
  user?: string;
  /** Its password: a non-enumerable property, so no JSON or inspection of a node shows it. */
  password?: string;
}

/** Where the password of the ClickHouse user comes from: never the address or a flag. */
export const CLICKHOUSE_PASSWORD_ENV = 'FRONTERA_CLICKHOUSE_PASSWORD';

/**
 * Where a model is published and read: `clickhouse://[USER@]HOST:PORT[,HOST:PORT…][/DB]`.
 * PORT is the HTTP port. With a cluster, every shard's HTTP address is listed (ClickHouse
 * 18.16 has no distributed DDL without ZooKeeper, so publish creates each shard's tables
 * itself); the first serves the reads. USER (or `publish --user`) authenticates every
 * request, with the password from $FRONTERA_CLICKHOUSE_PASSWORD: a password in the address
 * would show in process lists, shell history and every message that names the address.
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

/**
 * `auth.user`: a user named apart from the address (`publish --user`); `auth.password`: the
 * value of $FRONTERA_CLICKHOUSE_PASSWORD, if set.
 */
export function parseClickHouseUrl(
  text: string,
  auth: { user?: string; password?: string } = {},
): ClickHouseTarget {
  // Refused before anything quotes the address back: its password must not be printed.
  if (/^clickhouse:\/\/[^@]*:[^@]*@/i.test(text.trim()))
    throw new ClickHouseAddressError(
      `a ClickHouse address takes no password (it would show in process lists and messages): write clickhouse://USER@HOST:PORT[/DATABASE] and put the password in $${CLICKHOUSE_PASSWORD_ENV}`,
    );
  const m = /^clickhouse:\/\/(?:([^/@]*)@)?([^/@]+)(?:\/([A-Za-z_][A-Za-z0-9_]*)?)?$/i.exec(
    text.trim(),
  );
  if (!m) {
    throw new ClickHouseAddressError(
      `not a ClickHouse address: ${JSON.stringify(hideUser(text))}; write clickhouse://[USER@]HOST:PORT[,HOST:PORT…][/DATABASE] (PORT: the HTTP port, often 8123)`,
    );
  }
  const user = clickHouseUser(m[1], auth.user, text);
  const nodes = m[2]!.split(',').map((hp) => {
    const n = /^(\[[^\]]+\]|[^:]+):(\d{1,5})$/.exec(hp);
    const port = n ? Number(n[2]) : NaN;
    if (!n || !(port > 0 && port < 65536)) {
      throw new ClickHouseAddressError(
        `ClickHouse address ${JSON.stringify(hp)} in ${JSON.stringify(hideUser(text))} needs a host and an HTTP port: HOST:PORT`,
      );
    }
    const node: ClickHouseNode = { host: n[1]!, port, ...(user ? { user } : {}) };
    if (auth.password) Object.defineProperty(node, 'password', { value: auth.password });
    return node;
  });
  return { nodes, database: m[3] ?? 'frontera', text };
}

/** An address as quoted in a message: whatever precedes an `@` may hold a secret. */
function hideUser(text: string): string {
  return text.replace(/^(clickhouse:\/\/)[\s\S]*@/i, '$1…@');
}

/** The user of the address or of `--user`; both given, they must agree. */
function clickHouseUser(
  inUrl: string | undefined,
  given: string | undefined,
  text: string,
): string | undefined {
  for (const u of [inUrl, given])
    if (u !== undefined && !/^[A-Za-z0-9_][A-Za-z0-9_.-]*$/.test(u))
      throw new ClickHouseAddressError(
        `not a ClickHouse user name: ${JSON.stringify(u)} (letters, digits, _ . -)`,
      );
  if (inUrl !== undefined && given !== undefined && inUrl !== given)
    throw new ClickHouseAddressError(
      `${JSON.stringify(text)} names user ${inUrl} but --user names ${given}: give one`,
    );
  return given ?? inUrl;
}

/** A malformed `clickhouse://` address. */
export class ClickHouseAddressError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ClickHouseAddressError';
  }
}
