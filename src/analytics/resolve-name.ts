import { foldName } from '../model/fold-name.ts';
import { editDistance } from './edit-distance.ts';
import { LookupError } from './lookup-error.ts';

export interface NamedEntry {
  code: string;
  name: string;
  /** Every other way people write it: codes, Spanish names, aliases. */
  keys: string[];
}

/**
 * Resolves what a person typed to one entry: exact code or key first (case and accents
 * ignored), then a unique word-prefix match; otherwise an error listing the closest entries.
 */
export function resolveName<T extends NamedEntry>(what: string, asked: string, entries: T[]): T {
  const q = foldName(asked);
  if (!q) throw new LookupError(what, asked, []);
  const exact = unique(entries.filter((e) => exactKeys(e).has(q)));
  if (exact.length === 1) return exact[0]!;
  if (exact.length > 1) throw new LookupError(what, asked, exact.slice(0, 8), true);
  const words = (s: string) => foldName(s).split(' ');
  const prefix = unique(
    entries.filter((e) =>
      [e.name, ...e.keys].some((k) => {
        const f = foldName(k);
        return (
          f.startsWith(q) ||
          words(k).some((w) => w.startsWith(q) && q.length >= 3) ||
          (q.length >= 4 && f.includes(q))
        );
      }),
    ),
  );
  if (prefix.length === 1) return prefix[0]!;
  if (prefix.length > 1) throw new LookupError(what, asked, prefix.slice(0, 8), true);
  const scored = entries
    .map((e) => ({
      e,
      d: Math.min(...[e.name, ...e.keys].map((k) => editDistance(foldName(k), q))),
    }))
    .sort((a, b) => a.d - b.d)
    .slice(0, 5)
    .map((s) => s.e);
  throw new LookupError(what, asked, scored);
}

/**
 * An entry's code, name and keys folded, kept per entry object: directories are memoised per
 * store, so a server folds each name once rather than on every request.
 */
const folded = new WeakMap<NamedEntry, Set<string>>();
function exactKeys(e: NamedEntry): Set<string> {
  let keys = folded.get(e);
  if (!keys) {
    keys = new Set([e.code, e.name, ...e.keys].map(foldName));
    folded.set(e, keys);
  }
  return keys;
}

function unique<T extends NamedEntry>(xs: T[]): T[] {
  const seen = new Map<string, T>();
  for (const x of xs) if (!seen.has(x.code)) seen.set(x.code, x);
  return [...seen.values()];
}
