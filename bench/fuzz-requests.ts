/**
 * Random and hostile requests for the API: wrong types, huge numbers, SQL-looking strings,
 * path traversal, unicode, long strings — from a seeded generator, so a failure replays.
 */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HOSTILE = [
  "'; DROP TABLE source_file; --",
  "1' OR '1'='1",
  '../../../../etc/passwd',
  '..%2F..%2Fetc%2Fpasswd',
  '%00',
  '%',
  '%ZZ',
  '\u202e\u0000',
  '😀🚚🇲🇽',
  'México',
  'x'.repeat(5000),
  '-1',
  '1e309',
  '99999999999999999999999999',
  'NaN',
  'null',
  'undefined',
  '[]',
  '{"a":1}',
  '<script>alert(1)</script>',
  'SELECT * FROM crossings_all',
  ' ',
  '',
  '2010',
  'mexico',
  'canada',
  'TX',
  'laredo',
  '8703',
  'Trucks',
  '2022',
  '2015-01',
  'export',
];

const PATHS = [
  '/api/profile/partner/{x}',
  '/api/profile/state/{x}',
  '/api/profile/port/{x}',
  '/api/profile/product/{x}',
  '/api/series/{x}',
  '/api/revisions/{x}',
  '/api/top/partners',
  '/api/top/states',
  '/api/top/ports',
  '/api/top/products',
  '/api/compare',
  '/api/compare/group',
  '/api/map/ports',
  '/api/status',
  '/api/partners',
  '/openapi.json',
  '/{x}',
  '/api/{x}',
];

const PARAMS = [
  'year',
  'month',
  'limit',
  'metric',
  'flow',
  'partner',
  'partners',
  'measure',
  'border',
  'level',
  'format',
  'years',
  'vintage',
  'vintages',
  'next',
  'frequency',
  '{x}',
];

export function fuzzPaths(count: number, seed = 42): string[] {
  const rnd = seededRandom(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const value = () => (rnd() < 0.7 ? encodeURIComponent(pick(HOSTILE)) : pick(HOSTILE));
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    let path = pick(PATHS).replace('{x}', value());
    const n = Math.floor(rnd() * 4);
    const qs: string[] = [];
    for (let j = 0; j < n; j++) qs.push(`${pick(PARAMS).replace('{x}', value())}=${value()}`);
    if (qs.length) path += `?${qs.join('&')}`;
    out.push(path);
  }
  return out;
}

/** Sends the requests with bounded concurrency; returns the count of each status. */
export async function sendAll(
  base: string,
  paths: string[],
  concurrency = 16,
): Promise<{ statuses: Map<number, number>; fivexx: string[] }> {
  const statuses = new Map<number, number>();
  const fivexx: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < paths.length) {
      const path = paths[next++]!;
      let status: number;
      try {
        const r = await fetch(base + path, { redirect: 'manual' });
        await r.arrayBuffer();
        status = r.status;
      } catch {
        // A URL fetch itself refuses (invalid characters) never reached the server.
        status = 0;
      }
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      if (status >= 500) fivexx.push(`${status} ${path.slice(0, 200)}`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { statuses, fivexx };
}
