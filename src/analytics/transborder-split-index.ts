import { memoize, type Store } from '../store/open-store.ts';
import { BY_COLUMN, compileBorder, type BorderSpec } from './border-queries.ts';
import { runQuery, type Param, type Row } from './compiled-query.ts';
import { filesByValue, valueKey } from './provenance.ts';

type SplitSpec = Omit<Extract<BorderSpec, { kind: 'transborder-split' }>, 'kind'>;

/**
 * A split of one place's trade with one partner in one period (what port and state profiles
 * ask, place after place): the port or US state it names, or undefined for any other split
 * (those run their own query).
 */
function placeOf(spec: SplitSpec): { column: 'port_code' | 'us_state'; value: string } | undefined {
  if (!spec.partner || spec.mexState !== undefined || spec.limit !== undefined) return undefined;
  if ((spec.month ? 1 : 0) + (spec.year !== undefined ? 1 : 0) !== 1) return undefined;
  if (spec.port && !spec.usState) return { column: 'port_code', value: spec.port };
  if (spec.usState && !spec.port) return { column: 'us_state', value: spec.usState };
  return undefined;
}

/** Whether `splitFromIndex` answers this split. */
export function indexedSplit(spec: SplitSpec): boolean {
  return placeOf(spec) !== undefined;
}

/**
 * The rows of the `transborder-by-*` query for one place and partner (`indexedSplit`), looked
 * up among every place's and partner's of the same period, cut, key and flow, read in one
 * query once per loaded state: the same filter without the place and partner, grouped by them
 * as well, each group in the query's order (total descending, then key) and cut at its
 * default limit. A server answering port after port (or state after state) reads the cut once
 * instead of once per place. Never on a store that prefers per-request queries (ClickHouse):
 * callers ask `askedOften` first.
 */
export async function splitFromIndex(store: Store, spec: SplitSpec): Promise<Row[]> {
  const place = placeOf(spec);
  if (!place) throw new Error('splitFromIndex: not a split of one place and partner');
  const one = compileBorder({ kind: 'transborder-split', ...spec });
  const table = one.tables[0]!;
  // The same filter as the query's, without the place and the partner it groups by instead.
  const rest = compileBorder({
    kind: 'transborder-split',
    ...spec,
    partner: undefined,
    port: undefined,
    usState: undefined,
  }).reads![0]!;
  const params: Record<string, Param> = Object.fromEntries(
    Object.entries(rest.params ?? {}).filter(([k]) => new RegExp(`\\$${k}\\b`).test(rest.where)),
  );
  const limit = Number(one.params.limit);
  const index = await memoize(
    store,
    `transborder-split-index:${table}:${spec.by}:${place.column}:${rest.where}:${JSON.stringify(params)}`,
    async () => {
      const rows = await runQuery(store, {
        kind: 'compiled-query',
        name: `transborder-index-by-${spec.by}`,
        tables: [table],
        params,
        sql: `SELECT ${place.column} AS place, partner_code AS partner, ${BY_COLUMN[spec.by]} AS key,
                sum(value_usd) FILTER (WHERE flow = 'export') AS exports,
                sum(value_usd) FILTER (WHERE flow = 'import_general') AS imports,
                sum(value_usd) AS total
              FROM ${table}
              WHERE ${rest.where} AND ${place.column} IS NOT NULL AND partner_code IS NOT NULL
              GROUP BY ALL ORDER BY place, partner, total DESC, key`,
      });
      const byPlace = new Map<string, Row[]>();
      for (const r of rows) {
        const k = valueKey([r.place, r.partner]);
        const list = byPlace.get(k);
        const row = { key: r.key, exports: r.exports, imports: r.imports, total: r.total };
        if (!list) byPlace.set(k, [row]);
        else if (list.length < limit) list.push(row);
      }
      return byPlace;
    },
  );
  return index.get(valueKey([place.value, spec.partner])) ?? [];
}

/**
 * The files behind the rows a split of one place and partner reads (its `reads`: the place,
 * the partner and the period, no flow), looked up among every place's, partner's and period's
 * (`filesByValue`) instead of a query per split.
 */
export async function splitFiles(store: Store, spec: SplitSpec): Promise<number[]> {
  const place = placeOf(spec);
  if (!place || spec.flow !== undefined)
    throw new Error('splitFiles: not a split of one place and partner over both flows');
  const table = compileBorder({ kind: 'transborder-split', ...spec }).tables[0]!;
  const period = spec.month ? `strftime(month, '%Y-%m')` : 'year(month)';
  const byValue = await filesByValue(store, table, [place.column, 'partner_code', period]);
  return byValue.get(valueKey([place.value, spec.partner, spec.month ?? spec.year])) ?? [];
}
