import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { dataFile, runCli, scratch } from '../helpers.ts';

const HISTORY = dataFile('cbp/bwt-history');
const COUNTRY = dataFile('census/country-2023-03.xlsx');

// The bundle's CBP history is over 7,000 files: `frontera status` (which `npm start` prints)
// sums a recorded feed into one line instead of burying the table; --files lists each.
describe('frontera ingest and status with a recorded feed', () => {
  let db: string;
  let cleanup: () => Promise<void>;
  let ingestOut = '';
  const pulls = readdirSync(HISTORY)
    .filter((f) => f.endsWith('.xml.gz'))
    .sort()
    .slice(100, 124)
    .map((f) => join(HISTORY, f));

  before(async () => {
    const s = await scratch();
    cleanup = s.cleanup;
    db = join(s.dir, 'f.duckdb');
    const r = await runCli(db, 'ingest', COUNTRY, ...pulls);
    assert.equal(r.code, 0, r.err);
    ingestOut = r.out;
  });
  after(() => cleanup());

  it('sums the 24 pulls of one folder into one line, with the file count and their span', async () => {
    const r = await runCli(db, 'status');
    assert.equal(r.code, 0, r.err);
    const feed = r.out.split('\n').filter((l) => l.startsWith('cbp-bwt-xml'));
    assert.equal(feed.length, 1, r.out);
    assert.match(feed[0]!, /bwt-history\/ \(24 files\)/);
    // The spreadsheet still has its own line.
    assert.match(r.out, /census\/country-2023-03\.xlsx/);
    const json = JSON.parse((await runCli(db, 'status', '--json')).out) as {
      files: { source: string; rows: number }[];
    };
    const xml = json.files.filter((f) => f.source === 'cbp-bwt-xml');
    assert.equal(xml.length, 24, 'JSON lists every file');
    const total = xml.reduce((a, f) => a + f.rows, 0);
    assert.match(feed[0]!, new RegExp(` ${total.toLocaleString('en-US')} `));
  });

  it('the ingest report sums the pulls into one line too, and --json lists each', async () => {
    const feed = ingestOut.split('\n').filter((l) => l.includes('cbp-bwt-xml'));
    assert.equal(feed.length, 1, ingestOut);
    assert.match(feed[0]!, /bwt-history\/ \(24 files\)/);
    assert.match(feed[0]!, /loaded +wait_times [\d,]+/);
    assert.match(ingestOut, /25 loaded, 0 unchanged/);
    const again = await runCli(db, 'ingest', '--json', COUNTRY, ...pulls);
    const report = JSON.parse(again.out) as { outcomes: { status: string }[] };
    assert.equal(report.outcomes.length, 25);
    assert.ok(report.outcomes.every((o) => o.status === 'unchanged'));
  });

  it('--files lists every pull', async () => {
    const r = await runCli(db, 'status', '--files');
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out.split('\n').filter((l) => l.startsWith('cbp-bwt-xml')).length, 24);
  });
});
