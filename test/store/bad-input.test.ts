import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import XLSX from '@e965/xlsx';
import { readWorkbook } from '../../src/sources/read-workbook.ts';
import { InputError } from '../../src/model/input-error.ts';
import type { ProblemCode } from '../../src/model/problem.ts';
import type { Store } from '../../src/store/open-store.ts';
import { dataFile, ingest, memoryStore, query, scratch } from '../helpers.ts';

const SAMPLE = dataFile('bts/border-crossing/Border_Crossing_Entry_Data_2024_sample.csv');

/** Everything a failed ingest must leave untouched. */
async function fingerprint(store: Store) {
  return query(
    store,
    `SELECT (SELECT count(*) FROM source_file) AS files,
            (SELECT count(*) FROM crossings_all) AS crossings,
            (SELECT sum(count) FROM crossings_all) AS crossing_sum,
            (SELECT count(*) FROM trade_country_month_all) AS trade,
            (SELECT count(*) FROM port_all) AS ports`,
  );
}

describe('bad input is reported precisely and stores nothing', () => {
  let store: Store;
  let dir: string;
  let cleanup: () => Promise<void>;
  let lines: string[];
  let before_: unknown;

  before(async () => {
    ({ dir, cleanup } = await scratch());
    store = await memoryStore();
    // Something already stored, which no failure may disturb.
    await ingest(store, SAMPLE);
    lines = (await readFile(SAMPLE, 'utf8')).split('\n');
    before_ = await fingerprint(store);
  });
  after(async () => {
    store.close();
    await cleanup();
  });

  async function expectRejected(
    name: string,
    content: string | Buffer,
    code: ProblemCode,
    where?: { line?: number; column?: string; value?: string },
  ): Promise<InputError> {
    const path = join(dir, name);
    await writeFile(path, content);
    const err = await ingest(store, path).then(
      () => assert.fail(`${name} was accepted`),
      (e: unknown) => e,
    );
    assert.ok(err instanceof InputError, `expected InputError, got ${String(err)}`);
    const p = err.problems.find((x) => x.code === code);
    assert.ok(p, `no ${code} problem in: ${err.message}`);
    assert.equal(p.file, path);
    if (where?.line !== undefined) assert.equal(p.line, where.line);
    if (where?.column !== undefined) assert.equal(p.column, where.column);
    if (where?.value !== undefined) assert.equal(p.value, where.value);
    assert.deepEqual(await fingerprint(store), before_, 'the database changed');
    return err;
  }

  const withLine = (n: number, edit: (fields: string[]) => string[]) =>
    lines.map((l, i) => (i === n - 1 ? edit(l.split(',')).join(',') : l)).join('\n');

  it('1. an empty file', async () => {
    await expectRejected('empty.csv', '', 'empty-file');
  });

  it('2. a header with no data rows', async () => {
    await expectRejected('header-only.csv', `${lines[0]}\n`, 'empty-file');
  });

  it('3. a renamed header column', async () => {
    const bad = [lines[0]!.replace('Port Code', 'PortCode'), ...lines.slice(1)].join('\n');
    const err = await expectRejected('bad-header.csv', bad, 'bad-header', { line: 1 });
    assert.match(err.message, /missing: Port Code/);
  });

  it('4. a truncated gzip download', async () => {
    const gz = gzipSync(lines.join('\n'));
    await expectRejected('truncated.csv.gz', gz.subarray(0, gz.length >> 1), 'truncated');
  });

  it('5. a line with a missing column', async () => {
    await expectRejected(
      'short-line.csv',
      withLine(40, (f) => f.slice(0, 5)),
      'column-count',
      {
        line: 40,
      },
    );
  });

  it('6. a non-numeric count', async () => {
    await expectRejected(
      'nan.csv',
      withLine(7, (f) => (f.splice(6, 1, '12x4'), f)),
      'not-a-number',
      {
        line: 7,
        column: 'Value',
        value: '12x4',
      },
    );
  });

  it('7. an impossible date', async () => {
    await expectRejected(
      'date.csv',
      withLine(9, (f) => (f.splice(4, 1, 'Foo 2024'), f)),
      'bad-date',
      {
        line: 9,
        column: 'Date',
        value: 'Foo 2024',
      },
    );
  });

  it('8. an unknown border code', async () => {
    const err = await expectRejected(
      'border.csv',
      withLine(11, (f) => (f.splice(3, 1, 'US-Atlantis Border'), f)),
      'unknown-code',
      { line: 11, column: 'Border', value: 'US-Atlantis Border' },
    );
    assert.match(err.message, /US-Mexico Border/);
  });

  it('9. a malformed port code', async () => {
    await expectRejected(
      'port.csv',
      withLine(5, (f) => (f.splice(2, 1, '23X4'), f)),
      'unknown-code',
      {
        line: 5,
        column: 'Port Code',
        value: '23X4',
      },
    );
  });

  it('10. several bad lines are reported together, not one by one', async () => {
    let text = withLine(3, (f) => (f.splice(6, 1, 'many'), f));
    text = text
      .split('\n')
      .map((l, i) =>
        i === 99 || i === 199 ? l.replace(/,Trucks,|,Buses,|,Pedestrians,/, ',Camels,') : l,
      )
      .join('\n');
    text = text.replace(/,Trucks,/, ',Camels,');
    const err = await expectRejected('several.csv', text, 'not-a-number', { line: 3 });
    assert.ok(err.total >= 2, `only ${err.total} problem(s) reported: ${err.message}`);
    assert.ok(err.problems.some((p) => p.code === 'unknown-code' && p.value === 'Camels'));
  });

  it('11. a half-written xlsx', async () => {
    const xlsx = await readFile(dataFile('census/country-2023-03.xlsx'));
    await expectRejected('country-half.xlsx', xlsx.subarray(0, xlsx.length >> 1), 'truncated');
  });

  it('12. text in a money cell of country.xlsx, and a bad partner code', async () => {
    const wb = readWorkbook(dataFile('census/country-2018-10.xlsx'));
    const ws = wb.Sheets[wb.SheetNames[0]!]!;
    ws['E20'] = { t: 's', v: 'n/a' };
    ws['B30'] = { t: 's', v: 'MEX' };
    ws['!ref'] = 'A1:AC7800';
    const buf = XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
    const err = await expectRejected('country-bad.xlsx', buf, 'not-a-number', {
      line: 20,
      column: 'IFEB',
      value: 'n/a',
    });
    assert.ok(
      err.problems.some((p) => p.code === 'unknown-code' && p.line === 30 && p.value === 'MEX'),
    );
  });

  it('13. a file of no known format names what was expected', async () => {
    const err = await expectRejected(
      'notes.txt',
      'just some notes\nabout trade\n',
      'unknown-format',
    );
    assert.match(err.message, /Border Crossing Entry Data/);
    assert.match(err.message, /country\.xlsx/);
  });

  it('14. a value too large for its column is an error, not a silent wrap', async () => {
    await expectRejected(
      'huge.csv',
      withLine(6, (f) => (f.splice(6, 1, '99999999999999999999999'), f)),
      'not-a-number',
      { line: 6, column: 'Value' },
    );
  });
});
