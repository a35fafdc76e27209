import type { Claim } from './claim.ts';
import { sentenceMeasure } from './choose-subject.ts';
import type { ParseContext } from './parse-context.ts';
import { clause, raw } from './parse-context.ts';
import { periodAt } from './parse-period.ts';
import { resolveSubject } from './resolve-subject.ts';

/**
 * "Otay Mesa handles more trucks than Nogales", "por Laredo cruzan más camiones que por El
 * Paso": two ports compared on a crossing measure, read as a ratio above (or below) one of the
 * two ports' counts, measured from the crossings table.
 */
export async function portComparison(ctx: ParseContext): Promise<Claim | null> {
  const { tokens, mentions } = ctx;
  const ports = mentions.filter((m) => m.kind === 'port');
  if (ports.length < 2) return null;
  const measure = sentenceMeasure(tokens, 'value');
  if (!measure) return null;
  for (let k = 0; k < tokens.length; k++) {
    const w = tokens[k]!.norm;
    const more = ['more', 'mas'].includes(w);
    if (!more && !['less', 'menos', 'fewer'].includes(w)) continue;
    for (let j = k + 1; j <= k + 6 && j < tokens.length; j++) {
      if (!['than', 'que'].includes(tokens[j]!.norm)) continue;
      const b = ports.find((m) => m.start > j && m.start <= j + 3);
      const a = [...ports].reverse().find((m) => m.end <= k) ?? ports.find((m) => m !== b);
      if (!a || !b || a === b) return null;
      const side = (m: typeof a) =>
        resolveSubject(ctx.store, { kind: 'port', mention: m, partner: undefined });
      return {
        kind: 'ratio',
        subject: await side(a),
        against: await side(b),
        againstFlow: null,
        flow: 'two_way',
        mirrored: false,
        balance: null,
        measure,
        period: periodAt(ctx.periods, k, j + 1),
        since: null,
        per: null,
        next: null,
        figure: { value: 1, unit: 'times', text: raw(ctx, k, j + 1), step: null },
        qualifier: more ? 'more_than' : 'less_than',
        text: clause(ctx, k, j + 1),
      };
    }
  }
  return null;
}
