/** An unknown or ambiguous name: says what was asked and lists the closest candidates. */
export class LookupError extends Error {
  readonly what: string;
  readonly asked: string;
  readonly candidates: { code: string; name: string }[];
  constructor(
    what: string,
    asked: string,
    candidates: { code: string; name: string }[],
    ambiguous = false,
  ) {
    const list = candidates.map((c) => `${c.name} (${c.code})`).join(', ');
    super(
      ambiguous
        ? `${JSON.stringify(asked)} matches several ${what}s: ${list}; say which`
        : `unknown ${what} ${JSON.stringify(asked)}${list ? `; closest: ${list}` : ''}`,
    );
    this.name = 'LookupError';
    this.what = what;
    this.asked = asked;
    this.candidates = candidates;
  }
}

/** The asked period is not in the data: say which periods are, rather than print zero. */
export class CoverageError extends Error {
  constructor(what: string, asked: string, covered: string) {
    super(`${what} has no data for ${asked}; loaded data covers ${covered}`);
    this.name = 'CoverageError';
  }
}
