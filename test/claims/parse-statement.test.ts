import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Claim, Subject } from '../../src/claims/claim.ts';
import { parseStatement } from '../../src/claims/parse-statement.ts';
import type { Store } from '../../src/store/open-store.ts';
import { fixtureStore } from '../fixture-database.ts';
import { REFERENCE_FILES } from '../helpers.ts';

const names = (s: Subject | null) =>
  s === null
    ? null
    : s.kind === 'partners'
      ? s.partners.map((p) => p.code).join('+')
      : s.kind === 'unknown'
        ? `unknown:${s.mention}`
        : 'code' in s
          ? `${s.kind}:${s.code}`
          : `${s.kind}:${s.border}`;

/** The structure a reader sees, reduced to what the assertions compare. */
const brief = (c: Claim) => ({
  kind: c.kind,
  subject: names(c.subject),
  flow: c.balance ? `${c.flow}:${c.balance}` : c.flow,
  figure: c.figure.value,
  qualifier: c.qualifier,
});

describe('statements to structured claims', () => {
  let store: Store;
  const asOf = new Date('2023-03-15T12:00:00Z');
  const parse = (text: string) => parseStatement(store, text, { asOf });
  before(async () => {
    store = await fixtureStore([...REFERENCE_FILES]);
  });
  after(() => store.close());

  it('reads each flow from the US side, whoever is the grammatical subject', async () => {
    const flow = async (text: string) => (await parse(text)).parts[0]?.flow;
    assert.equal(await flow('US exports to Mexico were $324 billion in 2022'), 'exports');
    assert.equal(await flow('Mexico buys $324 billion of US goods'), 'exports');
    assert.equal(await flow("Mexico's exports to the US were $455 billion"), 'imports');
    assert.equal(await flow('Mexican exports to the United States rose 18% in 2022'), 'imports');
    assert.equal(await flow('US imports from China were $537 billion'), 'imports');
    assert.equal(await flow('The US sold $356 billion of goods to Canada'), 'exports');
    assert.equal(
      await flow('México compra a Estados Unidos 324 mil millones de dólares'),
      'exports',
    );
    assert.equal(
      await flow('Las importaciones de Estados Unidos desde China cayeron 3.7% en 2020'),
      'imports',
    );
    assert.equal(
      await flow('Las exportaciones de Estados Unidos a México crecieron 17%'),
      'exports',
    );
    assert.equal(await flow('Trade with Mexico reached $779 billion'), 'two_way');
    assert.equal(
      await flow('El comercio entre México y EE.UU. superó 779 mil millones'),
      'two_way',
    );
  });

  it('reads deficits and surpluses, and whose they are', async () => {
    const [a] = (await parse('The US trade deficit with Mexico was $130 billion')).parts;
    assert.deepEqual([a?.flow, a?.balance], ['balance', 'deficit']);
    const [b] = (await parse("Mexico's trade surplus with the US was $130 billion")).parts;
    assert.deepEqual([b?.flow, b?.balance], ['balance', 'deficit']);
    const [c] = (
      await parse('El superávit comercial de México con Estados Unidos fue de 130 mil millones')
    ).parts;
    assert.deepEqual([c?.flow, c?.balance], ['balance', 'deficit']);
  });

  it('reads every claim kind', async () => {
    assert.deepEqual(
      (await parse('Exports to Mexico grew 17 percent last year')).parts.map(brief),
      [{ kind: 'growth_pct', subject: '2010', flow: 'exports', figure: 17, qualifier: 'exact' }],
    );
    assert.deepEqual(
      (await parse('Las importaciones desde México cayeron más de 5% en 2020')).parts.map(brief),
      [
        {
          kind: 'growth_pct',
          subject: '2010',
          flow: 'imports',
          figure: -5,
          qualifier: 'more_than',
        },
      ],
    );
    assert.equal(
      (await parse('Exports to Mexico rose by $48 billion in 2022')).parts[0]?.kind,
      'growth_usd',
    );
    assert.equal(
      (await parse('Exports to Mexico rose 17% to $324 billion')).parts[1]?.kind,
      'value',
    );
    assert.deepEqual(
      (await parse('Mexico buys 2.1 times more US goods than China')).parts.map((c) => [
        c.kind,
        names(c.subject),
        names(c.against),
      ]),
      [['ratio', '2010', '5700']],
    );
    assert.deepEqual(
      (await parse('Mexico is the second-largest market for US goods, after Canada')).parts.map(
        brief,
      ),
      [
        { kind: 'rank', subject: '2010', flow: 'exports', figure: 2, qualifier: 'exact' },
        { kind: 'rank', subject: '1220', flow: 'exports', figure: 1, qualifier: 'exact' },
      ],
    );
    assert.deepEqual(
      (await parse('Japan is among the top five markets for US exports')).parts.map(brief),
      [{ kind: 'rank', subject: '5880', flow: 'exports', figure: 5, qualifier: 'at_most' }],
    );
    assert.equal((await parse('Mexico accounts for 16% of US exports')).parts[0]?.kind, 'share');
    assert.equal(
      (await parse('Each Mexican spends $2,500 on US goods')).parts[0]?.kind,
      'per_capita',
    );
    const rate = (
      await parse('The US trades $2 billion a day — $1.5 million a minute — with Mexico')
    ).parts;
    assert.deepEqual(
      rate.map((c) => [c.kind, c.per]),
      [
        ['rate', 'day'],
        ['rate', 'minute'],
      ],
    );
    const [g] = (
      await parse('Canada and Mexico together buy more than the next ten partners combined')
    ).parts;
    assert.deepEqual(
      [g?.kind, names(g!.subject), g?.next, g?.figure.value, g?.qualifier],
      ['group_vs_next', '1220+2010', 10, 1, 'more_than'],
    );
  });

  it('reads comparisons without a number, ratios across flows, yearly rates since a year', async () => {
    const [c] = (await parse('The US imported more from Mexico than from Canada in 2022')).parts;
    assert.deepEqual(
      [c?.kind, names(c!.subject), names(c!.against), c?.flow, c?.figure.value, c?.qualifier],
      ['ratio', '2010', '1220', 'imports', 1, 'more_than'],
    );
    const [m] = (await parse('US imports from China were 3.5 times US exports to China in 2022'))
      .parts;
    assert.deepEqual([m?.flow, m?.againstFlow, names(m!.against)], ['imports', 'exports', '5700']);
    const [g] = (await parse('Exports to Mexico have grown 4.2 percent a year since 2012')).parts;
    assert.deepEqual([g?.kind, g?.since, g?.per], ['growth_pct', 2012, 'year']);
    const [s] = (await parse('China makes up a fifth of US imports')).parts;
    assert.deepEqual([s?.kind, s?.figure.value, s?.flow], ['share', 20, 'imports']);
  });

  it('gives each figure its own period, and tells levels from changes', async () => {
    const two = (
      await parse('Exports to Mexico grew from $211 billion in 2020 to $324 billion in 2022')
    ).parts;
    assert.deepEqual(
      two.map((c) => [c.kind, c.period.kind === 'year' ? c.period.year : null]),
      [
        ['value', 2020],
        ['value', 2022],
      ],
    );
    const [u] = (
      await parse(
        'En 2022 las exportaciones a México registraron un aumento de 48 mil millones de dólares',
      )
    ).parts;
    assert.equal(u?.kind, 'growth_usd');
  });

  it('reads groups, the world, neighbours and demonyms', async () => {
    const subject = async (text: string) => names((await parse(text)).parts[0]!.subject);
    assert.equal(
      await subject('The US exported $680 billion to Canada and Mexico in 2022'),
      '1220+2010',
    );
    assert.equal(
      await subject('The US trades $4.3 billion a day with its neighbours'),
      '1220+2010',
    );
    assert.equal(
      await subject('Estados Unidos y sus vecinos comercian 4 mil millones al día'),
      '1220+2010',
    );
    assert.equal(await subject('US goods exports were $2.1 trillion in 2022'), '0015');
    assert.equal(
      await subject('Cada canadiense compró 9,000 dólares en productos estadounidenses'),
      '1220',
    );
    assert.equal(await subject('Las exportaciones a Japón fueron de 80 mil millones'), '5880');
  });

  it('says when a name is unknown, with the resolver’s candidates', async () => {
    const [c] = (await parse('US exports to Freedonia reached $2 billion in 2022')).parts;
    assert.equal(c?.subject.kind, 'unknown');
    assert.match(
      c!.subject.kind === 'unknown' ? c!.subject.message : '',
      /unknown partner "Freedonia"; closest/,
    );
  });

  it('marks what the data cannot decide before any query', async () => {
    const limit = async (text: string) => (await parse(text)).outOfScope?.limit ?? null;
    assert.equal(
      await limit('US–Mexico trade in goods and services exceeded $850 billion'),
      'services',
    );
    assert.equal(
      await limit('Según el INEGI, las exportaciones mexicanas crecieron 15%'),
      'mexico_side',
    );
    assert.equal(
      await limit('Estados Unidos es el principal socio comercial de México'),
      'mexico_side',
    );
    assert.equal(await limit("Mexico's exports to China were $10 billion in 2022"), 'mexico_side');
    // An end-use share of one partner's trade is a claim for the composition analytics (issue
    // 11); without a partner it stays out of scope.
    const [share] = (await parse('Intermediate inputs are half of US–Mexico trade')).parts;
    assert.equal(share?.endUse, 'intermediate');
    assert.equal(share?.flow, 'two_way');
    assert.equal(await limit('Intermediate inputs are half of all trade'), 'composition');
    // Out-of-scope topics (issue 11): named as such, whatever number the sentence carries.
    assert.equal(await limit('Exports to Mexico support 5 million US jobs'), 'topic');
    assert.equal(await limit("Mexico's GDP grew 3% in 2022"), 'topic');
    assert.equal(await limit('Remittances to Mexico reached $58 billion in 2022'), 'topic');
    assert.equal(await limit('La inversión de EE. UU. en México fue de 10 mil millones'), 'topic');
    assert.equal(
      await limit('Los turistas canadienses gastaron 20 mil millones de dólares'),
      'topic',
    );
    assert.equal(await limit('Mexico is the second-largest market for US goods'), null);
  });
});
