import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { Server } from '../../src/api/serve.ts';
import { runCli } from '../helpers.ts';

/**
 * The claim checker on both engines (`clickhouse-parity.test.ts`): statements of the corpus
 * (`test/claims/corpus.json`) that the parity database decides, one or two of each kind the
 * checker measures differently — a partner's value (with the older releases and years it
 * searches when wrong), growth, rank, share, rate, per capita, group, ratio, a US state, a
 * port's freight and crossings, a product, a mode's share, end-use composition, Spanish, and a
 * Mexican state the database cannot decide (its name directories and INEGI's table are read
 * all the same). Each must give the same JSON from ClickHouse, byte for byte.
 */
const STATEMENTS: [statement: string, asOf: string][] = [
  ['US exports to Mexico were $324.4 billion in 2022.', '2023-06-01'],
  ['US exports to Mexico were $276 billion in 2022.', '2023-06-01'],
  ['Exports to Mexico grew 17 percent last year.', '2023-03-15'],
  ['México es el segundo socio comercial de Estados Unidos.', '2023-06-01'],
  ['Mexico accounted for 15.7% of US exports in 2022.', '2023-06-01'],
  ['US–Mexico trade is worth $1.5 million a minute.', '2023-06-01'],
  ['Each Mexican spent about $2,500 on US goods in 2022.', '2023-06-01'],
  [
    'In 2015, Canada and Mexico together bought more than the next ten export markets combined.',
    '2023-06-01',
  ],
  ['In January 2015, Texas accounted for 35% of US trade with Mexico.', '2023-06-01'],
  ['California exportó 2 mil millones de dólares a México en enero de 2015.', '2023-06-01'],
  [
    'In January 2015, $15.2 billion of trade with Mexico passed through the port of Laredo.',
    '2023-06-01',
  ],
  ['Por Laredo cruzaron 3 millones de camiones en 2024.', '2023-06-01'],
  [
    'Laredo handles about 40 percent of truck crossings on the southern border in 2024.',
    '2023-06-01',
  ],
  ['Otay Mesa handles more trucks than Nogales.', '2023-06-01'],
  ['The US imported $49.8 billion of passenger cars from Mexico in 2024.', '2023-06-01'],
  ['Computers are the top US import from Mexico in 2024.', '2023-06-01'],
  ['Trucks carried 70% of US trade with Mexico in January 2015.', '2023-06-01'],
  ['Más del 30% de las importaciones desde México son insumos intermedios.', '2023-06-01'],
  ["Jalisco's exports reached $20 billion in 2022.", '2023-06-01'],
];

const check = (statement: string, asOf: string, more = '') =>
  `/api/check?statement=${encodeURIComponent(statement)}&asOf=${asOf}${more}`;

/** GET /api/check, with the status both engines must give. */
export const CLAIM_ROUTES: [string, number][] = [
  ...STATEMENTS.map(([s, asOf]): [string, number] => [check(s, asOf), 200]),
  [check('US exports to Mexico were $324.4 billion in 2022.', '2023-06-01', '&lang=es'), 200],
  [check('US exports to Mexico were $324.4 billion in 2022.', '2023-02-30'), 400],
];

/** A text of several statements (POST /api/check/text), and the CLI's `check` on it. */
const TEXT = [
  'In 2022 the US exported $324.4 billion of goods to Mexico, and Mexico was its second-largest trading partner.',
  'Las importaciones desde México aumentaron en 70 mil millones de dólares en 2022.',
  '- Laredo is the busiest port for trucks on the US–Mexico border.',
  '- Motor cars were the largest US import from Mexico in 2024.',
].join('\n');

/**
 * The checks beyond GET routes: a text through the API, and `frontera check` (one statement as
 * JSON, another as the table) with `--engine`: the same output and exit code.
 */
export function claimParityChecks(
  env: () => { duckApi: Server; chApi: Server; db: string; url: string },
): void {
  it('POST /api/check/text: the same report from ClickHouse', async () => {
    const { duckApi, chApi } = env();
    const post = async (api: Server) => {
      const r = await fetch(`${api.url}/api/check/text`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text: TEXT, asOf: '2023-06-01' }),
      });
      return { status: r.status, body: await r.text() };
    };
    const [d, c] = await Promise.all([post(duckApi), post(chApi)]);
    assert.equal(d.status, 200, d.body.slice(0, 300));
    assert.equal(c.status, 200, c.body.slice(0, 300));
    assert.ok(d.body.includes('"accurate"'), 'the text has statements the data decide');
    assert.equal(c.body, d.body);
  });

  it('runs frontera check with --engine clickhouse://…: the same output', async () => {
    const { db, url } = env();
    const [one, asOf] = STATEMENTS[11]!;
    for (const args of [
      ['check', one, '--as-of', asOf, '--json'],
      ['check', 'Trucks carried 60% of US-Mexico trade in January 2015.', '--as-of', asOf],
    ]) {
      const d = await runCli(db, ...args);
      const c = await runCli(db, ...args, '--engine', url);
      assert.equal(d.code, 0, `${args.join(' ')}: ${d.err}`);
      assert.equal(c.code, 0, `${args.join(' ')}: ${c.err}`);
      assert.equal(c.out, d.out, args.join(' '));
    }
  });
}
