import { compileBorder } from '../analytics/border-queries.ts';
import { stateProfile, topPorts, topStates, transborderMonth } from './shared-analytics.ts';
import type { Store } from '../store/open-store.ts';
import type { Claim } from './claim.ts';
import type { At, Measurement } from './measurement.ts';
import { call, numFigure, usdFigure } from './computed-figure.ts';
import { flowValue } from './flow-value.ts';
import { NotVerifiable } from './not-verifiable.ts';

const TB_FLOW = { exports: 'export', imports: 'import_general' } as const;

/**
 * A state's or a port's trade with Mexico and/or Canada (BTS TransBorder), for one month: its
 * value, its place among states or ports, its share of the partner's TransBorder trade.
 * TransBorder is monthly; a yearly figure needs all twelve months loaded.
 */
export async function measureFreight(store: Store, claim: Claim, at: At): Promise<Measurement> {
  const s = claim.subject;
  if (s.kind !== 'state' && s.kind !== 'port')
    throw new Error('measureFreight needs a state or a port');
  const loaded = await transborderMonth(store);
  const months = loaded?.months ?? [];
  const list = months.length ? months.join(', ') : 'none';
  if ((at.year !== null && at.month === null) || claim.per === 'year')
    throw new NotVerifiable(
      `the statement is about a whole year${at.year !== null ? ` (${at.year})` : ''}, and BTS TransBorder is loaded for ${list} only`,
      `BTS TransBorder raw files (dot1) for all twelve months of ${at.year ?? 'the year'}`,
    );
  // No period said: the claim is read as the latest complete year (as everywhere), never as
  // whichever single month happens to be loaded — "Texas exports $8 billion a month to Mexico"
  // is a present-tense claim, not one about January 2015.
  if (at.month === null)
    throw new NotVerifiable(
      `no period is stated, so the statement is read as the latest complete year, and BTS TransBorder has no complete year loaded (months loaded: ${list})`,
      'BTS TransBorder raw files (dot1) for all twelve months of a year, or a statement naming a loaded month',
      {
        reason: `la afirmación no dice un periodo, así que se lee como el último año completo, y BTS TransBorder no tiene ningún año completo cargado (meses cargados: ${list})`,
        wouldDecide:
          'los archivos de BTS TransBorder (dot1) de los doce meses de un año, o una afirmación sobre un mes cargado',
      },
    );
  const picked = await transborderMonth(store, at.month);
  if (!picked)
    throw new NotVerifiable('no BTS TransBorder freight is loaded', 'BTS TransBorder raw files');
  const month = picked.month;
  const notes: string[] = [];
  const partner = s.partner;
  const with_ = partner ? partner.name : 'Mexico and Canada';
  const flow =
    claim.flow === 'exports' || claim.flow === 'imports' ? TB_FLOW[claim.flow] : undefined;
  const flowWords = {
    exports: 'exports to',
    imports: 'imports from',
    two_way: 'trade with',
    balance: 'balance with',
  }[claim.flow];
  const spec = {
    kind: 'transborder-split',
    by: s.kind === 'state' ? 'us_state' : 'port',
    partner: partner?.code,
    flow,
    month,
  } as const;
  const query = [
    call(
      `${s.kind === 'state' ? 'topStates' : 'topPorts'}(store, { partner: ${partner ? `'${partner.code}'` : 'undefined'}, flow: ${flow ? `'${flow}'` : 'undefined'}, month: '${month}' })`,
      compileBorder(spec),
    ),
  ];
  const at2: At = { year: Number(month.slice(0, 4)), month, vintage: null };

  if (claim.kind === 'value' && s.kind === 'state') {
    const p = await stateProfile(store, s.code, { month });
    const rows = partner ? p.partners.filter((x) => x.partner.code === partner.code) : p.partners;
    const t = rows.reduce(
      (a, r) => ({ exports: a.exports + r.exports, imports: a.imports + r.imports }),
      { exports: 0n, imports: 0n },
    );
    const v = flowValue(t, claim.flow, claim.balance);
    const what = `${s.name} ${flowWords} ${with_}, ${month} (BTS TransBorder)`;
    return {
      value: Number(v),
      computed: [usdFigure(what, v)],
      label: what,
      at: at2,
      query: [
        call(
          `stateProfile(store, '${s.code}', { month: '${month}' })`,
          compileBorder({ ...spec, usState: s.code, by: 'mode' }),
        ),
      ],
      sources: p.sources,
      notes: [...notes, ...p.notes.slice(-1)],
    };
  }
  if (claim.flow === 'balance')
    throw new NotVerifiable(
      'a balance is computed for a state, not for a ranking',
      'a statement about exports, imports or trade',
    );
  const r =
    s.kind === 'state'
      ? await topStates(store, { partner: partner?.code, flow, month, limit: 1000 })
      : await topPorts(store, { partner: partner?.code, flow, month, limit: 1000 });
  const me = r.rows.find((x) => x.key === s.code);
  if (!me)
    throw new NotVerifiable(
      `TransBorder has no ${flowWords} ${with_} for ${s.name} in ${month}`,
      `BTS TransBorder rows for ${s.name}`,
    );
  const value = usdFigure(`${s.name} ${flowWords} ${with_}, ${month}`, me.value);
  const top = r.rows
    .slice(0, 3)
    .map((x) => `#${x.rank} ${x.label}`)
    .join(', ');
  switch (claim.kind) {
    case 'value': {
      const what = `freight through ${s.name}: ${flowWords} ${with_}, ${month} (BTS TransBorder)`;
      return {
        value: Number(me.value),
        computed: [usdFigure(what, me.value)],
        label: what,
        at: at2,
        query,
        sources: r.sources,
        notes,
      };
    }
    case 'rank': {
      const what = `${s.name}'s place among ${s.kind === 'state' ? 'US states' : 'ports'} by ${flowWords} ${with_}, ${month}`;
      return {
        value: me.rank,
        computed: [numFigure(what, me.rank, 'rank'), value],
        label: what,
        at: at2,
        query,
        sources: r.sources,
        notes: [...notes, `first three: ${top}`],
      };
    }
    case 'share': {
      const what = `${s.name}'s share of all US ${flowWords} ${with_} in TransBorder, ${month}`;
      return {
        value: me.share ?? 0,
        computed: [numFigure(what, me.share ?? 0, 'percent'), value],
        label: what,
        at: at2,
        query,
        sources: r.sources,
        notes,
      };
    }
    default:
      throw new NotVerifiable(
        `a ${claim.kind.replace('_', ' ')} of TransBorder freight is not computed (one month is loaded)`,
        'TransBorder months of two years to compare',
      );
  }
}
