import { memoize, type Store } from '../store/open-store.ts';
import { askedOften } from './asked-often.ts';
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
  // A server asked revision after revision looks each partner's up among every partner's,
  // read once for the two releases (see askedOften); a ClickHouse store always runs the query.
  const found = (await askedOften(store, 'revision-diff'))
    ? await revisionsFromIndex(store, older, newer, p.code, flow, opts.year)
    : await runQuery(store, {
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
  const rows = found.map((x) => {
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

/**
 * The rows of the per-request revision query (month, the older and the newer release's value)
 * for one partner, flow and year or every year, looked up among every partner's and flow's,
 * read in one query once per pair of releases and loaded state: the same filter without the
 * partner, flow and year, grouped by them as well, each partner's and flow's months in order.
 * Held as lists per partner and flow, not an object per month.
 */
async function revisionsFromIndex(
  store: Store,
  older: string,
  newer: string,
  code: string,
  flow: string,
  year: number | undefined,
): Promise<{ month: string; old: bigint | null; new: bigint | null }[]> {
  const all = await memoize(store, `revision-index:${JSON.stringify([older, newer])}`, async () => {
    const r = await store.read((c) =>
      c.runAndReadAll(
        `WITH m AS (
           SELECT t.partner_code, t.flow, strftime(t.month, '%Y-%m') AS month,
                  max(t.value_usd) FILTER (WHERE f.vintage = $old) AS old,
                  max(t.value_usd) FILTER (WHERE f.vintage = $new) AS new
           FROM trade_country_month_all t JOIN source_file f ON f.id = t.source_file_id
           WHERE f.source = 'census-country-xlsx' AND f.vintage IN ($old, $new)
             AND t.partner_code IS NOT NULL AND t.flow IS NOT NULL
           GROUP BY ALL
         )
         SELECT partner_code, flow, list(month ORDER BY month) AS months,
                list(old ORDER BY month) AS olds, list(new ORDER BY month) AS news
         FROM m GROUP BY ALL`,
        { old: older, new: newer },
      ),
    );
    const byKey = new Map<
      string,
      { months: string[]; olds: (bigint | null)[]; news: (bigint | null)[] }
    >();
    for (const [partner, f, months, olds, news] of r.getRowsJS())
      byKey.set(JSON.stringify([String(partner), String(f)]), {
        months: months as string[],
        olds: olds as (bigint | null)[],
        news: news as (bigint | null)[],
      });
    return byKey;
  });
  const hit = all.get(JSON.stringify([code, flow]));
  if (!hit) return [];
  const out: { month: string; old: bigint | null; new: bigint | null }[] = [];
  hit.months.forEach((month, i) => {
    if (year === undefined || month.startsWith(`${year}-`))
      out.push({ month, old: hit.olds[i] ?? null, new: hit.news[i] ?? null });
  });
  return out;
}
