import { HTTPException } from 'hono/http-exception';
import { ArgumentError } from '../analytics/argument-error.ts';
import { CoverageError, LookupError } from '../analytics/lookup-error.ts';
import { EngineRefusal } from '../store/engine-refusal.ts';

/** An error with the HTTP status it deserves and what the client can do about it. */
export class HttpError extends Error {
  readonly status: 400 | 404 | 405 | 413 | 421 | 500 | 501;
  readonly detail: Record<string, unknown>;
  constructor(status: HttpError['status'], message: string, detail: Record<string, unknown> = {}) {
    super(message);
    this.name = 'HttpError';
    this.status = status;
    this.detail = detail;
  }
}

/** Unknown names and uncovered periods are 404s with candidates or covered periods. */
export function toHttpError(e: unknown): HttpError {
  if (e instanceof HttpError) return e;
  if (e instanceof LookupError) {
    return new HttpError(404, e.message, {
      what: e.what,
      asked: e.asked,
      candidates: e.candidates.map((x) => ({ code: x.code, name: x.name })),
    });
  }
  if (e instanceof ArgumentError) return new HttpError(400, e.message, { parameter: e.parameter });
  if (e instanceof CoverageError) return new HttpError(404, e.message, { kind: 'not-covered' });
  // Served from ClickHouse, an analysis not compiled for it yet is refused, never guessed.
  if (e instanceof EngineRefusal)
    return new HttpError(501, e.message, { kind: 'not-on-engine', engine: e.engine });
  // Hono's own refusals (a malformed JSON body) are the client's error, with Hono's status.
  if (e instanceof HTTPException && e.status >= 400 && e.status < 500) {
    return new HttpError(e.status === 413 ? 413 : 400, e.message || 'malformed request');
  }
  return new HttpError(500, 'internal error');
}
