import { bodyExcerpt, checkBody, type Expect, type HttpResponse } from './check-body.ts';
import { SyncError } from './sync-error.ts';

/** Effects of the network layer, passed in so tests run fast and deterministic. */
export interface HttpIO {
  fetch: typeof globalThis.fetch;
  sleep: (ms: number) => Promise<void>;
  now: () => Date;
  /** In [0, 1): the jitter of back-off delays. */
  random: () => number;
}

export const realHttpIO = (): HttpIO => ({
  fetch: globalThis.fetch,
  sleep: (ms) => new Promise((done) => setTimeout(done, ms)),
  now: () => new Date(),
  random: Math.random,
});

export interface RetryPolicy {
  /** Tries in all, the first one included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Until the response headers arrive. */
  timeoutMs: number;
  /** The longest silence while the body arrives: a stalled response is abandoned. */
  idleTimeoutMs: number;
  /** The whole of one attempt, however steadily it trickles. */
  totalTimeoutMs: number;
  /** A Retry-After longer than this is not waited for: the request fails saying so. */
  maxRetryAfterMs: number;
}

export interface FetchRequest {
  source: string;
  url: string;
  expect: Expect;
  /** Called before each attempt: a quota that is used up throws here, before any call. */
  beforeAttempt?: () => void;
  /** Called after each failed attempt, for progress and tests. */
  onRetry?: (reason: string, delayMs: number) => void;
}

/**
 * One GET with time-outs on every attempt and retries, with exponential back-off and jitter,
 * on network errors, 408/425/429 and 5xx (honouring Retry-After), bodies cut short and stray
 * HTML pages. Returns a checked 2xx response, or any other status for the caller to judge
 * (204 "no data", 404 "not published yet", 400 "bad query"); throws a SyncError naming the
 * source, the URL and the last cause once the attempts are spent.
 */
export async function fetchWithRetry(
  req: FetchRequest,
  policy: RetryPolicy,
  io: HttpIO,
): Promise<HttpResponse> {
  let reason = 'no attempt made';
  for (let attempt = 1; attempt <= policy.attempts; attempt++) {
    req.beforeAttempt?.();
    let wait: number | undefined;
    try {
      const r = await attemptOnce(req, policy, io);
      if (r.status === 408 || r.status === 425 || r.status === 429 || r.status >= 500) {
        reason = `HTTP ${r.status} ${r.statusText}: ${bodyExcerpt(r.body, r.contentType)}`.trim();
        wait = retryAfterMs(r, io.now());
        if (wait !== undefined && wait > policy.maxRetryAfterMs) {
          throw new SyncError(
            req.source,
            req.url,
            `${reason}; the server asks to retry after ${Math.round(wait / 1000)} s, longer than the ${Math.round(policy.maxRetryAfterMs / 1000)} s allowed`,
          );
        }
      } else if (r.status >= 200 && r.status < 300 && r.status !== 204) {
        checkBody(req.source, r, req.expect);
        return r;
      } else {
        return r;
      }
    } catch (e) {
      if (e instanceof SyncError && !e.retryable) throw e;
      if (!(e instanceof SyncError) && !isNetworkFault(e)) throw e;
      reason = e instanceof SyncError ? e.reason : describeFault(e);
    }
    if (attempt === policy.attempts) break;
    const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
    // Equal jitter: half the back-off fixed, half random, so clients do not retry in step.
    const delay = wait ?? Math.round(backoff / 2 + (backoff / 2) * io.random());
    req.onRetry?.(reason, delay);
    await io.sleep(delay);
  }
  const tries = policy.attempts === 1 ? '1 attempt' : `${policy.attempts} attempts`;
  throw new SyncError(req.source, req.url, `gave up after ${tries}: ${reason}`);
}

/** One request: headers within `timeoutMs`, then no silence longer than `idleTimeoutMs`. */
async function attemptOnce(
  req: FetchRequest,
  policy: RetryPolicy,
  io: HttpIO,
): Promise<HttpResponse> {
  const abort = new AbortController();
  let timedOut: string | undefined;
  const arm = (ms: number, why: string) =>
    setTimeout(() => {
      timedOut = why;
      abort.abort(new Error(why));
    }, ms);
  const total = arm(
    policy.totalTimeoutMs,
    `the response took longer than ${policy.totalTimeoutMs} ms in all`,
  );
  let idle = arm(policy.timeoutMs, `no response within ${policy.timeoutMs} ms (time-out)`);
  try {
    const res = await io.fetch(req.url, {
      signal: abort.signal,
      headers: { accept: ACCEPT[req.expect], 'user-agent': 'frontera-sync' },
    });
    const chunks: Buffer[] = [];
    let bytes = 0;
    if (res.body) {
      const reader = res.body.getReader();
      for (;;) {
        clearTimeout(idle);
        idle = arm(
          policy.idleTimeoutMs,
          `the response stalled: nothing received for ${policy.idleTimeoutMs} ms`,
        );
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(Buffer.from(value));
        bytes += value.byteLength;
      }
    }
    const body = Buffer.concat(chunks, bytes);
    const declared = Number(res.headers.get('content-length') ?? Number.NaN);
    const encoded = (res.headers.get('content-encoding') ?? 'identity') !== 'identity';
    if (!encoded && Number.isFinite(declared) && declared !== body.length) {
      throw new SyncError(
        req.source,
        req.url,
        `the body was cut short: ${body.length} of ${declared} bytes (truncated)`,
        true,
      );
    }
    return {
      url: req.url,
      status: res.status,
      statusText: res.statusText,
      contentType: res.headers.get('content-type') ?? '',
      retryAfter: res.headers.get('retry-after') ?? undefined,
      body,
    };
  } catch (e) {
    if (timedOut) throw new SyncError(req.source, req.url, timedOut, true);
    throw e;
  } finally {
    clearTimeout(total);
    clearTimeout(idle);
  }
}

const ACCEPT: Record<Expect, string> = {
  json: 'application/json',
  csv: 'text/csv, text/plain;q=0.9',
  zip: 'application/zip, application/octet-stream;q=0.9',
  html: 'text/html',
};

/** Seconds, or an HTTP date; absent or unreadable means "use the back-off". */
function retryAfterMs(r: HttpResponse, now: Date): number | undefined {
  const raw = r.retryAfter?.trim();
  if (!raw) return undefined;
  if (/^\d+$/.test(raw)) return Number(raw) * 1000;
  const at = Date.parse(raw);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}

function isNetworkFault(e: unknown): boolean {
  return e instanceof TypeError || (e instanceof Error && e.name === 'AbortError');
}

/** undici reports "fetch failed" / "terminated" and puts the socket's own error in `cause`. */
function describeFault(e: unknown): string {
  const err = e as Error & { cause?: { code?: string; message?: string } };
  const code = err.cause?.code ? `${err.cause.code}: ` : '';
  const detail = err.cause?.message ?? err.message;
  if (err.message === 'terminated') {
    return `the connection closed before the body was complete (truncated): ${code}${detail}`;
  }
  if (/ECONNRESET|other side closed|socket hang up/i.test(`${code}${detail}`)) {
    return `the connection was reset (${code}${detail})`;
  }
  return `network error: ${code}${detail}`;
}
