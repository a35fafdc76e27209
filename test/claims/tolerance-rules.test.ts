import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CLAIM_KINDS, QUALIFIERS } from '../../src/claims/claim.ts';
import { judge, TOLERANCE_RULES } from '../../src/claims/tolerance-rules.ts';
import { combineVerdicts } from '../../src/claims/verdict.ts';

describe('tolerance rules', () => {
  it('has one stated rule for every claim kind and qualifier', () => {
    for (const k of CLAIM_KINDS)
      for (const q of QUALIFIERS) {
        const rule = TOLERANCE_RULES[k][q];
        assert.ok(rule.accurate.length > 0, `${k} ${q}`);
        assert.match(rule.text, /accurate when/, `${k} ${q}`);
      }
  });

  it('judges values relatively: 2.5% accurate, 10% approximately', () => {
    assert.equal(judge('value', 'exact', 324e9, 324_377_863_297).verdict, 'accurate');
    assert.equal(judge('value', 'exact', 440e9, 454_929_951_197).verdict, 'approximately_accurate');
    assert.equal(judge('value', 'exact', 276e9, 324_377_863_297).verdict, 'inaccurate');
    assert.equal(judge('value', 'about', 2.1e12, 2_064_278_316_181).verdict, 'accurate');
  });

  it('reads qualifiers as directions', () => {
    assert.equal(judge('value', 'more_than', 350e9, 356e9).verdict, 'accurate');
    assert.equal(judge('value', 'more_than', 360e9, 356e9).verdict, 'approximately_accurate');
    assert.equal(judge('value', 'more_than', 400e9, 356e9).verdict, 'inaccurate');
    assert.equal(judge('value', 'less_than', 100e9, 80e9).verdict, 'accurate');
    assert.equal(judge('value', 'at_least', 70e9, 70e9).verdict, 'accurate');
    assert.equal(judge('value', 'nearly', 7.3e6, 7.2584e6).verdict, 'accurate');
    assert.equal(judge('value', 'nearly', 7e6, 7.2584e6).verdict, 'inaccurate');
  });

  it('judges growth and shares in percentage points, ranks exactly', () => {
    assert.equal(judge('growth_pct', 'exact', 17, 17.32).verdict, 'accurate');
    assert.equal(judge('growth_pct', 'exact', 100, 98.2).verdict, 'approximately_accurate');
    assert.equal(judge('growth_pct', 'exact', -20, -3.66).verdict, 'inaccurate');
    assert.equal(judge('share', 'exact', 20, 16.53).verdict, 'inaccurate');
    assert.equal(judge('rank', 'exact', 2, 2).verdict, 'accurate');
    assert.equal(judge('rank', 'exact', 1, 2).verdict, 'inaccurate');
    assert.equal(judge('rank', 'at_most', 5, 4).verdict, 'accurate');
    assert.equal(judge('ratio', 'exact', 2, 2.1086).verdict, 'approximately_accurate');
    assert.equal(judge('group_vs_next', 'more_than', 1, 0.943).verdict, 'inaccurate');
    assert.equal(judge('group_vs_next', 'more_than', 1, 0.99).verdict, 'approximately_accurate');
  });

  it('never calls a figure more than 10% from the measurement approximately accurate', () => {
    // "about $190 billion" for $164 billion (−14%) was approximately accurate under ±20%.
    assert.equal(judge('value', 'about', 190e9, 164e9).verdict, 'inaccurate');
    assert.equal(judge('value', 'about', 370e9, 324_377_863_297).verdict, 'inaccurate');
    assert.equal(judge('value', 'about', 350e9, 324_377_863_297).verdict, 'approximately_accurate');
    for (const k of CLAIM_KINDS)
      for (const q of QUALIFIERS)
        for (const computed of [0.5, 3, 17, 98.2, 164e9, 7.2584e6])
          for (const f of [0.8, 0.85, 0.89, 1.11, 1.12, 1.15, 1.2, 1.3])
            assert.notEqual(
              judge(k, q, computed * f, computed).verdict,
              'approximately_accurate',
              `${k} ${q}: ${computed * f} stated, ${computed} computed`,
            );
  });

  it('gives a statement the verdict of its weakest part', () => {
    assert.equal(combineVerdicts(['accurate', 'inaccurate']), 'inaccurate');
    assert.equal(combineVerdicts(['accurate', 'not_verifiable']), 'not_verifiable');
    assert.equal(combineVerdicts(['not_verifiable', 'inaccurate']), 'inaccurate');
    assert.equal(combineVerdicts(['accurate', 'approximately_accurate']), 'approximately_accurate');
    assert.equal(combineVerdicts(['accurate', 'accurate']), 'accurate');
  });

  it('says the rule in Spanish with "dicho" agreeing with the kind', () => {
    assert.match(
      TOLERANCE_RULES.growth_pct.exact.textEs,
      /^una tasa de crecimiento dicha sin matiz:/,
    );
    assert.match(
      TOLERANCE_RULES.share.about.textEs,
      /^una participación dicha como «alrededor de»:/,
    );
    assert.match(TOLERANCE_RULES.rank.exact.textEs, /^un lugar dicho sin matiz:/);
  });
});
