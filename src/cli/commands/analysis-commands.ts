import type { Command } from 'commander';
import { Option } from 'commander';
import type { TradeMetric } from '../../analytics/top-partners.ts';
import type { Flow } from '../../model/flow.ts';
import type { openForReading } from '../cli-context.ts';
import { type CliIO } from '../cli-context.ts';
import { printResult, withOutput, type OutputOpts } from '../result-output.ts';
import { count, pct, signedPct, usd, usdShort } from '../format-money.ts';
import { formatTable } from '../format-table.ts';
import { intOption, monthOption, yearsOption } from '../parse-options.ts';
import { sourceLines } from '../source-lines.ts';
import { renderPartnerProfile } from './profile-partner.ts';
import {
  renderMexicanStateProfile,
  renderPlaceRanking,
  renderPortProfile,
  renderProductProfile,
  renderStateProfile,
} from './profile-places.ts';
import { resultTable, type AnalysisResult } from '../../analytics/result-table.ts';

const METRICS = ['exports', 'imports', 'two-way', 'balance'] as const;
const metricOf = (m: string | undefined): TradeMetric | undefined =>
  m === undefined ? undefined : m === 'two-way' ? 'two_way' : (m as TradeMetric);

/**
 * Runs an analysis against the read-only store and prints it in the format asked. The
 * analytics module is imported only when its command runs (not for --help or other
 * commands), and loads while the database opens.
 */
function analyse<M, T extends AnalysisResult>(
  opts: OutputOpts,
  io: CliIO,
  load: () => Promise<M>,
  compute: (m: M, store: Awaited<ReturnType<typeof openForReading>>) => Promise<T>,
  human: (r: T) => string,
): Promise<number> {
  const loading = load();
  // Awaited below once the store is open; a failed open must not leave it unhandled.
  loading.catch(() => undefined);
  return printResult(opts, io, async (s) => compute(await loading, s), human, resultTable);
}

export function registerAnalysisCommands(
  program: Command,
  io: CliIO,
  run: (f: () => Promise<number>) => Promise<void>,
): void {
  const profile = program
    .command('profile')
    .description('profiles of a partner, US state, port or product');
  withOutput(
    profile
      .command('partner')
      .description(
        'a trading partner: totals, balance, growth, ranks, shares, per-capita and per-day figures, yearly and monthly series; modes, states, ports and crossings for Mexico and Canada',
      )
      .argument(
        '<partner>',
        'name (English or Spanish), ISO code or Census code: "méxico", "MX", "2010"',
      )
      .option('--year <year>', 'year (default: latest complete year)'),
  ).action((partner: string, o: OutputOpts & { year?: string }) =>
    run(() =>
      analyse(
        o,
        io,
        () => import('../../analytics/partner-profile.ts'),
        (m, s) => m.partnerProfile(s, partner, { year: intOption('--year', o.year, 1900, 2100) }),
        renderPartnerProfile,
      ),
    ),
  );

  withOutput(
    profile
      .command('state')
      .description(
        "a US state's trade with Mexico and Canada by mode, HS chapter and port (BTS TransBorder)",
      )
      .argument('<state>', 'name, USPS or FIPS code: "Texas", "TX", "48"')
      .option('--month <YYYY-MM>', 'TransBorder month (default: latest loaded)'),
  ).action((state: string, o: OutputOpts & { month?: string }) =>
    run(() =>
      analyse(
        o,
        io,
        () => import('../../analytics/state-profile.ts'),
        (m, s) => m.stateProfile(s, state, { month: monthOption(o.month) }),
        renderStateProfile,
      ),
    ),
  );
  withOutput(
    profile
      .command('mexican-state')
      .description(
        'a Mexican state: US exports bound for it by mode, US state, port and HS chapter (BTS TransBorder MEXSTATE; exports only)',
      )
      .argument(
        '<state>',
        'name (English or Spanish), BTS or ISO code: "Nuevo León", "NL", "MX-NLE"',
      )
      .option('--month <YYYY-MM>', 'TransBorder month (default: latest loaded)'),
  ).action((state: string, o: OutputOpts & { month?: string }) =>
    run(() =>
      analyse(
        o,
        io,
        () => import('../../analytics/mexican-state-profile.ts'),
        (m, s) => m.mexicanStateProfile(s, state, { month: monthOption(o.month) }),
        renderMexicanStateProfile,
      ),
    ),
  );
  withOutput(
    profile
      .command('port')
      .description(
        'a port of entry: freight by mode, partner and HS chapter, crossings by measure since 1996, latest wait times',
      )
      .argument('<port>', 'name or Schedule D code: "Laredo", "2304"')
      .option(
        '--year <year>',
        'year of the crossings and, where that year is loaded, of the TransBorder freight (default: latest complete year; freight: latest month)',
      ),
  ).action((port: string, o: OutputOpts & { year?: string }) =>
    run(() =>
      analyse(
        o,
        io,
        () => import('../../analytics/port-profile.ts'),
        (m, s) => m.portProfile(s, port, { year: intOption('--year', o.year, 1990, 2100) }),
        renderPortProfile,
      ),
    ),
  );
  withOutput(
    profile
      .command('product')
      .description(
        'an HS product: description, end-use class, and what trade data exists for it, by partner',
      )
      .argument('<product>', 'HS code ("8703", "8703.23") or words ("motor cars")'),
  ).action((product: string, o: OutputOpts) =>
    run(() =>
      analyse(
        o,
        io,
        () => import('../../analytics/product-profile.ts'),
        (m, s) => m.productProfile(s, product),
        renderProductProfile,
      ),
    ),
  );

  const top = program.command('top').description('rankings');
  withOutput(
    top
      .command('partners')
      .description(
        'countries ranked by US exports, imports, two-way trade or balance (aggregates excluded; ties share a rank)',
      )
      .addOption(
        new Option('--metric <metric>', 'what to rank by').choices(METRICS).default('two-way'),
      )
      .option('--year <year>', 'year (default: latest complete year)')
      .option('--limit <n>', 'how many', '10'),
  ).action((o: OutputOpts & { metric: string; year?: string; limit: string }) =>
    run(() =>
      analyse(
        o,
        io,
        () => import('../../analytics/top-partners.ts'),
        (m, s) =>
          m.rankPartners(s, {
            metric: metricOf(o.metric),
            year: intOption('--year', o.year, 1900, 2100),
            limit: intOption('--limit', o.limit, 1, 1000),
          }),
        (r) =>
          [
            `Top ${r.rows.length} of ${r.countries} countries by ${o.metric}, ${r.period.label}`,
            formatTable(
              [
                'rank',
                'partner',
                'code',
                'exports',
                'general imports',
                'two-way',
                'balance',
                'share of world',
                ...(r.period.comparedWith ? [`${o.metric}, ${r.period.comparedWith.label}`] : []),
              ],
              r.rows.map((p) => [
                p.rank,
                p.name,
                p.code,
                usdShort(p.exports),
                usdShort(p.imports),
                usdShort(p.twoWay),
                usdShort(p.balance),
                pct(p.share),
                ...(r.period.comparedWith ? [usdShort(p.prior)] : []),
              ]),
            ),
            ...r.notes.map((n) => `Note: ${n}`),
            ...r.basis.map((b) => `Basis: ${b}`),
            ...sourceLines(r.sources),
          ].join('\n'),
      ),
    ),
  );

  const FLOWS_TB = ['export', 'import_general'] as const;
  withOutput(
    top
      .command('states')
      .description('US states by TransBorder trade with Mexico and/or Canada in a month')
      .option('--partner <partner>', 'Mexico or Canada (default: both)')
      .addOption(new Option('--flow <flow>', 'flow (default: both)').choices(FLOWS_TB))
      .option('--month <YYYY-MM>', 'month (default: latest loaded)')
      .option('--limit <n>', 'how many', '10'),
  ).action(
    (
      o: OutputOpts & {
        partner?: string;
        flow?: (typeof FLOWS_TB)[number];
        month?: string;
        limit: string;
      },
    ) =>
      run(() =>
        analyse(
          o,
          io,
          () => import('../../analytics/top-places.ts'),
          (m, s) =>
            m.topStates(s, {
              partner: o.partner,
              flow: o.flow,
              month: monthOption(o.month),
              limit: intOption('--limit', o.limit, 1, 1000),
            }),
          renderPlaceRanking,
        ),
      ),
  );
  withOutput(
    top
      .command('ports')
      .description(
        'ports by TransBorder freight in a month, or with --measure by crossings in a year',
      )
      .option('--measure <measure>', 'a crossing measure, e.g. Trucks, "Personal Vehicles"')
      .addOption(
        new Option('--border <border>', 'with --measure: which border').choices([
          'mexico',
          'canada',
        ]),
      )
      .option('--year <year>', 'with --measure: year (default: latest complete)')
      .option('--partner <partner>', 'freight: Mexico or Canada (default: both)')
      .addOption(new Option('--flow <flow>', 'freight: flow (default: both)').choices(FLOWS_TB))
      .option('--month <YYYY-MM>', 'freight: month (default: latest loaded)')
      .option('--limit <n>', 'how many', '10'),
  ).action(
    (
      o: OutputOpts & {
        measure?: string;
        border?: 'mexico' | 'canada';
        year?: string;
        partner?: string;
        flow?: (typeof FLOWS_TB)[number];
        month?: string;
        limit: string;
      },
    ) =>
      run(() =>
        analyse(
          o,
          io,
          () => import('../../analytics/top-places.ts'),
          (m, s) =>
            m.topPorts(s, {
              measure: o.measure,
              border: o.border,
              year: intOption('--year', o.year, 1990, 2100),
              partner: o.partner,
              flow: o.flow,
              month: monthOption(o.month),
              limit: intOption('--limit', o.limit, 1, 1000),
            }),
          renderPlaceRanking,
        ),
      ),
  );
  withOutput(
    top
      .command('products')
      .description('HS products by Census product-level value')
      .option('--partner <partner>', 'one partner (default: all loaded)')
      .option('--flow <flow>', 'flow (default: the one loaded)')
      .option('--year <year>', 'year (default: latest loaded)')
      .addOption(
        new Option('--level <digits>', 'HS level').choices(['2', '4', '6', '8', '10']).default('4'),
      )
      .option('--limit <n>', 'how many', '10'),
  ).action(
    (
      o: OutputOpts & {
        partner?: string;
        flow?: string;
        year?: string;
        level: string;
        limit: string;
      },
    ) =>
      run(() =>
        analyse(
          o,
          io,
          () => import('../../analytics/top-places.ts'),
          (m, s) =>
            m.topProducts(s, {
              partner: o.partner,
              flow: o.flow,
              year: intOption('--year', o.year, 1990, 2100),
              level: Number(o.level) as 2 | 4 | 6 | 8 | 10,
              limit: intOption('--limit', o.limit, 1, 1000),
            }),
          renderPlaceRanking,
        ),
      ),
  );

  withOutput(
    program
      .command('compare')
      .description(
        'partners side by side, year by year; or, with --against-next N, the group together against the next N countries',
      )
      .argument('<partners...>', 'two or more partners')
      .addOption(new Option('--metric <metric>', 'what to compare').choices(METRICS))
      .option('--years <A-B>', 'years, e.g. 2013-2022 (default: the last ten)')
      .option('--against-next <n>', 'compare the group with the next N countries by rank')
      .option('--year <year>', 'year for --against-next (default: latest complete year)'),
  ).action(
    (
      partners: string[],
      o: OutputOpts & { metric?: string; years?: string; againstNext?: string; year?: string },
    ) => {
      const next = intOption('--against-next', o.againstNext, 1, 250);
      if (next !== undefined) {
        return run(() =>
          analyse(
            o,
            io,
            () => import('../../analytics/compare-partners.ts'),
            (m, s) =>
              m.compareGroupWithNext(s, partners, {
                metric: metricOf(o.metric),
                year: intOption('--year', o.year, 1900, 2100),
                next,
              }),
            (r) =>
              [
                `${r.group.map((g) => g.name).join(' + ')} against the next ${r.next.length} countries, ${r.metric.replace('_', '-')}, ${r.period.label}`,
                formatTable(
                  ['', 'rank', 'partner', 'value'],
                  [
                    ...r.group.map((g) => ['group', g.rank, g.name, usd(g.value)]),
                    ...r.next.map((g) => ['next', g.rank, g.name, usd(g.value)]),
                  ],
                ),
                `Group total ${usd(r.groupTotal)} (${usdShort(r.groupTotal)}); next ${r.next.length} together ${usd(r.nextTotal)} (${usdShort(r.nextTotal)}); ratio ${r.ratio?.toFixed(2) ?? '–'}×`,
                ...r.basis.map((b) => `Basis: ${b}`),
                ...sourceLines(r.sources),
              ].join('\n'),
          ),
        );
      }
      return run(() =>
        analyse(
          o,
          io,
          () => import('../../analytics/compare-partners.ts'),
          (m, s) =>
            m.comparePartners(s, partners, {
              metric: metricOf(o.metric),
              years: yearsOption(o.years),
            }),
          (r) =>
            [
              `${r.partners.map((p) => p.name).join(' vs ')}: US ${r.metric.replace('_', '-')}, ${r.years.from}–${r.years.to}`,
              formatTable(
                ['year', ...r.partners.map((p) => p.name), 'months'],
                r.rows.map((row) => [row.year, ...row.values.map(usdShort), row.months]),
              ),
              ...r.ratios.map((x) => `${x.of} / ${x.to}: ${x.ratio?.toFixed(2) ?? '–'}×`),
              ...r.cagr.map((c, i) => `CAGR ${r.partners[i]?.name}: ${signedPct(c.cagr)}`),
              ...r.notes.map((n) => `Note: ${n}`),
              ...r.basis.map((b) => `Basis: ${b}`),
              ...sourceLines(r.sources),
            ].join('\n'),
        ),
      );
    },
  );

  withOutput(
    program
      .command('series')
      .description(
        "a partner's US exports, imports and balance, yearly or monthly, in the current or any loaded vintage",
      )
      .argument('<partner>', 'partner name or code')
      .option('--monthly', 'monthly instead of yearly')
      .option('--vintage <vintage>', 'a specific release, e.g. 2018-10 (see frontera status)')
      .option('--years <A-B>', 'years, e.g. 2015-2022'),
  ).action(
    (partner: string, o: OutputOpts & { monthly?: boolean; vintage?: string; years?: string }) =>
      run(() =>
        analyse(
          o,
          io,
          () => import('../../analytics/partner-series.ts'),
          (m, s) =>
            m.partnerSeries(s, partner, {
              frequency: o.monthly ? 'monthly' : 'yearly',
              vintage: o.vintage,
              years: yearsOption(o.years),
            }),
          (r) =>
            [
              `${r.partner.name}: US goods trade, ${r.frequency}${r.vintage ? `, vintage ${r.vintage}` : ''}`,
              formatTable(
                [
                  'period',
                  'exports',
                  'general imports',
                  'balance',
                  ...(r.frequency === 'yearly' ? ['months'] : []),
                ],
                r.rows.map((x) => [
                  x.period,
                  usd(x.exports),
                  usd(x.imports),
                  usd(x.balance),
                  ...(x.months === undefined ? [] : [x.months]),
                ]),
              ),
              ...r.basis.map((b) => `Basis: ${b}`),
              ...sourceLines(r.sources),
            ].join('\n'),
        ),
      ),
  );

  withOutput(
    program
      .command('revisions')
      .description('the same months as two Census country.xlsx releases published them')
      .argument('<partner>', 'partner name or code')
      .addOption(
        new Option('--flow <flow>', 'flow').choices(['export', 'import_general']).default('export'),
      )
      .option('--year <year>', 'only this year')
      .option('--vintages <old,new>', 'two vintages (default: the two newest loaded)'),
  ).action((partner: string, o: OutputOpts & { flow: Flow; year?: string; vintages?: string }) =>
    run(() =>
      analyse(
        o,
        io,
        () => import('../../analytics/revision-diff.ts'),
        (m, s) =>
          m.revisionDiff(s, partner, {
            flow: o.flow,
            year: intOption('--year', o.year, 1900, 2100),
            vintages: o.vintages
              ? (o.vintages.split(',').map((x) => x.trim()) as [string, string])
              : undefined,
          }),
        (r) =>
          [
            `${r.partner.name}, ${r.flow}: vintage ${r.vintages.old} against ${r.vintages.new}`,
            formatTable(
              ['month', r.vintages.old, r.vintages.new, 'revision', '%'],
              r.rows.map((x) => [x.month, usd(x.old), usd(x.new), usd(x.change), signedPct(x.pct)]),
            ),
            `${count(r.rows.filter((x) => x.change !== null && x.change !== 0n).length)} of ${r.rows.length} months revised`,
            ...r.basis.map((b) => `Basis: ${b}`),
            ...sourceLines(r.sources),
          ].join('\n'),
      ),
    ),
  );
}
