import {
  anyValue,
  compareNumbers,
  oneValueEach,
  rankDesc,
  type Translation,
} from './clickhouse-sql.ts';
import type { Row } from './compiled-query.ts';

/**
 * ClickHouse translations of the queries only the claim checker runs (its name directories
 * and the measures no other route asks for), written as `clickhouse-dialect.ts` describes.
 * The checker's other reads are the analyses' own queries, translated beside them.
 */
export const CLAIM_TRANSLATIONS: Record<string, Translation> = {
  // Every US state, for finding states named inside running text (`place-names.ts`).
  'state-names': {
    written: ['4882637bba9c'],
    run: (_q, exec) => exec(`SELECT usps AS code, name FROM us_state ORDER BY code`),
  },
  // Every named port with the other names the crossings data give it, each list by bytes. An
  // array cannot be the NULL side of a join in ClickHouse: the two parts are read and joined
  // here as DuckDB's LEFT JOIN does (a port without names gets an empty list).
  'port-names': {
    written: ['900285f8f675'],
    run: async (_q, exec) => {
      const [dir, alt] = await Promise.all([
        exec(
          `SELECT port_code AS code, name, state, border FROM port_directory
           WHERE name IS NOT NULL ORDER BY code`,
        ),
        exec(
          `SELECT port_code, arraySort(groupUniqArray(name)) AS names FROM port
           WHERE name IS NOT NULL GROUP BY port_code`,
        ),
      ]);
      const names = new Map(alt.map((a) => [a.port_code, a.names]));
      return dir.map((d) => ({
        ...d,
        names: (d.code == null ? undefined : names.get(d.code)) ?? [],
      }));
    },
  },
  // Mexican states and Canadian provinces with every ISO name (English and Spanish), by code.
  'subnational-names': {
    written: ['04d621558dac'],
    run: async (q, exec) =>
      oneValueEach(
        q,
        await exec(
          `SELECT code, country, names, name__any, name__values FROM (
             SELECT code, country, arraySort(groupUniqArray(name)) AS names,
                    ${anyValue(`if(lang = 'en', name, NULL)`, 'name')}
             FROM subdivision WHERE country IN ('MX', 'CA') GROUP BY code, country)
           ORDER BY code`,
        ),
      ),
  },
  'transborder-region-names': {
    written: ['1358533377bb'],
    run: (_q, exec) =>
      exec(
        `SELECT code_list, name FROM region
         WHERE code_list IN ('mexican_state', 'canadian_province')
         ORDER BY code_list, code, name`,
      ),
  },
  // INEGI's exports by state: 18.16 has no window functions, and no strip_accents. The
  // states' rows (a few hundred) are read whole, ranked and shared within each year as
  // DuckDB's rank() and sum() OVER (PARTITION BY year) do, and matched by name here.
  'mexico-state-exports': {
    written: ['3e5b2187ec89'],
    run: async (q, exec) => {
      const rows = await exec(
        `SELECT state_name, year, value_usd, status FROM mexico_state_exports WHERE NOT is_total`,
      );
      const names = (Array.isArray(q.params.names) ? q.params.names : []) as readonly string[];
      const byYear = new Map<unknown, Row[]>();
      for (const r of rows) byYear.set(r.year, [...(byYear.get(r.year) ?? []), r]);
      const out: Row[] = [];
      for (const year of byYear.values()) {
        const values = year.map((r) => (r.value_usd == null ? null : (r.value_usd as bigint)));
        const rank = rankDesc(values);
        const known = values.filter((v): v is bigint => v !== null);
        const total = known.length === 0 ? null : known.reduce((a, v) => a + v, 0n);
        year.forEach((r, i) => {
          if (r.state_name == null) return;
          const name = String(r.state_name);
          if (!names.includes(duckLower(stripAccents(name))) && !names.includes(duckLower(name)))
            return;
          const v = values[i]!;
          out.push({
            ...r,
            rank: BigInt(rank[i]!),
            share: v === null || total === null ? null : (Number(v) / Number(total)) * 100,
          });
        });
      }
      return out.sort((a, b) => compareNumbers(a.year, b.year));
    },
  },
  'mexico-state-exports-span': {
    written: ['47ae64a255dc'],
    run: (_q, exec) =>
      exec(`SELECT min(year) AS first, max(year) AS last FROM mexico_state_exports`),
  },
};

/** DuckDB's strip_accents: the marks of the decomposed text removed ("León" is "Leon"). */
function stripAccents(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC');
}

/** DuckDB's lower() of the names INEGI writes (letters of the Latin alphabets). */
function duckLower(s: string): string {
  return s.toLowerCase();
}
