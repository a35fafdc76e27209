import type { CompiledQuery } from './compiled-query.ts';
import type { Read } from './provenance.ts';

/**
 * Query specifications over Census partner totals (`trade_country_month`), compiled to SQL
 * with parameters. Country totals come from the Census `country.xlsx` series; a specific
 * vintage reads `trade_country_month_all` joined to its source file.
 */
export type TradeSpec =
  | {
      kind: 'partner-annual';
      partners: string[];
      years?: { from: number; to: number };
      vintage?: string;
    }
  | { kind: 'partner-monthly'; partners: string[]; vintage?: string }
  | { kind: 'partner-ranking'; year: number; months?: number }
  | { kind: 'trade-coverage' };

const SERIES = 'country.xlsx';

function from(vintage: string | undefined): { sql: string; params: Record<string, string> } {
  if (vintage === undefined) {
    return { sql: `trade_country_month t WHERE t.series = '${SERIES}'`, params: {} };
  }
  return {
    sql: `trade_country_month_all t JOIN source_file f ON f.id = t.source_file_id
          WHERE t.series = '${SERIES}' AND f.vintage = $vintage`,
    params: { vintage },
  };
}

const SUMS = `
  sum(value_usd) FILTER (WHERE flow = 'export') AS exports,
  sum(value_usd) FILTER (WHERE flow = 'import_general') AS imports,
  count(DISTINCT month) FILTER (WHERE flow = 'export') AS export_months,
  count(DISTINCT month) FILTER (WHERE flow = 'import_general') AS import_months`;

/** The default-view rows a query reads (a specific vintage cites its file elsewhere). */
function reads(vintage: string | undefined, where: string, params: Read['params']): Read[] {
  return vintage === undefined
    ? [{ table: 'trade_country_month', where: `series = '${SERIES}' AND ${where}`, params }]
    : [];
}

export function compileTrade(spec: TradeSpec): CompiledQuery {
  const base = { kind: 'compiled-query' as const, tables: ['trade_country_month' as const] };
  switch (spec.kind) {
    case 'partner-annual': {
      const f = from(spec.vintage);
      return {
        ...base,
        name: spec.kind,
        params: {
          ...f.params,
          partners: spec.partners,
          y0: spec.years?.from ?? 0,
          y1: spec.years?.to ?? 9999,
        },
        reads: reads(
          spec.vintage,
          'partner_code IN (SELECT unnest($partners)) AND year(month) BETWEEN $y0 AND $y1',
          { partners: spec.partners, y0: spec.years?.from ?? 0, y1: spec.years?.to ?? 9999 },
        ),
        sql: `SELECT partner_code, year(month)::INTEGER AS year, ${SUMS},
                month(max(month))::INTEGER AS last_month
              FROM ${f.sql} AND partner_code IN (SELECT unnest($partners))
                AND year(month) BETWEEN $y0 AND $y1
              GROUP BY ALL ORDER BY partner_code, year`,
      };
    }
    case 'partner-monthly': {
      const f = from(spec.vintage);
      return {
        ...base,
        name: spec.kind,
        params: { ...f.params, partners: spec.partners },
        reads: reads(spec.vintage, 'partner_code IN (SELECT unnest($partners))', {
          partners: spec.partners,
        }),
        sql: `SELECT partner_code, strftime(month, '%Y-%m') AS month,
                sum(value_usd) FILTER (WHERE flow = 'export') AS exports,
                sum(value_usd) FILTER (WHERE flow = 'import_general') AS imports
              FROM ${f.sql} AND partner_code IN (SELECT unnest($partners))
              GROUP BY ALL ORDER BY partner_code, month`,
      };
    }
    case 'partner-ranking':
      // Countries only: aggregates (codes below 1000) never take a rank. rank() gives tied
      // partners the same rank and skips the next.
      return {
        ...base,
        name: spec.kind,
        params: { year: spec.year, months: spec.months ?? 12 },
        reads: reads(undefined, 'year(month) = $year AND month(month) <= $months', {
          year: spec.year,
          months: spec.months ?? 12,
        }),
        sql: `WITH y AS (
                SELECT partner_code, arg_max(partner_name, month) AS partner_name, ${SUMS}
                FROM trade_country_month
                WHERE series = '${SERIES}' AND NOT is_aggregate AND year(month) = $year
                  AND month(month) <= $months
                GROUP BY 1
              ), m AS (
                SELECT *, coalesce(exports, 0) + coalesce(imports, 0) AS two_way,
                       coalesce(exports, 0) - coalesce(imports, 0) AS balance FROM y
              )
              SELECT *,
                rank() OVER (ORDER BY exports DESC NULLS LAST)::INTEGER AS export_rank,
                rank() OVER (ORDER BY imports DESC NULLS LAST)::INTEGER AS import_rank,
                rank() OVER (ORDER BY two_way DESC NULLS LAST)::INTEGER AS two_way_rank,
                count(*) OVER ()::INTEGER AS countries,
                (SELECT sum(value_usd) FROM trade_country_month WHERE series = '${SERIES}'
                   AND partner_code = '0015' AND flow = 'export' AND year(month) = $year
                   AND month(month) <= $months) AS world_exports,
                (SELECT sum(value_usd) FROM trade_country_month WHERE series = '${SERIES}'
                   AND partner_code = '0015' AND flow = 'import_general' AND year(month) = $year
                   AND month(month) <= $months) AS world_imports
              FROM m ORDER BY two_way_rank, partner_code`,
      };
    case 'trade-coverage':
      return {
        ...base,
        name: spec.kind,
        params: {},
        sql: `SELECT strftime(min(month), '%Y-%m') AS first_month, strftime(max(month), '%Y-%m') AS last_month
              FROM trade_country_month WHERE series = '${SERIES}'`,
      };
  }
}
