import type { MessageKey } from './i18n.ts';

/**
 * The example scenario the tariff page starts from: EXAMPLE_SCENARIO in
 * src/tariffs/scenario-spec.ts (`frontera tariff scenario --example`), restated here because
 * web/ reaches the server only over HTTP. Each layer's label is a message with its rate filled
 * in; the English one is sent to the API, so at the preset rates the body is the example's.
 * test/web/tariffs.test.ts checks this copy against the original.
 */
export interface PresetLayer {
  label: MessageKey;
  ratePct: number;
  /** The layer as the API takes it, less its label and rate. */
  spec: Record<string, unknown>;
}

export const TARIFF_PRESET: { name: string; year: number; layers: PresetLayer[] } = {
  name: 'North American and China tariffs on 2024 trade',
  year: 2024,
  layers: [
    {
      label: 'layerNorthAmerica',
      ratePct: 25,
      spec: { partners: ['mexico', 'canada'], exempt: ['usmca_claimed'] },
    },
    {
      label: 'layerCanadaEnergy',
      ratePct: 10,
      spec: { partners: ['canada'], products: { chapters: ['27'] } },
    },
    {
      label: 'layerChina301',
      ratePct: 10,
      spec: { partners: ['china'], products: { section301Lists: ['1', '2', '3', '4A'] } },
    },
    { label: 'layerSection232', ratePct: 50, spec: { kind: 'section232' } },
  ],
};
