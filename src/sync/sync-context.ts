import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../model/input-error.ts';
import { SOURCES } from '../sources/registry.ts';
import { ingestFile, type IngestOutcome } from '../store/ingest-file.ts';
import type { Store } from '../store/open-store.ts';
import type { CallQuota } from './call-quota.ts';
import { bodyExcerpt, type Expect } from './check-body.ts';
import type { Limiter } from './concurrency-limit.ts';
import { fetchWithRetry, type HttpIO, type RetryPolicy } from './fetch-with-retry.ts';
import { exists, type ResponseCache } from './response-cache.ts';
import type { SerialQueue } from './serial-queue.ts';
import type { SyncConfig, SyncSourceId } from './sync-config.ts';
import { maskUrl, QuotaExhausted, SyncError } from './sync-error.ts';
import type { SyncLedger } from './sync-ledger.ts';

export type HsLevel = 'HS2' | 'HS4' | 'HS6' | 'HS10';

/** What the user asked of this run. */
export interface SyncOptions {
  /** YYYY-MM: the first month to fetch (each source has its own default). */
  since?: string;
  /** Census partner codes, and `all` for every partner at HS2. */
  partners?: string[];
  levels?: HsLevel[];
  /** Download again even what the cache holds and is still fresh. */
  refresh: boolean;
  censusKey?: string;
  /**
   * `watch cbp`: a folder where each pull is also kept as the publisher sent it, named by the
   * pull time in UTC as CBP's recorded history is (`bwtnew-2026-01-18_12-04-07.json`), and
   * loaded from there, so a watch folder and `cbp/bwt-history/` are one format.
   */
  keepDir?: string;
}

export interface SyncProgress {
  kind: 'sync-progress';
  source: SyncSourceId;
  planned: number;
  done: number;
}

export interface SyncIO extends HttpIO {
  onProgress?: (p: SyncProgress) => void;
}

export interface SourceReport {
  kind: 'sync-source-report';
  source: SyncSourceId;
  baseUrl: string;
  requests: {
    planned: number;
    downloaded: number;
    cached: number;
    empty: number;
    notFound: number;
    failed: number;
  };
  files: {
    path: string;
    status: 'loaded' | 'unchanged';
    series: string;
    vintage: string;
    rows: Record<string, number>;
  }[];
  errors: { source: string; url: string; reason: string; message: string }[];
  notes: string[];
  quota?: { day: string; used: number; limit: number | null; stopped: boolean };
}

export interface GetRequest {
  /** The request's identity in the ledger and in messages: no secrets in it. */
  url: string;
  /** What is actually fetched, when it differs (an API key added). */
  fetchUrl?: string;
  expect: Expect;
  /** A cached response younger than this is used as it is. */
  maxAgeMs: number;
  /** File extension of the cached body (default: from `expect`). */
  ext?: string;
  /** 204 means "no data for this query" (Census), not an error. */
  allowEmpty?: boolean;
  /** 404 means "not published yet" (a month BTS has not released), not an error. */
  allowNotFound?: boolean;
}

export type Fetched =
  | { kind: 'body'; path: string; sha256: string; fresh: boolean }
  | { kind: 'empty' }
  | { kind: 'not-found' };

interface Deps {
  store: Store;
  serial: SerialQueue;
  ledger: SyncLedger;
  cache: ResponseCache;
  io: SyncIO;
  policy: RetryPolicy;
  limiter: Limiter;
  quota?: CallQuota;
}

/**
 * Everything a connector needs for one source: cached, ledgered, retried downloads; the same
 * `ingestFile` as file ingest (one transaction per response); and a report of what happened.
 * Connectors plan requests and interpret responses; they never touch HTTP or SQL themselves.
 */
export class SyncContext {
  private readonly r: SourceReport;

  constructor(
    readonly source: SyncSourceId,
    readonly baseUrl: string,
    readonly options: SyncOptions,
    readonly config: SyncConfig,
    private readonly deps: Deps,
  ) {
    this.r = {
      kind: 'sync-source-report',
      source,
      baseUrl: maskUrl(baseUrl),
      requests: { planned: 0, downloaded: 0, cached: 0, empty: 0, notFound: 0, failed: 0 },
      files: [],
      errors: [],
      notes: [],
    };
  }

  now(): Date {
    return this.deps.io.now();
  }

  /** `base` + path, the path taken as given (publishers' query strings are kept verbatim). */
  url(path: string): string {
    return `${this.baseUrl.replace(/\/+$/, '')}${path}`;
  }

  async get(req: GetRequest): Promise<Fetched> {
    const { ledger, cache, io, quota } = this.deps;
    const key = `${this.source} ${maskUrl(req.url)}`;
    const ext = req.ext ?? req.expect;
    const prior = ledger.get(key);
    const age = prior ? io.now().getTime() - prior.fetchedAt.getTime() : Infinity;
    if (prior && !this.options.refresh && age < req.maxAgeMs) {
      if (prior.outcome === 'empty') return this.count('empty', { kind: 'empty' });
      if (prior.outcome === 'not-found') return this.count('notFound', { kind: 'not-found' });
      const path = cache.pathOf(this.source, prior.sha256 ?? '', ext);
      if (prior.sha256 && (await exists(path))) {
        return this.count('cached', { kind: 'body', path, sha256: prior.sha256, fresh: false });
      }
    }
    const r = await this.deps.limiter(() =>
      fetchWithRetry(
        {
          source: this.source,
          url: req.fetchUrl ?? req.url,
          expect: req.expect,
          beforeAttempt: quota ? () => quota.take() : undefined,
          spoolDir: cache.spoolDir,
        },
        this.deps.policy,
        io,
      ),
    );
    const entry = {
      key,
      source: this.source,
      url: maskUrl(req.url),
      sha256: null,
      bytes: null,
      contentType: r.contentType || null,
      fetchedAt: io.now(),
    };
    if (r.status === 204 && req.allowEmpty) {
      await ledger.put({ ...entry, outcome: 'empty' });
      return this.count('empty', { kind: 'empty' });
    }
    if (r.status === 404 && req.allowNotFound) {
      await ledger.put({ ...entry, outcome: 'not-found' });
      return this.count('notFound', { kind: 'not-found' });
    }
    if (r.status < 200 || r.status >= 300 || r.status === 204) {
      const what =
        r.status === 204 ? 'an empty response (no data)' : bodyExcerpt(r.body, r.contentType);
      throw new SyncError(this.source, req.url, `HTTP ${r.status} ${r.statusText}: ${what}`);
    }
    const { sha256, path } = await cache.adopt(this.source, r.file!, r.sha256!, ext);
    await ledger.put({ ...entry, outcome: 'body', sha256, bytes: r.bytes });
    return this.count('downloaded', { kind: 'body', path, sha256, fresh: true });
  }

  /**
   * Copies a response body into `dir` named `<prefix>-YYYY-MM-DD_HH-MM-SS<ext>` by the pull
   * time in UTC; a second pull in the same second gets `_2`, `_3` … unless it is the same bytes.
   */
  async keep(path: string, dir: string, prefix: string, ext: string): Promise<string> {
    await mkdir(dir, { recursive: true });
    const stamp = this.now().toISOString().slice(0, 19).replace('T', '_').replaceAll(':', '-');
    const body = await readFile(path);
    for (let n = 1; ; n++) {
      const name = join(dir, `${prefix}-${stamp}${n > 1 ? `_${n}` : ''}${ext}`);
      try {
        await writeFile(name, body, { flag: 'wx' });
        return name;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
        if ((await readFile(name)).equals(body)) return name;
      }
    }
  }

  /** Writes a file built from responses (pages joined into one document) into the cache. */
  async save(body: Buffer, ext: string): Promise<string> {
    return (await this.deps.cache.put(this.source, body, ext)).path;
  }

  async saveDerived(parentSha: string, name: string, body: Uint8Array): Promise<string> {
    return this.deps.cache.putDerived(this.source, parentSha, name, body);
  }

  /** The most a compressed download or a ZIP's files may expand to, for this source. */
  get maxInflatedBytes(): number {
    return this.deps.policy.maxInflatedBytes;
  }

  /**
   * Loads one cached response through the registry's readers, in one transaction. A response
   * the readers reject is reported (source, URL, the problems found) and the sync goes on;
   * the responses it was built from (`from`, default `url`) are forgotten by the ledger, so
   * the next run downloads them again instead of reusing what was rejected.
   */
  async ingest(
    path: string,
    url: string,
    from: string[] = [url],
  ): Promise<IngestOutcome | undefined> {
    const { store, serial, io } = this.deps;
    return serial(async () => {
      try {
        const o = await ingestFile(store, path, SOURCES, { now: io.now });
        this.r.files.push({
          path: o.path,
          status: o.status,
          series: o.series,
          vintage: o.vintage,
          rows: o.rows,
        });
        return o;
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        const first = e.message.split('\n').slice(0, 4).join('; ');
        this.fail(new SyncError(this.source, url, `the response could not be loaded: ${first}`));
        for (const u of from) this.reject(u);
        return undefined;
      }
    });
  }

  /**
   * Records a failed request; the connector goes on with the others. A response that was
   * fetched (or reused) and then judged bad is forgotten, never reused from the cache.
   */
  fail(e: unknown): void {
    if (e instanceof QuotaExhausted) throw e;
    const err =
      e instanceof SyncError
        ? e
        : new SyncError(this.source, this.baseUrl, String((e as Error)?.message ?? e));
    this.reject(err.url);
    this.r.requests.failed++;
    this.r.errors.push({
      source: err.source,
      url: err.url,
      reason: err.reason,
      message: err.message,
    });
  }

  /** Forgets the ledger's entry for a request whose response was rejected (URL masked or not). */
  reject(url: string): void {
    const shown = maskUrl(url.replace(/#.*$/, ''));
    const key = `${this.source} ${shown}`;
    if (this.deps.ledger.get(key)?.outcome !== 'body') return;
    void this.deps.ledger.forget(key).then(
      () =>
        this.note(
          `the rejected response from ${shown} is not kept: the next sync downloads it again`,
        ),
      (e: unknown) =>
        this.note(`could not forget the rejected response from ${shown}: ${String(e)}`),
    );
  }

  note(text: string): void {
    this.r.notes.push(text);
  }

  plan(n: number): void {
    this.r.requests.planned += n;
    this.progress();
  }

  report(): SourceReport {
    const q = this.deps.quota;
    if (q) {
      this.r.quota = {
        day: this.now().toISOString().slice(0, 10),
        used: q.usedToday(),
        limit: q.limit ?? null,
        stopped: this.r.quota?.stopped ?? false,
      };
    }
    return this.r;
  }

  stoppedByQuota(message: string): void {
    this.note(message);
    const q = this.deps.quota;
    this.r.quota = {
      day: this.now().toISOString().slice(0, 10),
      used: q?.usedToday() ?? 0,
      limit: q?.limit ?? null,
      stopped: true,
    };
  }

  private count<T>(what: 'downloaded' | 'cached' | 'empty' | 'notFound', value: T): T {
    this.r.requests[what]++;
    this.progress();
    return value;
  }

  private progress(): void {
    const q = this.r.requests;
    this.deps.io.onProgress?.({
      kind: 'sync-progress',
      source: this.source,
      planned: q.planned,
      done: q.downloaded + q.cached + q.empty + q.notFound + q.failed,
    });
  }
}
