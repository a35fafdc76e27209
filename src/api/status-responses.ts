import { z } from '@hono/zod-openapi';

export const tariffTableSchema = z
  .enum([
    'tariff_line',
    'hts_line',
    'tariff_measure',
    'usmca_share',
    'chapter99_heading',
    'chapter99_provision',
    'chapter99_note_heading',
    'hts_footnote',
    'china_tariff_reference',
    'exclusion_claim_share',
  ])
  .openapi('TariffTable');
export type TariffTable = z.infer<typeof tariffTableSchema>;

export const dimensionTableSchema = z
  .union([
    z.literal('census_partner'),
    z.literal('census_partner_aggregate'),
    z.literal('country'),
    z.literal('hs_product'),
    z.literal('hs_product_name'),
    z.literal('hs_section'),
    z.literal('hs_bec'),
    z.literal('bec_category'),
    z.literal('bec_end_use'),
    z.literal('us_state'),
    z.literal('subdivision'),
    z.literal('port'),
    z.literal('region'),
    z.literal('population'),
    tariffTableSchema,
  ])
  .openapi('DimensionTable');
export type DimensionTable = z.infer<typeof dimensionTableSchema>;

export const factTableSchema = z
  .enum([
    'trade_country_month',
    'trade_product',
    'dataweb_product',
    'crossings',
    'transborder_state_port',
    'transborder_state_hs2',
    'transborder_port_hs2',
    'wait_times',
    'wait_time_average',
    'mexico_state_exports',
  ])
  .openapi('FactTable');
export type FactTable = z.infer<typeof factTableSchema>;

export const modelTableSchema = z
  .union([factTableSchema, dimensionTableSchema])
  .openapi('ModelTable');
export type ModelTable = z.infer<typeof modelTableSchema>;

export const storeStatusSchema = z
  .object({
    kind: z.literal('store-status'),
    database: z.string(),
    files: z.array(
      z
        .object({
          id: z.number(),
          source: z.string(),
          series: z.string(),
          vintage: z.string(),
          vintageBasis: z.string(),
          periodFrom: z.string().nullable(),
          periodTo: z.string().nullable(),
          rows: z.number(),
          values: z.number(),
          currentRows: z.number(),
          repeatedRows: z.number(),
          conflicts: z.number(),
          byTable: z.array(
            z
              .object({
                table: z.string(),
                rows: z.number(),
                repeatedRows: z.number(),
                conflicts: z.number(),
                conflictExamples: z.array(z.string()),
              })
              .strict(),
          ),
          path: z.string(),
          sha256: z.string(),
          ingestedAt: z.string(),
          tables: z.array(z.string()),
        })
        .strict(),
    ),
    tables: z.array(
      z
        .object({
          table: modelTableSchema,
          rows: z.number(),
          currentRows: z.number(),
          description: z.string(),
        })
        .strict(),
    ),
  })
  .strict();
export type StoreStatus = z.infer<typeof storeStatusSchema>;

/** `GET /api/status`: the store's status without the database's path on the server. */
export const statusSchema = storeStatusSchema.omit({ database: true }).openapi('StoreStatus');
export type Status = z.infer<typeof statusSchema>;

/** `GET /api/partners`: every partner code with its names and ISO code. */
export const partnerListSchema = z
  .object({
    kind: z.literal('partner-list'),
    partners: z.array(
      z
        .object({
          code: z.string(),
          name: z.string(),
          nameEs: z.string().nullable(),
          iso3: z.string().nullable(),
          isAggregate: z.boolean(),
        })
        .strict(),
    ),
  })
  .strict()
  .openapi('PartnerList');
export type PartnerList = z.infer<typeof partnerListSchema>;
