import { memoize, type Store } from '../store/open-store.ts';
import { runQuery } from './compiled-query.ts';

/** A Mexican state or Canadian province, with every name it goes by in the loaded lists. */
export interface Subnational {
  code: string;
  country: 'MX' | 'CA';
  name: string;
  names: string[];
}

/** Long official names people shorten: "Coahuila de Zaragoza" is "Coahuila". */
const SHORT = / de (Zaragoza|Ocampo|Ignacio de la Llave)$/;

/**
 * Mexican states and Canadian provinces by name, in English and Spanish (ISO 3166-2 with its
 * gettext translations) and as TransBorder's code lists spell them ("Nuevo Leon"). Empty when
 * none of those lists is loaded.
 */
export function subnationalNames(store: Store): Promise<Subnational[]> {
  return memoize(store, 'subnational-names', async () => {
    const rows = await runQuery(store, {
      kind: 'compiled-query',
      name: 'subnational-names',
      tables: ['subdivision'],
      params: {},
      sql: `SELECT code, country, list(DISTINCT name ORDER BY name) AS names,
                   any_value(name) FILTER (WHERE lang = 'en') AS name
            FROM subdivision WHERE country IN ('MX', 'CA') GROUP BY code, country ORDER BY code`,
    });
    const tb = await runQuery(store, {
      kind: 'compiled-query',
      name: 'transborder-region-names',
      tables: ['region'],
      params: {},
      // In a stated order (a name no ISO entry has is appended in it), the one the code
      // lists are stored in.
      sql: `SELECT code_list, name FROM region
            WHERE code_list IN ('mexican_state', 'canadian_province')
            ORDER BY code_list, code, name`,
    });
    const fold = (s: string) =>
      s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(SHORT, '');
    const out: Subnational[] = rows.map((r) => {
      const names = (r.names as string[]).flatMap((n) =>
        SHORT.test(n) ? [n, n.replace(SHORT, '')] : [n],
      );
      return {
        code: String(r.code),
        country: String(r.country) as 'MX' | 'CA',
        name: String(r.name ?? names[0]),
        names,
      };
    });
    for (const t of tb) {
      const n = String(t.name);
      const country = t.code_list === 'mexican_state' ? 'MX' : 'CA';
      const same = out.find(
        (o) => o.country === country && o.names.some((x) => fold(x) === fold(n)),
      );
      if (same) same.names.push(n);
      else out.push({ code: `${country}-${n}`, country, name: n, names: [n] });
    }
    return out;
  });
}

/** INEGI's exports of one Mexican state (or Mexico's total) to the world, by year. */
export interface MexicoStateExports {
  kind: 'mexico-state-exports';
  state: string;
  years: { year: number; valueUsd: bigint; status: string; rank: number; share: number }[];
  /** Years loaded, first and last. */
  span: [number, number] | null;
}

/**
 * A Mexican state's exports to the world from INEGI's EAEF table, with its place among the 32
 * states and its share of Mexico's total each year. The state is matched by name, accents and
 * case aside, against the names INEGI writes (ISO names, which the table follows).
 */
export async function mexicoStateExports(
  store: Store,
  names: string[],
): Promise<MexicoStateExports> {
  const rows = await runQuery(store, {
    kind: 'compiled-query',
    name: 'mexico-state-exports',
    tables: ['mexico_state_exports'],
    params: { names: names.map((n) => n.toLowerCase()) },
    sql: `WITH ranked AS (
            SELECT state_name, year, value_usd, status,
                   rank() OVER (PARTITION BY year ORDER BY value_usd DESC) AS rank,
                   value_usd / sum(value_usd) OVER (PARTITION BY year) * 100 AS share
            FROM mexico_state_exports WHERE NOT is_total
          )
          SELECT state_name, year, value_usd, status, rank, share FROM ranked
          WHERE list_contains($names, lower(strip_accents(state_name)))
             OR list_contains($names, lower(state_name))
          ORDER BY year`,
  });
  const span = await runQuery(store, {
    kind: 'compiled-query',
    name: 'mexico-state-exports-span',
    tables: ['mexico_state_exports'],
    params: {},
    sql: `SELECT min(year) AS first, max(year) AS last FROM mexico_state_exports`,
  });
  const first = span[0]?.first;
  return {
    kind: 'mexico-state-exports',
    state: String(rows[0]?.state_name ?? names[0] ?? ''),
    years: rows.map((r) => ({
      year: Number(r.year),
      valueUsd: r.value_usd as bigint,
      status: String(r.status),
      rank: Number(r.rank),
      share: Number(r.share),
    })),
    span: first == null ? null : [Number(first), Number(span[0]!.last)],
  };
}
