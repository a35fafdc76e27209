// Re-derives every expected figure of the claim corpus from the raw bundle files, with code that
// shares nothing with the checker: country.xlsx read cell by cell with the xlsx library, the
// crossing, TransBorder and Census API files read by DuckDB straight from disk, population from
// its CSV. Run by hand: `node test/claims/audit-corpus.mjs` (exit 1 on any mismatch);
// `--print` writes the derived figures as JSON instead. It never edits the corpus.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import XLSX from '@e965/xlsx';

const here = dirname(fileURLToPath(import.meta.url));
const DATA = resolve(process.env.FRONTERA_DATA ?? join(here, '..', '..', '..', 'shared', 'data'));
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

/** country.xlsx in millions with six decimals: the digits joined are whole dollars. */
function readCountry(file) {
  const wb = XLSX.read(readFileSync(join(DATA, file)));
  const rows = XLSX.utils.sheet_to_json(wb.Sheets[wb.SheetNames[0]], { raw: true });
  const out = new Map();
  const dollars = (v) => BigInt((Number(v) || 0).toFixed(6).replace('.', ''));
  for (const r of rows) {
    if (r.year === undefined || r.year === null || r.year === '') continue;
    const code = String(r.CTY_CODE).padStart(4, '0');
    out.set(`${code}|${r.year}`, {
      e: MONTHS.map((m) => dollars(r[`E${m}`])),
      i: MONTHS.map((m) => dollars(r[`I${m}`])),
    });
  }
  return out;
}
const VINTAGES = {
  '2023-03': readCountry('census/country-2023-03.xlsx'),
  '2018-10': readCountry('census/country-2018-10.xlsx'),
};
const sum = (xs) => xs.reduce((a, b) => a + b, 0n);

/** INEGI EAEF: row = state name as INEGI writes it, column = year; thousands of dollars. */
const INEGI = XLSX.utils.sheet_to_json(
  XLSX.read(readFileSync(join(DATA, 'mexico/inegi/EAEF_Entidad-2007-2020.xlsx'))).Sheets.Entidad,
  { header: 1, raw: true, defval: null },
);
function inegiExports(state, year) {
  const header = INEGI.find((r) => r[0] === 'Entidad Federativa');
  const col = header.findIndex((h) => String(h).startsWith(String(year)));
  return BigInt(INEGI.find((r) => r[0] === state)[col]) * 1000n;
}

function annual(code, year, vintage = '2023-03') {
  const r = VINTAGES[vintage].get(`${code}|${year}`);
  if (!r) throw new Error(`no ${code} ${year} in ${vintage}`);
  return { e: sum(r.e), i: sum(r.i) };
}
const FLOW = { e: (t) => t.e, i: (t) => t.i, t: (t) => t.e + t.i, d: (t) => t.i - t.e };
const total = (codes, year, flow, vintage) =>
  sum(codes.map((c) => FLOW[flow](annual(c, year, vintage))));

function countryRank(code, year, flow) {
  const values = [];
  for (const [k] of VINTAGES['2023-03']) {
    const [c, y] = k.split('|');
    if (Number(y) === year && c >= '1000') values.push({ c, v: FLOW[flow](annual(c, year)) });
  }
  const me = values.find((x) => x.c === code).v;
  return 1 + values.filter((x) => x.v > me).length;
}

function population(iso3, year) {
  const csv = readFileSync(join(DATA, 'reference/population/population.csv'), 'utf8');
  const line = csv.split('\n').find((l) => l.includes(`,${iso3},${year},`));
  return BigInt(line.split(',').at(-1).trim());
}

const db = await DuckDBInstance.create(':memory:');
const conn = await db.connect();
const one = async (sql) => (await conn.runAndReadAll(sql)).getRowsJS();
// Read once into memory, as text: every figure below is summed from these raw cells.
await conn.run(
  `CREATE TABLE raw_crossings AS SELECT * FROM read_csv('${join(DATA, 'bts/border-crossing/Border_Crossing_Entry_Data.csv.gz')}', all_varchar=true)`,
);
await conn.run(
  `CREATE TABLE raw_dot1 AS SELECT * FROM read_csv('${join(DATA, 'bts/transborder/2015-01/dot1_0115.csv')}', all_varchar=true)`,
);
const CROSS = 'raw_crossings';
const DOT1 = 'raw_dot1';
const PQ = (c) =>
  `read_parquet('${join(DATA, `census/api-extracts/imports-hs10-2024/2024-hs10-imports${c}.parquet`)}')`;
const q = (s) => `'${String(s).replaceAll("'", "''")}'`;

async function portCounts(year, measure, border) {
  return one(`SELECT "Port Code", sum("Value"::BIGINT) n FROM ${CROSS}
    WHERE "Measure" = ${q(measure)} AND "Border" = ${q(border)} AND right("Date", 4) = '${year}'
    GROUP BY 1 ORDER BY n DESC, 1`);
}
async function stateValues(partner, trd) {
  return one(`SELECT "USASTATE", sum("VALUE"::BIGINT) v FROM ${DOT1}
    WHERE "COUNTRY" = ${q(partner)} ${trd ? `AND "TRDTYPE" = ${q(trd)}` : ''} GROUP BY 1 ORDER BY v DESC, 1`);
}

/** One recipe of the corpus to its figure: bigint dollars and counts as strings, else numbers. */
export async function derive(r) {
  const [kind, a] = Object.entries(r).find(([k]) => k !== 'vintage');
  switch (kind) {
    case 'census':
      return String(total([a[0]], a[1], a[2], r.vintage));
    case 'month': {
      const row = VINTAGES['2023-03'].get(`${a[0]}|${a[1]}`);
      return String(a[3] === 'e' ? row.e[a[2] - 1] : row.i[a[2] - 1]);
    }
    case 'growth_pct': {
      const from = total(a[0], a[1], a[3]);
      return (Number(total(a[0], a[2], a[3]) - from) / Number(from)) * 100;
    }
    case 'growth_usd':
      return String(total(a[0], a[2], a[3]) - total(a[0], a[1], a[3]));
    case 'ratio':
      // [numerator codes, denominator codes, year, flow, denominator flow if it differs]
      return Number(total(a[0], a[2], a[3])) / Number(total(a[1], a[2], a[4] ?? a[3]));
    case 'cagr': {
      const from = total(a[0], a[1], a[3]);
      return (
        (Math.pow(Number(total(a[0], a[2], a[3])) / Number(from), 1 / (a[2] - a[1])) - 1) * 100
      );
    }
    case 'rank':
    case 'rank_top':
      return countryRank(a[0], a[1], a[2]);
    case 'share':
      return (Number(total(a[0], a[1], a[2])) / Number(total(['0015'], a[1], a[2]))) * 100;
    case 'per_capita':
      return (
        Number(total(a[0], a[2], a[3])) / Number(sum(a[1].map((iso) => population(iso, a[2]))))
      );
    case 'rate': {
      const days = a[1] % 4 === 0 ? 366 : 365;
      const perDay = Number(total(a[0], a[1], a[2])) / days;
      return { day: perDay, hour: perDay / 24, minute: perDay / 1440 }[a[3]];
    }
    case 'group_next': {
      const [codes, year, flow, n] = a;
      const ranked = [];
      for (const [k] of VINTAGES['2023-03']) {
        const [c, y] = k.split('|');
        if (Number(y) === year && c >= '1000' && !codes.includes(c))
          ranked.push(FLOW[flow](annual(c, year)));
      }
      ranked.sort((x, y) => (x > y ? -1 : x < y ? 1 : 0));
      return Number(total(codes, year, flow)) / Number(sum(ranked.slice(0, n)));
    }
    case 'crossings': {
      const [border, port, year, measure] = a;
      const rows =
        await one(`SELECT sum("Value"::BIGINT) FROM ${CROSS} WHERE "Measure" = ${q(measure)}
        AND right("Date", 4) = '${year}' AND ${border ? `"Border" = ${q(border)}` : `"Port Code" = ${q(port)}`}`);
      return String(rows[0][0]);
    }
    case 'crossings_rank':
      return 1 + (await portCounts(a[1], a[2], a[3])).findIndex((x) => x[0] === a[0]);
    case 'crossings_share': {
      const rows = await portCounts(a[1], a[2], a[3]);
      return (
        (Number(rows.find((x) => x[0] === a[0])[1]) / Number(sum(rows.map((x) => x[1])))) * 100
      );
    }
    case 'tb_state':
      return String((await stateValues(a[1], a[2])).find((x) => x[0] === a[0])[1]);
    case 'tb_state_rank':
      return 1 + (await stateValues(a[1], a[2])).findIndex((x) => x[0] === a[0]);
    case 'tb_state_share': {
      const rows = await stateValues(a[1], a[2]);
      return (
        (Number(rows.find((x) => x[0] === a[0])[1]) / Number(sum(rows.map((x) => x[1])))) * 100
      );
    }
    case 'tb_port': {
      const rows = await one(`SELECT sum("VALUE"::BIGINT) FROM ${DOT1} WHERE "COUNTRY" = ${q(a[1])}
        AND "DEPE" = ${q(a[0])} ${a[2] ? `AND "TRDTYPE" = ${q(a[2])}` : ''}`);
      return String(rows[0][0]);
    }
    case 'crossings_ratio': {
      // [port A, port B, year, measure]: A's count over B's
      const count = async (port) =>
        (
          await one(`SELECT sum("Value"::BIGINT) FROM ${CROSS} WHERE "Measure" = ${q(a[3])}
            AND right("Date", 4) = '${a[2]}' AND "Port Code" = ${q(port)}`)
        )[0][0];
      return Number(await count(a[0])) / Number(await count(a[1]));
    }
    case 'tb_mode_share': {
      // [country, DISAGMOT code]: the mode's share of the month's dot1 value, both flows
      const rows = await one(`SELECT sum("VALUE"::BIGINT) FILTER (WHERE "DISAGMOT" = ${q(a[1])}),
        sum("VALUE"::BIGINT) FROM ${DOT1} WHERE "COUNTRY" = ${q(a[0])}`);
      return (Number(rows[0][0]) / Number(rows[0][1])) * 100;
    }
    case 'end_use_share': {
      // [partner, class]: the class's share of the partner's 2024 HS10 import value, each HS6
      // split evenly among its BEC codes (HS 2022 → BEC 4 → SNA end use, the raw CSVs).
      const bec = join(DATA, 'reference/bec/HS2022_to_BEC4_UNSD.csv');
      const sna = join(DATA, 'reference/bec/BEC4_to_SNA_enduse_HANDAUTHORED.csv');
      const rows = await one(`WITH lines AS (
          SELECT left(I_COMMODITY, 6) AS hs6, CON_VAL_YR::BIGINT AS v FROM ${PQ(a[0])}
          WHERE COMM_LVL = 'HS10'),
        b AS (SELECT DISTINCT "HS 2022" AS hs6, "BEC 4" AS bec
              FROM read_csv('${bec}', all_varchar = true) WHERE coalesce("HS 2022", '') <> ''),
        bn AS (SELECT hs6, bec, count(*) OVER (PARTITION BY hs6) AS n,
                      row_number() OVER (PARTITION BY hs6 ORDER BY bec) AS k FROM b),
        e AS (SELECT bec4_code AS bec, sna_basic_class AS cls FROM read_csv('${sna}', all_varchar = true))
        SELECT sum(CASE WHEN bn.n IS NULL THEN l.v
                        ELSE l.v // bn.n + CASE WHEN bn.k = 1 THEN l.v % bn.n ELSE 0 END END)
                 FILTER (WHERE e.cls = ${q(a[1])}) / (SELECT sum(v) FROM lines) * 100
        FROM lines l LEFT JOIN bn USING (hs6) LEFT JOIN e USING (bec)`);
      return rows[0][0];
    }
    case 'inegi':
      return String(inegiExports(a[0], a[1]));
    case 'product': {
      const rows = await one(
        `SELECT sum(CON_VAL_YR::BIGINT) FROM ${PQ(a[0])} WHERE starts_with(I_COMMODITY, ${q(a[1])})`,
      );
      return String(rows[0][0]);
    }
    case 'product_rank': {
      const rows = await one(`SELECT left(I_COMMODITY, ${a[1].length}) hs, sum(CON_VAL_YR::BIGINT) v
        FROM ${PQ(a[0])} GROUP BY 1 ORDER BY v DESC, 1`);
      return 1 + rows.findIndex((x) => x[0] === a[1]);
    }
    default:
      throw new Error(`unknown recipe ${kind}`);
  }
}

const corpus = JSON.parse(readFileSync(join(here, 'corpus.json'), 'utf8'));
const derived = [];
let bad = 0;
for (const e of corpus) {
  const figures = [];
  for (const r of e.derive) figures.push(r === null ? null : await derive(r));
  derived.push({ id: e.id, computed: figures });
  const same = figures.every((f, i) => {
    const x = e.computed[i];
    return typeof f === 'number' ? Math.abs(f - x) <= 1e-9 * Math.max(1, Math.abs(f)) : f === x;
  });
  if (!same) {
    bad++;
    console.error(
      `${e.id}: corpus ${JSON.stringify(e.computed)}, raw files ${JSON.stringify(figures)}`,
    );
  }
}
if (process.argv.includes('--print')) console.log(JSON.stringify(derived, null, 1));
else
  console.log(
    `${corpus.length - bad} of ${corpus.length} corpus figures re-derived from the raw files`,
  );
process.exitCode = bad > 0 && !process.argv.includes('--print') ? 1 : 0;
