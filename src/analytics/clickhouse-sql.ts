import { chLiteral } from '../store/clickhouse-literal.ts';
import { EngineRefusal } from '../store/engine-refusal.ts';
import type { CompiledQuery, Param, Row } from './compiled-query.ts';

/**
 * The parts every ClickHouse translation is written with (the translations themselves are
 * listed in `clickhouse-dialect.ts` and the `clickhouse-*-queries.ts` files it gathers).
 */

export interface Exec {
  (sql: string, booleans?: readonly string[]): Promise<Row[]>;
  /**
   * A table named with its database, for the subqueries of a query over a Distributed
   * table: each shard runs them in its own session, whose database is `default`.
   */
  table: (name: string) => string;
}

export interface Translation {
  /** Fingerprints of the DuckDB SQL texts this translation answers for (see `fingerprint`). */
  written: readonly string[];
  run: (q: CompiledQuery, exec: Exec) => Promise<Row[]>;
}

export const lit = chLiteral;
export const CENSUS = `series = 'country.xlsx'`;

/** DuckDB's `sum(x) FILTER (WHERE c)`: NULL when no row passes with a value. */
export const sumWhere = (x: string, c: string) =>
  `if(countIf(${x} IS NOT NULL AND (${c})) = 0, NULL, sumIf(${x}, ${c}))`;

/** The part of the FROM of a Census partner query: the current view or one vintage's file. */
export function censusFrom(q: CompiledQuery, exec: Exec): string {
  const vintage = q.params.vintage;
  return typeof vintage === 'string'
    ? `trade_country_month_all WHERE ${CENSUS}
        AND source_file_id IN (SELECT id FROM ${exec.table('source_file')}
          WHERE vintage = ${lit(vintage)})`
    : `trade_country_month WHERE ${CENSUS}`;
}

/** `x IN (SELECT unnest($list))`. */
export function inList(list: Param | undefined): string {
  const items = (Array.isArray(list) ? list : []) as readonly string[];
  return items.length === 0
    ? '(SELECT arrayJoin(emptyArrayString()))'
    : `(${items.map(lit).join(', ')})`;
}

/** DuckDB's `rank() OVER (ORDER BY v DESC NULLS LAST)`. */
export function rankDesc(values: readonly (bigint | null)[]): number[] {
  const known = values.filter((v): v is bigint => v !== null);
  return values.map((v) => (v === null ? known.length + 1 : known.filter((w) => w > v).length + 1));
}

/** DuckDB's VARCHAR order: by bytes. */
export function compareText(a: unknown, b: unknown): number {
  return Buffer.compare(Buffer.from(String(a)), Buffer.from(String(b)));
}

/** DuckDB's `ORDER BY v DESC` of integers (NULLs last). */
export function compareBigDesc(a: bigint | null, b: bigint | null): number {
  if (a === null || b === null) return a === null ? (b === null ? 0 : 1) : -1;
  return a === b ? 0 : a > b ? -1 : 1;
}

/** DuckDB's ascending order of numbers, NULLs last. */
export function compareNumbers(a: unknown, b: unknown): number {
  if (a == null || b == null) return a == null ? (b == null ? 0 : 1) : -1;
  return Number(a) - Number(b);
}

/** DuckDB's ascending order of text: by bytes, NULLs last. */
export function compareNullsLast(a: unknown, b: unknown): number {
  if (a == null || b == null) return a == null ? (b == null ? 0 : 1) : -1;
  return compareText(a, b);
}

/** The one read a query carries: its table and filter, compiled anew for ClickHouse. */
export function onlyRead(q: CompiledQuery): NonNullable<CompiledQuery['reads']>[number] {
  const r = q.reads?.length === 1 ? q.reads[0] : undefined;
  if (!r || !q.sql.includes(r.where) || !q.sql.includes(r.table))
    throw new EngineRefusal(
      'ClickHouse',
      'this analysis',
      `its query '${q.name}' reads no single filter`,
    );
  return r;
}

export function tableOf(q: CompiledQuery): string {
  const t = q.tables[0];
  if (!t || !/^[a-z_0-9]+$/.test(t)) throw new Error(`query '${q.name}' names no table`);
  return t;
}

/** Functions a provenance filter may use, and their ClickHouse names (the same meaning). */
const WHERE_FUNCTIONS: Record<string, string> = {
  year: 'toYear',
  month: 'toMonth',
  starts_with: 'startsWith',
  coalesce: 'coalesce',
};
/** `strftime(month, '%Y-%m')`, the one formatting a filter uses. */
const MONTH_TEXT = /strftime\(month, '%Y-%m'\)/g;
const WHERE_WORDS = new Set(['and', 'or', 'not', 'in', 'between', 'is', 'null']);

/**
 * A provenance filter (the analysis's own WHERE text, DuckDB SQL with $parameters) in
 * ClickHouse SQL. Only what such filters use is accepted: column names, string and number
 * literals, comparisons, AND/OR/NOT, IN, BETWEEN, IS NULL, year() and month(), and
 * `IN (SELECT unnest($list))`; anything else is refused rather than guessed at.
 */
export function whereClause(where: string, params: Record<string, Param>): string {
  const value = (k: string): Param => {
    if (!Object.hasOwn(params, k)) throw refusal(where, `$${k} has no value`);
    return params[k]!;
  };
  const marked = where
    .replace(/IN \(SELECT unnest\(\$([a-z_0-9]+)\)\)/gi, 'IN @$1')
    .replace(MONTH_TEXT, '#month_text');
  const tokens =
    marked.match(/'(?:[^']|'')*'|[$@#][A-Za-z_0-9]+|[A-Za-z_][A-Za-z0-9_]*|\d+|<=|>=|<>|!=|\S/g) ??
    [];
  return tokens
    .map((t, i) => {
      if (t.startsWith("'")) return lit(t.slice(1, -1).replace(/''/g, "'"));
      if (t.startsWith('$')) return lit(value(t.slice(1)));
      if (t.startsWith('@')) return inList(value(t.slice(1)));
      if (t === '#month_text') return `formatDateTime(month, '%Y-%m')`;
      if (t === 'true' || t === 'false') return t === 'true' ? '1' : '0';
      if (/^[A-Za-z_]/.test(t)) {
        if (WHERE_WORDS.has(t.toLowerCase())) return t.toUpperCase();
        // A model column (lower case); DuckDB's other words (LIKE, current_date …) are refused.
        if (
          tokens[i + 1] !== '(' &&
          /^[a-z_][a-z0-9_]*$/.test(t) &&
          !/^current_|^(like|ilike|glob|similar)$/.test(t)
        )
          return t;
        const fn = WHERE_FUNCTIONS[t.toLowerCase()];
        if (!fn) throw refusal(where, `function ${t}() is not translated`);
        return fn;
      }
      if (/^(\d+|<=|>=|<>|!=|[=<>(),])$/.test(t)) return t;
      throw refusal(where, `${JSON.stringify(t)} is not translated`);
    })
    .join(' ');
}

function refusal(where: string, why: string): EngineRefusal {
  return new EngineRefusal('ClickHouse', 'this analysis', `its source filter "${where}": ${why}`);
}

/**
 * DuckDB's `any_value(x)`, which the analyses only use where every row of a group holds the
 * same value (or NULL): `any(x)` with a count of the distinct values, which `oneValueEach`
 * checks, so a group whose rows differ is refused rather than given whichever comes first.
 */
// (Named apart from the column: an alias equal to a column's name is that column to
// ClickHouse, an aggregate inside an aggregate.)
export const anyValue = (x: string, alias: string) =>
  `any(${x}) AS ${alias}__any, uniqExact(${x}) AS ${alias}__values`;

/** Checks and drops the counts `anyValue` added (each group held one value or none). */
export function oneValueEach(q: CompiledQuery, rows: Row[]): Row[] {
  for (const r of rows)
    for (const k of Object.keys(r)) {
      if (k.endsWith('__any')) {
        r[k.slice(0, -5)] = r[k];
        delete r[k];
      }
      if (!k.endsWith('__values')) continue;
      if (Number(r[k]) > 1)
        throw new EngineRefusal(
          'ClickHouse',
          'this analysis',
          `its query '${q.name}' takes any one of ${String(r[k])} differing values of ${k.slice(0, -8)}, which ClickHouse need not choose as DuckDB does`,
        );
      delete r[k];
    }
  return rows;
}

/**
 * DuckDB's `strftime(timezone('UTC', t), '%Y-%m-%dT%H:%M:%SZ')` of a timestamp, which
 * publish stores as its exact UTC instant in ISO text (`…T17:25:16.000000Z`).
 */
export const isoSeconds = (t: string) =>
  `if(isNull(${t}), NULL, concat(substring(assumeNotNull(${t}), 1, 19), 'Z'))`;

/** DuckDB's `strftime(month, '%Y-%m')`. */
export const monthText = (m = 'month') => `formatDateTime(${m}, '%Y-%m')`;

/** A DuckDB `$date::DATE ± INTERVAL n MONTH` of a parameter. */
export const monthsFrom = (date: Param | undefined, n: number) =>
  `addMonths(toDate(${lit(date ?? null)}), ${n})`;
