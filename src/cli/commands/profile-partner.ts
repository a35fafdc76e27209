import type { PartnerProfile } from '../../analytics/partner-profile.ts';
import { monthName } from '../../model/month-names.ts';
import { formatTable } from '../format-table.ts';
import { count, pct, signedPct, usd, usdShort } from '../format-money.ts';
import { sourceLines } from '../source-lines.ts';

/** The partner profile for a terminal: headline figures, then the tables behind them. */
export function renderPartnerProfile(p: PartnerProfile): string {
  const out: string[] = [];
  const ytd =
    p.months < 12
      ? ` year to date (${p.months === 1 ? 'January' : `January–${monthName(p.months)}`}), against the same months of ${p.year - 1}`
      : '';
  out.push(
    `${p.partner.name} (${p.partner.code}${p.partner.iso3 ? `, ${p.partner.iso3}` : ''}) — US goods trade, ${p.year}${ytd}`,
  );
  if (p.partner.nameEs) out.push(`Nombre: ${p.partner.nameEs}`);
  out.push('');
  const t = p.totals;
  const g = p.growth;
  out.push(
    formatTable(
      [
        '',
        'value',
        'short',
        `growth (${g.basis})`,
        'change',
        'share of world',
        'per day',
        'per minute',
      ],
      [
        ...(
          [
            ['US exports to', 'exports'],
            ['US general imports from', 'imports'],
            ['Two-way trade', 'twoWay'],
          ] as const
        ).map(([label, k]) => [
          label,
          usd(t[k]),
          usdShort(t[k]),
          signedPct(g[k]?.pct),
          usd(g[k]?.usd),
          pct(p.share[k]),
          usdShort(p.rates[k].perDay),
          usdShort(p.rates[k].perMinute),
        ]),
        ['US balance', usd(t.balance), usdShort(t.balance), '', '', '', '', ''],
      ],
    ),
  );
  out.push(`Rates divide by ${p.rates.exports.days} days.`);
  if (p.ranks) {
    const r = p.ranks;
    out.push(
      `Rank among ${r.tradingPartner.of} countries${p.months < 12 ? `, ${p.year} year to date` : ''}: #${r.exportMarket.rank} US export market, #${r.importSource.rank} import source, #${r.tradingPartner.rank} trading partner`,
    );
  }
  if (p.cagr)
    out.push(
      `Growth per year ${p.cagr.from}–${p.cagr.to} (CAGR): exports ${signedPct(p.cagr.exports)}, imports ${signedPct(p.cagr.imports)}, two-way ${signedPct(p.cagr.twoWay)}`,
    );
  if (p.perCapita) {
    out.push(
      `Per person (population ${count(p.perCapita.population)}, ${p.perCapita.year}): US exports ${usdShort(p.perCapita.exports)}, imports ${usdShort(p.perCapita.imports)}`,
    );
  }
  out.push('', `Yearly, ${p.yearly[0]?.year}–${p.yearly.at(-1)?.year}:`);
  out.push(
    formatTable(
      ['year', 'exports', 'general imports', 'balance', 'months'],
      p.yearly.map((y) => [
        y.year,
        usdShort(y.exports),
        usdShort(y.imports),
        usdShort((y.exports ?? 0n) - (y.imports ?? 0n)),
        y.months,
      ]),
    ),
  );
  const last = p.monthly.slice(-13);
  out.push(
    '',
    `Monthly, last ${last.length} months (full series in --json; coverage ${p.coverage.first} – ${p.coverage.last}):`,
  );
  out.push(
    formatTable(
      ['month', 'exports', 'general imports'],
      last.map((m) => [m.month, usdShort(m.exports), usdShort(m.imports)]),
    ),
  );
  const tb = p.border?.transborder;
  if (tb) {
    const split = (title: string, rows: typeof tb.modes) => {
      out.push('', `${title} (TransBorder, ${tb.period}):`);
      out.push(
        formatTable(
          ['', 'exports', 'imports', 'total', 'share'],
          rows.map((r) => [
            r.label,
            usdShort(r.exports),
            usdShort(r.imports),
            usdShort(r.total),
            pct(r.share),
          ]),
        ),
      );
    };
    split('By mode', tb.modes);
    split('Top US states', tb.usStates);
    split('Top ports', tb.ports);
  }
  const cr = p.border?.crossings;
  if (cr) {
    out.push('', `Inbound crossings, ${cr.period} (BTS Border Crossing Entry Data):`);
    out.push(
      formatTable(
        ['measure', 'count'],
        cr.byMeasure.map((m) => [m.measure, count(m.count)]),
      ),
    );
    out.push('', `Top ports by trucks, ${cr.period}:`);
    out.push(
      formatTable(
        ['port', 'code', 'trucks'],
        cr.truckPorts.map((m) => [m.name, m.port, count(m.count)]),
      ),
    );
  }
  out.push(
    '',
    ...p.notes.map((n) => `Note: ${n}`),
    ...p.basis.map((b) => `Basis: ${b}`),
    ...sourceLines(p.sources),
  );
  return out.join('\n');
}
