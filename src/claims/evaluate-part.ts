import { censusVintages } from '../analytics/census-vintages.ts';
import type { SourceRef } from '../analytics/provenance.ts';
import type { Store } from '../store/open-store.ts';
import type { Claim, Language, Qualifier } from './claim.ts';
import {
  amountsEs,
  differenceEs,
  labelEs,
  notVerifiableEs,
  reasonEs,
  VERDICT_ES,
} from './explain-es.ts';
import { showDifference, showFigure } from './format-figure.ts';
import type { At, ComputedFigure, Measurement, QueryUsed } from './measurement.ts';
import { familyOf, measureClaim } from './measure-claim.ts';
import { NotVerifiable } from './not-verifiable.ts';
import { resolveAt } from './resolve-year.ts';
import { judge, TOLERANCE_RULES } from './tolerance-rules.ts';
import type { Verdict } from './verdict.ts';

/** The same claim, right for another year or as another release published it. */
export interface Alternative {
  kind: 'year' | 'vintage';
  year: number;
  vintage: string | null;
  verdict: Verdict;
  computed: ComputedFigure;
  note: string;
  sources: SourceRef[];
}

/** One part of a statement, judged. */
export interface PartCheck {
  kind: 'part-check';
  claim: Claim;
  verdict: Verdict;
  computed: ComputedFigure[];
  /** computed − stated in the rule's measure (relative, points or places). */
  difference: { value: number; measure: 'relative' | 'points' | 'places'; display: string } | null;
  tolerance: string | null;
  query: QueryUsed[];
  sources: SourceRef[];
  explanation: string;
  alternatives: Alternative[];
  /** For not_verifiable: the data that would decide it. */
  wouldDecide: string | null;
  notes: string[];
}

const QUALIFIER_SAID: Record<Qualifier, string> = {
  exact: '',
  about: 'about ',
  more_than: 'more than ',
  at_least: 'at least ',
  less_than: 'less than ',
  at_most: 'at most ',
  nearly: 'nearly ',
};

const QUALIFIER_SAID_ES: Record<Qualifier, string> = {
  exact: '',
  about: 'alrededor de ',
  more_than: 'más de ',
  at_least: 'al menos ',
  less_than: 'menos de ',
  at_most: 'como máximo ',
  nearly: 'casi ',
};

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const VERDICT_WORDS: Record<Verdict, string> = {
  accurate: 'Accurate',
  approximately_accurate: 'Approximately accurate',
  inaccurate: 'Inaccurate',
  not_verifiable: 'Not verifiable',
};

/** Measures a part, judges it under its tolerance rule, and looks for other years and releases. */
export async function evaluatePart(
  store: Store,
  claim: Claim,
  asOf: string,
  lang: Language = 'en',
): Promise<PartCheck> {
  const es = lang === 'es';
  const family = familyOf(claim);
  const resolved =
    family === 'census' || family === 'crossings'
      ? await resolveAt(store, claim, asOf, family)
      : { at: periodAt(claim), note: null };
  let m: Measurement;
  try {
    m = await measureClaim(store, claim, resolved.at);
  } catch (e) {
    if (!(e instanceof NotVerifiable)) throw e;
    return {
      kind: 'part-check',
      claim,
      verdict: 'not_verifiable',
      computed: [],
      difference: null,
      tolerance: null,
      query: [],
      sources: [],
      explanation: es
        ? notVerifiableEs(
            e.es?.reason ?? reasonEs(e.message),
            e.es?.wouldDecide ?? reasonEs(e.wouldDecide),
          )
        : `Not verifiable: ${e.message}. Would decide it: ${e.wouldDecide}.`,
      alternatives: [],
      wouldDecide: es ? (e.es?.wouldDecide ?? reasonEs(e.wouldDecide)) : e.wouldDecide,
      notes: resolved.note ? [es ? reasonEs(resolved.note) : resolved.note] : [],
    };
  }
  const unitClash = clash(claim, m);
  if (unitClash)
    return {
      kind: 'part-check',
      claim,
      verdict: 'not_verifiable',
      computed: [],
      difference: null,
      tolerance: null,
      query: m.query,
      sources: [],
      explanation: es
        ? notVerifiableEs(reasonEs(unitClash), reasonEs("a measurement in the statement's unit"))
        : `Not verifiable: ${unitClash}. Would decide it: a measurement in the statement's unit.`,
      alternatives: [],
      wouldDecide: es
        ? reasonEs("a measurement in the statement's unit")
        : "a measurement in the statement's unit",
      notes: [],
    };
  const j = judge(claim.kind, claim.qualifier, claim.figure.value, m.value);
  if (
    m.upper !== undefined &&
    judge(claim.kind, claim.qualifier, claim.figure.value, m.upper).verdict !== j.verdict
  ) {
    const range = `${showFigure(m.value, 'percent')}–${showFigure(m.upper, 'percent')}`;
    const reason = `${m.label}: ${m.computed[0]!.display}, but ${showFigure(m.upper - m.value, 'percent')} of the value is not classified by end use, so the share lies between ${range}, and the verdict differs within that range`;
    const would =
      'product lines whose value is fully classified by end use (HS6 → BEC correspondence and SNA end use for every line)';
    return {
      kind: 'part-check',
      claim,
      verdict: 'not_verifiable',
      computed: es
        ? m.computed.map((c) => ({ ...c, label: labelEs(c.label), display: amountsEs(c.display) }))
        : m.computed,
      difference: null,
      tolerance: null,
      query: m.query,
      sources: m.sources,
      explanation: es
        ? notVerifiableEs(
            `${capital(labelEs(m.label))}: ${m.computed[0]!.display}, pero ${showFigure(m.upper - m.value, 'percent')} del valor no está clasificado por uso final, así que la participación está entre ${range}, y el veredicto cambia dentro de ese intervalo`,
            'líneas de producto cuyo valor esté clasificado por completo por uso final (correspondencia HS6 → BEC y uso final SNA para cada línea)',
          )
        : `Not verifiable: ${reason}. Would decide it: ${would}.`,
      alternatives: [],
      wouldDecide: es ? reasonEs(would) : would,
      notes: es ? m.notes.map(reasonEs) : m.notes,
    };
  }
  const alternatives = await findAlternatives(store, claim, m, j.verdict);
  const notes = [
    ...(resolved.note ? [resolved.note] : []),
    ...(claim.mirrored
      ? [
          "said from the partner's side: checked as the US record of the same trade; the partner's own statistics (e.g. INEGI for Mexico) need not match",
        ]
      : []),
    ...m.notes,
  ];
  const stated = `${QUALIFIER_SAID[claim.qualifier]}${showFigure(claim.figure.value, claim.figure.unit)}`;
  const diff = showDifference(j.difference, j.rule.measure);
  const explanation = es
    ? [
        `${capital(labelEs(m.label))}: ${m.computed[0]!.display}.`,
        `La afirmación dice «${claim.figure.text}», leída como ${QUALIFIER_SAID_ES[claim.qualifier]}${showFigure(claim.figure.value, claim.figure.unit)}; la cifra calculada difiere en ${differenceEs(diff)}.`,
        `${VERDICT_ES[j.verdict]} según la regla para ${j.rule.textEs.split(':')[0]}.`,
        ...alternatives.map((a) => reasonEs(a.note)),
      ]
        .map(amountsEs)
        .join(' ')
    : [
        `${m.label}: ${m.computed[0]!.display}.`,
        `The statement says "${claim.figure.text}", read as ${stated}; the computed figure differs by ${showDifference(j.difference, j.rule.measure)}.`,
        `${VERDICT_WORDS[j.verdict]} under the rule for ${j.rule.text.split(':')[0]}.`,
        ...alternatives.map((a) => a.note),
      ].join(' ');
  return {
    kind: 'part-check',
    claim,
    verdict: j.verdict,
    computed: es
      ? m.computed.map((c) => ({ ...c, label: labelEs(c.label), display: amountsEs(c.display) }))
      : m.computed,
    difference: {
      value: j.difference,
      measure: j.rule.measure,
      display: es ? differenceEs(diff) : diff,
    },
    tolerance: es
      ? TOLERANCE_RULES[claim.kind][claim.qualifier].textEs
      : TOLERANCE_RULES[claim.kind][claim.qualifier].text,
    query: m.query,
    // An older release that the figure matches is a source of the verdict too.
    sources: [
      ...m.sources,
      ...alternatives
        .filter((a) => a.kind === 'vintage')
        .flatMap((a) => a.sources)
        .filter((s) => !m.sources.some((x) => x.sha256 === s.sha256)),
    ],
    explanation,
    alternatives: es ? alternatives.map((a) => ({ ...a, note: reasonEs(a.note) })) : alternatives,
    wouldDecide: null,
    notes: es ? notes.map(reasonEs) : notes,
  };
}

const UNIT_WORDS: Record<string, string> = {
  usd: 'US dollars',
  count: 'a count (vehicles, trucks, containers, passengers, pedestrians)',
  percent: 'percent',
  times: 'a multiple',
  rank: 'a rank',
};

/**
 * A figure is compared only with a measurement of the same unit: dollars with dollars, counts
 * of crossings with counts. Says what clashes, or null when the units agree.
 */
function clash(claim: Claim, m: Measurement): string | null {
  if (!['value', 'growth_usd', 'rate', 'per_capita'].includes(claim.kind)) return null;
  const stated = claim.figure.unit;
  const measured = m.computed[0]?.unit;
  if (!measured || stated === measured) return null;
  if (stated !== 'usd' && stated !== 'count') return null;
  return `the statement's figure is in ${UNIT_WORDS[stated]}, and what the data measure for it (${m.label}) is in ${UNIT_WORDS[measured] ?? measured}`;
}

function periodAt(claim: Claim): At {
  const p = claim.period;
  if (p.kind === 'year') return { year: p.year, month: null, vintage: null };
  if (p.kind === 'month')
    return { year: Number(p.month.slice(0, 4)), month: p.month, vintage: null };
  return { year: null, month: null, vintage: null };
}

const VINTAGE_KINDS = new Set(['value', 'growth_pct', 'growth_usd', 'rate', 'ratio']);

/**
 * Where a claim wrong for its year is right for a year nearby (two either side), and where a
 * figure matches an older release of the data — to the precision it was written — better than
 * the current one (a figure quoted from a first release that Census later revised).
 */
async function findAlternatives(
  store: Store,
  claim: Claim,
  m: Measurement,
  verdict: Verdict,
): Promise<Alternative[]> {
  const family = familyOf(claim);
  const year = m.at.year;
  if (year === null || m.at.month !== null || (family !== 'census' && family !== 'crossings'))
    return [];
  const out: Alternative[] = [];
  const judgeAt = async (at: At) => {
    try {
      const alt = await measureClaim(store, claim, at);
      return { alt, j: judge(claim.kind, claim.qualifier, claim.figure.value, alt.value) };
    } catch (e) {
      if (e instanceof NotVerifiable) return null;
      throw e;
    }
  };
  if (verdict !== 'accurate') {
    const found: Alternative[] = [];
    for (const y of [year - 1, year + 1, year - 2, year + 2]) {
      if (claim.since !== null && y <= claim.since) continue;
      const r = await judgeAt({ year: y, month: null, vintage: null });
      if (!r || r.j.verdict === 'inaccurate') continue;
      if (r.j.verdict === 'approximately_accurate' && verdict !== 'inaccurate') continue;
      found.push({
        kind: 'year',
        year: y,
        vintage: null,
        verdict: r.j.verdict,
        computed: r.alt.computed[0]!,
        sources: r.alt.sources,
        note: `The figure is ${r.j.verdict === 'accurate' ? 'right' : 'approximately right'} for ${y}: ${r.alt.computed[0]!.display}.`,
      });
    }
    const best = found.filter((a) => a.verdict === 'accurate');
    out.push(...(best.length > 0 ? best : found));
  }
  if (family === 'census' && VINTAGE_KINDS.has(claim.kind)) {
    const step = claim.figure.step;
    const precise = (v: number) =>
      step !== null && Math.abs(v - claim.figure.value) <= step / 2 + 1e-9 * Math.abs(v);
    const current = m.sources.map((s) => s.vintage);
    for (const v of await censusVintages(store)) {
      if (current.includes(v.vintage) || v.last < `${year}-12` || v.first > `${year}-01`) continue;
      const r = await judgeAt({ year, month: null, vintage: v.vintage });
      if (!r) continue;
      const matches = precise(r.alt.value) && !precise(m.value);
      const rescues = r.j.verdict === 'accurate' && verdict !== 'accurate';
      if (!matches && !rescues) continue;
      out.push({
        kind: 'vintage',
        year,
        vintage: v.vintage,
        verdict: r.j.verdict,
        computed: r.alt.computed[0]!,
        sources: r.alt.sources,
        note: `${matches ? 'The figure matches, to the precision stated,' : 'The figure is right for'} the ${v.vintage} release of country.xlsx (${r.alt.computed[0]!.display}); the current release (${current.join(', ')}) has ${m.computed[0]!.display}: Census revised it.`,
      });
    }
  }
  return out;
}
