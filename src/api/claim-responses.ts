import { z } from '@hono/zod-openapi';
import { codeName, int, sourceRefSchema } from './response-common.ts';

export const figureUnitSchema = z
  .enum(['usd', 'percent', 'times', 'rank', 'count'])
  .openapi('FigureUnit');
export type FigureUnit = z.infer<typeof figureUnitSchema>;

export const computedFigureSchema = z
  .object({
    label: z.string(),
    value: z.union([int, z.number()]),
    unit: figureUnitSchema,
    display: z.string(),
  })
  .strict()
  .openapi('ComputedFigure');
export type ComputedFigure = z.infer<typeof computedFigureSchema>;

export const languageSchema = z.enum(['en', 'es']).openapi('Language');
export type Language = z.infer<typeof languageSchema>;

export const claimFlowSchema = z
  .enum(['exports', 'imports', 'two_way', 'balance'])
  .openapi('ClaimFlow');
export type ClaimFlow = z.infer<typeof claimFlowSchema>;

export const claimKindSchema = z
  .enum([
    'value',
    'growth_pct',
    'growth_usd',
    'ratio',
    'rank',
    'share',
    'per_capita',
    'rate',
    'group_vs_next',
  ])
  .openapi('ClaimKind');
export type ClaimKind = z.infer<typeof claimKindSchema>;

export const endUseSchema = z.enum(['intermediate', 'capital', 'consumption']).openapi('EndUse');
export type EndUse = z.infer<typeof endUseSchema>;

export const figureSchema = z
  .object({
    value: z.number(),
    unit: figureUnitSchema,
    text: z.string(),
    step: z.number().nullable(),
  })
  .strict()
  .openapi('Figure');
export type Figure = z.infer<typeof figureSchema>;

export const periodSchema = z
  .union([
    z
      .object({
        kind: z.literal('year'),
        year: z.number(),
        said: z.string(),
      })
      .strict(),
    z
      .object({
        kind: z.literal('month'),
        month: z.string(),
        said: z.string(),
      })
      .strict(),
    z
      .object({
        kind: z.literal('latest'),
        said: z.null(),
      })
      .strict(),
  ])
  .openapi('Period');
export type Period = z.infer<typeof periodSchema>;

export const qualifierSchema = z
  .enum(['exact', 'about', 'more_than', 'at_least', 'less_than', 'at_most', 'nearly'])
  .openapi('Qualifier');
export type Qualifier = z.infer<typeof qualifierSchema>;

export const partnerRefSchema = codeName.openapi('PartnerRef');
export type PartnerRef = z.infer<typeof partnerRefSchema>;

export const subjectSchema = z
  .union([
    z
      .object({
        kind: z.literal('partners'),
        partners: z.array(partnerRefSchema),
        mention: z.string(),
      })
      .strict(),
    z
      .object({
        kind: z.literal('state'),
        code: z.string(),
        name: z.string(),
        partner: z.union([partnerRefSchema, z.null()]),
        mention: z.string(),
      })
      .strict(),
    z
      .object({
        kind: z.literal('port'),
        code: z.string(),
        name: z.string(),
        partner: z.union([partnerRefSchema, z.null()]),
        mention: z.string(),
      })
      .strict(),
    z
      .object({
        kind: z.literal('region'),
        country: z.enum(['MX', 'CA']),
        code: z.string(),
        name: z.string(),
        names: z.array(z.string()),
        counterpart: z.string().nullable(),
        mention: z.string(),
      })
      .strict(),
    z
      .object({
        kind: z.literal('border'),
        border: z.enum(['mexico', 'canada']),
        mention: z.string(),
      })
      .strict(),
    z
      .object({
        kind: z.literal('product'),
        code: z.string(),
        description: z.string(),
        partner: z.union([partnerRefSchema, z.null()]),
        mention: z.string(),
      })
      .strict(),
    z
      .object({
        kind: z.literal('unknown'),
        mention: z.string(),
        message: z.string(),
      })
      .strict(),
  ])
  .openapi('Subject');
export type Subject = z.infer<typeof subjectSchema>;

export const claimSchema = z
  .object({
    kind: claimKindSchema,
    subject: subjectSchema,
    against: z.union([subjectSchema, z.null()]),
    flow: claimFlowSchema,
    againstFlow: z.union([claimFlowSchema, z.null()]),
    mirrored: z.boolean(),
    balance: z.enum(['deficit', 'surplus']).nullable(),
    measure: z.string().nullable(),
    period: periodSchema,
    since: z.number().nullable(),
    per: z.enum(['day', 'hour', 'minute', 'year']).nullable(),
    next: z.number().nullable(),
    figure: figureSchema,
    qualifier: qualifierSchema,
    text: z.string(),
    endUse: endUseSchema.optional(),
  })
  .strict()
  .openapi('Claim');
export type Claim = z.infer<typeof claimSchema>;

export const scopeLimitSchema = z
  .enum(['services', 'topic', 'mexico_side', 'composition', 'no_figure', 'unknown_subject'])
  .openapi('ScopeLimit');
export type ScopeLimit = z.infer<typeof scopeLimitSchema>;

export const outOfScopeSchema = z
  .object({
    limit: scopeLimitSchema,
    topic: z.string().nullable(),
    reason: z.string(),
    wouldDecide: z.string(),
    es: z
      .object({
        reason: z.string(),
        wouldDecide: z.string(),
      })
      .strict()
      .nullable(),
  })
  .strict()
  .openapi('OutOfScope');
export type OutOfScope = z.infer<typeof outOfScopeSchema>;

export const parsedStatementSchema = z
  .object({
    kind: z.literal('parsed-statement'),
    text: z.string(),
    language: languageSchema,
    asOf: z.string(),
    parts: z.array(claimSchema),
    outOfScope: z.union([outOfScopeSchema, z.null()]),
  })
  .strict()
  .openapi('ParsedStatement');
export type ParsedStatement = z.infer<typeof parsedStatementSchema>;

export const verdictSchema = z
  .enum(['accurate', 'approximately_accurate', 'inaccurate', 'not_verifiable'])
  .openapi('Verdict');
export type Verdict = z.infer<typeof verdictSchema>;

export const alternativeSchema = z
  .object({
    kind: z.enum(['year', 'vintage']),
    year: z.number(),
    vintage: z.string().nullable(),
    verdict: verdictSchema,
    computed: computedFigureSchema,
    note: z.string(),
    sources: z.array(sourceRefSchema),
  })
  .strict()
  .openapi('Alternative');
export type Alternative = z.infer<typeof alternativeSchema>;

export const queryUsedSchema = z
  .object({
    call: z.string(),
    spec: z
      .looseObject({})
      .nullable()
      .openapi({ description: 'the analysis spec the figure was computed by' }),
    sql: z.string().nullable(),
  })
  .strict()
  .openapi('QueryUsed');
export type QueryUsed = z.infer<typeof queryUsedSchema>;

export const partCheckSchema = z
  .object({
    kind: z.literal('part-check'),
    claim: claimSchema,
    verdict: verdictSchema,
    computed: z.array(computedFigureSchema),
    difference: z
      .object({
        value: z.number(),
        measure: z.enum(['relative', 'points', 'places']),
        display: z.string(),
      })
      .strict()
      .nullable(),
    tolerance: z.string().nullable(),
    query: z.array(queryUsedSchema),
    sources: z.array(sourceRefSchema),
    explanation: z.string(),
    alternatives: z.array(alternativeSchema),
    wouldDecide: z.string().nullable(),
    notes: z.array(z.string()),
  })
  .strict()
  .openapi('PartCheck');
export type PartCheck = z.infer<typeof partCheckSchema>;

export const claimCheckSchema = z
  .object({
    kind: z.literal('claim-check'),
    statement: z.string(),
    asOf: z.string(),
    language: languageSchema,
    explanationLanguage: languageSchema,
    verdict: verdictSchema,
    claim: parsedStatementSchema,
    parts: z.array(partCheckSchema),
    computed: z.array(computedFigureSchema),
    tolerance: z.array(z.string()),
    query: z.array(queryUsedSchema),
    sources: z.array(sourceRefSchema),
    explanation: z.string(),
    wouldDecide: z.string().nullable(),
  })
  .strict()
  .openapi('ClaimCheck');
export type ClaimCheck = z.infer<typeof claimCheckSchema>;

export const textCheckSchema = z
  .object({
    kind: z.literal('text-check'),
    asOf: z.string(),
    pieces: z.number(),
    checks: z.array(
      z
        .object({
          line: z.number(),
          bullet: z.boolean(),
          kind: z.literal('claim-check'),
          statement: z.string(),
          asOf: z.string(),
          language: languageSchema,
          explanationLanguage: languageSchema,
          verdict: verdictSchema,
          claim: parsedStatementSchema,
          parts: z.array(partCheckSchema),
          computed: z.array(computedFigureSchema),
          tolerance: z.array(z.string()),
          query: z.array(queryUsedSchema),
          sources: z.array(sourceRefSchema),
          explanation: z.string(),
          wouldDecide: z.string().nullable(),
        })
        .strict(),
    ),
    summary: z
      .object({
        accurate: z.number(),
        approximately_accurate: z.number(),
        inaccurate: z.number(),
        not_verifiable: z.number(),
      })
      .strict(),
  })
  .strict()
  .openapi('TextCheck');
export type TextCheck = z.infer<typeof textCheckSchema>;
