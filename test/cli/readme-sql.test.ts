import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { dataFile, runCli, scratch } from '../helpers.ts';

const README = join(resolve(dirname(fileURLToPath(import.meta.url)), '..', '..'), 'README.md');

/** Every SQL example of the README: `frontera sql "…"` command lines and ```sql blocks. */
function readmeQueries(): string[] {
  const text = readFileSync(README, 'utf8');
  const commands = [...text.matchAll(/^npx frontera sql (?:--\w+ )?"(.+)"$/gm)].map((m) => m[1]!);
  const blocks = [...text.matchAll(/```sql\n([\s\S]*?)```/g)].map((m) =>
    m[1]!
      .split('\n')
      .map((l) => l.trim())
      .join(' ')
      .trim(),
  );
  return [...commands, ...blocks];
}

type Row = Record<string, string>;

/**
 * What each example must give on the bundle files, recomputed from the files themselves:
 * Census's official 2022 totals for Mexico and China (country.xlsx, March 2023), FRED's IMPCH
 * for 2022, the 2024 Trucks crossings of the sample file, and the 2017 exports to Mexico as
 * the two country.xlsx releases state them.
 */
const EXPECTED: { name: string; when: RegExp; check: (rows: Row[]) => void }[] = [
  {
    name: 'Mexico 2022: exports $324,377,863,297, imports $454,929,951,197',
    when: /FROM trade_country_month WHERE partner_code = '2010' AND year\(month\) = 2022/,
    check: (rows) =>
      assert.deepEqual(totals(rows), { export: '324377863297', import_general: '454929951197' }),
  },
  {
    name: 'the top five Mexican-border ports by 2024 trucks',
    when: /FROM crossings WHERE measure = 'Trucks' AND border = 'mexico' AND year\(month\) = 2024/,
    check: (rows) =>
      assert.deepEqual(
        rows.map((r) => [r.port_code, r.trucks]),
        [
          ['2304', '3026632'],
          ['2506', '1059759'],
          ['2305', '721489'],
          ['2401', '670627'],
          ['2507', '462526'],
        ],
      ),
  },
  {
    name: 'China 2022: imports $536,754,091,696, once (not $1.07 trillion with FRED)',
    when: /FROM trade_country_month WHERE partner_code = '5700' AND year\(month\) = 2022/,
    check: (rows) =>
      assert.deepEqual(totals(rows), {
        export: '153837091085',
        import_general: '536754091696',
      }),
  },
  {
    name: 'China 2022 imports by series in trade_country_month_all',
    when: /SELECT series, sum\(value_usd\) FROM trade_country_month_all WHERE partner_code = '5700'/,
    check: (rows) =>
      assert.deepEqual(totals(rows), { 'country.xlsx': '536754091696', IMPCH: '536268689234' }),
  },
  {
    name: '2017 exports to Mexico as two releases state them',
    when: /SELECT month, f.vintage, value_usd FROM trade_country_month_all t/,
    check: (rows) => {
      const byVintage: Record<string, bigint> = {};
      for (const r of rows) {
        byVintage[r.vintage!] = (byVintage[r.vintage!] ?? 0n) + BigInt(r.value_usd!);
      }
      assert.equal(rows.length, 24);
      assert.deepEqual(byVintage, { '2018-10': 243_314_438_647n, '2023-03': 243_608_974_625n });
    },
  },
];

/** A two-column result (label, figure) as an object. */
function totals(rows: Row[]): Record<string, string> {
  return Object.fromEntries(rows.map((r) => Object.values(r) as [string, string]));
}

describe('the README’s SQL examples give the official totals', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let db: string;
  before(async () => {
    ({ dir, cleanup } = await scratch());
    db = join(dir, 'f.duckdb');
    const r = await runCli(
      db,
      'ingest',
      dataFile('census/country-2023-03.xlsx'),
      dataFile('census/country-2018-10.xlsx'),
      dataFile('fred/EXPCH.csv'),
      dataFile('fred/IMPCH.csv'),
      dataFile('bts/border-crossing/Border_Crossing_Entry_Data_2024_sample.csv'),
    );
    assert.equal(r.code, 0, r.err);
  });
  after(() => cleanup());

  it('finds the examples, and knows the answer to each', () => {
    const queries = readmeQueries();
    assert.ok(queries.length >= 5, `README examples found: ${queries.length}`);
    for (const q of queries) {
      assert.equal(EXPECTED.filter((e) => e.when.test(q)).length, 1, `no expected answer for ${q}`);
    }
  });

  for (const e of EXPECTED) {
    it(e.name, async () => {
      const q = readmeQueries().find((x) => e.when.test(x));
      assert.ok(q, 'the README still has this example');
      const r = await runCli(db, 'sql', '--json', q);
      assert.equal(r.code, 0, r.err);
      e.check((JSON.parse(r.out) as { rows: Row[] }).rows);
    });
  }
});
