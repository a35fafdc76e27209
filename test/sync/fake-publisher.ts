/**
 * A local stand-in for the publishers' APIs (127.0.0.1, port 0), serving each one's exact
 * format built here from the real bundle files, and injecting faults on demand. Never a
 * non-loopback address.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { DuckDBInstance } from '@duckdb/node-api';
import { zipSync } from 'fflate';
import { dataFile } from '../helpers.ts';

export type Fault =
  | 'http-500'
  | 'http-503-retry-after'
  | 'http-429'
  | 'slow'
  | 'stall-headers'
  | 'stall-body'
  | 'reset'
  | 'truncate'
  | 'truncate-clean'
  | 'wrong-type'
  | 'html-page';

export const FAULTS: Fault[] = [
  'http-500',
  'http-503-retry-after',
  'http-429',
  'slow',
  'stall-headers',
  'stall-body',
  'reset',
  'truncate',
  'truncate-clean',
  'wrong-type',
  'html-page',
];

export interface Served {
  path: string;
  url: string;
  attempt: number;
  fault?: Fault;
  status?: number;
}

export interface FakeOptions {
  /** The fault for this attempt at this URL (1 = first attempt), or none. */
  fault?: (url: string, attempt: number) => Fault | undefined;
  /** Delay before every answer, to make a sync take long enough to be killed. */
  delayMs?: number;
  /** Read once per process for each path: a file given here must not change afterwards. */
  crossingsCsv?: string;
  countryXlsx?: string;
  /** A variable the Census endpoints refuse, as for a retired variable. */
  censusRejects?: string;
  /** The World Bank answers with its error document instead of data. */
  worldBankError?: boolean;
  /**
   * Answers a request itself (a huge streamed body, a gzip bomb, a slow drip) when it returns
   * true; every other request gets the publisher's normal answer.
   */
  raw?: (req: IncomingMessage, res: ServerResponse) => boolean;
}

export interface FakePublisher {
  url: string;
  served: Served[];
  /** Requests being answered right now, and the most at once. */
  inFlight: { now: number; max: number };
  options: FakeOptions;
  /** CBP responses served in turn (the last one repeats): later readings of the same ports. */
  setBwtnew(bodies: string[]): void;
  setCountryXlsx(path: string): void;
  close(): Promise<void>;
}

/** A Socrata row: every field a string; `date` and the others always present. */
type Row = Record<string, string> & { date: string };

export function parseCsv(text: string): string[][] {
  const out: string[][] = [];
  for (const line of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    if (line === '' || line.startsWith('#')) continue;
    const cells: string[] = [];
    let cur = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const c = line[i]!;
      if (quoted) {
        if (c === '"' && line[i + 1] === '"') {
          cur += '"';
          i++;
        } else if (c === '"') quoted = false;
        else cur += c;
      } else if (c === '"') quoted = true;
      else if (c === ',') {
        cells.push(cur);
        cur = '';
      } else cur += c;
    }
    cells.push(cur);
    out.push(cells);
  }
  return out;
}

const MONTHS = 'JanFebMarAprMayJunJulAugSepOctNovDec';

/** The Border Crossing CSV as Socrata's JSON rows (strings; empty fields left out). */
export function socrataRows(csvPath: string): Row[] {
  const [header, ...lines] = parseCsv(readFileSync(csvPath, 'utf8'));
  const at = (h: string) => header!.indexOf(h);
  return lines.map((l) => {
    const [mon, year] = l[at('Date')]!.split(' ');
    const month = String(MONTHS.indexOf(mon!) / 3 + 1).padStart(2, '0');
    const r: Row = {
      port_name: l[at('Port Name')]!,
      state: l[at('State')]!,
      port_code: l[at('Port Code')]!,
      border: l[at('Border')]!,
      date: `${year}-${month}-01T00:00:00.000`,
      measure: l[at('Measure')]!,
      value: l[at('Value')]!,
    };
    if (l[at('Latitude')]) r.latitude = l[at('Latitude')]!;
    if (l[at('Longitude')]) r.longitude = l[at('Longitude')]!;
    return r;
  });
}

interface CensusRow {
  CTY_CODE: string;
  CTY_NAME: string;
  COMMODITY: string;
  time: string;
  VALUE: string;
  DUTY: string;
  STATE?: string;
  PORT?: string;
  PORT_NAME?: string;
}

/**
 * Census-API-shaped tables from real bundle data: national imports by HS (the December 2024
 * API extracts; their year-to-date figures stand in for the month), and state and port trade
 * by HS2 from the January 2015 TransBorder files (dot2, dot3), summed over modes.
 */
async function censusTables(): Promise<Record<string, CensusRow[]>> {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  const files = ['2010', '1220', '5700', '0003']
    .map(
      (p) => `'${dataFile(`census/api-extracts/imports-hs10-2024/2024-hs10-imports${p}.parquet`)}'`,
    )
    .join(', ');
  const hs10 = await c.runAndReadAll(
    `SELECT CTY_CODE, CTY_NAME, I_COMMODITY, CON_VAL_YR, CAL_DUT_YR FROM read_parquet([${files}])`,
  );
  c.closeSync();
  db.closeSync();
  const importsHs: CensusRow[] = [];
  const sums = new Map<string, CensusRow>();
  for (const [cty, name, code, value, duty] of hs10.getRowsJS() as string[][]) {
    for (const len of [2, 4, 6, 10]) {
      const key = `${cty}|${code!.slice(0, len)}`;
      const row = sums.get(key) ?? {
        CTY_CODE: cty!,
        CTY_NAME: name!,
        COMMODITY: code!.slice(0, len),
        time: '2024-12',
        VALUE: '0',
        DUTY: '0',
      };
      row.VALUE = String(BigInt(row.VALUE) + BigInt(value ?? '0'));
      row.DUTY = String(BigInt(row.DUTY) + BigInt(duty ?? '0'));
      sums.set(key, row);
    }
  }
  importsHs.push(...sums.values());
  const tb = (file: string, geo: string) => {
    const [header, ...lines] = parseCsv(
      readFileSync(dataFile(`bts/transborder/2015-01/${file}`), 'utf8'),
    );
    const at = (h: string) => header!.indexOf(h);
    const out: Record<'exports' | 'imports', Map<string, CensusRow>> = {
      exports: new Map(),
      imports: new Map(),
    };
    for (const l of lines) {
      const where = l[at(geo)]!;
      if (geo === 'DEPE' && !/^\d{4}$/.test(where)) continue;
      const dir = l[at('TRDTYPE')] === '1' ? 'exports' : 'imports';
      const cty = l[at('COUNTRY')]!;
      const key = `${where}|${cty}|${l[at('COMMODITY2')]}`;
      const row = out[dir].get(key) ?? {
        CTY_CODE: cty,
        CTY_NAME: cty === '2010' ? 'MEXICO' : 'CANADA',
        COMMODITY: l[at('COMMODITY2')]!,
        time: '2015-01',
        VALUE: '0',
        DUTY: '0',
        ...(geo === 'USASTATE' ? { STATE: where } : { PORT: where, PORT_NAME: `PORT ${where}` }),
      };
      row.VALUE = String(BigInt(row.VALUE) + BigInt(l[at('VALUE')]!));
      out[dir].set(key, row);
    }
    return { exports: [...out.exports.values()], imports: [...out.imports.values()] };
  };
  const state = tb('dot2_0115.csv', 'USASTATE');
  const port = tb('dot3_0115.csv', 'DEPE');
  const exportsHs = new Map<string, CensusRow>();
  for (const r of state.exports) {
    const key = `${r.CTY_CODE}|${r.COMMODITY}`;
    const row = exportsHs.get(key) ?? { ...r, STATE: undefined, VALUE: '0' };
    row.VALUE = String(BigInt(row.VALUE) + BigInt(r.VALUE));
    exportsHs.set(key, row);
  }
  return {
    'imports/hs': importsHs,
    'exports/hs': [...exportsHs.values()].map(({ STATE: _s, ...r }) => r),
    'exports/statehs': state.exports,
    'imports/statehs': state.imports,
    'exports/porths': port.exports,
    'imports/porths': port.imports,
  };
}

const KNOWN_VARIABLES = new Set([
  'CTY_CODE',
  'CTY_NAME',
  'E_COMMODITY',
  'I_COMMODITY',
  'ALL_VAL_MO',
  'ALL_VAL_YR',
  'GEN_VAL_MO',
  'CON_VAL_MO',
  'CAL_DUT_MO',
  'STATE',
  'PORT',
  'PORT_NAME',
  'COMM_LVL',
  'SUMMARY_LVL',
]);

/** The Census API's answer: 400 in plain text for a bad variable, 204 for no rows. */
async function census(
  tables: () => Promise<Record<string, CensusRow[]>>,
  name: string,
  q: URLSearchParams,
  rejects?: string,
): Promise<{ status: number; type: string; body: string }> {
  const get = (q.get('get') ?? '').split(',');
  const unknown = get.find((v) => !KNOWN_VARIABLES.has(v) || v === rejects);
  if (unknown)
    return { status: 400, type: 'text/plain', body: `error: unknown variable '${unknown}'` };
  const table = (await tables())[name] ?? [];
  const time = q.get('time') ?? '';
  const m = /^from (\d{4}-\d{2}) to (\d{4}-\d{2})$/.exec(time) ?? [time, time, time];
  const level = Number(q.get('COMM_LVL')?.slice(2) ?? 10);
  const rows = table.filter(
    (r) =>
      r.time >= m[1]! &&
      r.time <= m[2]! &&
      r.COMMODITY.length === level &&
      (!q.get('CTY_CODE') || r.CTY_CODE === q.get('CTY_CODE')) &&
      (q.get('SUMMARY_LVL') !== 'DET' || r.CTY_CODE >= '1000'),
  );
  if (rows.length === 0) return { status: 204, type: 'application/json', body: '' };
  // Filters come back as extra columns after the requested ones, as the real API does.
  const predicates = [...q.keys()].filter((k) => k !== 'get' && k !== 'key');
  const header = [...get, ...predicates];
  const cell = (r: CensusRow, v: string): string => {
    if (v === 'time') return r.time;
    if (v.endsWith('_COMMODITY')) return r.COMMODITY;
    if (/_VAL_/.test(v)) return r.VALUE;
    if (/_DUT_/.test(v)) return r.DUTY;
    if (v === 'COMM_LVL') return `HS${level}`;
    if (v === 'SUMMARY_LVL') return 'DET';
    return (r as unknown as Record<string, string>)[v] ?? '';
  };
  const out = [header, ...rows.map((r) => header.map((v) => cell(r, v)))];
  return { status: 200, type: 'application/json;charset=utf-8', body: JSON.stringify(out) };
}

function worldBank(q: URLSearchParams, rows: Record<string, string>[]): string {
  const per = Number(q.get('per_page') ?? 50);
  const page = Number(q.get('page') ?? 1);
  const pages = Math.ceil(rows.length / per);
  const slice = rows.slice((page - 1) * per, page * per).map((r) => ({
    indicator: { id: 'SP.POP.TOTL', value: 'Population, total' },
    country: { id: r.iso3!.slice(0, 2), value: r.name },
    countryiso3code: r.iso3,
    date: r.year,
    value: r.value === '' ? null : Number(r.value),
    unit: '',
    obs_status: '',
    decimal: 0,
  }));
  const meta = {
    page,
    pages,
    per_page: per,
    total: rows.length,
    sourceid: '2',
    lastupdated: '2025-07-01',
  };
  return JSON.stringify([meta, slice]);
}

/**
 * What every publisher serves from the same bundle files, built at most once per process
 * (a suite starts several publishers) and only when first asked for: the inputs never change
 * while the tests run, and each answer is built from them afresh.
 */
function once<T>(build: () => T): () => T {
  let value: { v: T } | undefined;
  return () => (value ??= { v: build() }).v;
}
const crossingsByCsv = new Map<string, Row[]>();
function crossingsFrom(csvPath: string): Row[] {
  let rows = crossingsByCsv.get(csvPath);
  if (!rows) crossingsByCsv.set(csvPath, (rows = socrataRows(csvPath)));
  return rows;
}
const sharedCensusTables = once(() => {
  const p = censusTables();
  p.catch(() => undefined);
  return p;
});
const sharedPopulation = once(() =>
  parseCsv(readFileSync(dataFile('reference/population/population.csv'), 'utf8'))
    .slice(1)
    .map(([name, iso3, year, value]) => ({ name: name!, iso3: iso3!, year: year!, value: value! })),
);
const sharedTransborderZip = once(() =>
  Buffer.from(
    zipSync({
      'TransBorder Raw Data/dot1_0115.csv': readFileSync(
        dataFile('bts/transborder/2015-01/dot1_0115.csv'),
      ),
      'TransBorder Raw Data/dot2_0115.csv': readFileSync(
        dataFile('bts/transborder/2015-01/dot2_0115.csv'),
      ),
      'TransBorder Raw Data/dot3_0115.csv': readFileSync(
        dataFile('bts/transborder/2015-01/dot3_0115.csv'),
      ),
    }),
  ),
);

interface Answer {
  status: number;
  type: string;
  body: string | Buffer;
}

/**
 * Answers that depend only on the bundle files and the request (the Census, Socrata and World
 * Bank queries), built once per process and served as the same bytes to every publisher that
 * is asked the same thing again: the syncs of a suite ask the same queries many times over.
 */
const answers = new Map<string, Promise<Answer>>();
function remembered(key: string, build: () => Answer | Promise<Answer>): Promise<Answer> {
  let a = answers.get(key);
  if (!a) {
    a = Promise.resolve()
      .then(build)
      .then((r) => ({ ...r, body: typeof r.body === 'string' ? Buffer.from(r.body) : r.body }));
    a.catch(() => answers.delete(key));
    answers.set(key, a);
  }
  return a;
}

export async function startFakePublisher(options: FakeOptions = {}): Promise<FakePublisher> {
  const crossingsCsv =
    options.crossingsCsv ??
    dataFile('bts/border-crossing/Border_Crossing_Entry_Data_2024_sample.csv');
  const crossings = crossingsFrom(crossingsCsv);
  const population = sharedPopulation();
  let bwtnew = [readFileSync(dataFile('cbp/bwtnew-2022-06-29.json'), 'utf8')];
  let bwtnewServed = 0;
  let countryXlsx = options.countryXlsx ?? dataFile('census/country-2023-03.xlsx');
  const attempts = new Map<string, number>();
  const served: Served[] = [];
  const inFlight = { now: 0, max: 0 };
  const sockets = new Set<Socket>();

  const route = async (req: IncomingMessage): Promise<Answer> => {
    const u = new URL(req.url ?? '/', 'http://127.0.0.1');
    const q = u.searchParams;
    const json = (v: unknown) => ({
      status: 200,
      type: 'application/json;charset=utf-8',
      body: JSON.stringify(v),
    });
    if (u.pathname === '/resource/keg4-3bc2.json') {
      return remembered(`crossings ${crossingsCsv} ${u.search}`, () => {
        const w = /date between '([^']+)' and '([^']+)'/.exec(q.get('$where') ?? '');
        const rows = w
          ? crossings.filter((r) => r.date.slice(0, 19) >= w[1]! && r.date.slice(0, 19) <= w[2]!)
          : crossings;
        if (q.get('$select') === 'count(*) AS n') return json([{ n: String(rows.length) }]);
        const offset = Number(q.get('$offset') ?? 0);
        return json(rows.slice(offset, offset + Number(q.get('$limit') ?? 1000)));
      });
    }
    const c = /^\/data\/timeseries\/intltrade\/(exports|imports)\/(hs|statehs|porths)$/.exec(
      u.pathname,
    );
    if (c) {
      const rejects = options.censusRejects;
      return remembered(`census ${rejects ?? ''} ${u.pathname}${u.search}`, () =>
        census(sharedCensusTables, `${c[1]}/${c[2]}`, q, rejects),
      );
    }
    if (u.pathname === '/api/bwtnew') {
      const body = bwtnew[Math.min(bwtnewServed++, bwtnew.length - 1)]!;
      return { status: 200, type: 'application/json', body };
    }
    if (u.pathname === '/v2/country/all/indicator/SP.POP.TOTL' && options.worldBankError) {
      const message = [
        { id: '120', key: 'Invalid value', value: 'The provided parameter value is not valid' },
      ];
      return json([{ message }]);
    }
    if (u.pathname === '/v2/country/all/indicator/SP.POP.TOTL') {
      return remembered(`world-bank ${u.search}`, () => ({
        status: 200,
        type: 'application/json;charset=utf-8',
        body: worldBank(q, population),
      }));
    }
    if (u.pathname === '/graph/fredgraph.csv') {
      const id = q.get('id') ?? '';
      try {
        return { status: 200, type: 'text/csv', body: readFileSync(dataFile(`fred/${id}.csv`)) };
      } catch {
        return {
          status: 404,
          type: 'text/html',
          body: '<html><head><title>Series Not Found</title></head></html>',
        };
      }
    }
    if (u.pathname === '/foreign-trade/balance/country.xlsx') {
      return {
        status: 200,
        type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        body: readFileSync(countryXlsx),
      };
    }
    if (u.pathname === '/topics/transborder-raw-data') {
      const html = `<!DOCTYPE html><html><head><title>TransBorder Raw Data</title></head><body>
        <ul><li><a href="/sites/files/2015-03/January%202015%20TransBorder%20Raw%20Data.zip">January 2015</a></li>
        <li><a href="/docs/codes.pdf">Codes</a></li></ul></body></html>`;
      return { status: 200, type: 'text/html; charset=utf-8', body: html };
    }
    if (u.pathname === '/sites/files/2015-03/January%202015%20TransBorder%20Raw%20Data.zip') {
      return { status: 200, type: 'application/zip', body: sharedTransborderZip() };
    }
    return {
      status: 404,
      type: 'text/html',
      body: '<html><head><title>Page Not Found</title></head></html>',
    };
  };

  const answer = async (req: IncomingMessage, res: ServerResponse) => {
    const key = req.url ?? '/';
    const attempt = (attempts.get(key) ?? 0) + 1;
    attempts.set(key, attempt);
    const fault = options.fault?.(key, attempt);
    const log: Served = { path: new URL(key, 'http://x').pathname, url: key, attempt, fault };
    served.push(log);
    if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
    if (options.raw?.(req, res)) return;
    const r = await route(req);
    const body = typeof r.body === 'string' ? Buffer.from(r.body) : r.body;
    log.status = r.status;
    const send = (status: number, type: string, b: Buffer, extra: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': type, 'content-length': String(b.length), ...extra });
      res.end(b);
    };
    const html = (title: string) =>
      Buffer.from(
        `<!DOCTYPE html><html><head><title>${title}</title></head><body><h1>${title}</h1></body></html>`,
      );
    switch (fault) {
      case 'http-500':
        return send(500, 'text/html', html('Internal Server Error'));
      case 'http-503-retry-after':
        return send(503, 'text/html', html('Service Unavailable'), { 'retry-after': '1' });
      case 'http-429':
        return send(429, 'application/json', Buffer.from('{"message":"Too Many Requests"}'), {
          'retry-after': '2',
        });
      case 'slow':
        await new Promise((r) => setTimeout(r, 60));
        return send(r.status, r.type, body);
      case 'stall-headers':
        return; // never answers; the client's time-out ends it
      case 'stall-body':
        res.writeHead(r.status, { 'content-type': r.type, 'content-length': String(body.length) });
        res.write(body.subarray(0, Math.floor(body.length / 2)));
        return; // and then nothing
      case 'reset':
        req.socket.destroy();
        return;
      case 'truncate':
        res.writeHead(r.status, { 'content-type': r.type, 'content-length': String(body.length) });
        res.write(body.subarray(0, Math.floor(body.length / 2)), () => req.socket.destroy());
        return;
      case 'truncate-clean':
        // No length announced and a clean end: only the body itself shows it is cut.
        res.writeHead(r.status, { 'content-type': r.type });
        res.end(body.subarray(0, Math.floor(body.length / 2)));
        return;
      case 'wrong-type':
        return send(r.status, 'text/html; charset=utf-8', body);
      case 'html-page':
        return send(200, 'text/html', html('Service Temporarily Unavailable'));
      default:
        if (r.status === 204) {
          res.writeHead(204);
          return res.end();
        }
        return send(r.status, r.type, body);
    }
  };

  const server = createServer((req, res) => {
    inFlight.now++;
    inFlight.max = Math.max(inFlight.max, inFlight.now);
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      inFlight.now--;
    };
    res.on('close', finish);
    answer(req, res).catch(() => res.destroy());
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    served,
    inFlight,
    options,
    setBwtnew: (b) => {
      bwtnew = b;
      bwtnewServed = 0;
    },
    setCountryXlsx: (p) => void (countryXlsx = p),
    close: () =>
      new Promise<void>((ok) => {
        for (const s of sockets) s.destroy();
        server.close(() => ok());
      }),
  };
}
