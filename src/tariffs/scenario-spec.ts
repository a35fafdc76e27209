import { z } from 'zod';

const code = (digits: string) => z.string().regex(new RegExp(`^\\d{${digits}}$`));

/** Which products a layer touches; every condition given must hold. */
const products = z
  .object({
    chapters: z.array(code('2')).max(99).optional(),
    prefixes: z.array(code('2,10')).max(500).optional(),
    /** Products on these Section 301 lists ("1", "2", "3", "4A", …). */
    section301Lists: z
      .array(z.string().regex(/^[\w.]{1,20}$/))
      .max(20)
      .optional(),
    /** Products in the Section 232 steel and aluminium scope. */
    section232: z.boolean().optional(),
  })
  .strict();

const exemption = z.enum(['usmca_claimed', 'ieepa_exempt', 'fentanyl_carveout']);

const additional = z
  .object({
    kind: z.literal('additional').default('additional'),
    label: z.string().max(200).optional(),
    /** Partner names or codes; all partners with product data when absent. */
    partners: z.array(z.string().min(1).max(100)).max(20).optional(),
    products: products.optional(),
    /** Added ad valorem duty, in percent of value: 25 means +25%. */
    ratePct: z.number().min(0).max(1000),
    exempt: z.array(exemption).max(3).optional(),
  })
  .strict();

const section232 = z
  .object({
    kind: z.literal('section232'),
    label: z.string().max(200).optional(),
    /** Partners whose Section 232 duty is set; by default those not exempt in the baseline. */
    partners: z.array(z.string().min(1).max(100)).max(20).optional(),
    materials: z
      .array(z.enum(['steel', 'aluminum']))
      .min(1)
      .max(2)
      .optional(),
    /** The Section 232 rate in percent, replacing the baseline rate on its scope. */
    ratePct: z.number().min(0).max(1000),
  })
  .strict();

export const scenarioSchema = z
  .object({
    name: z.string().max(200).default('scenario'),
    year: z.number().int().min(1990).max(2100).default(2024),
    layers: z
      .array(z.union([section232, additional]))
      .min(1)
      .max(12),
    /** Rows of the by-product and by-place tables to return. */
    limit: z.number().int().min(1).max(1000).default(25),
  })
  .strict();

export type Scenario = z.infer<typeof scenarioSchema>;
export type ScenarioLayer = Scenario['layers'][number];

/** Loose JSON to a checked scenario; the error names the field at fault. */
export function parseScenario(input: unknown): Scenario {
  const r = scenarioSchema.safeParse(input);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  throw new ScenarioError(`${issue?.path.join('.') || 'scenario'}: ${issue?.message ?? 'invalid'}`);
}

export class ScenarioError extends Error {
  constructor(message: string) {
    super(`bad scenario: ${message}`);
    this.name = 'ScenarioError';
  }
}

/** The four layers the issue names, as a file users can start from. */
export const EXAMPLE_SCENARIO = {
  name: 'North American and China tariffs on 2024 trade',
  year: 2024,
  layers: [
    {
      label: '+25% on Mexico and Canada, USMCA-claimed goods exempt',
      partners: ['mexico', 'canada'],
      ratePct: 25,
      exempt: ['usmca_claimed'],
    },
    {
      label: '+10% on Canadian energy (HS 27)',
      partners: ['canada'],
      products: { chapters: ['27'] },
      ratePct: 10,
    },
    {
      label: '+10% on China, Section 301 lists 1–4A',
      partners: ['china'],
      products: { section301Lists: ['1', '2', '3', '4A'] },
      ratePct: 10,
    },
    { kind: 'section232', label: 'Section 232 at 50%', ratePct: 50 },
  ],
};
