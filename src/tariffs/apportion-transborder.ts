import { runQuery } from '../analytics/compiled-query.ts';
import type { Store } from '../store/open-store.ts';

export interface PlaceShare {
  partnerCode: string;
  key: string;
  name: string | null;
  addedUsd: bigint;
}

export interface PlaceEstimate {
  estimate: true;
  method: string;
  /** The TransBorder months whose shares were used. */
  months: string[];
  states: PlaceShare[];
  ports: PlaceShare[];
  /** Added duty in chapters TransBorder shows no imports of, so not placed anywhere. */
  unapportioned: { partnerCode: string; addedUsd: bigint }[];
}

/**
 * Places a scenario's added duty on Mexican and Canadian imports by US state and port: each
 * HS chapter's added duty is split in proportion to the chapter's TransBorder imports by state
 * of destination (dot2) and by port of entry (dot3). An estimate, and labelled one: TransBorder
 * counts surface and other modes by chapter only, in its own months, and its totals differ
 * from Census product data. Uses the scenario year's months where loaded, else the latest year.
 */
export async function apportionByTransborder(
  store: Store,
  year: number,
  added: { partnerCode: string; chapter: string; addedUsd: bigint }[],
  limit: number,
): Promise<PlaceEstimate | null> {
  if (added.length === 0) return null;
  const [m] = await runQuery(store, {
    kind: 'compiled-query',
    name: 'apportion-months',
    tables: ['transborder_state_hs2'],
    params: { year },
    sql: `WITH y AS (SELECT coalesce(max(year(month)) FILTER (WHERE year(month) = $year), max(year(month))) AS y
                     FROM transborder_state_hs2)
          SELECT list(DISTINCT strftime(month, '%Y-%m') ORDER BY strftime(month, '%Y-%m')) AS months
          FROM transborder_state_hs2, y WHERE year(month) = y.y`,
  });
  const months = ((m?.months as string[] | null) ?? []).map(String);
  if (months.length === 0) return null;
  const params = {
    months,
    partners: added.map((a) => a.partnerCode),
    chapters: added.map((a) => a.chapter),
    amounts: added.map((a) => a.addedUsd.toString()),
  };
  // The added duty travels as text in a list, so no dollar passes through a float on the way in.
  const input = `added AS (
      SELECT unnest($partners) AS partner_code, unnest($chapters) AS hs2,
             unnest($amounts)::BIGINT AS added_usd)`;
  const split = (table: string, key: string) => `
    WITH ${input}, w AS (
      SELECT partner_code, hs2, ${key} AS key, sum(value_usd) AS v,
             sum(sum(value_usd)) OVER (PARTITION BY partner_code, hs2) AS vt
      FROM ${table}
      WHERE flow = 'import_general' AND list_contains($months, strftime(month, '%Y-%m'))
      GROUP BY partner_code, hs2, ${key}
    )
    SELECT a.partner_code, w.key, round(sum(a.added_usd * (w.v / w.vt)))::BIGINT AS added
    FROM added a JOIN w USING (partner_code, hs2) WHERE w.vt > 0
    GROUP BY a.partner_code, w.key ORDER BY abs(added) DESC, w.key LIMIT $limit`;
  const run = (name: string, sql: string, extra = {}) =>
    runQuery(store, {
      kind: 'compiled-query',
      name,
      tables: ['transborder_state_hs2', 'transborder_port_hs2'],
      params: { ...params, ...extra },
      sql,
    });
  const states = await run('apportion-states', split('transborder_state_hs2', 'us_state'), {
    limit,
  });
  const ports = await run(
    'apportion-ports',
    `WITH s AS (${split('transborder_port_hs2', 'port_code')})
     SELECT s.*, (SELECT any_value(name) FROM port_directory d WHERE d.port_code = s.key) AS name FROM s`,
    { limit },
  );
  const unplaced = await run(
    'apportion-unplaced',
    `WITH ${input}, seen AS (
       SELECT DISTINCT partner_code, hs2 FROM transborder_state_hs2
       WHERE flow = 'import_general' AND list_contains($months, strftime(month, '%Y-%m')))
     SELECT a.partner_code, sum(a.added_usd) AS added FROM added a
     WHERE NOT EXISTS (SELECT 1 FROM seen s WHERE s.partner_code = a.partner_code AND s.hs2 = a.hs2)
     GROUP BY 1 ORDER BY 1`,
  );
  const place = (r: Record<string, unknown>) => ({
    partnerCode: String(r.partner_code),
    key: String(r.key),
    name: r.name == null ? null : String(r.name),
    addedUsd: BigInt(r.added as bigint),
  });
  return {
    estimate: true,
    method: `ESTIMATE: added duty by HS chapter split by each chapter's TransBorder imports by US state of destination (dot2) and port of entry (dot3), ${months[0]}${months.length > 1 ? ` – ${months.at(-1)}` : ''}; not an official figure`,
    months,
    states: states.map(place),
    ports: ports.map(place),
    unapportioned: unplaced.map((r) => ({
      partnerCode: String(r.partner_code),
      addedUsd: BigInt(r.added as bigint),
    })),
  };
}
