import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
  /**
   * One request, every attempt and back-off included: a server that answers slowly but never
   * stalls cannot hold a sync for `attempts` × `totalTimeoutMs`.
   */
  requestTimeoutMs: number;
  /** The most bytes a response may send (as sent, before any Content-Encoding is undone). */
  maxBodyBytes: number;
  /** The most bytes a response may decompress to (Content-Encoding gzip, deflate, br). */
  maxInflatedBytes: number;
}

/** 1536 → "1.5 KiB": limits in messages, in the unit a user sets them in. */
export function formatBytes(n: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return u === 0 ? `${n} bytes` : `${Number(v.toFixed(1))} ${units[u]} (${n} bytes)`;
}

export interface FetchRequest {
  source: string;
  url: string;
  expect: Expect;
  /** Called before each attempt: a quota that is used up throws here, before any call. */
  beforeAttempt?: () => void;
  /** Called after each failed attempt, for progress and tests. */
  onRetry?: (reason: string, delayMs: number) => void;
  /**
   * Where a body is written as it arrives (default: the system's temporary folder). Put it on
   * the same disk as the cache, so the caller can move the file there by renaming it.
   */
  spoolDir?: string;
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
  // Wall-clock time really spent (a monotonic clock, not io.now, which tests fix).
  const started = performance.now();
  const left = () => policy.requestTimeoutMs - (performance.now() - started);
  const outOfTime = (attempt: number) =>
    new SyncError(
      req.source,
      req.url,
      `gave up after ${attempt === 1 ? '1 attempt' : `${attempt} attempts`}: the request took longer than the ${policy.requestTimeoutMs} ms allowed in all (requestTimeoutMs); last cause: ${reason}`,
    );
  for (let attempt = 1; attempt <= policy.attempts; attempt++) {
    req.beforeAttempt?.();
    let wait: number | undefined;
    try {
      const r = await attemptOnce(req, policy, io, Math.max(1, left()));
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
        try {
          await checkBody(req.source, r, req.expect);
        } catch (e) {
          await discard(r);
          throw e;
        }
        return r;
      } else {
        return r;
      }
    } catch (e) {
      if (e instanceof SyncError && e.outOfTime) {
        reason = e.reason;
        throw outOfTime(attempt);
      }
      if (e instanceof SyncError && !e.retryable) throw e;
      if (!(e instanceof SyncError) && !isNetworkFault(e)) throw e;
      reason = e instanceof SyncError ? e.reason : describeFault(e);
    }
    if (attempt === policy.attempts) break;
    const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
    // Equal jitter: half the back-off fixed, half random, so clients do not retry in step.
    const delay = wait ?? Math.round(backoff / 2 + (backoff / 2) * io.random());
    if (delay >= left()) throw outOfTime(attempt);
    req.onRetry?.(reason, delay);
    await io.sleep(delay);
  }
  const tries = policy.attempts === 1 ? '1 attempt' : `${policy.attempts} attempts`;
  throw new SyncError(req.source, req.url, `gave up after ${tries}: ${reason}`);
}

/** A 2xx body kept on disk belongs to the caller; any other is dropped. */
async function discard(r: HttpResponse): Promise<void> {
  if (r.file) await unlink(r.file).catch(() => undefined);
}

/** Error bodies are read only this far: enough for the publisher's message. */
const EXCERPT_BYTES = 65_536;

/**
 * One request: headers within `timeoutMs`, then no silence longer than `idleTimeoutMs`, all
 * of it within `totalTimeoutMs` and the `budgetMs` the request has left. A 2xx body is
 * streamed to a file in `spoolDir` (hashed as it arrives), never held whole in memory, and
 * abandoned as soon as it passes `maxBodyBytes` or, when the server compressed it,
 * `maxInflatedBytes`.
 */
async function attemptOnce(
  req: FetchRequest,
  policy: RetryPolicy,
  io: HttpIO,
  budgetMs: number,
): Promise<HttpResponse> {
  const abort = new AbortController();
  let timedOut: { why: string; outOfTime: boolean } | undefined;
  const arm = (ms: number, why: string, outOfTime = false) =>
    setTimeout(() => {
      timedOut = { why, outOfTime };
      abort.abort(new Error(why));
    }, ms);
  const total =
    budgetMs < policy.totalTimeoutMs
      ? arm(budgetMs, `the request took longer than ${policy.requestTimeoutMs} ms in all`, true)
      : arm(
          policy.totalTimeoutMs,
          `the response took longer than ${policy.totalTimeoutMs} ms in all`,
        );
  let idle = arm(policy.timeoutMs, `no response within ${policy.timeoutMs} ms (time-out)`);
  let spool: string | undefined;
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  const tooBig = (why: string) => new SyncError(req.source, req.url, why);
  try {
    const res = await io.fetch(req.url, {
      signal: abort.signal,
      headers: { accept: ACCEPT[req.expect], 'user-agent': 'frontera-sync' },
    });
    const declared = Number(res.headers.get('content-length') ?? Number.NaN);
    const encoding = (res.headers.get('content-encoding') ?? 'identity').trim().toLowerCase();
    const encoded = encoding !== 'identity' && encoding !== '';
    const ok = res.status >= 200 && res.status < 300 && res.status !== 204;
    if (Number.isFinite(declared) && declared > policy.maxBodyBytes) {
      throw tooBig(
        `the response announces ${formatBytes(declared)}, more than the ${formatBytes(policy.maxBodyBytes)} allowed for this source (maxBodyBytes); nothing was downloaded`,
      );
    }
    const hash = createHash('sha256');
    const head: Buffer[] = [];
    let headBytes = 0;
    let bytes = 0;
    if (ok) {
      const dir = req.spoolDir ?? tmpdir();
      await mkdir(dir, { recursive: true });
      spool = join(dir, `${process.pid}.${randomBytes(6).toString('hex')}.partial`);
      handle = await open(spool, 'wx');
    }
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
        bytes += value.byteLength;
        if (!encoded && bytes > policy.maxBodyBytes) {
          await reader.cancel().catch(() => undefined);
          throw tooBig(
            `the response is larger than the ${formatBytes(policy.maxBodyBytes)} allowed for this source (maxBodyBytes); the download was stopped`,
          );
        }
        if (encoded && bytes > policy.maxInflatedBytes) {
          await reader.cancel().catch(() => undefined);
          throw tooBig(
            `the ${encoding}-compressed response decompresses to more than the ${formatBytes(policy.maxInflatedBytes)} allowed (maxInflatedBytes); the download was stopped`,
          );
        }
        if (headBytes < EXCERPT_BYTES) {
          head.push(Buffer.from(value.subarray(0, EXCERPT_BYTES - headBytes)));
          headBytes += Math.min(value.byteLength, EXCERPT_BYTES - headBytes);
        }
        if (handle) {
          hash.update(value);
          await handle.write(value);
        } else if (headBytes >= EXCERPT_BYTES) {
          // An error page: its start is the message; the rest is not worth waiting for.
          await reader.cancel().catch(() => undefined);
          break;
        }
      }
    }
    await handle?.close();
    handle = undefined;
    if (ok && !encoded && Number.isFinite(declared) && declared !== bytes) {
      throw new SyncError(
        req.source,
        req.url,
        `the body was cut short: ${bytes} of ${declared} bytes (truncated)`,
        true,
      );
    }
    const r: HttpResponse = {
      url: req.url,
      status: res.status,
      statusText: res.statusText,
      contentType: res.headers.get('content-type') ?? '',
      retryAfter: res.headers.get('retry-after') ?? undefined,
      body: Buffer.concat(head, headBytes),
      bytes,
    };
    if (ok) {
      r.file = spool;
      r.sha256 = hash.digest('hex');
      spool = undefined;
    }
    return r;
  } catch (e) {
    if (timedOut) throw new SyncError(req.source, req.url, timedOut.why, true, timedOut.outOfTime);
    throw e;
  } finally {
    clearTimeout(total);
    clearTimeout(idle);
    await handle?.close().catch(() => undefined);
    if (spool) await unlink(spool).catch(() => undefined);
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
