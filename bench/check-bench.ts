import { checkText } from '../src/claims/check-text.ts';
import type { Store } from '../src/store/open-store.ts';

const PARTNERS = [
  'Mexico',
  'Canada',
  'China',
  'Japan',
  'Germany',
  'Vietnam',
  'South Korea',
  'India',
];
const FLOWS = [
  (p: string, y: number, v: string) => `In ${y} the US exported $${v} billion of goods to ${p}.`,
  (p: string, y: number, v: string) => `US imports from ${p} were $${v} billion in ${y}.`,
  (p: string, y: number, v: string) => `The trade deficit with ${p} reached $${v} billion in ${y}.`,
  (p: string, y: number) => `${p} was the third largest trading partner of the US in ${y}.`,
  (p: string, y: number, v: string) =>
    `En ${y} Estados Unidos exportó ${v} mil millones de dólares a ${p}.`,
  (p: string, y: number) => `Exports to ${p} grew 7% in ${y} compared with the year before.`,
];

/**
 * An article of distinct statements, about `chars` long: partners, years, flows and figures
 * vary so every sentence is its own check (repeated sentences are checked once).
 */
export function benchArticle(chars: number): { text: string; statements: number } {
  const out: string[] = [];
  let length = 0;
  for (let i = 0; length < chars; i++) {
    const s = FLOWS[i % FLOWS.length]!(
      PARTNERS[Math.floor(i / FLOWS.length) % PARTNERS.length]!,
      2002 + (i % 21),
      (50 + ((i * 37) % 400) + 0.1 * (i % 10)).toFixed(1),
    );
    if (length + s.length + 1 > chars) break;
    out.push(s);
    length += s.length + 1;
  }
  return { text: out.join(' '), statements: out.length };
}

/**
 * The claim checker's cost per statement over a 5 KB and a 20 KB article on the whole
 * bundle: statements per second should be about the same (near-linear cost).
 */
export async function benchCheckText(store: Store): Promise<void> {
  console.log('\nClaim checker: distinct statements of an article, checkText on the whole bundle');
  for (const chars of [5_000, 20_000]) {
    const { text, statements } = benchArticle(chars);
    const t = performance.now();
    const r = await checkText(store, text, { asOf: '2024-06-01' });
    const s = (performance.now() - t) / 1000;
    console.log(
      `  ${(chars / 1000).toFixed(0).padStart(2)} KB article, ${String(statements).padStart(3)} statements : ${s.toFixed(1)} s, ${(statements / s).toFixed(1)} statements/s (${r.checks.length} checked)`,
    );
  }
}
