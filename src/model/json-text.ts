/**
 * JSON for programs: 64-bit integers (dollars, counts) are written as decimal strings so no
 * reader's float can round them; the document says so in `integers`.
 */
export function jsonText(value: object, indent?: number): string {
  return JSON.stringify(
    {
      ...value,
      integers:
        '64-bit integers (US dollars, counts) are JSON strings; other numbers are JSON numbers',
    },
    (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v),
    indent,
  );
}
