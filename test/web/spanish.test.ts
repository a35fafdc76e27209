import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { serveDashboard, settled, type Dashboard } from './browser.ts';
import { DASHBOARD_FILES, SPANISH_FILES } from './dashboard-files.ts';

/**
 * Every Spanish page at desktop size, in Chromium against the real server over bundle files:
 * no visible text may be English. Each text node is tested for English words (below), once the
 * proper nouns and codes a Spanish reader also sees in English (Schedule D port names, BTS and
 * Census file names) are taken out; and for raw codes where a name belongs (source ids such as
 * "usitc-chapter99-text", a Census partner code opening a note, "2025 – 2025" for one year).
 * The database is the browser suites' shared one (./dashboard-files.ts) with the Spanish
 * name lists after it: it holds the tariff files, so the tariffs page draws its baseline notes
 * (Section 301 list sources, USMCA lines per partner) and the chapter 99, DataWeb and HTS JSON
 * sources.
 */
const PAGES = [
  '/es/',
  '/es/partner/2010',
  '/es/state/TX',
  '/es/port/2304',
  '/es/product/87',
  '/es/product/aguacates',
  '/es/compare',
  '/es/map',
  '/es/check',
  `/es/check?statement=${encodeURIComponent('Las exportaciones a México crecieron 17% en 2022')}`,
  // A rank: its computed label and notes name partners (Mexico, Canada) inside sentences.
  `/es/check?statement=${encodeURIComponent('México es el segundo mayor mercado para los bienes de EU')}&asOf=2023-06-01`,
  '/es/tariffs',
  '/es/waits/2304',
  '/es/mexican-state/NL',
  // INEGI's code of Nuevo León.
  '/es/mexican-state/19',
  // API errors shown on Spanish pages: an ambiguous alias, an unknown product.
  '/es/port/Tijuana',
  '/es/product/zzzz',
];

const WORDS =
  '(the|of|and|with|by|from|to|is|are|for|not|only|exports?|imports?|trade|unknown|state|month|year|loaded|ports?|rows?|shows?|than|which|this|that|these|has|have|between|share|value|other|freight|crossings?|source|vintage|undated|files?|since|until|each|data|never|added|together|duty|rate|effective|scenario|layer|wait|minutes?|hours?|lane|lines?|list|notes|footnotes|customs|district|table|chinese|disagree|claim|edition|basic|places|mexico|canada|passenger|pedestrian|commercial|vehicles?|trucks?|containers?|empty|buses|trains?|rail|vessel|pipeline|mail|foreign|matches|several|closest|say|new york|new mexico|new jersey|new hampshire|north carolina|south carolina|north dakota|south dakota|west virginia|pennsylvania|louisiana|district of columbia|hawaii)';

/**
 * Words that are English and never Spanish (nor part of a proper noun left in the text),
 * bounded by letters with accents: "portátiles" holds no "port".
 */
const ENGLISH = new RegExp(`(?<![\\p{L}\\p{N}])${WORDS}(?![\\p{L}\\p{N}…])`, 'iu');

/**
 * Proper nouns shown as published: Schedule D port names, CBP's crossing names and its Ready
 * Lane programme (CBP's name in Spanish too).
 */
/**
 * Codes where a name belongs: a source id ("usitc-chapter99-text", not a file name), a Census
 * partner code opening a note ("1220: 37 líneas …"), one year written as a span, an ISO instant.
 */
const RAW = [
  /(?<![\p{L}\p{N}/._-])[a-z]+(?:-[a-z0-9]+){2,}(?![\p{L}\p{N}._-])/u,
  /^\d{4}: /,
  /(?<!\d)(\d{4}) – \1(?!\d)/,
  // An ISO instant as stored ("2022-06-29T12:00:00Z"), not as a reader writes the time.
  /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/,
];

const ALLOWED = [
  /\bPort (Huron|Angeles|Arthur|Townsend|Everglades|Lavaca|Isabel|Manatee)\b/g,
  /\bWorld Trade Bridge\b/g,
  /\bNew York City\b/g,
  /\bReady Lane\b/g,
  /\bDerby Line\b/g,
  // Commands, as typed: "frontera tariff line <hts10> --partner china".
  /\bfrontera tariff \w+(?: <hts10> --partner \w+)?/g,
  // English the EU's Spanish nomenclature itself keeps, in brackets (HS 851762).
  /\(switching and routing apparatus\)/g,
];

describe('Spanish pages have no English text (Chromium, 1366×900)', { timeout: 180_000 }, () => {
  let web: Dashboard;
  before(async () => {
    web = await serveDashboard(DASHBOARD_FILES, 'es', SPANISH_FILES);
    await web.page.setViewportSize({ width: 1366, height: 900 });
  });
  after(() => web?.close());

  it('visits every /es/ page once and finds no English text node', async () => {
    const found: string[] = [];
    for (const path of PAGES) {
      await web.page.goto(`${web.server.url}${path}`);
      const state = await settled(web.page);
      // Every finding is collected, so one run names all that is wrong.
      if (!path.includes('Tijuana') && !path.includes('zzzz') && state !== 'ready')
        found.push(`${path}: not drawn (${state})`);
      const texts = await web.page.evaluate(() => {
        const out: string[] = [];
        const root = document.getElementById('app') ?? document.body;
        const walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let n = walk.nextNode(); n; n = walk.nextNode()) {
          const el = n.parentElement;
          const text = n.textContent?.trim() ?? '';
          if (!el || !text || el.closest('code, script, style')) continue;
          // Only what a reader can see: a closed <details> hides all but its summary.
          const details = el.closest('details');
          if (details && !details.open && !el.closest('summary')) continue;
          const style = getComputedStyle(el);
          if (style.display === 'none' || style.visibility === 'hidden') continue;
          out.push(text);
        }
        return out;
      });
      assert.ok(texts.length > (state === 'ready' ? 5 : 1), `${path}: nothing drawn`);
      for (const t of texts) {
        const rest = ALLOWED.reduce((s, re) => s.replace(re, ''), t);
        if (ENGLISH.test(rest) || RAW.some((re) => re.test(rest)))
          found.push(`${path}: ${JSON.stringify(t.slice(0, 200))}`);
      }
    }
    // How fast pages draw is the bench's (`npm run bench`, section web); a page that never
    // draws fails `web.open` or the suite's timeout.
    assert.deepEqual(found, [], `English text on Spanish pages:\n${found.join('\n')}`);
  });

  it('names products in Spanish with the EU wording note, and Mexican states in Spanish', async () => {
    await web.open('/es/product/aguacates');
    assert.match(await web.text('h1'), /SA 080440: Aguacates \(paltas\)/);
    assert.match(await web.text('[data-note=eu-cn]'), /Nomenclatura Combinada de la UE/);
    await web.open('/es/state/TX');
    assert.match(await web.text('[data-figure=mexstates-2010]'), /Chihuahua/);
    await web.open('/es/mexican-state/XX');
    assert.match(await web.text('h1'), /^Desconocido: exportaciones de EE\. UU\./);
    await web.open('/es/state/SC');
    assert.match(await web.text('h1'), /^Carolina del Sur:/);
    await web.open('/es/mexican-state/19');
    assert.match(await web.text('h1'), /^Nuevo León:/);
  });

  it('writes the tariff notes in Spanish with Mexican figures and partner names, and the checker names partners in Spanish', async () => {
    await web.open('/es/tariffs');
    const notes = await web.page.$$eval('[data-figure=tariff-baseline] .fig-note', (ns) =>
      ns.map((n) => n.textContent ?? ''),
    );
    assert.ok(
      notes.some((n) =>
        /^Lista de la Sección 301 leída de las listas de la nota 20 de 2026: \d{1,3}(,\d{3})* líneas chinas \(\d{1,3}(,\d{3})* dólares\)/.test(
          n,
        ),
      ),
      notes.join('\n'),
    );
    assert.ok(
      notes.some((n) =>
        /^(Canadá|México): \d+ líneas \([\d,]+ dólares\) reclaman el T-MEC/.test(n),
      ),
      notes.join('\n'),
    );
    const sources = await web.text('[data-figure=tariff-baseline] [data-role=source]');
    assert.match(sources, /Tarifa Arancelaria Armonizada de la USITC, texto del capítulo 99/);
    assert.match(sources, /versión 2025 \(edición básica\)/);
    await web.open(
      `/es/check?statement=${encodeURIComponent('México es el segundo mayor mercado para los bienes de EU')}&asOf=2023-06-01`,
    );
    assert.match(
      await web.text('.check-computed tbody td'),
      /^lugar de México como mercado de las exportaciones de EE\. UU\., 2022$/,
    );
  });
});
