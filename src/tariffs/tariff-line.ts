import { CoverageError, LookupError } from '../analytics/lookup-error.ts';
import { runQuery } from '../analytics/compiled-query.ts';
import type { ResultTable } from '../analytics/result-table.ts';
import type { Store } from '../store/open-store.ts';
import { tariffEngineStore } from './clickhouse-tariff-store.ts';
import { lineFrame } from './line-frame.ts';
import { lineMeasure, measureInputs, segmentOn, type ExclusionRef } from './section301-measures.ts';
import {
  s232Inputs,
  s232Kind,
  s232KindOf,
  s232On,
  s232Segments,
  type S232Segment,
  type ShareAssumption,
} from './section232-measures.ts';

/** Partners with product-level imports, by name or Schedule C code. */
const PARTNERS: Record<string, string> = {
  china: '5700',
  mexico: '2010',
  canada: '1220',
  eu: '0003',
  'european union': '0003',
};

export function partnerCode(p: string): string {
  const code = PARTNERS[p.trim().toLowerCase()] ?? (/^\d{4}$/.test(p.trim()) ? p.trim() : null);
  if (!code)
    throw new LookupError('partner', p, [
      { code: '5700', name: 'China' },
      { code: '2010', name: 'Mexico' },
      { code: '1220', name: 'Canada' },
      { code: '0003', name: 'European Union' },
    ]);
  return code;
}

export interface TariffLine {
  kind: 'tariff-line';
  hts10: string;
  partnerCode: string;
  date: string;
  year: number;
  components: { component: string; ratePct: number | null; reference: string }[];
  exclusions: (ExclusionRef & { claimShareEstimate: number })[];
  claimShareSource: string | null;
  /** The line's Section 232 segments over the year for this partner, and the share assumed. */
  section232: {
    kind: string;
    segments: S232Segment[];
    share: ShareAssumption | null;
    conflicts: string[];
    readings: string[];
  } | null;
  listSource: string | null;
  conflicts: string[];
  /** The year's figures for this partner and line: engine and Census. */
  year_figures: {
    valueUsd: bigint;
    engineUsd: bigint;
    officialUsd: bigint | null;
    s301Usd: bigint;
  } | null;
}

const big = (v: unknown) => BigInt(String(v ?? 0));

/**
 * Every duty component of one HTS10 line from one partner on one date, each with its legal
 * reference, the exclusions that may apply with their product text, and the engine's against
 * Census's duty for the year.
 */
export async function tariffLine(
  asked: Store,
  hts10: string,
  partner: string,
  date: string,
): Promise<TariffLine> {
  if (!/^\d{10}$/.test(hts10.replaceAll('.', '')))
    throw new LookupError('10-digit HTS number (e.g. 8517620090)', hts10, []);
  const code = hts10.replaceAll('.', '');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new LookupError('date (YYYY-MM-DD)', date, []);
  const year = Number(date.slice(0, 4));
  const pc = partnerCode(partner);
  const store = await tariffEngineStore(asked);
  const frame = await lineFrame(store, year);
  const [row] = await runQuery(store, {
    kind: 'compiled-query',
    name: 'tariff-line',
    session: true,
    tables: [],
    params: { code, pc },
    sql: `SELECT * FROM ${frame} WHERE hs_code = $code AND partner_code = $pc`,
  });
  const inp = await measureInputs(store, year);
  const m = lineMeasure(inp, code, year);
  const seg = pc === '5700' ? segmentOn(m, date) : undefined;
  const components: TariffLine['components'] = [];
  if (row) {
    components.push({
      component: 'MFN (column 1 general)',
      ratePct: pct(Number(row.mfn_rate)),
      reference: `HTS ${code.slice(0, 4)}.${code.slice(4, 6)}.${code.slice(6, 8)} (${row.mfn_basis}${row.mfn_ave_source ? `, equivalent from ${row.mfn_ave_source}` : ''})`,
    });
    if (Number(row.usmca_share) > 0)
      components.push({
        component: `USMCA preference on ${(Number(row.usmca_share) * 100).toFixed(1)}% claimed`,
        ratePct: row.usmca_rate === null ? null : pct(Number(row.usmca_rate)),
        reference: 'General note 11 (USMCA); claim share: Yale Budget Lab',
      });
    if (Number(row.pharma_share) > 0)
      components.push({
        component: `Pharmaceutical Appendix (K) free on ${(Number(row.pharma_share) * 100).toFixed(0)}% of the line (ASSUMPTION: the share of named products is unknown; range 0–100%)`,
        ratePct: 0,
        reference:
          'General note 13 and the Pharmaceutical Appendix (special program indicator K, tariff database)',
      });
  }
  let section232: TariffLine['section232'] = null;
  // The line's kind from the frame, else from the scope: the dated headings are shown for a
  // partner that imported none of the line too.
  const kind = row?.s232_material
    ? s232Kind(row.s232_material as 'steel' | 'aluminum', Boolean(row.s232_derivative))
    : s232KindOf(code);
  if (kind) {
    const s232 = await s232Inputs(store, year);
    const segments = s232Segments(s232, pc, kind, year, code);
    const on = s232On(segments, date);
    const share = on?.share ? (s232.shares.get(on.share) ?? null) : null;
    section232 = { kind, segments, share, conflicts: s232.conflicts, readings: s232.readings };
    if (on)
      components.push({
        component: `Section 232 (${kind.replace('_', ' ')}, ${on.from} to ${on.to})${share ? ` on ${(share.central * 100).toFixed(1)}% of the imports (${share.what}; range 0–100%)` : ''}`,
        ratePct: pct(on.rate),
        reference: on.heading
          ? `${on.reference}${on.freeUnder ? `; ${on.freeUnder}` : ''}`
          : on.reference,
      });
  }
  if (seg?.heading)
    components.push({
      component: `Section 301 (${seg.from} to ${seg.to})`,
      ratePct: pct(seg.rate),
      reference: seg.reference ?? seg.heading,
    });
  return {
    kind: 'tariff-line',
    hts10: code,
    partnerCode: pc,
    date,
    year,
    components,
    exclusions: (seg?.exclusions ?? []).map((e) => ({ ...e, claimShareEstimate: seg!.claimShare })),
    claimShareSource: seg?.exclusions.length ? m.claimShareSource : null,
    section232,
    listSource: pc === '5700' ? m.listSource : null,
    conflicts: pc === '5700' ? m.conflicts : [],
    year_figures: row
      ? {
          valueUsd: big(row.value_usd),
          engineUsd: big(row.engine_usd),
          officialUsd: row.duty_usd === null ? null : big(row.duty_usd),
          s301Usd: big(row.s301_usd),
        }
      : null,
  };
}

export interface TariffLines {
  kind: 'tariff-lines';
  partnerCode: string;
  year: number;
  lines: Record<string, unknown>[];
}

/** Every imported line of a partner and year: value, headings on 1 July, rates, engine and official duty. */
export async function tariffLines(
  asked: Store,
  partner: string,
  year: number,
): Promise<TariffLines> {
  const pc = partnerCode(partner);
  const store = await tariffEngineStore(asked);
  const frame = await lineFrame(store, year);
  const lines = await runQuery(store, {
    kind: 'compiled-query',
    name: 'tariff-lines',
    session: true,
    tables: [],
    params: { pc },
    sql: `SELECT hs_code, value_usd, mfn_rate, usmca_share, s301_heading AS s301_heading_jul1,
                 s301_reference AS s301_reference_jul1, s301_rate, s301_high_rate AS s301_none_claimed,
                 s301_low_rate AS s301_all_claimed, s232_heading AS s232_heading_jul1, s232_rate,
                 s232_low_rate AS s232_none_paying, s232_high_rate AS s232_all_paying,
                 engine_usd, duty_usd AS official_usd
          FROM ${frame} WHERE partner_code = $pc ORDER BY value_usd DESC, hs_code`,
  });
  if (lines.length === 0)
    throw new CoverageError(`HTS10 imports from partner ${pc}`, String(year), 'none for it');
  return { kind: 'tariff-lines', partnerCode: pc, year, lines };
}

export function tariffLineTable(r: TariffLine | TariffLines): ResultTable {
  if (r.kind === 'tariff-lines') {
    const columns = Object.keys(r.lines[0] ?? {});
    return { columns, rows: r.lines.map((l) => columns.map((c) => l[c])) };
  }
  return {
    columns: ['component', 'rate_pct', 'reference'],
    rows: r.components.map((c) => [c.component, c.ratePct, c.reference]),
  };
}

export function renderTariffLine(r: TariffLine): string {
  const out = [`HTS ${r.hts10} from partner ${r.partnerCode} on ${r.date}`];
  for (const c of r.components)
    out.push(
      `  ${c.component}: ${c.ratePct === null ? 'not computable' : `${c.ratePct.toFixed(2)}%`} — ${c.reference}`,
    );
  if (r.listSource && r.listSource !== 'note20')
    out.push(
      `  (the line's 2024 list is read from the ${r.listSource === 'footnote2025' ? '2025 HTS footnotes' : 'USITC 2020 China table'}: the 2026 note 20 no longer lists it)`,
    );
  for (const c of r.conflicts) out.push(`  Conflict between sources: ${c}`);
  const s232 = r.section232;
  if (s232) {
    out.push(`Section 232 over ${r.year} (${s232.kind.replace('_', ' ')}):`);
    for (const g of s232.segments)
      out.push(
        `  ${g.from} to ${g.to}: ${g.heading ? `+${pct(g.rate)}% — ${g.reference}${g.freeUnder ? `; ${g.freeUnder}` : ''}` : `free — ${g.reference}`}`,
      );
    if (s232.share)
      out.push(
        `  ${s232.share.what}: ${(s232.share.central * 100).toFixed(1)}% (${s232.share.source}); the range runs from 0 to 100%`,
      );
    for (const c of s232.readings) out.push(`  Read from the editions: ${c}`);
    for (const c of s232.conflicts) out.push(`  Conflict between sources: ${c}`);
  }
  if (r.exclusions.length) {
    out.push(
      `Exclusions that may apply (share of the line covered unknown; estimate used ${(r.exclusions[0]!.claimShareEstimate * 100).toFixed(0)}%, from ${r.claimShareSource} — third-party ESTIMATE, 2025–26 imports):`,
    );
    for (const e of r.exclusions)
      out.push(
        `  ${e.reference}${e.item ? ` item (${e.item})` : ''}, ${e.from} to ${e.to}: ${e.product ?? 'the whole statistical line'}`,
      );
  }
  const f = r.year_figures;
  if (f)
    out.push(
      `${r.year}: imports $${f.valueUsd.toLocaleString('en-US')}, engine duty $${f.engineUsd.toLocaleString('en-US')} (Section 301 $${f.s301Usd.toLocaleString('en-US')}), Census calculated duty ${f.officialUsd === null ? 'not given' : `$${f.officialUsd.toLocaleString('en-US')}`}`,
    );
  else out.push(`${r.year}: no imports of this line from this partner are loaded`);
  return out.join('\n');
}

/** A rate as a percentage without binary-fraction noise (0.034 × 100 is 3.4000000000000004). */
function pct(rate: number): number {
  return Number((rate * 100).toFixed(10));
}
