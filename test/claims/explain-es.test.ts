import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { reasonEs } from '../../src/claims/explain-es.ts';

// A Spanish refusal says which crossings are loaded in Spanish, partial year included.
describe('Spanish refusals', () => {
  it('names the loaded crossing years and the partial one in Spanish', () => {
    const text = reasonEs(
      'BTS crossings are not loaded for 2030; loaded: 1996–2025 (2 months of 2025)',
    );
    assert.match(text, /no están cargados para 2030; cargado: 1996–2025 \(2 meses de 2025\)/);
    assert.doesNotMatch(text, /months of|en inglés/);
  });
});
