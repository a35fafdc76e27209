import type { Claim, ClaimFlow, Qualifier, Subject } from './claim.ts';
import { amountsEs, labelEs } from './explain-es.ts';
import { showFigure } from './format-figure.ts';

const FLOW: Record<ClaimFlow, string> = {
  exports: 'US exports',
  imports: 'US imports',
  two_way: 'two-way trade',
  balance: 'trade balance',
};

/**
 * A Mexican state or Canadian province is read from its own side (INEGI counts a state's
 * exports): a US-side "imports" flow is the region's exports, not US imports from it.
 */
const REGION_FLOW: Record<ClaimFlow, string> = {
  exports: "the region's imports",
  imports: "the region's exports",
  two_way: "the region's total trade",
  balance: "the region's trade balance",
};

const REGION_FLOW_ES: Record<ClaimFlow, string> = {
  exports: 'importaciones de la entidad',
  imports: 'exportaciones de la entidad',
  two_way: 'comercio total de la entidad',
  balance: 'saldo comercial de la entidad',
};

const QUALIFIER: Record<Qualifier, string> = {
  exact: 'plainly',
  about: 'about',
  more_than: 'more than',
  at_least: 'at least',
  less_than: 'less than',
  at_most: 'at most',
  nearly: 'nearly',
};

const FLOW_ES: Record<ClaimFlow, string> = {
  exports: 'exportaciones de EE. UU.',
  imports: 'importaciones de EE. UU.',
  two_way: 'comercio total',
  balance: 'saldo comercial',
};

const QUALIFIER_ES: Record<Qualifier, string> = {
  exact: 'sin matiz',
  about: 'alrededor de',
  more_than: 'más de',
  at_least: 'al menos',
  less_than: 'menos de',
  at_most: 'como máximo',
  nearly: 'casi',
};

const KIND_ES: Record<Claim['kind'], string> = {
  value: 'valor',
  growth_pct: 'crecimiento (%)',
  growth_usd: 'crecimiento (dólares)',
  ratio: 'razón',
  rank: 'lugar',
  share: 'participación',
  per_capita: 'por habitante',
  rate: 'tasa',
  group_vs_next: 'grupo frente a los siguientes',
};

const PER_ES: Record<NonNullable<Claim['per']>, string> = {
  day: 'día',
  hour: 'hora',
  minute: 'minuto',
  year: 'año',
};

/** One line saying how a part was understood, for people: kind · subject · flow · period · figure. */
export function describeClaim(c: Claim, lang: 'en' | 'es' = 'en'): string {
  if (lang === 'es') return describeClaimEs(c);
  const flow = c.measure
    ? `${c.measure} crossings`
    : c.flow === 'balance' && c.balance
      ? `trade ${c.balance}`
      : (c.subject.kind === 'region' ? REGION_FLOW : FLOW)[c.flow];
  const period =
    c.period.kind === 'latest'
      ? 'no period stated'
      : c.period.kind === 'year'
        ? `${c.period.year} ("${c.period.said}")`
        : `${c.period.month} ("${c.period.said}")`;
  const extra = [
    c.mirrored ? "said from the partner's side" : null,
    c.against
      ? `against ${subjectName(c.against)}${c.againstFlow ? ` (${FLOW[c.againstFlow]})` : ''}`
      : null,
    c.since !== null ? `since ${c.since}` : null,
    c.per ? `per ${c.per}` : null,
    c.next !== null ? `next ${c.next} partners` : null,
  ].filter((x) => x !== null);
  return [
    c.kind.replace('_', ' '),
    subjectName(c.subject),
    flow,
    period,
    ...extra,
    `stated ${QUALIFIER[c.qualifier]} ${showFigure(c.figure.value, c.figure.unit)} ("${c.figure.text}")`,
  ].join(' · ');
}

/** The same line in Spanish, for a Spanish statement. */
function describeClaimEs(c: Claim): string {
  const flow = c.measure
    ? `cruces de ${labelEs(`${c.measure} at X`).replace(/ en X$/, '')}`
    : c.flow === 'balance' && c.balance
      ? c.balance === 'deficit'
        ? 'déficit comercial'
        : 'superávit comercial'
      : (c.subject.kind === 'region' ? REGION_FLOW_ES : FLOW_ES)[c.flow];
  const period =
    c.period.kind === 'latest'
      ? 'sin periodo'
      : c.period.kind === 'year'
        ? `${c.period.year} («${c.period.said}»)`
        : `${c.period.month} («${c.period.said}»)`;
  const extra = [
    c.mirrored ? 'dicho desde el lado del socio' : null,
    c.against
      ? `frente a ${subjectNameEs(c.against)}${c.againstFlow ? ` (${FLOW_ES[c.againstFlow]})` : ''}`
      : null,
    c.since !== null ? `desde ${c.since}` : null,
    c.per ? `por ${PER_ES[c.per]}` : null,
    c.next !== null ? `los ${c.next} socios siguientes` : null,
  ].filter((x) => x !== null);
  return [
    KIND_ES[c.kind],
    subjectNameEs(c.subject),
    flow,
    period,
    ...extra,
    `cifra dicha ${QUALIFIER_ES[c.qualifier]} ${amountsEs(showFigure(c.figure.value, c.figure.unit))} («${c.figure.text}»)`,
  ].join(' · ');
}

function subjectNameEs(s: Subject): string {
  switch (s.kind) {
    case 'partners':
      return s.partners.map((p) => p.name).join(' + ');
    case 'state':
    case 'port':
      return `${s.name}${s.partner ? ` (con ${s.partner.name})` : ''}`;
    case 'region':
      return `${s.name} (${s.country === 'MX' ? 'estado de México' : 'provincia de Canadá'})`;
    case 'border':
      return s.border === 'mexico'
        ? 'frontera entre EE. UU. y México'
        : 'frontera entre EE. UU. y Canadá';
    case 'product':
      return `SA ${s.code}${s.partner ? ` desde ${s.partner.name}` : ''}`;
    case 'unknown':
      return `desconocido «${s.mention}»`;
  }
}

export function subjectName(s: Subject): string {
  switch (s.kind) {
    case 'partners':
      return s.partners.map((p) => p.name).join(' + ');
    case 'state':
    case 'port':
      return `${s.name}${s.partner ? ` (with ${s.partner.name})` : ''}`;
    case 'region':
      return `${s.name} (${s.country === 'MX' ? 'Mexican state' : 'Canadian province'})`;
    case 'border':
      return s.border === 'mexico' ? 'US–Mexico border' : 'US–Canada border';
    case 'product':
      return `HS ${s.code}${s.partner ? ` from ${s.partner.name}` : ''}`;
    case 'unknown':
      return `unknown "${s.mention}"`;
  }
}
