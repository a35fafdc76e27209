/**
 * One-off measurement, not part of `npm test`: the whole claims corpus checked on DuckDB and
 * on ClickHouse, JSON compared statement by statement.
 *   TZ=UTC node --import tsx test/claims/corpus-engines.ts
 * builds (or reuses) the corpus test's database, copies it to CORPUS_DB's place
 * (default /tmp/frontera-corpus-engines.duckdb), starts two loopback 18.16 servers as a
 * two-shard cluster, publishes, checks, and stops them. CORPUS_DB=<file> uses that database as
 * it is; CH_URL=clickhouse://… a model already published from it (no servers started).
 * ONLY=<text> checks only statements whose id contains it.
 */
import { readFile, copyFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkStatement } from '../../src/claims/check-statement.ts';
import { jsonText } from '../../src/model/json-text.ts';
import { openClickHouseStore } from '../../src/store/clickhouse-store.ts';
import { parseClickHouseUrl } from '../../src/store/clickhouse-target.ts';
import { openStore } from '../../src/store/open-store.ts';
import { publishToClickHouse } from '../../src/store/publish-clickhouse.ts';
import { startClickHouseCluster } from '../clickhouse-cluster.ts';
import { fixtureDatabase } from '../fixture-database.ts';
import { REFERENCE_FILES } from '../helpers.ts';
import { CORPUS_FILES as FILES } from './corpus-files.ts';

const copy = process.env.CORPUS_DB ?? join(tmpdir(), 'frontera-corpus-engines.duckdb');
if (!process.env.CORPUS_DB)
  await copyFile(await fixtureDatabase([...FILES, ...REFERENCE_FILES]), copy);
const corpus = JSON.parse(await readFile(new URL('./corpus.json', import.meta.url), 'utf8')) as {
  id: string;
  text: string;
  asOf: string;
}[];
const only = process.env.ONLY;
const given = process.env.CH_URL;
const cluster = given ? undefined : await startClickHouseCluster(2);
try {
  const duck = await openStore(copy, { readOnly: true });
  const t0 = Date.now();
  if (cluster)
    await publishToClickHouse(duck, parseClickHouseUrl(cluster.url('frontera')), {
      cluster: cluster.name,
    });
  console.log(`published in ${(Date.now() - t0) / 1000} s`);
  const ch = await openClickHouseStore(parseClickHouseUrl(given ?? cluster!.url('frontera')));
  let same = 0,
    sameVerdict = 0,
    refused = 0,
    errors = 0;
  const why = new Map<string, number>();
  for (const e of corpus) {
    if (only && !e.id.includes(only)) continue;
    const d = await checkStatement(duck, e.text, { asOf: e.asOf });
    let c;
    try {
      c = await checkStatement(ch, e.text, { asOf: e.asOf });
    } catch (err) {
      const m = (err as Error).message;
      if ((err as Error).name === 'EngineRefusal') refused++;
      else errors++;
      why.set(m, (why.get(m) ?? 0) + 1);
      console.log(`${e.id}: ${(err as Error).name}: ${m.slice(0, 200)}`);
      continue;
    }
    const dj = jsonText(d, 2),
      cj = jsonText(c, 2);
    if (d.verdict === c.verdict) sameVerdict++;
    if (dj === cj) same++;
    else {
      console.log(`${e.id}: DIFFERENT JSON (verdicts ${d.verdict} / ${c.verdict})`);
      const dl = dj.split('\n'),
        cl = cj.split('\n');
      const i = dl.findIndex((l, k) => l !== cl[k]);
      console.log(
        `  duck: ${dl.slice(i, i + 3).join(' | ')}\n  ch:   ${cl.slice(i, i + 3).join(' | ')}`,
      );
    }
  }
  console.log(
    `statements ${corpus.length}: same JSON ${same}, same verdict ${sameVerdict}, refused ${refused}, errors ${errors}`,
  );
  for (const [m, n] of [...why].sort((a, b) => b[1] - a[1]))
    console.log(`${n}× ${m.slice(0, 250)}`);
  ch.close();
  duck.close();
} finally {
  await cluster?.stop();
}
