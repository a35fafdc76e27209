import type { CompiledQuery } from './compiled-query.ts';

export type TransborderBy = 'mode' | 'us_state' | 'port' | 'hs2' | 'partner' | 'mex_state';

/**
 * Query specifications over TransBorder freight and border crossings. Each TransBorder split
 * reads the one cut published at that grain (dot1: state × port, dot2: state × HS2, dot3:
 * port × HS2) — the cuts are never added together.
 */
export type BorderSpec =
  | {
      kind: 'transborder-split';
      by: TransborderBy;
      partner?: string;
      flow?: 'export' | 'import_general';
      month?: string;
      /** A whole year instead of one month. */
      year?: number;
      usState?: string;
      port?: string;
      /** BTS's Mexican state code (`MEXSTATE`): dot1 and dot2 carry it, on exports only. */
      mexState?: string;
      limit?: number;
    }
  | { kind: 'transborder-coverage' }
  | {
      kind: 'crossings';
      by: 'port' | 'measure' | 'year' | 'month';
      border?: 'mexico' | 'canada';
      measure?: string;
      port?: string;
      year?: number;
      limit?: number;
    }
  | { kind: 'crossings-port-measure'; border?: 'mexico' | 'canada'; year: number }
  | { kind: 'crossings-coverage' };

/**
 * Which cut answers a split: HS2 needs dot2 (by state) or dot3 (by port); all else dot1. dot3
 * has no Mexican state, so HS2 for a Mexican state is read from dot2.
 */
function cutFor(by: TransborderBy, usState?: string, port?: string, mexState?: string) {
  if (by !== 'hs2') return 'transborder_state_port';
  if (port && (usState || mexState)) {
    throw new Error('TransBorder publishes HS2 by state or by port, never by both at once');
  }
  return port ? 'transborder_port_hs2' : 'transborder_state_hs2';
}

/** The key each split groups by (also read by `transborder-split-index.ts`). */
export const BY_COLUMN: Record<TransborderBy, string> = {
  mode: 'mode::VARCHAR',
  us_state: 'us_state',
  port: 'port_code',
  hs2: 'hs2',
  partner: 'partner_code',
  mex_state: 'mex_state',
};

/**
 * Equality filters for the conditions a spec sets (unset ones are left out), each value a named
 * parameter; the column expressions are this file's own text, never a caller's.
 */
function filters(
  limit: number | undefined,
  conditions: [column: string, name: string, value: string | number | undefined][],
): { where: string[]; params: Record<string, string | number> } {
  const where = ['true'];
  const params: Record<string, string | number> = { limit: limit ?? 1000 };
  for (const [column, name, value] of conditions) {
    if (value === undefined || value === '') continue;
    where.push(`${column} = $${name}`);
    params[name] = value;
  }
  return { where, params };
}

export function compileBorder(spec: BorderSpec): CompiledQuery {
  switch (spec.kind) {
    case 'transborder-split': {
      const table = cutFor(spec.by, spec.usState, spec.port, spec.mexState);
      const { where, params } = filters(spec.limit, [
        ['partner_code', 'partner', spec.partner],
        ['flow', 'flow', spec.flow],
        [`strftime(month, '%Y-%m')`, 'month', spec.month],
        ['year(month)', 'year', spec.year],
        ['us_state', 'usState', spec.usState],
        ['port_code', 'port', spec.port],
        ['mex_state', 'mexState', spec.mexState],
      ]);
      // Ranking Mexican states leaves out the rows with none (all imports, and Canada).
      if (spec.by === 'mex_state') where.push('mex_state IS NOT NULL');
      return {
        kind: 'compiled-query',
        name: `transborder-by-${spec.by}`,
        tables: [table],
        params,
        reads: [{ table, where: where.join(' AND '), params }],
        sql: `SELECT ${BY_COLUMN[spec.by]} AS key,
                sum(value_usd) FILTER (WHERE flow = 'export') AS exports,
                sum(value_usd) FILTER (WHERE flow = 'import_general') AS imports,
                sum(value_usd) AS total,
                sum(shipping_weight_kg) AS shipping_weight_kg
              FROM ${table} WHERE ${where.join(' AND ')}
              GROUP BY 1 ORDER BY total DESC, key LIMIT $limit`,
      };
    }
    case 'transborder-coverage':
      return {
        kind: 'compiled-query',
        name: spec.kind,
        tables: ['transborder_state_port'],
        params: {},
        sql: `SELECT strftime(min(month), '%Y-%m') AS first_month, strftime(max(month), '%Y-%m') AS last_month
              FROM transborder_state_port`,
      };
    case 'crossings': {
      const { where, params } = filters(spec.limit, [
        ['border', 'border', spec.border],
        ['measure', 'measure', spec.measure],
        ['port_code', 'port', spec.port],
        ['year(month)', 'year', spec.year],
      ]);
      const key: Record<typeof spec.by, string> = {
        port: 'port_code',
        measure: 'measure',
        year: 'year(month)::VARCHAR',
        month: `strftime(month, '%Y-%m')`,
      };
      const order = spec.by === 'year' || spec.by === 'month' ? 'key' : 'count DESC, key';
      return {
        kind: 'compiled-query',
        name: `crossings-by-${spec.by}`,
        tables: ['crossings'],
        params,
        reads: [{ table: 'crossings', where: where.join(' AND '), params }],
        sql: `SELECT ${key[spec.by]} AS key, min(port_name) AS port_name, sum(count) AS count,
                count(DISTINCT month)::INTEGER AS months
              FROM crossings WHERE ${where.join(' AND ')}
              GROUP BY 1 ORDER BY ${order} LIMIT $limit`,
      };
    }
    case 'crossings-port-measure':
      return {
        kind: 'compiled-query',
        name: spec.kind,
        tables: ['crossings'],
        params: { border: spec.border ?? null, year: spec.year },
        reads: [
          {
            table: 'crossings',
            where: '($border IS NULL OR border = $border) AND year(month) = $year',
            params: { border: spec.border ?? null, year: spec.year },
          },
        ],
        sql: `SELECT port_code, measure, sum(count) AS count FROM crossings
              WHERE ($border IS NULL OR border = $border) AND year(month) = $year
              GROUP BY ALL`,
      };
    case 'crossings-coverage':
      return {
        kind: 'compiled-query',
        name: spec.kind,
        tables: ['crossings'],
        params: {},
        sql: `SELECT strftime(min(month), '%Y-%m') AS first_month, strftime(max(month), '%Y-%m') AS last_month
              FROM crossings`,
      };
  }
}
