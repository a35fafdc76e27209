import type { TradeComposition } from '../../analytics/trade-composition.ts';
import type { PlaceShare } from '../../tariffs/apportion-transborder.ts';
import type { TariffBaseline } from '../../tariffs/tariff-baseline.ts';
import type { ScenarioTotals, TariffScenario } from '../../tariffs/tariff-scenario.ts';
import { pct, signedPct, usd } from '../format-money.ts';
import { formatTable } from '../format-table.ts';
import { sourceLines } from '../source-lines.ts';

/** Rates read from value alone are labelled plainly; the others say how they were valued. */
function basisLabel(c: TariffBaseline['coverage'][number]): string {
  const base = BASIS_LABEL[c.basis] ?? c.basis;
  if (c.aveSource === 'peer_hts10') return `${base}: AVE from other partners (HTS10)`;
  if (c.aveSource === 'peer_hts8') return `${base}: AVE from other partners (HTS8)`;
  if (c.basis === 'ad_valorem_part') return `${base}: ad valorem part only`;
  if (c.basis === 'specific' || c.basis === 'not_computable') return `${base}: not computed`;
  return base;
}

const BASIS_LABEL: Record<string, string> = {
  free: 'free',
  ad_valorem: 'ad valorem',
  ave: 'ad valorem equivalent (database)',
  ad_valorem_part: 'compound',
  specific: 'specific',
  not_computable: 'derived or text rate',
  hts_edition: 'rate from the HTS CSV edition',
  no_rate: 'no rate found',
  not_a_product: 'chapter 99 line: not a product',
};

/** The baseline for a terminal: partners, chapters with the largest gaps, coverage, rules. */
export function renderBaseline(b: TariffBaseline, chapters = 8): string {
  const rows = [...b.partners, b.total];
  const out = [
    `Tariff baseline ${b.year}: engine duty against Census calculated duty (CAL_DUT_YR), tolerance ±${b.tolerancePct}%`,
    formatTable(
      [
        'partner',
        'imports for consumption',
        'MFN',
        'USMCA',
        'Sec. 301',
        'Sec. 232',
        'engine',
        'official',
        'difference',
        'error',
        '',
      ],
      rows.map((r) => [
        r.partner.name,
        usd(r.valueUsd),
        usd(r.engine.mfn),
        usd(r.engine.usmca),
        usd(r.engine.section301),
        usd(r.engine.section232),
        usd(r.engine.total),
        usd(r.officialUsd),
        usd(r.differenceUsd),
        signedPct(r.errorPct),
        r.withinTolerance === null ? '' : r.withinTolerance ? 'within' : 'OUTSIDE',
      ]),
    ),
  ];
  for (const p of b.partners) {
    const worst = b.chapters.filter((c) => c.partnerCode === p.partner.code).slice(0, chapters);
    out.push(
      '',
      `${p.partner.name}: HS chapters with the largest differences`,
      formatTable(
        ['chapter', 'imports for consumption', 'engine', 'official', 'difference', 'error'],
        worst.map((c) => [
          c.chapter,
          usd(c.valueUsd),
          usd(c.engineUsd),
          usd(c.officialUsd),
          usd(c.differenceUsd),
          signedPct(c.errorPct),
        ]),
      ),
    );
    const cov = b.coverage.filter((c) => c.partnerCode === p.partner.code);
    out.push(
      formatTable(
        [
          'MFN rate read as',
          'lines',
          'imports for consumption',
          'share',
          'engine duty',
          'official duty',
        ],
        cov.map((c) => [
          basisLabel(c),
          c.lines,
          usd(c.valueUsd),
          pct((Number(c.valueUsd) / Number(p.valueUsd)) * 100),
          usd(c.engineUsd),
          usd(c.officialUsd),
        ]),
      ),
    );
    const ce = b.chapterError.find((c) => c.partnerCode === p.partner.code);
    if (ce?.pct !== null && ce?.pct !== undefined)
      out.push(
        `Chapter error (sum of |engine − official| across HS chapters ÷ official total): ${ce.pct.toFixed(1)}%`,
      );
    const ex = b.section301Exclusions.find((s) => s.partnerCode === p.partner.code);
    if (ex) {
      const total = p.engine.total;
      const at = (v: bigint) => total - ex.centralUsd + v;
      const off = (v: bigint) =>
        p.officialUsd ? pct((Number(at(v) - p.officialUsd) / Number(p.officialUsd)) * 100) : '';
      out.push(
        `Section 301 exclusions may cover ${ex.lines} lines (${usd(ex.valueUsd)}): their Section 301 is ${usd(ex.centralUsd)} at the estimated claim shares (used; third-party ESTIMATES from 2025–26 imports), ${usd(ex.noneClaimedUsd)} if none claimed, ${usd(ex.allClaimedUsd)} if all claimed — the partner's total from ${usd(at(ex.allClaimedUsd))} (${off(ex.allClaimedUsd)}) to ${usd(at(ex.noneClaimedUsd))} (${off(ex.noneClaimedUsd)})`,
      );
    }
    const r232 = b.section232Range.find((s) => s.partnerCode === p.partner.code);
    if (r232 && r232.highUsd !== r232.lowUsd) {
      const at = (v: bigint) => p.engine.total - r232.centralUsd + v;
      const off = (v: bigint) =>
        p.officialUsd ? pct((Number(at(v) - p.officialUsd) / Number(p.officialUsd)) * 100) : '';
      out.push(
        `Section 232 (dated headings): ${usd(r232.centralUsd)} at the share assumptions below (used), ${usd(r232.lowUsd)} if no unknown share pays, ${usd(r232.highUsd)} if all of it pays — the partner's total from ${usd(at(r232.lowUsd))} (${off(r232.lowUsd)}) to ${usd(at(r232.highUsd))} (${off(r232.highUsd)})`,
      );
    }
    const ph = b.pharmaAppendix.find((s) => s.partnerCode === p.partner.code);
    if (ph)
      out.push(
        `Pharmaceutical Appendix (K) lines of chapters 29–30: ${ph.lines} (${usd(ph.valueUsd)}); MFN on them ${usd(ph.centralUsd)} at the ASSUMED half claimed (used), ${usd(ph.noneClaimedUsd)} if none claimed, $0 if all`,
      );
    const w = b.section301Weighting.find((s) => s.partnerCode === p.partner.code);
    if (w)
      out.push(
        `Mid-year Section 301 changes weighted by days: ${usd(w.daysUsd)} (used); by the partner's 2024 monthly imports (FRED IMPCH): ${usd(w.importsUsd)} (${usd(w.importsUsd - w.daysUsd)})`,
      );
  }
  out.push(
    '',
    ...b.section232Shares.map(
      (a) => `Section 232 share assumed: ${a.what}: ${pct(a.central * 100)} — ${a.source}`,
    ),
  );
  out.push('', ...b.rules.map((r) => `Rule: ${r}`));
  out.push(...b.notes.map((n) => `Note: ${n}`), ...b.basis.map((x) => `Basis: ${x}`));
  out.push(...sourceLines(b.sources));
  return out.join('\n');
}

/** DataWeb's value measures as DataWeb titles them. */
const MEASURE_LABEL: Record<string, string> = {
  fas_value: 'FAS value',
  customs_value: 'customs value',
};

/**
 * Composition for a terminal: where the lines come from, sections, top chapters, end use (or
 * why there is none), intra-industry trade.
 */
export function renderComposition(c: TradeComposition, chapters = 10): string {
  const flow = c.flow.replaceAll('_', ' ');
  const shares = (title: string, rows: TradeComposition['sections']) =>
    formatTable(
      [title, '', 'value', 'share'],
      rows.map((r) => [r.code, r.label ?? '', usd(r.valueUsd), pct(r.share)]),
    );
  // Which table the lines came from matters: a DataWeb year is HS2 and carries no end use.
  const measure = c.source.measure
    ? `, ${MEASURE_LABEL[c.source.measure] ?? c.source.measure.replaceAll('_', ' ')}`
    : '';
  const out = [
    `${c.partner.name}: ${flow} ${c.year} by HS section, chapter and end use (${usd(c.totalUsd)}, HS${c.level} lines from ${c.source.name}${measure})`,
    shares('section', c.sections),
    '',
    shares('chapter', c.chapters.slice(0, chapters)),
    '',
    ...(c.endUse.unavailable === null
      ? [
          `End use (BEC Rev.4 through the HS ${c.endUse.edition ?? '–'} correspondence); classified: ${pct(c.endUse.coverage)} of the value`,
          shares('end use', c.endUse.classes),
        ]
      : [
          `End use (BEC Rev.4): not available, classified: ${pct(c.endUse.coverage)} of the value — ${c.endUse.unavailable}`,
        ]),
  ];
  const g = c.intraIndustry;
  if (g) {
    out.push(
      '',
      `Intra-industry trade (Grubel–Lloyd, TransBorder ${g.month}): ${g.aggregate === null ? '–' : g.aggregate.toFixed(3)} trade-weighted over ${g.coverage.chapters} HS chapters; ${g.coverage.twoWayChapters} traded both ways (${pct(g.coverage.twoWayShare)} of the trade)`,
      formatTable(
        ['chapter', 'exports', 'imports', 'GL index'],
        g.chapters
          .slice(0, chapters)
          .map((r) => [r.key, usd(r.exportsUsd), usd(r.importsUsd), r.index?.toFixed(3) ?? '–']),
      ),
      '',
      formatTable(
        ['US state', 'exports', 'imports', 'GL index'],
        g.states
          .slice(0, chapters)
          .map((r) => [r.key, usd(r.exportsUsd), usd(r.importsUsd), r.index?.toFixed(3) ?? '–']),
      ),
      ...g.notes.map((n) => `Note: ${n}`),
    );
  }
  out.push(...c.notes.map((n) => `Note: ${n}`), ...c.basis.map((b) => `Basis: ${b}`));
  out.push(...sourceLines(c.sources));
  return out.join('\n');
}

/** A scenario for a terminal: layers, partners, chapters, products, places (estimate). */
export function renderScenario(r: TariffScenario): string {
  const rates = (t: ScenarioTotals) => [
    usd(t.valueUsd),
    usd(t.baselineUsd),
    usd(t.addedUsd),
    pct(t.baselineRatePct, 2),
    pct(t.newRatePct, 2),
  ];
  const head = [
    'imports for consumption',
    'baseline duty',
    'added duty',
    'rate before',
    'rate after',
  ];
  const out = [
    `Scenario "${r.name}" on ${r.year} imports for consumption`,
    formatTable(
      ['layer', 'partners', 'added duty'],
      r.layers.map((l) => [
        l.label,
        l.partners === 'all' ? 'all' : l.partners.map((p) => p.name).join(', '),
        usd(l.addedUsd),
      ]),
    ),
    '',
    formatTable(
      ['partner', ...head],
      [...r.partners.map((p) => [p.partner.name, ...rates(p)]), ['total', ...rates(r.total)]],
    ),
    '',
    formatTable(
      ['partner', 'chapter', ...head],
      r.chapters.map((c) => [c.partnerCode, `ch. ${c.chapter}`, ...rates(c)]),
    ),
    '',
    formatTable(
      ['partner', 'HTS10', 'description', ...head],
      r.products.map((c) => [c.partnerCode, dotted(c.hsCode), c.description ?? '', ...rates(c)]),
      40,
    ),
  ];
  if (r.places) {
    const place = (rows: PlaceShare[]) =>
      rows.map((p) => [p.partnerCode, p.key, p.name ?? '', usd(p.addedUsd)]);
    out.push(
      '',
      r.places.method,
      formatTable(['partner', 'US state', '', 'added duty (estimate)'], place(r.places.states)),
      '',
      formatTable(['partner', 'port', 'name', 'added duty (estimate)'], place(r.places.ports)),
      ...r.places.unapportioned.map(
        (u) =>
          `Not placed (no TransBorder imports in those chapters): ${u.partnerCode} ${usd(u.addedUsd)}`,
      ),
    );
  }
  out.push('', ...r.notes.map((n) => `Note: ${n}`), ...r.basis.map((b) => `Basis: ${b}`));
  out.push(...sourceLines(r.sources));
  return out.join('\n');
}

/** 2709001000 → 2709.00.10.00, as the HTS writes it (and so no table reads it as a number). */
function dotted(code: string): string {
  return code.replace(/^(\d{4})(\d{2})?(\d{2})?(\d{2})?$/, (_m, ...g: (string | undefined)[]) =>
    g.slice(0, 4).filter(Boolean).join('.'),
  );
}
