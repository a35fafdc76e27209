import type { Claim } from './claim.ts';
import { AFTER_WORDS, AHEAD_WORDS } from './claim-words.ts';
import { raw, type ParseContext } from './parse-context.ts';
import { resolveSubject } from './resolve-subject.ts';

/** "…, after Canada" / "ahead of China": the other partner's implied rank is a part too. */
export async function impliedRanks(ctx: ParseContext, part: Claim): Promise<Claim[]> {
  const { tokens, mentions } = ctx;
  const out: Claim[] = [];
  const rank = part.figure.value;
  for (const [words, shift] of [
    ...AFTER_WORDS.map((w) => [w, -1] as const),
    ...AHEAD_WORDS.map((w) => [w, 1] as const),
  ]) {
    for (let k = 0; k < tokens.length; k++) {
      if (!words.every((w, i) => tokens[k + i]?.norm === w)) continue;
      const m = mentions.find((x) => x.kind === 'partner' && x.start === k + words.length);
      if (!m || rank + shift < 1 || part.subject.kind !== 'partners') continue;
      out.push({
        ...part,
        subject: await resolveSubject(ctx.store, { kind: 'partners', mentions: [m] }),
        figure: { value: rank + shift, unit: 'rank', text: raw(ctx, k, m.end), step: null },
        qualifier: 'exact',
        text: raw(ctx, k, m.end),
      });
    }
  }
  return out;
}
