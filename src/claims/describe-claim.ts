import type { Claim, ClaimFlow, Qualifier, Subject } from './claim.ts';
import { showFigure } from './format-figure.ts';

const FLOW: Record<ClaimFlow, string> = {
  exports: 'US exports',
  imports: 'US imports',
  two_way: 'two-way trade',
  balance: 'trade balance',
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

/** One line saying how a part was understood, for people: kind · subject · flow · period · figure. */
export function describeClaim(c: Claim): string {
  const flow = c.measure
    ? `${c.measure} crossings`
    : c.flow === 'balance' && c.balance
      ? `trade ${c.balance}`
      : FLOW[c.flow];
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
