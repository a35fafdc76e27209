/**
 * The corruption suite: kinds of damaged files, each built in a temp folder from a real bundle
 * file, each of which ingest must refuse — naming the file and, where the damage has one, the
 * line, column and value — leaving the database exactly as it was. Used by
 * test/store/corruption-suite.test.ts and reported by `npm run bench`.
 */
import { mkdir, readFile, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { strToU8, unzipSync, zipSync } from 'fflate';
import type { Problem, ProblemCode } from '../../src/model/problem.ts';
import { SOURCES } from '../../src/sources/registry.ts';
import type { Source } from '../../src/sources/source.ts';
import { ingestPaths, type IngestReport } from '../../src/store/ingest-paths.ts';
import type { Store } from '../../src/store/open-store.ts';

export interface Corruption {
  name: string;
  /** What the refusal must say: its code, and where known the line, column and value. */
  expect: { code: ProblemCode; line?: number; column?: string; value?: string | RegExp };
  /** Writes the damaged file(s) under `dir`; returns the path to ingest and the one to blame. */
  build(dir: string, data: string): Promise<{ ingest: string; blame: string }>;
  /** Sources to ingest with (a wrapper that damages the file while it is read). */
  sources?: (blame: string) => readonly Source[];
  /** Runs while the first file of a folder starts loading (a file deleted mid-run). */
  midRun?: (blame: string) => Promise<void>;
}

const CROSSINGS = 'bts/border-crossing/Border_Crossing_Entry_Data_2024_sample.csv';
const FRED = 'fred/EXPCH.csv';
const STATES = 'reference/us-states/us-state-ansi-fips.csv';
const DOT3 = 'bts/transborder/2015-01/dot3_0115.csv';
const POPULATION = 'reference/population/population.csv';
const PARQUET = 'census/api-extracts/imports-hs10-2024/2024-hs10-imports2010.parquet';
const COUNTRY = 'census/country-2018-10.xlsx';
const PORTS = 'bts/transborder/codes/schedule_d_port_codes.json';
const HTS = 'usitc/hts/hts_2024_basic_edition.csv';

type Edit = (text: string) => string;

/** A copy of a bundle text file with an edit applied, under a name of the same kind. */
function textCase(
  name: string,
  from: string,
  edit: Edit,
  expect: Corruption['expect'],
  file = from.split('/').pop()!,
): Corruption {
  return {
    name,
    expect,
    async build(dir, data) {
      const path = join(dir, file);
      await writeFile(path, edit(await readFile(join(data, from), 'utf8')));
      return { ingest: path, blame: path };
    },
  };
}

function bytesCase(
  name: string,
  from: string,
  edit: (b: Buffer) => Buffer,
  expect: Corruption['expect'],
  file = from.split('/').pop()!,
): Corruption {
  return {
    name,
    expect,
    async build(dir, data) {
      const path = join(dir, file);
      await writeFile(path, edit(await readFile(join(data, from))));
      return { ingest: path, blame: path };
    },
  };
}

/** Replaces field `col` (0-based) of 1-based line `n` of a comma-separated text. */
const field =
  (n: number, col: number, value: string): Edit =>
  (t) =>
    t
      .split('\n')
      .map((l, i) => {
        if (i !== n - 1) return l;
        const cr = l.endsWith('\r') ? '\r' : '';
        const f = (cr ? l.slice(0, -1) : l).split(',');
        f[col] = value;
        return f.join(',') + cr;
      })
      .join('\n');

const line =
  (n: number, edit: (l: string) => string): Edit =>
  (t) =>
    t
      .split('\n')
      .map((l, i) => (i === n - 1 ? edit(l) : l))
      .join('\n');

/** A Latin-1 "é" (0xE9) written into line `n`. */
const latin1 = (n: number) => (b: Buffer) => {
  const lines = b.toString('latin1').split('\n');
  lines[n - 1] = lines[n - 1]!.replace(/[A-Za-z]/, 'é');
  return Buffer.from(lines.join('\n'), 'latin1');
};

/** The bundle workbook's parts, unzipped once per process (each case edits a copy). */
const unzipped = new Map<string, Promise<Record<string, Uint8Array>>>();

/** An xlsx with one part of its sheet rewritten (fflate: no spreadsheet library involved). */
function xlsxCase(
  name: string,
  edit: (parts: Record<string, Uint8Array>) => void,
  expect: Corruption['expect'],
): Corruption {
  return {
    name,
    expect,
    async build(dir, data) {
      const from = join(data, COUNTRY);
      const read = unzipped.get(from) ?? readFile(from).then((b) => unzipSync(b));
      unzipped.set(from, read);
      // A copy of the record: an edit replaces parts, never writes into one.
      const parts = { ...(await read) };
      edit(parts);
      const path = join(dir, 'country-2018-10.xlsx');
      // Parts are stored, not deflated (fast to build); a bomb's parts are deflated, to be small.
      const entries = Object.fromEntries(
        Object.entries(parts).map(([k, v]) => [
          k,
          [v, { level: v.length > 50 * 2 ** 20 ? 6 : 0 }] as [Uint8Array, { level: 0 | 6 }],
        ]),
      );
      await writeFile(path, zipSync(entries));
      return { ingest: path, blame: path };
    },
  };
}

const sheetCell = (cell: string, xml: string) => (parts: Record<string, Uint8Array>) => {
  const k = 'xl/worksheets/sheet1.xml';
  const text = new TextDecoder().decode(parts[k]);
  const re = new RegExp(`<c r="${cell}"[^>]*>.*?</c>`);
  if (!re.test(text)) throw new Error(`no cell ${cell} in ${k}`);
  parts[k] = strToU8(text.replace(re, xml));
};

const flip =
  (at: (b: Buffer) => number, count = 64) =>
  (b: Buffer) => {
    const out = Buffer.from(b);
    const from = at(out);
    for (let i = from; i < from + count && i < out.length; i++) out[i] = out[i]! ^ 0x5a;
    return out;
  };

export const CORRUPTIONS: Corruption[] = [
  // Whole-file damage.
  bytesCase('zero-byte file', CROSSINGS, () => Buffer.alloc(0), { code: 'empty-file' }),
  textCase('header only', CROSSINGS, (t) => `${t.split('\n')[0]}\n`, { code: 'empty-file' }),
  textCase('header then blank lines', CROSSINGS, (t) => `${t.split('\n')[0]}\n\n\n\n`, {
    code: 'empty-file',
  }),
  textCase(
    'renamed header column',
    CROSSINGS,
    line(1, (l) => l.replace('Port Code', 'PortCode')),
    {
      code: 'bad-header',
      line: 1,
    },
  ),
  textCase('plain notes, no known format', CROSSINGS, () => 'some notes\nabout trade\n', {
    code: 'unknown-format',
  }),
  bytesCase('random binary', CROSSINGS, (b) => flip(() => 0, 4096)(b.subarray(0, 4096)), {
    code: 'unknown-format',
  }),
  bytesCase(
    'UTF-16 text',
    STATES,
    (b) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(b.toString('utf8'), 'utf16le')]),
    { code: 'unknown-format' },
  ),
  bytesCase(
    'truncated gzip',
    CROSSINGS,
    (b) => {
      const gz = gzipSync(b);
      return gz.subarray(0, gz.length >> 1);
    },
    { code: 'truncated' },
    'crossings.csv.gz',
  ),
  bytesCase(
    'gzip with damaged bytes',
    CROSSINGS,
    (b) => flip((g) => g.length >> 1)(gzipSync(b)),
    { code: 'truncated' },
    'crossings.csv.gz',
  ),
  bytesCase(
    'Latin-1 byte inside a gzip',
    CROSSINGS,
    (b) => gzipSync(latin1(300)(b)),
    { code: 'bad-encoding', line: 300 },
    'crossings.csv.gz',
  ),
  // Line-level damage in a scanned CSV (Border Crossing sample).
  textCase(
    'line cut short',
    CROSSINGS,
    line(40, (l) => l.split(',').slice(0, 5).join(',')),
    {
      code: 'column-count',
      line: 40,
    },
  ),
  textCase(
    'line with an extra column',
    CROSSINGS,
    line(41, (l) => `${l},extra`),
    {
      code: 'column-count',
      line: 41,
    },
  ),
  textCase('file cut inside a quoted field', CROSSINGS, (t) => `${t.slice(0, 20_000)}\n1,"Laredo`, {
    code: 'bad-structure',
  }),
  textCase(
    'header repeated mid-file',
    CROSSINGS,
    line(50, () => 'Port Name,State,Port Code,Border,Date,Measure,Value,Latitude,Longitude,Point'),
    {
      code: 'not-a-number',
      line: 50,
      column: 'Value',
      value: 'Value',
    },
  ),
  textCase('word in a count', CROSSINGS, field(7, 6, '12x4'), {
    code: 'not-a-number',
    line: 7,
    column: 'Value',
    value: '12x4',
  }),
  textCase('fractional count', CROSSINGS, field(8, 6, '3.5'), {
    code: 'not-a-number',
    line: 8,
    column: 'Value',
    value: '3.5',
  }),
  textCase('negative count', CROSSINGS, field(9, 6, '-120'), {
    code: 'out-of-range',
    line: 9,
    column: 'Value',
    value: '-120',
  }),
  textCase('count too large for 64 bits', CROSSINGS, field(6, 6, '99999999999999999999999'), {
    code: 'not-a-number',
    line: 6,
    column: 'Value',
  }),
  textCase('impossible month', CROSSINGS, field(10, 4, 'Foo 2024'), {
    code: 'bad-date',
    line: 10,
    column: 'Date',
    value: 'Foo 2024',
  }),
  // A month the file could not have seen yet (checked on the scanned rows, with its line).
  textCase('crossing month after the file was written', CROSSINGS, field(12, 4, 'Dec 2099'), {
    code: 'out-of-range',
    line: 12,
    column: 'month',
    value: /^2099-12-01/,
  }),
  textCase('unknown border', CROSSINGS, field(11, 3, 'US-Atlantis Border'), {
    code: 'unknown-code',
    line: 11,
    column: 'Border',
    value: 'US-Atlantis Border',
  }),
  textCase('malformed port code', CROSSINGS, field(5, 2, '23X4'), {
    code: 'unknown-code',
    line: 5,
    column: 'Port Code',
    value: '23X4',
  }),
  textCase('unknown measure', CROSSINGS, field(12, 5, 'Camels'), {
    code: 'unknown-code',
    line: 12,
    column: 'Measure',
    value: 'Camels',
  }),
  bytesCase('Latin-1 byte in a CSV', CROSSINGS, latin1(200), {
    code: 'bad-encoding',
    line: 200,
  }),
  textCase(
    'a 9 MiB line',
    CROSSINGS,
    line(30, (l) => `${l}${'x'.repeat(9 * 2 ** 20)}`),
    { code: 'line-too-long', line: 30 },
  ),
  // A reference list (scanned CSV with a comment line).
  bytesCase('Latin-1 byte in the HTS CSV', HTS, latin1(1500), {
    code: 'bad-encoding',
    line: 1500,
  }),
  bytesCase('Latin-1 byte in a reference CSV', STATES, latin1(20), {
    code: 'bad-encoding',
    line: 20,
  }),
  textCase(
    'reference CSV line with an extra column',
    STATES,
    line(10, (l) => `${l},x`),
    {
      code: 'column-count',
      line: 10,
    },
  ),
  textCase('negative population', POPULATION, field(3, 3, '-55578'), {
    code: 'out-of-range',
    line: 3,
    column: 'Value',
    value: '-55578',
  }),
  // TransBorder.
  textCase('negative freight value', DOT3, field(2, 5, '-26488'), {
    code: 'out-of-range',
    line: 2,
    column: 'VALUE',
    value: '-26488',
  }),
  textCase('fractional shipping weight', DOT3, field(3, 6, '0.5'), {
    code: 'not-a-number',
    line: 3,
    column: 'SHIPWT',
    value: '0.5',
  }),
  // FRED (parsed in JS).
  textCase('FRED observation dated 9999-12', FRED, field(5, 0, '9999-12-01'), {
    code: 'out-of-range',
    line: 5,
    column: 'month',
    value: /^9999-12-01/,
  }),
  textCase('FRED observation dated 1850', FRED, field(6, 0, '1850-01-01'), {
    code: 'out-of-range',
    line: 6,
    column: 'month',
  }),
  textCase('FRED negative value', FRED, field(7, 1, '-8925.5'), {
    code: 'out-of-range',
    line: 7,
    column: 'value_usd',
  }),
  textCase('FRED month 13', FRED, field(8, 0, '2016-13-01'), {
    code: 'bad-date',
    line: 8,
    value: '2016-13-01',
  }),
  textCase('FRED value not a number', FRED, field(9, 1, 'n/a'), {
    code: 'not-a-number',
    line: 9,
    value: 'n/a',
  }),
  textCase('FRED value too large for 64 bits', FRED, field(11, 1, '99999999999999999'), {
    code: 'not-a-number',
    line: 11,
    column: 'value_usd',
    value: '99999999999999999000000',
  }),
  textCase(
    'FRED line with three columns',
    FRED,
    line(10, (l) => `${l},1`),
    {
      code: 'column-count',
      line: 10,
    },
  ),
  // Parquet.
  bytesCase('half a Parquet file', PARQUET, (b) => b.subarray(0, b.length >> 1), {
    code: 'truncated',
  }),
  bytesCase('Parquet without its last bytes', PARQUET, (b) => b.subarray(0, b.length - 6), {
    code: 'truncated',
  }),
  bytesCase(
    'Parquet whose footer length is wrong',
    PARQUET,
    (b) => {
      const out = Buffer.from(b);
      out.writeUInt32LE(out.readUInt32LE(out.length - 8) + 999, out.length - 8);
      return out;
    },
    { code: 'bad-structure' },
  ),
  // xlsx.
  bytesCase('half an xlsx', COUNTRY, (b) => b.subarray(0, b.length >> 1), { code: 'truncated' }),
  bytesCase(
    'xlsx with damaged sheet data',
    COUNTRY,
    flip((b) => b.length >> 1, 256),
    {
      code: 'unreadable',
    },
  ),
  bytesCase(
    'xlsx whose zip directory is damaged',
    COUNTRY,
    (b) => {
      const eocd = b.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
      const cd = b.readUInt32LE(eocd + 16);
      return flip(() => cd, 4)(b);
    },
    { code: 'unreadable' },
  ),
  xlsxCase(
    'xlsx with a shared-strings bomb',
    (p) => {
      p['xl/sharedStrings.xml'] = strToU8(
        `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${'<si><t>x</t></si>'.repeat(4_100_000)}</sst>`,
      );
    },
    { code: 'unreadable', value: 'xl/sharedStrings.xml' },
  ),
  xlsxCase(
    'xlsx with text in a money cell',
    sheetCell('E20', '<c r="E20" t="inlineStr"><is><t>n/a</t></is></c>'),
    {
      code: 'not-a-number',
      line: 20,
      column: 'IFEB',
      value: 'n/a',
    },
  ),
  xlsxCase('xlsx with a negative value', sheetCell('E20', '<c r="E20"><v>-5</v></c>'), {
    code: 'out-of-range',
    line: 20,
    column: 'value_usd',
  }),
  xlsxCase('xlsx with a year 2999 row', sheetCell('A20', '<c r="A20"><v>2999</v></c>'), {
    code: 'bad-date',
    line: 20,
    column: 'year',
  }),
  // JSON code lists.
  bytesCase('half a JSON code list', PORTS, (b) => b.subarray(0, b.length >> 1), {
    code: 'bad-structure',
    value: /position/,
  }),
  // The file system.
  {
    name: 'symbolic link to a damaged file',
    expect: { code: 'out-of-range', line: 9, column: 'Value' },
    async build(dir, data) {
      const real = join(dir, 'real.csv');
      await writeFile(real, field(9, 6, '-1')(await readFile(join(data, CROSSINGS), 'utf8')));
      const folder = join(dir, 'linked');
      await mkdir(folder);
      await symlink(real, join(folder, 'crossings.csv'));
      return { ingest: folder, blame: join(folder, 'crossings.csv') };
    },
  },
  {
    name: 'file deleted mid-run',
    expect: { code: 'unreadable' },
    async build(dir, data) {
      const folder = join(dir, 'vanishing');
      await mkdir(folder);
      // The first file is one already stored (unchanged); the second goes while it loads.
      await writeFile(join(folder, 'a.csv'), await readFile(join(data, CROSSINGS)));
      await writeFile(join(folder, 'b.csv'), await readFile(join(data, CROSSINGS)));
      return { ingest: folder, blame: join(folder, 'b.csv') };
    },
    midRun: (blame) => rm(blame),
  },
  {
    name: 'file truncated while it is loaded',
    expect: { code: 'file-changed' },
    async build(dir, data) {
      const path = join(dir, 'growing.csv');
      await writeFile(path, field(3, 6, '7')(await readFile(join(data, CROSSINGS), 'utf8')));
      return { ingest: path, blame: path };
    },
    // The reader returns, then another program cuts the file before DuckDB scans it.
    sources: (blame) =>
      SOURCES.map((s) =>
        s.id !== 'bts-border-crossing'
          ? s
          : {
              ...s,
              async read(sample) {
                const fx = await s.read(sample);
                if (sample.path === blame) {
                  // Cut at a line end, so what is left would load as a valid, shorter file.
                  const text = await readFile(blame);
                  await truncate(blame, text.lastIndexOf(10, sample.bytes >> 1) + 1);
                }
                return fx;
              },
            },
      ),
  },
];

/** Folders that hold links ingest must list as skipped, never follow forever. */
export async function linkTraps(dir: string): Promise<{ folder: string; loops: string[] }> {
  const folder = join(dir, 'traps');
  await mkdir(join(folder, 'sub'), { recursive: true });
  const loops = [join(folder, 'sub', 'up'), join(folder, 'self'), join(folder, 'dangling')];
  await symlink(folder, loops[0]!);
  await symlink(join(folder, 'self'), loops[1]!);
  await symlink(join(folder, 'nowhere'), loops[2]!);
  return { folder, loops };
}

export interface CorruptionResult {
  name: string;
  refused: boolean;
  problem?: Problem;
  /** Why the case did not hold, if it did not. */
  miss?: string;
  /** Time to build, ingest and judge the case. */
  ms?: number;
}

/**
 * Builds each case in its own folder under `dir`, ingests it and checks the refusal: the blamed
 * file is failed with the expected code (and line, column, value), nothing is loaded, and the
 * fingerprint of the database is what it was.
 */
export async function runCorruptions(
  store: Store,
  dir: string,
  data: string,
  fingerprint: () => Promise<unknown>,
): Promise<CorruptionResult[]> {
  const results: CorruptionResult[] = [];
  for (const [i, c] of CORRUPTIONS.entries()) {
    const before = JSON.stringify(await fingerprint());
    const t0 = performance.now();
    const here = join(dir, `case-${i}`);
    await mkdir(here);
    const { ingest, blame } = await c.build(here, data);
    let started = false;
    const report: IngestReport = await ingestPaths(store, [ingest], c.sources?.(blame) ?? SOURCES, {
      onProgress: (p) => {
        if (c.midRun && p.phase === 'start' && !started) {
          started = true;
          void c.midRun(blame);
        }
      },
    });
    results.push({
      ...judge(c, blame, report, before, JSON.stringify(await fingerprint())),
      ms: performance.now() - t0,
    });
  }
  return results;
}

function judge(
  c: Corruption,
  blame: string,
  report: IngestReport,
  before: string,
  after: string,
): CorruptionResult {
  const base = { name: c.name, refused: false };
  const loaded = report.outcomes.filter((o) => o.status === 'loaded');
  if (loaded.length > 0) return { ...base, miss: `loaded ${loaded.map((o) => o.path).join(', ')}` };
  if (after !== before) return { ...base, miss: 'the database changed' };
  const failed = report.failed.find((f) => f.path === blame);
  if (!failed) return { ...base, miss: `${blame} not reported as failed` };
  const p = failed.problems.find((x) => x.code === c.expect.code);
  if (!p)
    return { ...base, miss: `no ${c.expect.code} problem in: ${failed.message.slice(0, 300)}` };
  if (p.file !== blame) return { ...base, problem: p, miss: `names ${p.file}, not ${blame}` };
  const e = c.expect;
  if (e.line !== undefined && p.line !== e.line)
    return { ...base, problem: p, miss: `line ${p.line}, expected ${e.line}` };
  if (e.column !== undefined && p.column !== e.column)
    return { ...base, problem: p, miss: `column ${p.column}, expected ${e.column}` };
  if (e.value !== undefined) {
    const ok = typeof e.value === 'string' ? p.value === e.value : e.value.test(p.value ?? '');
    if (!ok) return { ...base, problem: p, miss: `value ${p.value}, expected ${String(e.value)}` };
  }
  return { name: c.name, refused: true, problem: p };
}
