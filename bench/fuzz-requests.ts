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
  'San Ysidro',
  'El Paso',
  'New Mexico',
  'M%C3%A9xico',
  '%E2%80%AE%F0%9F%9A%9A',
  '%2e%2e%2f%2e%2e%2f',
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
  '/api/check',
  '/api/check/text',
  '/api/tariff/baseline',
  '/api/tariff/scenario',
  '/api/composition/{x}',
  '/api/waits/history/{x}',
  '/api/waits/profile/{x}',
  '/api/waits/compare/{x}',
  '/api/waits/now/{x}',
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
  'statement',
  'asOf',
  'lane',
  'from',
  'to',
  'at',
  'minHours',
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

export interface FuzzRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

/** Statements for the claim checker: real ones, mangled ones and hostile ones. */
const SENTENCES = [
  'In 2022 the US exported $324.4 billion of goods to Mexico.',
  'En 2022 México exportó 452 mil millones de dólares a Estados Unidos.',
  'Mexico was the largest trading partner of the US in 2023.',
  'Trucks crossing at Laredo rose 12% in 2024.',
  'Imports from Canada fell by half in 1985.',
  'Services trade with Mexico reached $60 billion.',
  'In 9999 the US exported $1e309 to Mexico.',
  'In -5 the US imported NaN dollars from Atlantis.',
  '\u0000\u202e 2022 $324.4 billion 😀',
  '- 2022: $324.4 billion of exports to Mexico',
];

/** Tariff scenarios: the example, hostile variants of it, YAML bombs and broken documents. */
const SCENARIO = {
  year: 2024,
  layers: [{ partners: ['mexico'], ratePct: 25, exempt: ['usmca_claimed'] }],
};
const BOMB =
  'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n' +
  'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n';

function scenarioBody(rnd: () => number, pick: <T>(xs: readonly T[]) => T): FuzzRequest {
  const json = (v: unknown): FuzzRequest => ({
    method: 'POST',
    path: '/api/tariff/scenario',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(v),
  });
  const yaml = (text: string): FuzzRequest => ({
    method: 'POST',
    path: '/api/tariff/scenario',
    headers: { 'content-type': 'application/yaml' },
    body: text,
  });
  const hostile = pick(HOSTILE);
  switch (Math.floor(rnd() * 12)) {
    case 0:
      return yaml(BOMB);
    case 1:
      return yaml('['.repeat(8000) + ']'.repeat(8000));
    case 2:
      return yaml(`layers: *${hostile.replace(/\W/g, '') || 'x'}\n`);
    case 3:
      return yaml(
        `year: 2024\nlayers:\n  - partners: [${JSON.stringify(hostile)}]\n    ratePct: 25\n`,
      );
    case 4:
      return json({ ...SCENARIO, year: pick([2024, 1e309, -1, '2024', null, 2101]) });
    case 5:
      return json({ ...SCENARIO, layers: [{ partners: [hostile], ratePct: rnd() * 2000 - 500 }] });
    case 6:
      return json({ ...SCENARIO, layers: [{ products: { prefixes: [hostile] }, ratePct: 10 }] });
    case 7:
      return json({ ...SCENARIO, layers: Array(rnd() < 0.5 ? 0 : 13).fill(SCENARIO.layers[0]) });
    case 8:
      return { ...json(SCENARIO), body: '{"layers": [' };
    case 9:
      return {
        ...json(SCENARIO),
        headers: { 'content-type': pick(['text/plain', 'application/x-www-form-urlencoded', '']) },
      };
    case 10:
      return { ...json(SCENARIO), body: `{"layers": ${'['.repeat(20_000)}${']'.repeat(20_000)}}` };
    default:
      return {
        ...json(SCENARIO),
        body: '{"__proto__": {"layers": []}, "constructor": {"prototype": {"x": 1}}, "layers": []}',
      };
  }
}

function checkTextBody(rnd: () => number, pick: <T>(xs: readonly T[]) => T): FuzzRequest {
  const post = (body: string, type = 'application/json'): FuzzRequest => ({
    method: 'POST',
    path: '/api/check/text',
    headers: { 'content-type': type },
    body,
  });
  switch (Math.floor(rnd() * 8)) {
    case 0: // one sentence repeated to the size limit
      return post(
        JSON.stringify({ text: pick(SENTENCES).concat(' ').repeat(300).slice(0, 20_000) }),
      );
    case 1: // thousands of tiny statements
      return post(
        JSON.stringify({ text: Array.from({ length: 2000 }, (_, i) => `Mexico ${i}.`).join(' ') }),
      );
    case 2:
      return post(JSON.stringify({ text: pick(HOSTILE), asOf: pick(HOSTILE) }));
    case 3:
      return post(JSON.stringify({ text: 'x'.repeat(20_001) }));
    case 4:
      return post(pick(['{', 'null', '[]', '"text"', '{"text": 5}', '{"text": null}', '']));
    case 5:
      return post(
        JSON.stringify({ text: pick(SENTENCES) }),
        pick(['text/plain', 'application/yaml']),
      );
    default: {
      const n = 1 + Math.floor(rnd() * 3);
      const text = Array.from({ length: n }, () => `${pick(SENTENCES)} ${pick(HOSTILE)}`).join(
        '\n',
      );
      return post(JSON.stringify({ text, asOf: rnd() < 0.5 ? '2023-06-01' : undefined }));
    }
  }
}

/**
 * Hostile requests over every route: the GET paths above, claim texts and tariff scenarios
 * (JSON and YAML, alias bombs, deep nesting, malformed bodies), wrong methods, rebound Host
 * names and odd headers. Seeded, so a failure replays.
 */
export function fuzzRequests(count: number, seed = 42): FuzzRequest[] {
  const rnd = seededRandom(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const paths = fuzzPaths(count, seed + 1);
  return paths.map((path, i): FuzzRequest => {
    const r = rnd();
    if (r < 0.55) return { method: 'GET', path };
    if (r < 0.67) return checkTextBody(rnd, pick);
    if (r < 0.79) return scenarioBody(rnd, pick);
    if (r < 0.87)
      return {
        method: pick(['PUT', 'DELETE', 'PATCH', 'OPTIONS', 'POST', 'HEAD']),
        path,
        body: undefined,
      };
    if (r < 0.93)
      return {
        method: 'GET',
        path: `/api/check?statement=${encodeURIComponent(pick(SENTENCES))}&asOf=${pick(HOSTILE)}`,
      };
    return {
      method: 'GET',
      path: paths[(i * 7) % paths.length]!,
      headers: pick<Record<string, string>>([
        { 'if-none-match': headerBytes(pick(HOSTILE).slice(0, 200)) },
        { 'accept-encoding': 'gzip, deflate, br, zstd, *;q=0' },
        { 'x-forwarded-host': 'rebind.example', 'x-forwarded-for': '1.2.3.4' },
        { accept: headerBytes(pick(HOSTILE).slice(0, 200)) },
        { range: 'bytes=0-1,2-3' },
      ]),
    };
  });
}

/**
 * A hostile header as a raw client sends it: its UTF-8 bytes, one Latin-1 character each (fetch
 * refuses characters above 255 before sending, so the server would never see them), less the
 * NUL, CR and LF no HTTP client can put in a header.
 */
function headerBytes(text: string): string {
  return Buffer.from(text, 'utf8')
    .toString('latin1')
    .replace(/[\0\r\n]/g, '');
}

/**
 * Sends the requests with bounded concurrency; returns the count of each status, the 5xx
 * answers, and the requests that got no answer at all (`dropped`: the connection failed or
 * timed out — a server that crashes or hangs on a request shows here, not as a status) apart
 * from those the client itself refused to send (`unsent`: an invalid URL or header).
 */
export async function sendAll(
  base: string,
  requests: (string | FuzzRequest)[],
  concurrency = 16,
): Promise<{
  statuses: Map<number, number>;
  fivexx: string[];
  dropped: string[];
  unsent: string[];
}> {
  const statuses = new Map<number, number>();
  const fivexx: string[] = [];
  const dropped: string[] = [];
  const unsent: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const item = requests[next++]!;
      const req: FuzzRequest = typeof item === 'string' ? { method: 'GET', path: item } : item;
      const what = `${req.method} ${req.path.slice(0, 200)}`;
      try {
        const r = await fetch(base + req.path, {
          method: req.method,
          headers: req.headers,
          body: req.method === 'GET' || req.method === 'HEAD' ? undefined : req.body,
          redirect: 'manual',
          signal: AbortSignal.timeout(120_000),
        });
        await r.arrayBuffer();
        statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
        if (r.status >= 500) fivexx.push(`${r.status} ${what}`);
      } catch (e) {
        // undici says "fetch failed" (with the socket's error as cause) once a request was on
        // its way, and names the bad argument when it refused to build one.
        const err = e as Error & { cause?: Error };
        if (err.message === 'fetch failed' || err.name === 'TimeoutError')
          dropped.push(`${what}: ${err.cause?.message ?? err.message}`);
        else unsent.push(`${what}: ${err.message}`);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { statuses, fivexx, dropped, unsent };
}
