/**
 * The dashboard's only way to the data: requests to the HTTP API (GET, and POST for a tariff
 * scenario, which is a JSON body). Answers are kept for the life of the page (the server's data
 * cannot change while it runs).
 */
import type { AnswerOf, ApiPath } from './types.ts';

export type Params = Record<string, string | number | undefined | null>;

export class ApiError extends Error {
  readonly status: number;
  readonly candidates: { code: string; name: string }[];
  constructor(status: number, message: string, candidates: { code: string; name: string }[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.candidates = candidates;
  }
}

/** `/api/top/partners?year=2022`, with empty parameters left out. */
export function apiUrl(path: string, params: Params = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  }
  const qs = q.toString();
  return `/api/${path.replace(/^\//, '')}${qs ? `?${qs}` : ''}`;
}

/** A path segment from user text, escaped. */
export const seg = (v: string) => encodeURIComponent(v);

const cache = new Map<string, Promise<unknown>>();

export function apiGet<P extends ApiPath>(path: P, params: Params = {}): Promise<AnswerOf<P>> {
  const url = apiUrl(path, params);
  let p = cache.get(url) as Promise<AnswerOf<P>> | undefined;
  if (!p) {
    p = fetchJson<AnswerOf<P>>(url);
    cache.set(url, p);
    p.catch(() => cache.delete(url));
  }
  return p;
}

/** A POST of a JSON body (a tariff scenario), kept like a GET: keyed by URL and body. */
export function apiPost<P extends ApiPath>(
  path: P,
  body: unknown,
  params: Params = {},
): Promise<AnswerOf<P>> {
  const url = apiUrl(path, params);
  const json = JSON.stringify(body);
  const key = `POST ${url} ${json}`;
  let p = cache.get(key) as Promise<AnswerOf<P>> | undefined;
  if (!p) {
    p = fetchJson<AnswerOf<P>>(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: json,
    });
    cache.set(key, p);
    p.catch(() => cache.delete(key));
  }
  return p;
}

/** Like apiGet, but a 404 (unknown name, period not loaded) is `null` instead of an error. */
export async function apiFind<P extends ApiPath>(
  path: P,
  params: Params = {},
): Promise<AnswerOf<P> | null> {
  try {
    return await apiGet(path, params);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  }
}

async function fetchJson<T>(url: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(url, {
    ...init,
    headers: { accept: 'application/json', ...(init.headers as Record<string, string>) },
  });
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ApiError(res.status, `${res.status} ${res.statusText}`);
  }
  if (!res.ok) {
    const err = (
      body as { error?: { message?: string; candidates?: { code: string; name: string }[] } }
    ).error;
    throw new ApiError(res.status, err?.message ?? `${res.status}`, err?.candidates ?? []);
  }
  return body as T;
}
