/**
 * A source that could not be synced: names the source, the URL (API keys masked) and the
 * cause in words — an HTTP status with the publisher's own message, a time-out, a reset, a
 * body cut short, an HTML page where JSON was expected.
 */
export class SyncError extends Error {
  readonly source: string;
  readonly url: string;
  readonly reason: string;
  /** A fault worth trying again (network, 429, 5xx, a body cut short, a stray HTML page). */
  readonly retryable: boolean;
  /** The request's whole time allowance (`requestTimeoutMs`) is spent: no further attempt. */
  readonly outOfTime: boolean;

  constructor(source: string, url: string, reason: string, retryable = false, outOfTime = false) {
    const shown = maskUrl(url);
    super(`${source}: ${shown}: ${reason}`);
    this.name = 'SyncError';
    this.source = source;
    this.url = shown;
    this.reason = reason;
    this.retryable = retryable;
    this.outOfTime = outOfTime;
  }
}

/** The keyless daily allowance of a source is used up; what is left is done on a later run. */
export class QuotaExhausted extends Error {
  readonly source: string;
  constructor(source: string, used: number, limit: number, day: string) {
    super(
      `${source}: stopped before exceeding the keyless daily quota (${used} of ${limit} calls used on ${day}, UTC)`,
    );
    this.name = 'QuotaExhausted';
    this.source = source;
  }
}

/** API keys never appear in messages, reports or the request ledger. */
export function maskUrl(url: string): string {
  return url.replace(/([?&](?:key|api_key)=)[^&#]*/gi, '$1…');
}
