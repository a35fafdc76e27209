import type { Split } from '../../analytics/partner-profile.ts';
import type { PortProfile } from '../../analytics/port-profile.ts';
import type { ProductProfile } from '../../analytics/product-profile.ts';
import type { MexicanStateProfile } from '../../analytics/mexican-state-profile.ts';
import type { StateProfile } from '../../analytics/state-profile.ts';
import type { PlaceRanking } from '../../analytics/top-places.ts';
import { count, pct, usd, usdShort } from '../format-money.ts';
import { code, formatTable } from '../format-table.ts';
import { sourceLines } from '../source-lines.ts';

function splitTable(title: string, rows: Split[], limit = 10): string[] {
  if (rows.length === 0) return [];
  return [
    '',
    title,
    formatTable(
      ['', 'exports', 'imports', 'total', 'share'],
      rows
        .slice(0, limit)
        .map((r) => [
          r.label,
          usdShort(r.exports),
          usdShort(r.imports),
          usdShort(r.total),
          pct(r.share),
        ]),
    ),
  ];
}

function footer(p: {
  notes: string[];
  basis: string[];
  sources: Parameters<typeof sourceLines>[0];
}): string[] {
  return [
    '',
    ...p.notes.map((n) => `Note: ${n}`),
    ...p.basis.map((b) => `Basis: ${b}`),
    ...sourceLines(p.sources),
  ];
}

export function renderStateProfile(p: StateProfile): string {
  const out = [
    `${p.state.name} (${p.state.code}${p.state.fips ? `, FIPS ${p.state.fips}` : ''}) — trade with Mexico and Canada, ${p.month} (BTS TransBorder)`,
    `Exports ${usd(p.totals.exports)} · imports ${usd(p.totals.imports)} · total ${usd(p.totals.total)} (${usdShort(p.totals.total)})`,
  ];
  for (const t of p.partners) {
    out.push(
      '',
      `With ${t.partner.name}: exports ${usdShort(t.exports)}, imports ${usdShort(t.imports)}, total ${usdShort(t.total)} (${pct(t.share)} of the state's total)`,
    );
    out.push(
      ...splitTable('  by mode', t.byMode),
      ...splitTable('  by HS chapter', t.byHs2),
      ...splitTable('  by port', t.byPort),
    );
  }
  return [...out, ...footer(p)].join('\n');
}

export function renderMexicanStateProfile(p: MexicanStateProfile): string {
  const s = p.state;
  const named = s.nameEs && s.nameEs !== s.name ? `${s.name} / ${s.nameEs}` : s.name;
  const rank =
    p.rank === null
      ? ''
      : `, #${p.rank} of ${p.states.filter((x) => x.rank !== null).length} Mexican states`;
  const out = [
    `${named} (${s.code}${s.iso ? `, ${s.iso}` : ''}) — US exports to the state, ${p.month} (BTS TransBorder)`,
    `US exports ${usd(p.exports)} (${usdShort(p.exports)}; ${pct(p.share)} of US exports to Mexico${rank})`,
    ...splitTable('by mode', p.byMode),
    ...splitTable('by US state of origin', p.byUsState),
    ...splitTable('by port', p.byPort),
    ...splitTable('by HS chapter', p.byHs2),
  ];
  return [...out, ...footer(p)].join('\n');
}

export function renderPortProfile(p: PortProfile): string {
  const port = p.port;
  const out = [
    `${port.name} (${port.code}) — ${[port.state, port.district ? `district ${port.district}` : null, port.border ? `${port.border} border` : null].filter(Boolean).join(', ')}${port.latitude != null ? ` · ${port.latitude}, ${port.longitude}` : ''}`,
  ];
  if (p.transborder) {
    for (const f of p.transborder.partners) {
      out.push(
        '',
        `Freight with ${f.partner.name}, ${p.transborder.period} (TransBorder): exports ${usdShort(f.exports)}, imports ${usdShort(f.imports)}, total ${usdShort(f.total)}`,
      );
      out.push(...splitTable('  by mode', f.byMode));
    }
  }
  if (p.crossings) {
    const c = p.crossings;
    const measures = [...new Set(c.yearly.flatMap((y) => y.byMeasure.map((m) => m.measure)))];
    const main = measures.filter((m) =>
      ['Trucks', 'Personal Vehicles', 'Pedestrians', 'Trains', 'Buses'].includes(m),
    );
    // A port code change is flagged on the year it happens, and the combined series follows.
    const changes = p.history.changes;
    const flag = (year: number) =>
      changes
        .filter((ch) => ch.month.startsWith(`${year}-`))
        .map((ch) => `${ch.to.name} (${ch.to.code}) split from ${ch.from.name} ${ch.month}`)
        .join('; ');
    const yearTable = (yearly: typeof c.yearly) =>
      formatTable(
        ['year', 'months', ...main, ...(changes.length ? ['port code change'] : [])],
        yearly.map((y) => [
          String(y.year),
          y.months,
          ...main.map((m) => count(y.byMeasure.find((b) => b.measure === m)?.count ?? null)),
          ...(changes.length ? [flag(y.year)] : []),
        ]),
      );
    out.push('', 'Inbound crossings by year (months: how many months BTS published):');
    out.push(yearTable(c.yearly));
    const combined = p.history.combined;
    if (combined) {
      out.push(
        '',
        `Combined series, ${combined.ports.map((x) => `${x.name} (${x.code})`).join(' + ')}: comparable across the change`,
      );
      out.push(yearTable(combined.yearly));
    }
    out.push('', `Monthly crossings, ${c.year}:`);
    const months = [...new Set(c.monthly.flatMap((m) => m.months.map((x) => x.month)))].sort();
    out.push(
      formatTable(
        ['measure', ...months.map((m) => m.slice(5)), 'total'],
        c.monthly.map((m) => [
          m.measure,
          ...months.map((mm) => count(m.months.find((x) => x.month === mm)?.count ?? null)),
          count(m.total),
        ]),
      ),
    );
  }
  if (p.waitCrossings.length > 0) {
    out.push('', `Latest CBP wait times, ${p.waitCrossings.length} crossings:`);
    out.push(
      formatTable(
        [
          'CBP no.',
          'crossing',
          'lane',
          'kind',
          'observed (UTC)',
          'delay (min)',
          'lanes open',
          'status',
        ],
        p.waitCrossings.flatMap((c) =>
          c.lanes.map((w) => [
            code(c.portNumber),
            c.crossingName ?? c.portName,
            w.laneType,
            w.laneKind,
            w.observedAt,
            w.delayMinutes,
            w.lanesOpen,
            w.status,
          ]),
        ),
      ),
    );
  }
  return [...out, ...footer(p)].join('\n');
}

export function renderProductProfile(p: ProductProfile): string {
  const out = [`HS ${p.product.code} — ${p.product.description}`];
  if (p.chapter) out.push(`Chapter ${p.chapter.code}: ${p.chapter.description}`);
  if (p.section) out.push(`Section ${p.section.code}: ${p.section.name ?? ''}`);
  if (p.endUse) {
    out.push(
      `End use (BEC Rev.4, HS ${p.endUse.editions.join('/')} correspondence, ${p.endUse.subheadings} subheading(s)): ` +
        p.endUse.classes.map((c) => `${c.endUse} ${pct(c.share, 0)}`).join(', '),
    );
  }
  if (p.census.length > 0) {
    out.push('', 'Census product-level trade:');
    out.push(
      formatTable(
        ['partner', 'flow', 'period', 'value', 'duty', 'lines'],
        p.census.map((c) => [
          c.partner.name,
          c.flow,
          `${c.periodStart.slice(0, 7)} – ${c.periodEnd.slice(0, 7)}`,
          usd(c.valueUsd),
          usd(c.dutyUsd),
          c.lines,
        ]),
      ),
    );
  }
  if (p.transborder) {
    out.push(
      '',
      `TransBorder, HS chapter ${p.transborder.hs2} (${p.transborder.label}), ${p.transborder.month}:`,
    );
    out.push(
      formatTable(
        ['partner', 'flow', 'value'],
        p.transborder.rows.map((r) => [r.partner.name, r.flow, usd(r.valueUsd)]),
      ),
    );
  }
  return [...out, ...footer(p)].join('\n');
}

export function renderPlaceRanking(r: PlaceRanking): string {
  const filters = Object.entries(r.filters)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  return [
    `Top ${r.rows.length} ${r.what}, ${r.period}${filters ? ` (${filters})` : ''}`,
    formatTable(
      [
        'rank',
        r.what === 'products' ? 'HS' : 'code',
        'name',
        r.unit === 'usd' ? 'value' : 'count',
        'share',
      ],
      r.rows.map((x) => [
        x.rank,
        x.key,
        x.label,
        r.unit === 'usd' ? usd(x.value) : count(x.value),
        pct(x.share),
      ]),
    ),
    ...footer(r),
  ].join('\n');
}
