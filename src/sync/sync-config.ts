import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { z } from 'zod';
import { InputError } from '../model/input-error.ts';
import type { RetryPolicy } from './fetch-with-retry.ts';
import type { SyncSourceId } from './sync-source-ids.ts';

// The ids live in their own file so the CLI can list them in --help without loading zod.
export { isSyncSource, SYNC_SOURCES, type SyncSourceId } from './sync-source-ids.ts';

const url = z.url({ protocol: /^https?$/ });
const common = {
  baseUrl: url.optional(),
  concurrency: z.int().min(1).max(32).optional(),
  maxBodyBytes: z.int().min(1).optional(),
  maxInflatedBytes: z.int().min(1).optional(),
};

/**
 * `frontera.config.json` (in the working folder, or `--config PATH`). Every field is
 * optional; base URLs point a source at a mirror, a proxy or a local test server.
 */
const ConfigSchema = z.strictObject({
  cacheDir: z.string().optional(),
  concurrency: z.int().min(1).max(32).default(4),
  attempts: z.int().min(1).max(20).default(5),
  baseDelayMs: z.int().min(0).default(500),
  maxDelayMs: z.int().min(0).default(30_000),
  timeoutMs: z.int().min(1).default(30_000),
  idleTimeoutMs: z.int().min(1).default(30_000),
  totalTimeoutMs: z.int().min(1).default(600_000),
  maxRetryAfterMs: z.int().min(0).default(300_000),
  /** One request in all, every attempt and back-off included. */
  requestTimeoutMs: z.int().min(1).default(1_200_000),
  /** The largest response a source may send (each source may set its own). */
  maxBodyBytes: z
    .int()
    .min(1)
    .default(256 * 2 ** 20),
  /** The most a compressed response (or a ZIP's files) may expand to. */
  maxInflatedBytes: z
    .int()
    .min(1)
    .default(2 ** 30),
  sources: z
    .strictObject({
      'census-api': z
        .strictObject({ ...common, dailyLimit: z.int().min(1).default(500) })
        .default({ dailyLimit: 500 }),
      'census-country': z.strictObject(common).default({}),
      fred: z
        .strictObject({ ...common, series: z.array(z.string().regex(/^[A-Z0-9_]+$/)).optional() })
        .default({}),
      cbp: z.strictObject(common).default({}),
      'bts-crossings': z
        .strictObject({ ...common, pageSize: z.int().min(1).max(50_000).default(10_000) })
        .default({ pageSize: 10_000 }),
      'bts-transborder': z
        .strictObject({ ...common, indexPath: z.string().optional() })
        .default({}),
      'world-bank': z
        .strictObject({ ...common, perPage: z.int().min(1).max(32_500).default(20_000) })
        .default({ perPage: 20_000 }),
    })
    .default({
      'census-api': { dailyLimit: 500 },
      'census-country': {},
      fred: {},
      cbp: {},
      'bts-crossings': { pageSize: 10_000 },
      'bts-transborder': {},
      'world-bank': { perPage: 20_000 },
    }),
});

export type SyncConfig = z.infer<typeof ConfigSchema>;

export const DEFAULT_CONFIG: SyncConfig = ConfigSchema.parse({});

export function parseSyncConfig(raw: unknown, file = 'sync config'): SyncConfig {
  const r = ConfigSchema.safeParse(raw);
  if (r.success) return r.data;
  throw new InputError(
    r.error.issues.map((i) => ({
      code: 'bad-structure' as const,
      file,
      column: i.path.join('.') || undefined,
      message: i.message,
    })),
  );
}

/** `--config PATH`, else `frontera.config.json` in `cwd` if there is one, else defaults. */
export async function loadSyncConfig(path: string | undefined, cwd: string): Promise<SyncConfig> {
  const file = path ? resolve(path) : resolve(cwd, 'frontera.config.json');
  if (!path && !existsSync(file)) return DEFAULT_CONFIG;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new InputError([{ code: 'bad-structure', file, message: (e as Error).message }]);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new InputError([
      { code: 'bad-structure', file, message: `not valid JSON: ${(e as Error).message}` },
    ]);
  }
  return parseSyncConfig(raw, file);
}

/** The run's time-outs and retries, with a source's own size limits where it sets them. */
export function retryPolicy(c: SyncConfig, source?: SyncSourceId): RetryPolicy {
  const own: { maxBodyBytes?: number; maxInflatedBytes?: number } = source ? c.sources[source] : {};
  return {
    requestTimeoutMs: c.requestTimeoutMs,
    maxBodyBytes: own.maxBodyBytes ?? c.maxBodyBytes,
    maxInflatedBytes: own.maxInflatedBytes ?? c.maxInflatedBytes,
    attempts: c.attempts,
    baseDelayMs: c.baseDelayMs,
    maxDelayMs: c.maxDelayMs,
    timeoutMs: c.timeoutMs,
    idleTimeoutMs: c.idleTimeoutMs,
    totalTimeoutMs: c.totalTimeoutMs,
    maxRetryAfterMs: c.maxRetryAfterMs,
  };
}
