import type { Store } from '../store/open-store.ts';
import { BASIS } from './basis.ts';
import type { Flow } from '../model/flow.ts';
import { CoverageError } from './lookup-error.ts';
import { resolvePartner } from './resolve-partner.ts';

export interface RevisionDiff {
  kind: 'revision-diff';
  partner: { code: string; name: string };
  flow: Flow;
  vintages: { old: string; new: string };
  rows: {
    month: string;
    old: bigint | null;
    new: bigint | null;
    change: bigint | null;
    pct: number | null;
  }[];
  basis: string[];
}

/** The same months as two Census releases published them: what the revision changed. */
export async function revisionDiff(
  store: Store,
  asked: string,
  opts: { flow?: Flow; year?: number; vintages?: [string, string] },
): Promise<RevisionDiff> {
  const p = await resolvePartner(store, asked);
  const flow = opts.flow ?? 'export';
  const v = await store.conn.runAndReadAll(
    `SELECT DISTINCT vintage FROM source_file WHERE source = 'census-country-xlsx' ORDER BY vintage`,
  );
  const loaded = v.getRowsJS().map((r) => String(r[0]));
  const [older, newer] = opts.vintages ?? [loaded.at(-2), loaded.at(-1)];
  if (!older || !newer || !loaded.includes(older) || !loaded.includes(newer)) {
    throw new CoverageError(
      'country.xlsx vintages',
      opts.vintages?.join(' and ') ?? 'two vintages',
      loaded.join(', ') || 'none',
    );
  }
  const r = await store.conn.runAndReadAll(
    `SELECT strftime(t.month, '%Y-%m') AS month,
            max(t.value_usd) FILTER (WHERE f.vintage = $old) AS old,
            max(t.value_usd) FILTER (WHERE f.vintage = $new) AS new
     FROM trade_country_month_all t JOIN source_file f ON f.id = t.source_file_id
     WHERE f.source = 'census-country-xlsx' AND t.partner_code = $code AND t.flow = $flow
       AND ($year IS NULL OR year(t.month) = $year) AND f.vintage IN ($old, $new)
     GROUP BY 1 ORDER BY 1`,
    { old: older, new: newer, code: p.code, flow, year: opts.year ?? null },
  );
  const rows = r.getRowObjectsJS().map((x) => {
    const o = x.old as bigint | null;
    const n = x.new as bigint | null;
    return {
      month: String(x.month),
      old: o,
      new: n,
      change: o != null && n != null ? n - o : null,
      pct: o != null && n != null && o !== 0n ? (Number(n - o) / Number(o)) * 100 : null,
    };
  });
  return {
    kind: 'revision-diff',
    partner: { code: p.code, name: p.name },
    flow,
    vintages: { old: older, new: newer },
    rows,
    basis: [BASIS.census_goods],
  };
}
