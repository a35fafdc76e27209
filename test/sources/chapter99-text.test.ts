import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseChapter99, type Chapter99Text } from '../../src/sources/chapter99-notes.ts';
import type { Store } from '../../src/store/open-store.ts';
import { dataFile, ingest, memoryStore, query, scratch } from '../helpers.ts';

const TEXT = dataFile('usitc/hts/chapter99_2026_rev_6.txt');
const JSON_2025 = dataFile('usitc/hts/hts_2025_basic.json.gz');
const CHINA_2020 = dataFile('usitc/china-tariffs/china-tariffs-2020-01-01.xlsx');
const SHARES = dataFile('tariffs/exclusion-claim-shares/s301_exclusion_claim_shares.csv');

describe('HTSUS chapter 99 text: note 20 lists and exclusions, note 31 increases', () => {
  let text: string;
  let t: Chapter99Text;
  before(async () => {
    text = (await readFile(TEXT)).toString('latin1');
    t = parseChapter99(text);
  });
  const items = (f: (p: Chapter99Text['provisions'][number]) => boolean) => t.provisions.filter(f);

  it('reads every list with the rate its note states, list 4B as suspended', () => {
    assert.deepEqual(t.notesFound, [20, 31]);
    const count = (h: string) => items((p) => p.kind === 'list' && p.heading === h).length;
    // Lists 1, 2, 3 and 4A as printed in 2026 (the four-year review moved some goods off them).
    assert.ok(count('9903.88.01') > 800 && count('9903.88.02') > 250);
    assert.ok(count('9903.88.03') > 5500 && count('9903.88.15') > 2900);
    assert.equal(t.rates.get('9903.88.03')?.rate, 0.25);
    assert.equal(t.rates.get('9903.88.15')?.rate, 0.075);
    assert.equal(t.rates.get('9903.88.16')?.suspended, true);
  });

  it('splits 8517.62 at ten digits: list 3 (20(g)) except .0090, list 4A (20(s)(ii)) except .0010 and .0020', () => {
    const g = items((p) => p.hts === '85176200' && p.heading === '9903.88.04');
    assert.deepEqual(
      g.map((p) => [p.subdivision, p.item, p.except]),
      [['g', '2', ['8517620090']]],
    );
    const s = items((p) => p.hts === '85176200' && p.heading === '9903.88.15');
    assert.deepEqual(
      s.map((p) => [p.subdivision, p.except]),
      [['s(ii)', ['8517620010', '8517620020']]],
    );
  });

  it('reads exclusions with their heading, product text and the dates each renumbered line applies', () => {
    // (vvv)(i) item 4: pump casings, in 8413.91.9080 before 2019 and 9085 or 9096 from 2020.
    const pump = items(
      (p) => p.heading === '9903.88.69' && p.subdivision === 'vvv(i)' && p.item === '4',
    );
    assert.deepEqual(
      pump.map((p) => [p.hts, p.codeFrom, p.codeTo]),
      [
        ['8413919080', null, '2018-12-31'],
        ['8413919095', '2019-01-01', '2019-12-31'],
        ['8413919085', '2020-01-01', null],
        ['8413919096', '2020-01-01', null],
      ],
    );
    assert.match(pump[0]!.product ?? '', /^Pump casings and bodies/);
    assert.equal(pump[0]!.excludes, '9903.88.01');
    // A bare number excludes the whole statistical line.
    const bare = items(
      (p) => p.heading === '9903.88.69' && p.subdivision === 'vvv(i)' && p.item === '1',
    );
    assert.deepEqual(
      bare.map((p) => [p.hts, p.product]),
      [['8483509040', null]],
    );
    // Items continued across a page break keep their text whole.
    const solar = items((p) => p.heading === '9903.88.70' && p.item === '5');
    assert.match(solar[0]?.product ?? '', /for use in solar wafer manufacturing \(described in/);
  });

  it('gives each heading the dates its own text states', () => {
    const h = new Map(t.headings.map((x) => [x.heading, x]));
    assert.deepEqual(
      ['9903.88.67', '9903.88.68', '9903.88.69', '9903.88.70', '9903.91.01', '9903.91.05'].map(
        (k) => [k, h.get(k)?.from, h.get(k)?.to, h.get(k)?.noteRef],
      ),
      [
        ['9903.88.67', '2021-10-12', '2024-06-14', '20(ttt)'],
        ['9903.88.68', '2023-06-01', '2024-06-14', '20(uuu)'],
        ['9903.88.69', '2024-06-15', '2026-11-09', '20(vvv)'],
        ['9903.88.70', '2024-01-01', '2026-11-09', '20(www)'],
        ['9903.91.01', '2024-09-27', null, '31(b)'],
        ['9903.91.05', '2025-01-01', null, '31(f)'],
      ],
    );
    // Note 31(b) lists the steel, aluminium and battery lines raised on 27 September 2024.
    assert.ok(items((p) => p.heading === '9903.91.01').length > 300);
  });

  it('reports what it cannot read by line number, and a damaged list row is reported, not dropped', () => {
    assert.ok(t.unread.every((u) => u.line > 0));
    assert.ok(t.unread.some((u) => u.line === 24429 && /\(ll\)/.test(u.why)));
    const lines = text.split('\n');
    const row = lines.findIndex((l) => /^\s+4011\.30\.00\s+4012\.13\.00\s+8401\.10\.00/.test(l));
    assert.ok(row > 0);
    lines[row] = lines[row]!.replace('8401.20.00', '8401.20.00 see note');
    const damaged = parseChapter99(lines.join('\n'));
    assert.ok(damaged.unread.some((u) => u.line === row + 1 && /8401\.10\.00/.test(u.text)));
    assert.ok(!damaged.provisions.some((p) => p.hts === '84012000' && p.heading === '9903.88.01'));
  });
});

describe('chapter 99 text, HTS 2025 JSON footnotes, the 2020 China table and claim-share estimates in a store', () => {
  let store: Store;
  let loaded: Awaited<ReturnType<typeof ingest>>;
  before(async () => {
    store = await memoryStore();
    loaded = await ingest(store, TEXT, JSON_2025, CHINA_2020, SHARES);
  });
  after(() => store.close());

  it('recognises each by content and records its provenance and notes', () => {
    assert.deepEqual(
      loaded.map((o) => `${o.source}@${o.vintage}`),
      [
        'usitc-chapter99-text@2026-rev-06',
        'usitc-hts-json@2025',
        'usitc-china-tariffs@2020-01-01',
        'exclusion-claim-shares@undated',
      ],
    );
    assert.ok(loaded[0]!.notes.some((n) => /^line 24429: /.test(n)));
    assert.ok(loaded[3]!.notes.some((n) => /ESTIMATES/.test(n)));
  });

  it('keeps each line’s footnote pointers to chapter 99 (8507.60.00: list 4A and the 2024 increase)', async () => {
    const rows = await query(
      store,
      `SELECT heading FROM hts_footnote WHERE hts_code = '85076000' ORDER BY heading`,
    );
    assert.deepEqual(
      rows.map((r) => r.heading),
      ['9903.88.15', '9903.91.01'],
    );
  });

  it('reads subheadings Excel stored as dates back as subheadings (1901.10.05)', async () => {
    const rows = await query(
      store,
      `SELECT hts_code, heading FROM china_tariff_reference WHERE hts_code IN ('19011005', '85423100')`,
    );
    assert.deepEqual(Object.fromEntries(rows.map((r) => [r.hts_code, r.heading])), {
      '19011005': '9903.88.15',
      '85423100': '9903.88.02',
    });
  });

  it('refuses a chapter 99 text without note 20', async () => {
    const { dir, cleanup } = await scratch();
    try {
      const f = join(dir, 'chapter99_cut.txt');
      const raw = await readFile(TEXT);
      await writeFile(f, raw.subarray(0, 200_000));
      const other = await memoryStore();
      await assert.rejects(ingest(other, f), /9903\.88\.01/);
      other.close();
    } finally {
      await cleanup();
    }
  });
});
