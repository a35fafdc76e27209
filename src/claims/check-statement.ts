import type { SourceRef } from '../analytics/provenance.ts';
import type { Store } from '../store/open-store.ts';
import type { Language, ParsedStatement } from './claim.ts';
import { evaluatePart, type PartCheck } from './evaluate-part.ts';
import type { ComputedFigure, QueryUsed } from './measurement.ts';
import { parseStatement } from './parse-statement.ts';
import { combineVerdicts, COMBINATION_RULE, type Verdict } from './verdict.ts';
import { isCalendarDate } from '../model/calendar-date.ts';
import { notVerifiableEs, reasonEs, VERDICT_ES } from './explain-es.ts';

const COMBINATION_RULE_ES =
  'una afirmación con varias partes toma el veredicto de su parte más débil: inexacta si alguna parte es inexacta; si no, no verificable si alguna no se puede decidir; si no, aproximadamente exacta si alguna lo es solo aproximadamente; si no, exacta';

export interface CheckOptions {
  /** When the statement was made (ISO date or Date): "last year" counts from it. Default: today. */
  asOf?: string | Date;
  /** Language of the explanation, rule and reasons; default: the statement's own. */
  lang?: Language;
}

/** A statement checked: the verdict, how it was understood, and the work behind it. */
export interface ClaimCheck {
  kind: 'claim-check';
  statement: string;
  asOf: string;
  language: Language;
  /** The language the explanation, tolerance and reasons are written in. */
  explanationLanguage: Language;
  verdict: Verdict;
  /** The structure the statement was read as. */
  claim: ParsedStatement;
  /** Each part judged on its own. */
  parts: PartCheck[];
  computed: ComputedFigure[];
  /** The tolerance rule of each part, and the rule for combining parts when there are several. */
  tolerance: string[];
  query: QueryUsed[];
  sources: SourceRef[];
  explanation: string;
  /** For not_verifiable: the data that would decide it. */
  wouldDecide: string | null;
}

/**
 * Checks one statement against the loaded data: parse it into a claim, judge each part with
 * the analytics layer, and combine the parts (weakest part wins).
 */
export async function checkStatement(
  store: Store,
  text: string,
  opts: CheckOptions = {},
): Promise<ClaimCheck> {
  const asOf = isoDate(opts.asOf ?? new Date());
  const claim = await parseStatement(store, text.trim(), { asOf: new Date(`${asOf}T12:00:00Z`) });
  const lang = opts.lang ?? claim.language;
  const es = lang === 'es';
  const base = {
    kind: 'claim-check' as const,
    statement: text.trim(),
    asOf,
    language: claim.language,
    explanationLanguage: lang,
    claim,
  };
  if (claim.outOfScope) {
    const o = claim.outOfScope;
    return {
      ...base,
      verdict: 'not_verifiable',
      parts: [],
      computed: [],
      tolerance: [],
      query: [],
      sources: [],
      explanation: es
        ? notVerifiableEs(
            o.es?.reason ?? reasonEs(o.reason),
            o.es?.wouldDecide ?? reasonEs(o.wouldDecide),
          )
        : `Not verifiable: ${o.reason}. Would decide it: ${o.wouldDecide}.`,
      wouldDecide: es ? (o.es?.wouldDecide ?? reasonEs(o.wouldDecide)) : o.wouldDecide,
    };
  }
  const parts: PartCheck[] = [];
  for (const c of claim.parts) parts.push(await evaluatePart(store, c, asOf, lang));
  const verdict = combineVerdicts(parts.map((p) => p.verdict));
  const several = parts.length > 1;
  const sources = new Map<string, SourceRef>();
  for (const p of parts) for (const s of p.sources) sources.set(s.sha256, s);
  const undecided = parts.filter((p) => p.verdict === 'not_verifiable');
  return {
    ...base,
    verdict,
    parts,
    computed: parts.flatMap((p) => p.computed),
    tolerance: [
      ...new Set([
        ...parts.flatMap((p) => (p.tolerance ? [p.tolerance] : [])),
        ...(several ? [es ? COMBINATION_RULE_ES : COMBINATION_RULE] : []),
      ]),
    ],
    query: [...new Map(parts.flatMap((p) => p.query).map((q) => [q.call, q])).values()],
    sources: [...sources.values()],
    explanation: several
      ? es
        ? [
            `${parts.length} partes: ${parts.map((p, i) => `(${i + 1}) «${p.claim.figure.text}» ${VERDICT_ES[p.verdict].toLowerCase()}`).join('; ')}. La afirmación toma el veredicto de su parte más débil.`,
            ...parts.map((p, i) => `(${i + 1}) ${p.explanation}`),
          ].join('\n')
        : [
            `${parts.length} parts: ${parts.map((p, i) => `(${i + 1}) "${p.claim.figure.text}" ${p.verdict.replace('_', ' ')}`).join('; ')}. The statement takes the verdict of its weakest part.`,
            ...parts.map((p, i) => `(${i + 1}) ${p.explanation}`),
          ].join('\n')
      : (parts[0]?.explanation ?? ''),
    wouldDecide: undecided.length ? undecided.map((p) => p.wouldDecide).join('; ') : null,
  };
}

/** The statement date as YYYY-MM-DD; a malformed date is a RangeError naming it. */
export function isoDate(d: string | Date): string {
  if (typeof d === 'string') {
    if (!isCalendarDate(d))
      throw new RangeError(
        `the statement date must be a calendar date like 2023-03-15, not ${JSON.stringify(d)}`,
      );
    return d;
  }
  return d.toISOString().slice(0, 10);
}
