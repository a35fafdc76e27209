/** Splits a CSV header line into names (headers here have no embedded commas in quotes). */
export function headerOf(line: string): string[] {
  return line
    .replace(/\r$/, '')
    .split(',')
    .map((h) => h.trim().replace(/^"(.*)"$/, '$1'));
}
