import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectLanguage } from '../../src/claims/detect-language.ts';
import { findQuantities, type Quantity } from '../../src/claims/find-quantities.ts';
import { findPeriods, periodAt, sinceYear } from '../../src/claims/parse-period.ts';
import { parseNumber } from '../../src/claims/parse-number.ts';
import { qualifierBefore } from '../../src/claims/qualifier.ts';
import { splitSentences } from '../../src/claims/split-sentences.ts';
import { tokenize } from '../../src/claims/tokenize.ts';

function quantity(text: string, language: 'en' | 'es' = 'en'): Quantity {
  const qs = findQuantities(tokenize(text), language).filter((q) => q.unit !== 'year');
  assert.ok(qs[0], `no quantity in ${JSON.stringify(text)}`);
  return qs[0];
}

describe('numbers in English and Spanish', () => {
  it('reads digits with English, Mexican and Spanish separators', () => {
    assert.equal(parseNumber('324,377,863,297', 'en'), 324_377_863_297);
    assert.equal(parseNumber('2.5', 'en'), 2.5);
    assert.equal(parseNumber('2,5', 'es'), 2.5);
    assert.equal(parseNumber('1.5', 'es'), 1.5);
    assert.equal(parseNumber('2.500', 'es'), 2500);
    assert.equal(parseNumber('536,754', 'es'), 536_754);
    assert.equal(parseNumber('324.377,5', 'es'), 324_377.5);
  });

  it('reads scales: bn, trillion, mil millones, billón (10^12), mdd, mmdd', () => {
    const cases: [string, 'en' | 'es', number, Quantity['unit']][] = [
      ['$2.5bn', 'en', 2.5e9, 'usd'],
      ['US$2.5 billion', 'en', 2.5e9, 'usd'],
      ['a trillion dollars', 'en', 1e12, 'usd'],
      ['$1.5 trillion', 'en', 1.5e12, 'usd'],
      ['$324 mil millones', 'es', 324e9, 'usd'],
      ['$324 mil millones', 'en', 324e9, 'usd'],
      ['$324 mil', 'en', 324e6, 'usd'],
      ['324 mil millones de dólares', 'es', 324e9, 'usd'],
      ['2.1 billones de dólares', 'es', 2.1e12, 'usd'],
      ['un billón de dólares', 'es', 1e12, 'usd'],
      ['medio billón de dólares', 'es', 0.5e12, 'usd'],
      ['356 mmdd', 'es', 356e9, 'usd'],
      ['900 mdd', 'es', 900e6, 'usd'],
      ['455bn dollars', 'en', 455e9, 'usd'],
      ['$7.6m', 'en', 7.6e6, 'usd'],
    ];
    for (const [text, lang, value, unit] of cases) {
      const q = quantity(text, lang);
      assert.equal(q.value, value, text);
      assert.equal(q.unit, unit, text);
    }
  });

  it('reads numbers spelled out', () => {
    assert.equal(quantity('two and a half billion dollars').value, 2.5e9);
    assert.equal(quantity('three hundred and fifty billion dollars').value, 350e9);
    assert.equal(quantity('half a trillion dollars').value, 0.5e12);
    assert.equal(quantity('twenty-five percent').value, 25);
    assert.equal(quantity('dos mil quinientos millones de dólares', 'es').value, 2.5e9);
    assert.equal(quantity('trescientos veinticuatro mil millones de dólares', 'es').value, 324e9);
    assert.equal(quantity('dos y medio billones de dólares', 'es').value, 2.5e12);
  });

  it('reads percentages, multiples, ranks, shares, counts and years', () => {
    assert.deepEqual(
      ['17%', '17 percent', '17 per cent', '17 por ciento'].map((t) => quantity(t, 'es').unit),
      ['percent', 'percent', 'percent', 'percent'],
    );
    assert.equal(quantity('3 veces', 'es').unit, 'times');
    assert.equal(quantity('three times').value, 3);
    assert.equal(quantity('twice as much').value, 2);
    assert.equal(quantity('el doble', 'es').value, 2);
    assert.deepEqual([quantity('second').value, quantity('second').unit], [2, 'rank']);
    assert.deepEqual([quantity('2nd').value, quantity('2nd').unit], [2, 'rank']);
    assert.equal(quantity('segundo', 'es').value, 2);
    assert.equal(quantity('la mitad de', 'es').value, 50);
    assert.ok(Math.abs(quantity('a third of').value - 100 / 3) < 1e-9);
    assert.ok(Math.abs(quantity('two thirds of').value - 200 / 3) < 1e-9);
    assert.deepEqual([quantity('doubled').value, quantity('doubled').growth], [100, true]);
    const trucks = quantity('7.6 million trucks');
    assert.deepEqual([trucks.value, trucks.unit, trucks.measure], [7.6e6, 'count', 'Trucks']);
    assert.equal(findQuantities(tokenize('in 2022'), 'en')[0]?.unit, 'year');
  });

  it('keeps what was written: 536.8 billion, and the value of its last digit', () => {
    assert.equal(quantity('$536.8bn').value, 536_800_000_000);
    assert.equal(quantity('$243.3 billion').step, 1e8);
    assert.equal(quantity('$324,377,863,297').step, 1);
    assert.equal(quantity('two billion dollars').step, null);
  });
});

describe('qualifiers', () => {
  const q = (text: string, lang: 'en' | 'es' = 'en') => {
    const tokens = tokenize(text);
    const at = findQuantities(tokens, lang).find((x) => x.unit !== 'year')!;
    return qualifierBefore(tokens, at.start).qualifier;
  };
  it('reads English qualifiers', () => {
    assert.equal(q('more than $300 billion'), 'more_than');
    assert.equal(q('over $300 billion'), 'more_than');
    assert.equal(q('topped $300 billion'), 'more_than');
    assert.equal(q('nearly $300 billion'), 'nearly');
    assert.equal(q('almost $300 billion'), 'nearly');
    assert.equal(q('just under $300 billion'), 'nearly');
    assert.equal(q('about $300 billion'), 'about');
    assert.equal(q('roughly $300 billion'), 'about');
    assert.equal(q('around $300 billion'), 'about');
    assert.equal(q('less than $300 billion'), 'less_than');
    assert.equal(q('at least $300 billion'), 'at_least');
    assert.equal(q('exactly $300 billion'), 'exact');
    assert.equal(q('$300 billion'), 'exact');
  });
  it('reads Spanish qualifiers', () => {
    assert.equal(q('más de 300 mil millones', 'es'), 'more_than');
    assert.equal(q('casi 300 mil millones', 'es'), 'nearly');
    assert.equal(q('alrededor de 300 mil millones', 'es'), 'about');
    assert.equal(q('aproximadamente 300 mil millones', 'es'), 'about');
    assert.equal(q('cerca de 300 mil millones', 'es'), 'about');
    assert.equal(q('menos de 300 mil millones', 'es'), 'less_than');
    assert.equal(q('al menos 300 mil millones', 'es'), 'at_least');
    assert.equal(q('superaron los 300 mil millones', 'es'), 'more_than');
  });
});

describe('language and periods', () => {
  it('tells English from Spanish', () => {
    assert.equal(detectLanguage(tokenize('US exports to Mexico grew last year')), 'en');
    assert.equal(
      detectLanguage(tokenize('Las exportaciones a México crecieron el año pasado')),
      'es',
    );
  });

  it('resolves relative dates from the day the statement was made', () => {
    const asOf = new Date('2023-03-15T12:00:00Z');
    const year = (text: string) => {
      const tokens = tokenize(text);
      const p = periodAt(findPeriods(tokens, findQuantities(tokens, 'en'), asOf), 0);
      return p.kind === 'year' ? p.year : p.kind === 'month' ? p.month : null;
    };
    assert.equal(year('exports grew last year'), 2022);
    assert.equal(year('crecieron el año pasado'), 2022);
    assert.equal(year('this year exports will grow'), 2023);
    assert.equal(year('este año'), 2023);
    assert.equal(year('hace dos años'), 2021);
    assert.equal(year('two years ago'), 2021);
    assert.equal(year('last month'), '2023-02');
    assert.equal(year('in 2015'), 2015);
    assert.equal(year('in January 2015'), '2015-01');
    assert.equal(year('en enero de 2015'), '2015-01');
    assert.equal(year('no date at all'), null);
  });

  it('reads a base year: "since 2010", "between 2015 and 2022"', () => {
    const base = (text: string) => {
      const tokens = tokenize(text);
      return sinceYear(findPeriods(tokens, findQuantities(tokens, 'en'), new Date()));
    };
    assert.equal(base('doubled since 2010'), 2010);
    assert.equal(base('desde 2010'), 2010);
    assert.equal(base('between 2015 and 2022'), 2015);
    assert.equal(base('in 2022'), null);
  });
});

describe('finding statements in a text', () => {
  it('cuts sentences but not "U.S.", "EE.UU.", "No. 2" or decimals, and keeps bullets whole', () => {
    const pieces = splitSentences(
      [
        '# Title',
        'The U.S. sold $2.5 billion to Mexico. Mexico is No. 2 among markets! EE.UU. compró más.',
        '',
        '- Canada and Mexico together buy more than the next ten.',
        '* Second bullet',
      ].join('\n'),
    );
    assert.deepEqual(
      pieces.map((p) => [p.text, p.line, p.bullet]),
      [
        ['Title', 1, false],
        ['The U.S. sold $2.5 billion to Mexico.', 2, false],
        ['Mexico is No. 2 among markets!', 2, false],
        ['EE.UU. compró más.', 2, false],
        ['Canada and Mexico together buy more than the next ten.', 4, true],
        ['Second bullet', 5, true],
      ],
    );
  });
});
