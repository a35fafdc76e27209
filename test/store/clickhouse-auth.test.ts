import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { inspect } from 'node:util';
import { join } from 'node:path';
import { main } from '../../src/cli/main.ts';
import { openClickHouseStore } from '../../src/store/clickhouse-store.ts';
import { ClickHouseAddressError, parseClickHouseUrl } from '../../src/store/clickhouse-target.ts';
import { openStore } from '../../src/store/open-store.ts';
import {
  CLICKHOUSE_TEST_USER,
  startClickHouseCluster,
  type ClickHouseCluster,
} from '../clickhouse-cluster.ts';
import { FIXED_IO, scratch } from '../helpers.ts';

const SECRET = 'never-printed-9f3a';

describe('ClickHouse credentials: a user in the address or --user, the password from the environment', () => {
  it('reads the user from the address or --user, and keeps the password out of every text', () => {
    const t = parseClickHouseUrl('clickhouse://reader@10.0.0.5:8123,10.0.0.6:8123/trade', {
      password: SECRET,
    });
    assert.deepEqual(
      t.nodes.map((n) => [n.host, n.port, n.user, n.password]),
      [
        ['10.0.0.5', 8123, 'reader', SECRET],
        ['10.0.0.6', 8123, 'reader', SECRET],
      ],
    );
    assert.equal(t.database, 'trade');
    // A target logged or serialised by mistake does not show the password.
    assert.ok(!JSON.stringify(t).includes(SECRET));
    assert.ok(!inspect(t, { depth: 9 }).includes(SECRET));
    assert.equal(parseClickHouseUrl('clickhouse://h:1', { user: 'ops' }).nodes[0]!.user, 'ops');
    assert.equal(parseClickHouseUrl('clickhouse://h:1').nodes[0]!.user, undefined);
    assert.throws(
      () => parseClickHouseUrl('clickhouse://reader@h:1', { user: 'ops' }),
      /names user reader but --user names ops/,
    );
  });

  it('refuses a password in the address without repeating it', () => {
    for (const url of [
      `clickhouse://reader:${SECRET}@h:8123/db`,
      `clickhouse://reader:${SECRET}/x@h:8123/db`,
    ]) {
      const e = (() => {
        try {
          parseClickHouseUrl(url);
        } catch (x) {
          return x as Error;
        }
        return undefined;
      })();
      assert.ok(e instanceof ClickHouseAddressError, url);
      assert.match(e.message, /FRONTERA_CLICKHOUSE_PASSWORD/);
      assert.ok(!e.message.includes(SECRET), e.message);
    }
    // Any other malformed address with an @ is quoted without what precedes it.
    assert.throws(
      () => parseClickHouseUrl(`clickhouse://${SECRET}@h/db`),
      (e: Error) => !e.message.includes(SECRET) && /needs a host and an HTTP port/.test(e.message),
    );
  });

  describe('against a server with a user that has a password', () => {
    let cluster: ClickHouseCluster;
    let dir: string;
    let cleanup: () => Promise<void>;
    let db: string;
    const cli = async (argv: string[], env: Record<string, string>) => {
      const out: string[] = [];
      const err: string[] = [];
      const code = await main(argv, {
        out: (t) => out.push(t),
        err: (t) => err.push(t),
        env: { FRONTERA_DB: db, ...env },
        isTTY: false,
        now: FIXED_IO.now,
      });
      return { code, out: out.join('\n'), err: err.join('\n') };
    };

    before(async () => {
      [cluster, { dir, cleanup }] = await Promise.all([startClickHouseCluster(1), scratch()]);
      // An empty store (the schema, no rows): enough to publish a model and read it back.
      db = join(dir, 'empty.duckdb');
      (await openStore(db)).close();
    });
    after(async () => {
      await cluster?.stop();
      await cleanup?.();
    });

    it('publishes with --user and the password from FRONTERA_CLICKHOUSE_PASSWORD, and reads as that user', async () => {
      const url = cluster.url('frontera');
      const { name, password } = CLICKHOUSE_TEST_USER;
      const published = await cli(['publish', '--to', url, '--user', name, '--json'], {
        FRONTERA_CLICKHOUSE_PASSWORD: password,
      });
      assert.equal(published.code, 0, published.err);
      assert.ok(
        (JSON.parse(published.out) as { tables: unknown[] }).tables.length > 10,
        'every model table published',
      );
      // A reader authenticates with the user in the address (as --engine and
      // FRONTERA_ENGINE give it) and the same variable.
      const address = url.replace('clickhouse://', `clickhouse://${name}@`);
      const store = await openClickHouseStore(parseClickHouseUrl(address, { password }));
      store.close();
    });

    it('names the user a server refuses, never the password, and publishes nothing', async () => {
      const url = cluster.url('frontera');
      const { name } = CLICKHOUSE_TEST_USER;
      const wrong = await cli(['publish', '--to', url, '--user', name], {
        FRONTERA_CLICKHOUSE_PASSWORD: SECRET,
      });
      assert.equal(wrong.code, 1);
      assert.match(wrong.err, new RegExp(`refused user ${name} .*nothing was published`));
      assert.ok(!wrong.err.includes(SECRET));
      const address = url.replace('clickhouse://', `clickhouse://${name}@`);
      await assert.rejects(openClickHouseStore(parseClickHouseUrl(address)), (e: Error) =>
        new RegExp(`refused user ${name}.*FRONTERA_CLICKHOUSE_PASSWORD`).test(e.message),
      );
    });
  });
});
