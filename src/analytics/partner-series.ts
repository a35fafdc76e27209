import { memoize, type Store } from '../store/open-store.ts';
import { askedOften } from './asked-often.ts';
import { BASIS } from './basis.ts';
import { runQuery, runShared, type Row } from './compiled-query.ts';
import { partnerAnnual, partnerMonthly } from './partner-annual.ts';
import { censusVintages } from './census-vintages.ts';
import type { CompiledQuery } from './compiled-query.ts';
import { CoverageError } from './lookup-error.ts';
import { fileProvenance, type SourceRef } from './provenance.ts';
import { partnerYearsProvenance } from './partner-years-provenance.ts';
import { yearSpans } from './year-spans.ts';
import { resolvePartner } from './resolve-partner.ts';

export interface PartnerSeries {
  kind: 'partner-series';
  partner: { code: string; name: string };
  frequency: 'monthly' | 'yearly';
  vintage: string | null;
  rows: {
    period: string;
    exports: bigint | null;
    imports: bigint | null;
    balance: bigint | null;
    months?: number;
  }[];
  basis: string[];
  sources: SourceRef[];
}

/** A partner's exports and imports month by month or year by year, in any loaded vintage. */
export async function partnerSeries(
  store: Store,
  asked: string,
  opts: {
    frequency?: 'monthly' | 'yearly';
    vintage?: string;
    years?: { from: number; to: number };
  },
): Promise<PartnerSeries> {
  const p = await resolvePartner(store, asked);
  if (opts.vintage !== undefined) {
    const loaded = await censusVintages(store);
    if (!loaded.some((v) => v.vintage === opts.vintage))
      throw new CoverageError(
        'Census country.xlsx',
        `vintage ${opts.vintage}`,
        loaded.length
          ? `vintages ${loaded.map((v) => `${v.vintage} (${v.first} – ${v.last})`).join(', ')}`
          : 'no vintage: run frontera ingest',
      );
  }
  const frequency = opts.frequency ?? 'yearly';
  const bal = (e: unknown, i: unknown) =>
    e == null || i == null ? null : (e as bigint) - (i as bigint);
  let rows: PartnerSeries['rows'];
  if (frequency === 'yearly') {
    const r = await partnerAnnual(store, [p.code], { vintage: opts.vintage, years: opts.years });
    rows = r.map((x) => ({
      period: String(x.year),
      exports: x.exports as bigint | null,
      imports: x.imports as bigint | null,
      balance: bal(x.exports, x.imports),
      months: Math.min(Number(x.export_months), Number(x.import_months)),
    }));
  } else {
    const r = await partnerMonthly(store, p.code, opts.vintage);
    rows = r
      .filter(
        (x) =>
          !opts.years ||
          (Number(String(x.month).slice(0, 4)) >= opts.years.from &&
            Number(String(x.month).slice(0, 4)) <= opts.years.to),
      )
      .map((x) => ({
        period: String(x.month),
        exports: x.exports as bigint | null,
        imports: x.imports as bigint | null,
        balance: bal(x.exports, x.imports),
      }));
  }
  if (rows.length === 0) {
    const all = await runShared(store, readFiles(p.code, opts.vintage));
    const years = [...new Set(all.map((r) => Number(r.year)))];
    throw new CoverageError(
      `Census trade with ${p.name}${opts.vintage ? ` in vintage ${opts.vintage}` : ''}`,
      opts.years ? `${opts.years.from}–${opts.years.to}` : 'any year',
      years.length ? yearSpans(years) : 'no year',
    );
  }
  // Cite the files these rows came from: the asked vintage's, or those behind the current view
  // for these years, never every current file.
  // The partner's files by year, read once per partner (and vintage); the years asked kept.
  const y0 = opts.years?.from ?? 0;
  const y1 = opts.years?.to ?? 9999;
  const sources =
    opts.vintage === undefined
      ? await partnerYearsProvenance(store, [p.code], { from: y0, to: y1 })
      : await fileProvenance(
          store,
          (await vintageFiles(store, p.code, opts.vintage))
            .filter((r) => Number(r.year) >= y0 && Number(r.year) <= y1)
            .map((r) => Number(r.source_file_id)),
        );
  return {
    kind: 'partner-series',
    partner: { code: p.code, name: p.name },
    frequency,
    vintage: opts.vintage ?? null,
    rows,
    basis: [BASIS.census_goods],
    sources,
  };
}

/**
 * The rows of `readFiles` for a partner in one vintage. A store asked for vintage after
 * vintage series (see askedOften) looks them up among every partner's of the vintage, read in
 * one query once per vintage and loaded state (the same filter without the partner, grouped by
 * it as well); the rows are only ever read as a set of files and years.
 */
async function vintageFiles(store: Store, code: string, vintage: string): Promise<Row[]> {
  if (!(await askedOften(store, 'partner-series-files:vintage')))
    return runShared(store, readFiles(code, vintage));
  const all = await memoize(store, `partner-series-files-all:${vintage}`, async () => {
    const rows = await runQuery(store, {
      kind: 'compiled-query',
      name: 'partner-series-files-all',
      tables: ['trade_country_month'],
      params: { vintage },
      sql: `SELECT t.partner_code, t.source_file_id, year(t.month)::INTEGER AS year
            FROM trade_country_month_all t JOIN source_file f ON f.id = t.source_file_id
            WHERE t.series = 'country.xlsx' AND t.partner_code IS NOT NULL
              AND f.vintage = $vintage AND year(t.month) BETWEEN 0 AND 9999
            GROUP BY ALL ORDER BY t.partner_code, year, t.source_file_id`,
    });
    const byPartner = new Map<string, Row[]>();
    for (const r of rows) {
      const list = byPartner.get(String(r.partner_code)) ?? [];
      list.push({ source_file_id: r.source_file_id, year: r.year });
      byPartner.set(String(r.partner_code), list);
    }
    return byPartner;
  });
  return all.get(code) ?? [];
}

/** The source files and years behind a partner's rows, in the current view or one vintage. */
function readFiles(
  code: string,
  vintage: string | undefined,
  years?: { from: number; to: number },
): CompiledQuery {
  const table = vintage === undefined ? 'trade_country_month' : 'trade_country_month_all';
  return {
    kind: 'compiled-query',
    name: 'partner-series-files',
    tables: ['trade_country_month'],
    params: { code, vintage: vintage ?? null, y0: years?.from ?? 0, y1: years?.to ?? 9999 },
    sql: `SELECT t.source_file_id, year(t.month)::INTEGER AS year
          FROM ${table} t JOIN source_file f ON f.id = t.source_file_id
          WHERE t.series = 'country.xlsx' AND t.partner_code = $code
            AND ($vintage IS NULL OR f.vintage = $vintage)
            AND year(t.month) BETWEEN $y0 AND $y1
          GROUP BY ALL ORDER BY year`,
  };
}
