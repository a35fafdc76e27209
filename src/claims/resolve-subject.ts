import { CoverageError, LookupError } from '../analytics/lookup-error.ts';
import { resolvePartner, resolvePort, resolveProduct, resolveState } from './shared-analytics.ts';
import type { Store } from '../store/open-store.ts';
import type { PartnerRef, Subject } from './claim.ts';
import type { Mention } from './find-subjects.ts';

export type SubjectSpec =
  | { kind: 'partners'; mentions: Mention[] }
  | { kind: 'world' }
  | { kind: 'state' | 'port' | 'product'; mention: Mention; partner: Mention | undefined };

/**
 * A name found in the text to the subject the analytics layer knows, through its resolvers
 * (so a claim and `frontera profile` agree on what "México" or "Laredo" is). A name a resolver
 * rejects becomes an `unknown` subject carrying the resolver's message and candidates.
 */
export async function resolveSubject(store: Store, spec: SubjectSpec): Promise<Subject> {
  try {
    switch (spec.kind) {
      case 'world': {
        const w = await resolvePartner(store, '0015');
        return {
          kind: 'partners',
          partners: [{ code: w.code, name: 'World' }],
          mention: 'US total',
        };
      }
      case 'partners': {
        const partners: PartnerRef[] = [];
        for (const m of spec.mentions)
          for (const code of m.codes) {
            const p = await resolvePartner(store, code);
            if (!partners.some((x) => x.code === p.code))
              partners.push({ code: p.code, name: p.name.replace(/\s*\(.*\)$/, '') });
          }
        return {
          kind: 'partners',
          partners,
          mention: spec.mentions.map((m) => m.text).join(' + '),
        };
      }
      case 'state': {
        const s = await resolveState(store, spec.mention.codes[0]!);
        return {
          kind: 'state',
          code: s.code,
          name: s.name,
          partner: await partnerOf(store, spec.partner),
          mention: spec.mention.text,
        };
      }
      case 'port': {
        const p = await resolvePort(store, spec.mention.codes[0]!);
        const partner =
          (await partnerOf(store, spec.partner)) ??
          (p.border === 'mexico'
            ? { code: '2010', name: 'Mexico' }
            : p.border === 'canada'
              ? { code: '1220', name: 'Canada' }
              : null);
        return { kind: 'port', code: p.code, name: p.name, partner, mention: spec.mention.text };
      }
      case 'product': {
        const p = await resolveProduct(store, spec.mention.codes[0]!);
        return {
          kind: 'product',
          code: p.code,
          description: p.description,
          partner: await partnerOf(store, spec.partner),
          mention: spec.mention.text,
        };
      }
    }
  } catch (e) {
    if (e instanceof LookupError || e instanceof CoverageError)
      return {
        kind: 'unknown',
        mention: 'mention' in spec ? spec.mention.text : '',
        message: e.message,
      };
    throw e;
  }
}

async function partnerOf(store: Store, m: Mention | undefined): Promise<PartnerRef | null> {
  if (!m || m.codes.length !== 1) return null;
  const p = await resolvePartner(store, m.codes[0]!);
  return { code: p.code, name: p.name.replace(/\s*\(.*\)$/, '') };
}
