import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { dataFile, REFERENCE_FILES, scratch, runCli } from '../helpers.ts';

describe('frontera check', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let db: string;
  const run = (...argv: string[]) => runCli(db, ...argv);

  before(async () => {
    ({ dir, cleanup } = await scratch());
    db = join(dir, 'c.duckdb');
    const r = await run(
      'ingest',
      dataFile('census/country-2023-03.xlsx'),
      dataFile('mexico/inegi/EAEF_Entidad-2007-2020.xlsx'),
      dataFile('reference/es/iso-codes/iso_3166-2.json'),
      ...REFERENCE_FILES,
    );
    assert.equal(r.code, 0, r.err);
  });
  after(() => cleanup());

  it('--json carries verdict, claim, computed, tolerance, sources and explanation', async () => {
    const r = await run('check', 'US exports to Mexico were $324.4 billion in 2022', '--json');
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out);
    assert.equal(j.verdict, 'accurate');
    assert.equal(j.claim.parts[0].kind, 'value');
    assert.equal(j.claim.parts[0].subject.partners[0].code, '2010');
    assert.equal(j.computed[0].value, '324377863297');
    assert.match(j.tolerance[0], /within 2\.5%/);
    assert.equal(j.sources[0].vintage, '2023-03');
    assert.match(j.explanation, /\$324,377,863,297/);
    assert.match(j.query[0].call, /partnerProfile/);
  });

  it("reads a Mexican state's exports from the state's side, not as US imports", async () => {
    const en = await run('check', 'Nuevo Leon exported $40 billion in 2019');
    assert.equal(en.code, 0, en.err);
    assert.match(en.out, /Nuevo León \(Mexican state\) · the region's exports · 2019/, en.out);
    assert.doesNotMatch(en.out, /Understood as:\n.*US imports/);
    assert.match(en.out, /Nuevo León's exports to the world \(INEGI\), 2019/);
    const es = await run('check', 'Nuevo León exportó 40 mil millones de dólares en 2019');
    assert.match(
      es.out,
      /Nuevo León \(estado de México\) · exportaciones de la entidad · 2019/,
      es.out,
    );
    assert.doesNotMatch(es.out, /Entendida como:\n.*importaciones de EE\. UU\./);
  });

  it('prints how the statement was read and the work, with --as-of for relative dates', async () => {
    const r = await run(
      'check',
      'Exports to Mexico grew 17 percent last year',
      '--as-of',
      '2023-03-15',
    );
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /Understood as:\n {2}1\. growth pct · Mexico · US exports · 2022/);
    assert.match(r.out, /Verdict: ACCURATE/);
    assert.match(r.out, /Tolerance: a growth rate stated plainly/);
    assert.match(r.out, /Query: partnerProfile\(store, '2010', \{ year: 2022 \}\)/);
    assert.match(r.out, /Source: census-country-xlsx country-2023-03\.xlsx/);
  });

  it('explains a Spanish statement in Spanish, and --lang forces either language', async () => {
    const es =
      'Las exportaciones de Estados Unidos a México sumaron 324 mil millones de dólares en 2022.';
    const r = await run('check', es, '--as-of', '2023-06-01');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /Veredicto: EXACTA/, r.out);
    assert.match(r.out, /La afirmación dice «324 mil millones de dólares»/);
    assert.match(r.out, /Tolerancia: un valor dicho sin matiz: exacta cuando/);
    // How it was read and what was computed are Spanish too: no English line in the report
    // but the query and the cited files.
    assert.match(
      r.out,
      /Entendida como:\n {2}1\. valor · Mexico · exportaciones de EE\. UU\. · 2022 \(«2022»\) · cifra dicha sin matiz 324\.0 mil millones de dólares/,
      r.out,
    );
    assert.match(
      r.out,
      /exportaciones de EE\. UU\. a Mexico, 2022 +\$324,377,863,297 \(324\.4 mil millones de dólares\)/,
    );
    assert.doesNotMatch(r.out, /Understood|US exports|stated|computed|en inglés/);
    const en = await run('check', es, '--as-of', '2023-06-01', '--lang', 'en');
    assert.match(en.out, /Verdict: ACCURATE/);
    const forced = await run(
      'check',
      'Remittances to Mexico reached $58 billion in 2022',
      '--lang',
      'es',
    );
    assert.match(forced.out, /Veredicto: NO VERIFICABLE/);
    assert.match(
      forced.out,
      /No verificable: la afirmación trata de remesas.*Lo decidiría: .*Banxico/,
    );
    assert.notEqual((await run('check', es, '--lang', 'fr')).code, 0);
  });

  it('counts "last year" from today by default, and says which years are loaded', async () => {
    const r = await run('check', 'Exports to Mexico grew 17 percent last year');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /Verdict: NOT VERIFIABLE/);
    assert.match(r.out, /2025; loaded data covers 1985–2023/);
  });

  it('--file finds the checkable statements of a text and reports them as Markdown', async () => {
    const file = join(dir, 'article.md');
    await writeFile(
      file,
      [
        'Trade notes. The U.S. exported $324.4 billion to Mexico in 2022.',
        '',
        '- Mexico buys 2.1 times more US goods than China.',
        '- The weather was fine.',
        '- US–Mexico trade in goods and services exceeded $850 billion in 2022.',
      ].join('\n'),
    );
    const r = await run('check', '--file', file, '--format', 'markdown', '--as-of', '2023-06-01');
    assert.equal(r.code, 0, r.err);
    assert.match(
      r.out,
      /accurate: 2 · approximately accurate: 0 · inaccurate: 0 · not verifiable: 1/,
    );
    assert.match(r.out, /\| 1 \| 1 \| \*\*accurate\*\* \| The U\.S\. exported \$324\.4 billion/);
    assert.doesNotMatch(r.out, /weather/);
    const t = await run('check', '--file', file, '--as-of', '2023-06-01');
    assert.match(t.out, /3 checkable statement\(s\) in 5 sentence\(s\) and bullet item\(s\)/);
  });

  it('refuses a missing statement and a malformed date', async () => {
    assert.equal((await run('check')).code, 2);
    const bad = await run('check', 'US exports grew', '--as-of', '15/03/2023');
    assert.equal(bad.code, 2);
    assert.match(bad.err, /--as-of must look like 2023-03-15/);
    // A date that looks right but is not on the calendar (2023 is not a leap year).
    const feb29 = await run('check', 'US exports grew', '--as-of', '2023-02-29');
    assert.equal(feb29.code, 2);
    assert.match(feb29.err, /not "2023-02-29"/);
  });
});
