import { compileBorder } from '../analytics/border-queries.ts';
import { runShared } from '../analytics/compiled-query.ts';
import { readProvenance } from '../analytics/provenance.ts';
import { topPorts } from './shared-analytics.ts';
import type { Store } from '../store/open-store.ts';
import type { Claim } from './claim.ts';
import type { At, ComputedFigure, Measurement } from './measurement.ts';
import { call, numFigure } from './computed-figure.ts';
import { isModeShare, measureModeShare } from './measure-mode-share.ts';
import { NotVerifiable } from './not-verifiable.ts';

const countFigure = (label: string, v: bigint): ComputedFigure => ({
  label,
  value: v,
  unit: 'count',
  display: v.toLocaleString('en-US'),
});

/**
 * One port's count of one measure in a year or a month, or undefined when BTS has no row for
 * it. Read straight from the crossings table (shared per loaded state): a port's full profile
 * (waits, history, every measure) is not needed for one figure.
 */
async function portCount(
  store: Store,
  code: string,
  measure: string,
  year: number,
  month: string | null | undefined,
): Promise<bigint | undefined> {
  const spec = {
    kind: 'crossings',
    by: month ? 'month' : 'year',
    port: code,
    measure,
    year,
  } as const;
  const rows = await runShared(store, compileBorder(spec));
  const hit = rows.find((r) => String(r.key) === (month ?? String(year)));
  return hit?.count as bigint | undefined;
}

/**
 * Crossings (BTS Border Crossing Entry Data): a border's or a port's count of a measure in a
 * year or a month, and a port's place and share among the ports of its border.
 */
export async function measureCrossings(store: Store, claim: Claim, at: At): Promise<Measurement> {
  if (isModeShare(claim)) return measureModeShare(store, claim, at);
  const measure = claim.measure ?? 'Trucks';
  const year = at.year!;
  const complete = await runShared(store, compileBorder({ kind: 'crossings', by: 'year' }));
  const loaded = complete.map((r) => Number(r.key));
  const span = loaded.length
    ? `${loaded[0]}–${loaded.at(-1)} (${complete.at(-1)?.months} months of ${loaded.at(-1)})`
    : 'nothing';
  const row = complete.find((r) => Number(r.key) === year);
  if (!row)
    throw new NotVerifiable(
      `BTS crossings are not loaded for ${year}; loaded: ${span}`,
      `BTS Border Crossing Entry Data for ${year}`,
    );
  if (!at.month && Number(row.months) < 12)
    throw new NotVerifiable(
      `${year} is loaded for ${row.months} month(s) only; the statement is about the whole year`,
      `BTS Border Crossing Entry Data with all of ${year}`,
    );
  const sources = await readProvenance(store, [
    { table: 'crossings', where: 'year(month) = $year', params: { year } },
  ]);
  const period = at.month ?? String(year);

  if (claim.subject.kind === 'border') {
    if (claim.kind !== 'value')
      throw new NotVerifiable(
        `a ${claim.kind} of a whole border is not defined`,
        'a statement about a port of the border',
      );
    const border = claim.subject.border;
    const spec = { kind: 'crossings', by: at.month ? 'month' : 'year', border, measure } as const;
    const rows = await runShared(store, compileBorder(spec));
    const hit = rows.find((r) => String(r.key) === period);
    const v = (hit?.count as bigint | undefined) ?? 0n;
    const what = `${measure} entering the US across the ${border === 'mexico' ? 'US–Mexico' : 'US–Canada'} border, ${period}`;
    return {
      value: Number(v),
      computed: [countFigure(what, v)],
      label: what,
      at,
      query: [call(`runQuery(store, compileBorder(${JSON.stringify(spec)}))`, compileBorder(spec))],
      sources,
      notes: [
        'inbound crossings at land ports as BTS counts them (each entry of a truck, not distinct trucks)',
      ],
    };
  }
  if (claim.subject.kind !== 'port') throw new Error('measureCrossings needs a border or a port');
  const port = claim.subject;
  if (claim.kind === 'ratio') {
    const other = claim.against;
    if (other?.kind !== 'port')
      throw new NotVerifiable(
        `${port.name} is compared with something other than a port`,
        'a statement comparing two ports on one crossing measure',
      );
    const count = async (code: string, name: string): Promise<bigint> => {
      const v = await portCount(store, code, measure, year, at.month);
      if (v === undefined)
        throw new NotVerifiable(
          `BTS publishes no ${measure} crossings for ${name} in ${period}`,
          `BTS crossings for ${name}`,
        );
      return v;
    };
    const a = await count(port.code, port.name);
    const b = await count(other.code, other.name);
    if (b === 0n)
      throw new NotVerifiable(
        `${other.name} has no ${measure} crossings in ${period}`,
        `a port with ${measure} crossings`,
      );
    const what = `${measure} at ${port.name} over ${measure} at ${other.name}, ${period}`;
    return {
      value: Number(a) / Number(b),
      computed: [
        numFigure(what, Number(a) / Number(b), 'times'),
        countFigure(`${measure} entering the US at ${port.name} (${port.code}), ${period}`, a),
        countFigure(`${measure} entering the US at ${other.name} (${other.code}), ${period}`, b),
      ],
      label: what,
      at,
      query: [port.code, other.code].map((c) =>
        call(
          `runQuery(store, compileBorder({ kind: 'crossings', by: '${at.month ? 'month' : 'year'}', port: '${c}', measure: '${measure}', year: ${year} }))`,
          compileBorder({
            kind: 'crossings',
            by: at.month ? 'month' : 'year',
            port: c,
            measure,
            year,
          }),
        ),
      ),
      sources,
      notes: [],
    };
  }
  if (claim.kind === 'value') {
    const count = await portCount(store, port.code, measure, year, at.month);
    if (count === undefined)
      throw new NotVerifiable(
        `BTS publishes no ${measure} crossings for ${port.name} in ${period}`,
        `BTS crossings for ${port.name}`,
      );
    const what = `${measure} entering the US at ${port.name} (${port.code}), ${period}`;
    return {
      value: Number(count),
      computed: [countFigure(what, count)],
      label: what,
      at,
      query: [
        call(
          `runQuery(store, compileBorder({ kind: 'crossings', by: '${at.month ? 'month' : 'year'}', port: '${port.code}', measure: '${measure}', year: ${year} }))`,
          compileBorder({
            kind: 'crossings',
            by: at.month ? 'month' : 'year',
            port: port.code,
            measure,
            year,
          }),
        ),
      ],
      sources,
      notes: [],
    };
  }
  if (at.month)
    throw new NotVerifiable(`port ${claim.kind}s are computed by year`, 'a yearly statement');
  const border =
    port.partner?.code === '1220' ? 'canada' : port.partner?.code === '2010' ? 'mexico' : undefined;
  const r = await topPorts(store, { measure, border, year, limit: 1000 });
  const i = r.rows.findIndex((x) => x.key === port.code);
  if (i < 0)
    throw new NotVerifiable(
      `${port.name} has no ${measure} crossings in ${year}`,
      `BTS crossings for ${port.name}`,
    );
  const me = r.rows[i]!;
  const where = border
    ? `on the ${border === 'mexico' ? 'US–Mexico' : 'US–Canada'} border`
    : 'of all land ports';
  const top = r.rows
    .slice(0, 3)
    .map((x) => `#${x.rank} ${x.label} (${x.value.toLocaleString('en-US')})`)
    .join(', ');
  const q = [
    call(
      `topPorts(store, { measure: '${measure}', border: ${border ? `'${border}'` : 'undefined'}, year: ${year} })`,
      compileBorder({ kind: 'crossings', by: 'port', border, measure, year }),
    ),
  ];
  if (claim.kind === 'rank') {
    const what = `${port.name}'s place among ports ${where} by ${measure}, ${year}`;
    return {
      value: me.rank,
      computed: [
        numFigure(what, me.rank, 'rank'),
        countFigure(`${measure} at ${port.name}, ${year}`, me.value),
      ],
      label: what,
      at,
      query: q,
      sources,
      notes: [`first three: ${top}`],
    };
  }
  if (claim.kind === 'share') {
    const what = `${port.name}'s share of ${measure} crossings ${where}, ${year}`;
    return {
      value: me.share ?? 0,
      computed: [
        numFigure(what, me.share ?? 0, 'percent'),
        countFigure(`${measure} at ${port.name}, ${year}`, me.value),
      ],
      label: what,
      at,
      query: q,
      sources,
      notes: [],
    };
  }
  throw new NotVerifiable(
    `a ${claim.kind.replace('_', ' ')} of port crossings is not computed`,
    'a count, rank or share of crossings',
  );
}
