/** Splits a CSV header line into names (headers here have no embedded commas in quotes). */
export function headerOf(line: string): string[] {
  return line
    .replace(/\r$/, '')
    .split(',')
    .map((h) => h.trim().replace(/^"(.*)"$/, '$1'));
}

/**
 * How far a header is from the one a source expects. "close" (most names present) is still
 * recognised as that source, so the user hears "bad header: missing X" rather than
 * "unknown format".
 */
export function headerMatch(line: string, expected: readonly string[]): 'exact' | 'close' | 'none' {
  const actual = headerOf(line);
  if (actual.join('\u0000') === expected.join('\u0000')) return 'exact';
  const shared = expected.filter((h) => actual.includes(h)).length;
  return shared >= Math.ceil(expected.length * 0.6) && actual.length >= 3 ? 'close' : 'none';
}

export function headerProblem(file: string, line: string, expected: readonly string[]) {
  const actual = headerOf(line);
  const missing = expected.filter((h) => !actual.includes(h));
  const extra = actual.filter((h) => !expected.includes(h));
  return {
    code: 'bad-header' as const,
    file,
    line: 1,
    value: line.slice(0, 300),
    message: `header does not match: expected ${expected.join(',')} (missing: ${missing.join(', ') || 'none'}; unexpected: ${extra.join(', ') || 'none'}; order must match)`,
  };
}
