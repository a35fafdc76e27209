/**
 * Years as runs, "1996–2018" or "2019, 2021–2023": a coverage message lists twenty-odd years
 * of a DataWeb series without drowning the years that matter.
 */
export function yearSpans(years: readonly number[]): string {
  const sorted = [...new Set(years)].sort((a, b) => a - b);
  const runs: number[][] = [];
  for (const y of sorted) {
    const run = runs.at(-1);
    if (run && y === run.at(-1)! + 1) run.push(y);
    else runs.push([y]);
  }
  return runs.map((r) => (r.length === 1 ? String(r[0]) : `${r[0]}–${r.at(-1)}`)).join(', ');
}
