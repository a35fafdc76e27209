import type { Store } from '../store/open-store.ts';
import type { Claim, ClaimKind, Figure, ParsedStatement, Qualifier, Subject } from './claim.ts';
import { ratioSubjects, sentenceMeasure, subjectFor } from './choose-subject.ts';
import { compositionClaim } from './composition-claim.ts';
import { detectLanguage } from './detect-language.ts';
import { flowAt, flowCues } from './detect-flow.ts';
import {
  downBefore,
  figureUnit,
  isSuperlative,
  kindOf,
  ratePer,
  sentenceRate,
} from './figure-kind.ts';
import { findQuantities, type Quantity } from './find-quantities.ts';
import { findSubjects, type Mention } from './find-subjects.ts';
import { groupComparison } from './group-comparison.ts';
import { impliedRanks } from './implied-ranks.ts';
import { clause, raw, type ParseContext } from './parse-context.ts';
import { findPeriods, periodAt, sinceYear } from './parse-period.ts';
import { portComparison } from './port-comparison.ts';
import { qualifierBefore } from './qualifier.ts';
import { scopeLimit } from './scope-limits.ts';
import { tokenize, type Token } from './tokenize.ts';
import { unresolvedNames } from './unresolved-names.ts';

/**
 * A statement to a structured claim: language, then figures, names, periods and flow words,
 * then one part per asserted figure with its kind, subject, flow, period and qualifier.
 */
export async function parseStatement(
  store: Store,
  text: string,
  opts: { asOf: Date },
): Promise<ParsedStatement> {
  const tokens = tokenize(text);
  const language = detectLanguage(tokens);
  const quantities = findQuantities(tokens, language);
  const mentions = await findSubjects(store, tokens);
  const periods = findPeriods(tokens, quantities, opts.asOf);
  const flows = flowCues(tokens, mentions, language);
  const ctx: ParseContext = { store, text, tokens, quantities, mentions, periods, flows };
  let parts = await buildParts(ctx);
  let outOfScope = scopeLimit(tokens, mentions);
  // An end-use share of one partner's trade is measured by the composition analytics.
  if (outOfScope?.limit === 'composition') {
    const c = await compositionClaim(ctx);
    if (c) {
      parts = [c];
      outOfScope = null;
    }
  }
  // A name no list knows: the figure is about it, never about the US total it would fall to.
  const names = unresolvedNames(tokens, mentions);
  if (!outOfScope && names.length > 0 && !parts.some((p) => p.subject.kind === 'unknown'))
    outOfScope = {
      limit: 'unknown_subject',
      topic: null,
      reason: `the statement names ${names.map((n) => `"${n}"`).join(', ')}, which no loaded code list (partners, US states, ports, Mexican states, Canadian provinces, products) knows`,
      wouldDecide:
        'statistics about that company, place or product; the loaded data are US goods trade by partner, state, port and product, and crossings',
      es: {
        reason: `la afirmación nombra ${names.map((n) => `«${n}»`).join(', ')}, que ninguna lista de códigos cargada (socios, estados de EE. UU., puertos, estados mexicanos, provincias canadienses, productos) conoce`,
        wouldDecide:
          'estadísticas de esa empresa, lugar o producto; los datos cargados son el comercio de bienes de EE. UU. por socio, estado, puerto y producto, y los cruces',
      },
    };
  // A Mexican state or Canadian province named beside a figure about something else (a
  // partner's total, the US): the figure is not about the whole it would be judged against.
  const region = mentions.find((m) => m.kind === 'region');
  if (
    !outOfScope &&
    region &&
    (parts.length === 0 || !parts.every((p) => p.subject.kind === 'region'))
  )
    outOfScope = {
      limit: 'unknown_subject',
      topic: null,
      reason: `the statement is about ${region.name}, a ${region.codes[0]!.startsWith('CA') ? 'Canadian province' : 'Mexican state'}, and the figure cannot be measured for it`,
      wouldDecide:
        'trade by Mexican state or Canadian province with the partner named (INEGI by destination, Statistics Canada by province)',
      es: {
        reason: `la afirmación trata de ${region.name}, ${region.codes[0]!.startsWith('CA') ? 'una provincia canadiense' : 'un estado mexicano'}, y la cifra no se puede medir para él`,
        wouldDecide:
          'el comercio por estado mexicano o provincia canadiense con el socio nombrado (INEGI por destino, Statistics Canada por provincia)',
      },
    };
  if (!outOfScope && parts.length === 0)
    outOfScope = {
      limit: 'no_figure',
      topic: null,
      reason: 'no checkable figure (a value, rate, growth, share, ratio or rank) was found',
      wouldDecide:
        'a statement with a number or a rank about US trade, a state, a port or a product',
      es: {
        reason:
          'no se encontró ninguna cifra verificable (un valor, una tasa, un crecimiento, una participación, una razón o un lugar)',
        wouldDecide:
          'una afirmación con una cifra o un lugar sobre el comercio de EE. UU., un estado, un puerto o un producto',
      },
    };
  return {
    kind: 'parsed-statement',
    text,
    language,
    asOf: opts.asOf.toISOString().slice(0, 10),
    parts,
    outOfScope,
  };
}

async function buildParts(ctx: ParseContext): Promise<Claim[]> {
  const { tokens, quantities } = ctx;
  const parts: Claim[] = [];
  const used = new Set<Quantity>();

  const group = groupComparison(ctx, used);
  if (group) parts.push(await group);

  for (const q of quantities) {
    if (used.has(q) || q.unit === 'year') continue;
    const kind = kindOf(ctx, q);
    if (!kind) continue;
    used.add(q);
    const { qualifier } =
      kind === 'rank' && q.unit === 'plain'
        ? { qualifier: 'at_most' as const }
        : qualifierBefore(tokens, q.start);
    let value = q.value;
    if (kind === 'growth_pct' && !q.growth && downBefore(tokens, q.start)) value = -value;
    if (kind === 'growth_usd' && downBefore(tokens, q.start)) value = -value;
    const figure: Figure = {
      value,
      unit: kind === 'rank' ? 'rank' : figureUnit(q),
      text: raw(ctx, q.start, q.end),
      step: kind === 'rank' ? null : q.step,
    };
    const part = await claimFor(ctx, kind, q.start, q.end, figure, qualifier, q.measure);
    if (part) {
      parts.push(part);
      if (kind === 'rank') parts.push(...(await impliedRanks(ctx, part)));
    }
  }

  // "Mexico buys more US goods than China": a ratio above one, said without a number.
  if (!parts.some((p) => p.kind === 'ratio' || p.kind === 'group_vs_next')) {
    const c = comparison(tokens, ctx.mentions);
    if (c) {
      const figure: Figure = {
        value: 1,
        unit: 'times',
        text: raw(ctx, c.start, c.than + 1),
        step: null,
      };
      const part = await claimFor(ctx, 'ratio', c.start, c.than + 1, figure, c.qualifier, null);
      if (part) parts.push(part);
    }
  }

  if (!parts.some((p) => p.kind === 'ratio' || p.kind === 'group_vs_next')) {
    const ports = await portComparison(ctx);
    if (ports) parts.push(ports);
  }

  // Superlatives without an ordinal: "the largest trading partner", "el principal socio".
  const ranked = quantities.filter((q) => used.has(q) && (q.unit === 'rank' || q.unit === 'plain'));
  for (let k = 0; k < tokens.length; k++) {
    if (!isSuperlative(tokens, k)) continue;
    if (ranked.some((q) => (q.end <= k + 1 ? k - q.end <= 5 : q.start - k <= 2))) continue;
    const figure: Figure = { value: 1, unit: 'rank', text: tokens[k]!.raw, step: null };
    const part = await claimFor(ctx, 'rank', k, k + 1, figure, 'exact', null);
    if (part) {
      parts.push(part);
      parts.push(...(await impliedRanks(ctx, part)));
    }
  }
  return parts;
}

/** "more … than <partner>", "más … que <partner>", "less … than": where, and which way. */
function comparison(
  tokens: Token[],
  mentions: Mention[],
): { start: number; than: number; qualifier: Qualifier } | null {
  for (let k = 0; k < tokens.length; k++) {
    const w = tokens[k]!.norm;
    const more = ['more', 'mas'].includes(w);
    if (!more && !['less', 'menos', 'fewer'].includes(w)) continue;
    for (let j = k + 1; j <= k + 6 && j < tokens.length; j++) {
      if (!['than', 'que'].includes(tokens[j]!.norm)) continue;
      const next = mentions.find((m) => m.kind === 'partner' && m.start > j && m.start <= j + 3);
      const figureNext = tokens
        .slice(j + 1, j + 3)
        .some((t) => t.kind !== 'word' || t.norm === 'twice');
      if (next && !figureNext)
        return { start: k, than: j, qualifier: more ? 'more_than' : 'less_than' };
    }
  }
  return null;
}

async function claimFor(
  ctx: ParseContext,
  kind: ClaimKind,
  start: number,
  end: number,
  figure: Figure,
  qualifier: Qualifier,
  measure: string | null,
): Promise<Claim | null> {
  const { tokens } = ctx;
  let flowCue = flowAt(ctx.flows, start, tokens);
  const measureWord = measure ?? sentenceMeasure(tokens, kind);
  // A figure in a sentence with no word of trade (GDP, jobs, tariffs) is not a trade claim.
  if (!flowCue && !measureWord) return null;
  let against: Subject | null = null;
  let againstFlow: Claim['flow'] | null = null;
  let subject: Subject;
  if (kind === 'ratio') {
    const pair = await ratioSubjects(ctx, start, end);
    if (!pair) return null;
    [subject, against] = pair;
    // "imports from Canada were 1.5 times exports to China": each side has its flow, the
    // first said before the figure, the other between the figure and the other partner.
    const mine = ctx.flows.filter((c) => c.at < start).at(-1) ?? flowCue;
    const other = ctx.flows.filter((c) => c.at >= end && c.at < pair[2]).at(-1);
    if (mine) flowCue = mine;
    if (other && flowCue && other.flow !== flowCue.flow) againstFlow = other.flow;
  } else subject = await subjectFor(ctx, kind, start, measureWord);
  return {
    kind,
    subject,
    against,
    againstFlow,
    flow: flowCue?.flow ?? 'two_way',
    mirrored: flowCue?.mirrored === true,
    balance: flowCue?.balance ?? null,
    measure: measureWord,
    period: periodAt(ctx.periods, start, end),
    since: kind === 'growth_pct' || kind === 'growth_usd' ? sinceYear(ctx.periods) : null,
    per:
      kind === 'rate'
        ? (ratePer(tokens, end) ?? sentenceRate(tokens))
        : kind === 'value' || kind === 'per_capita' || kind === 'growth_pct'
          ? ratePer(tokens, end)
          : null,
    next: null,
    figure,
    qualifier,
    text: clause(ctx, start, end),
  };
}
