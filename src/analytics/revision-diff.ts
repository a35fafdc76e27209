import type { Store } from '../store/open-store.ts';
import { BASIS } from './basis.ts';
import { runQuery } from './compiled-query.ts';
import type { Flow } from '../model/flow.ts';
import { CoverageError } from './lookup-error.ts';
import { censusVintages } from './census-vintages.ts';
import type { SourceRef } from './provenance.ts';
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
  sources: SourceRef[];
}

/** The same months as two Census releases published them: what the revision changed. */
export async function revisionDiff(
  store: Store,
  asked: string,
  opts: { flow?: Flow; year?: number; vintages?: [string, string] },
): Promise<RevisionDiff> {
  const p = await resolvePartner(store, asked);
  const flow = opts.flow ?? 'export';
  const loaded = await censusVintages(store);
  const names = loaded.map((v) => v.vintage);
  const listed = names.length ? `vintages ${names.join(', ')}` : 'no vintage: run frontera ingest';
  const wanted = opts.vintages;
  if (wanted) {
    const missing = wanted.filter((x) => !names.includes(x));
    if (missing.length > 0)
      throw new CoverageError(
        'Census country.xlsx',
        `vintage ${missing.join(' or ')}`,
        `only ${listed}`,
      );
    if (wanted[0] === wanted[1])
      throw new CoverageError(
        'Census country.xlsx revisions',
        `vintage ${wanted[0]} against itself`,
        `${listed}: name two different ones`,
      );
  } else if (names.length < 2) {
    throw new CoverageError(
      'Census country.xlsx revisions',
      'two vintages',
      `only ${listed}: load another release of country.xlsx`,
    );
  }
  const [older, newer] = wanted ?? [names.at(-2)!, names.at(-1)!];
  const r = await runQuery(store, {
    kind: 'compiled-query',
    name: 'revision-diff',
    tables: ['trade_country_month'],
    params: { old: older, new: newer, code: p.code, flow, year: opts.year ?? null },
    sql: `SELECT strftime(t.month, '%Y-%m') AS month,
            max(t.value_usd) FILTER (WHERE f.vintage = $old) AS old,
            max(t.value_usd) FILTER (WHERE f.vintage = $new) AS new
     FROM trade_country_month_all t JOIN source_file f ON f.id = t.source_file_id
     WHERE f.source = 'census-country-xlsx' AND t.partner_code = $code AND t.flow = $flow
       AND ($year IS NULL OR year(t.month) = $year) AND f.vintage IN ($old, $new)
     GROUP BY 1 ORDER BY 1`,
  });
  const rows = r.map((x) => {
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
  // A revision needs the month in both releases; months only one of them holds are shown as
  // such, but a period neither release shares is refused rather than shown as blanks.
  if (!rows.some((x) => x.old !== null && x.new !== null))
    throw new CoverageError(
      `Census trade with ${p.name} in both vintages ${older} and ${newer}`,
      String(opts.year ?? 'any month'),
      loaded
        .filter((v) => v.vintage === older || v.vintage === newer)
        .map((v) => `${v.vintage}: ${v.first} – ${v.last}`)
        .join('; '),
    );
  return {
    kind: 'revision-diff',
    partner: { code: p.code, name: p.name },
    flow,
    vintages: { old: older, new: newer },
    rows,
    basis: [BASIS.census_goods],
    // The two releases compared, and nothing else.
    sources: loaded.filter((v) => v.vintage === older || v.vintage === newer).map((v) => v.source),
  };
}
