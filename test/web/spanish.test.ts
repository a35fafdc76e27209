import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dataFile, REFERENCE_FILES } from '../helpers.ts';
import { serveDashboard, settled, type Dashboard } from './browser.ts';

/**
 * Every Spanish page at desktop size, in Chromium against the real server over bundle files:
 * no visible text may be English. Each text node is tested for English words (below), once the
 * proper nouns and codes a Spanish reader also sees in English (Schedule D port names, BTS and
 * Census file names) are taken out.
 */
const FILES = [
  ...REFERENCE_FILES,
  dataFile('reference/hs/harmonized-system.csv'),
  dataFile('reference/hs/sections.csv'),
  dataFile('reference/bec/HS2022_to_BEC4_UNSD.csv'),
  dataFile('reference/bec/BEC4_descriptions.csv'),
  dataFile('reference/bec/BEC4_to_SNA_enduse_HANDAUTHORED.csv'),
  dataFile('reference/es/eu-cn-2026/messages_es.yaml'),
  dataFile('reference/es/iso-codes/iso_3166-2.json'),
  dataFile('reference/es/iso-codes/iso_3166-2_es.po'),
  dataFile('bts/transborder/codes/mexican_state_codes.json'),
  dataFile('census/country-2023-03.xlsx'),
  dataFile('bts/border-crossing/Border_Crossing_Entry_Data_2024_sample.csv'),
  dataFile('bts/transborder/2015-01/dot1_0115.csv'),
  dataFile('bts/transborder/2015-01/dot2_0115.csv'),
  dataFile('bts/transborder/2015-01/dot3_0115.csv'),
  dataFile('cbp/bwtnew-2022-06-29.json'),
  dataFile('census/api-extracts/imports-hs10-2024/2024-hs10-imports2010.parquet'),
];

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
  '/es/tariffs',
  '/es/waits/2304',
  '/es/mexican-state/NL',
  // API errors shown on Spanish pages: an ambiguous alias, an unknown product.
  '/es/port/Tijuana',
  '/es/product/zzzz',
];

const WORDS =
  '(the|of|and|with|by|from|to|is|are|for|not|only|exports?|imports?|trade|unknown|state|month|year|loaded|ports?|rows?|shows?|than|which|this|that|these|has|have|between|share|value|other|freight|crossings?|source|vintage|undated|files?|since|until|each|data|never|added|together|duty|rate|effective|scenario|layer|wait|minutes?|hours?|lane|passenger|pedestrian|commercial|vehicles?|trucks?|containers?|empty|buses|trains?|rail|vessel|pipeline|mail|foreign|matches|several|closest|say|new york|new mexico|new jersey|new hampshire|north carolina|south carolina|north dakota|south dakota|west virginia|pennsylvania|louisiana|district of columbia|hawaii)';

/**
 * Words that are English and never Spanish (nor part of a proper noun left in the text),
 * bounded by letters with accents: "portátiles" holds no "port".
 */
const ENGLISH = new RegExp(`(?<![\\p{L}\\p{N}])${WORDS}(?![\\p{L}\\p{N}…])`, 'iu');

/**
 * Proper nouns shown as published: Schedule D port names, CBP's crossing names and its Ready
 * Lane programme (CBP's name in Spanish too).
 */
const ALLOWED = [
  /\bPort (Huron|Angeles|Arthur|Townsend|Everglades|Lavaca|Isabel|Manatee)\b/g,
  /\bWorld Trade Bridge\b/g,
  /\bNew York City\b/g,
  /\bReady Lane\b/g,
];

describe('Spanish pages have no English text (Chromium, 1366×900)', { timeout: 180_000 }, () => {
  let web: Dashboard;
  before(async () => {
    web = await serveDashboard(FILES, 'es');
    await web.page.setViewportSize({ width: 1366, height: 900 });
  });
  after(() => web?.close());

  it('visits every /es/ page once and finds no English text node', async () => {
    const started = performance.now();
    const found: string[] = [];
    for (const path of PAGES) {
      await web.page.goto(`${web.server.url}${path}`);
      const state = await settled(web.page);
      if (!path.includes('Tijuana') && !path.includes('zzzz') && path !== '/es/tariffs')
        assert.equal(state, 'ready', path);
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
        if (ENGLISH.test(rest)) found.push(`${path}: ${JSON.stringify(t.slice(0, 200))}`);
      }
    }
    const ms = performance.now() - started;
    assert.deepEqual(found, [], `English text on Spanish pages:\n${found.join('\n')}`);
    assert.ok(ms < 30_000, `visiting ${PAGES.length} pages took ${Math.round(ms)} ms`);
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
  });
});
