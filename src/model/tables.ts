/**
 * The analytical model: one table per grain a source really publishes (facts) and the code
 * lists that describe them (dimensions). The store creates these tables from this list, so a
 * new table fails to compile until its grain and period column are stated.
 */
export type FactTable =
  | 'trade_country_month'
  | 'trade_product'
  | 'dataweb_product'
  | 'crossings'
  | 'transborder_state_port'
  | 'transborder_state_hs2'
  | 'transborder_port_hs2'
  | 'wait_times'
  | 'wait_time_average'
  | 'mexico_state_exports';

export type DimensionTable =
  | 'census_partner'
  | 'census_partner_aggregate'
  | 'country'
  | 'hs_product'
  | 'hs_product_name'
  | 'hs_section'
  | 'hs_bec'
  | 'bec_category'
  | 'bec_end_use'
  | 'us_state'
  | 'subdivision'
  | 'port'
  | 'region'
  | 'population'
  | TariffTable;

/** The tariff schedule and the measures on top of it, as the tariff engine reads them. */
export type TariffTable =
  | 'tariff_line'
  | 'hts_line'
  | 'tariff_measure'
  | 'usmca_share'
  | 'chapter99_heading'
  | 'chapter99_provision'
  | 'chapter99_note_heading'
  | 'hts_footnote'
  | 'china_tariff_reference'
  | 'exclusion_claim_share';

export type ModelTable = FactTable | DimensionTable;

export type ColumnType =
  'VARCHAR' | 'DATE' | 'TIMESTAMPTZ' | 'BIGINT' | 'INTEGER' | 'SMALLINT' | 'DOUBLE' | 'BOOLEAN';

export interface TableSpec {
  description: string;
  columns: Record<string, ColumnType>;
  /**
   * The column naming the period a row belongs to. A newer vintage of the same source and
   * series supersedes an older one period by period; without a period column the newest file
   * supersedes the older one whole.
   */
  period: string | null;
  /**
   * Columns that split one series further when settling vintages: an API extract per partner
   * supersedes only that partner's earlier extracts.
   */
  vintageKey?: string[];
  /** When rows are observations that accumulate (CBP waits), vintages never supersede. */
  accumulates?: boolean;
  /**
   * The columns that identify one measurement within one file. A file that states the same
   * key twice with the same values counts it once; with different values it is a conflict,
   * settled by the rule in `store/settle-repeats.ts` and reported. Without a grain only rows
   * repeated whole are recognised.
   */
  grain?: string[];
  /** The figures a row states, largest first deciding a conflict (see `grain`). */
  measures?: string[];
  /**
   * When several sources state the same measurement (FRED and Census both publish monthly
   * trade with China), the default view shows one: the lowest `rank` (an SQL expression over
   * the row) for each `key`. The others stay in `<table>_all`, marked `set_aside = 'precedence'`.
   */
  precedence?: { key: string[]; rank: string };
  /**
   * The order a file's rows are stored in, by the keys analyses filter on: rows are appended
   * file by file, each file's sorted by these, so DuckDB's per-row-group min/max (zone maps)
   * skip the row groups of other partners, flows, ports or measures, and of other periods
   * (files are mostly one period each). Appending file by file also keeps `source_file_id`
   * ranges tight, which the per-file settling steps rely on.
   */
  clusterBy?: string[];
}

/** The grain of the TransBorder cuts: everything but the three figures. */
const TRANSBORDER_FIGURES = ['value_usd', 'shipping_weight_kg', 'freight_charges_usd'];
const TRANSBORDER_GRAIN = [
  'flow',
  'partner_code',
  'month',
  'mode',
  'domestic_foreign',
  'containerized',
];

const TRANSBORDER_COMMON = {
  flow: 'VARCHAR',
  partner_code: 'VARCHAR',
  month: 'DATE',
  mode: 'SMALLINT',
  value_usd: 'BIGINT',
  shipping_weight_kg: 'BIGINT',
  freight_charges_usd: 'BIGINT',
  domestic_foreign: 'SMALLINT',
  containerized: 'VARCHAR',
} as const satisfies Record<string, ColumnType>;

export const TABLES: Record<ModelTable, TableSpec> = {
  trade_country_month: {
    description:
      'US goods trade by partner and month, whole US dollars, Census basis, not seasonally adjusted (country.xlsx, FRED)',
    columns: {
      series: 'VARCHAR',
      flow: 'VARCHAR',
      partner_code: 'VARCHAR',
      partner_name: 'VARCHAR',
      is_aggregate: 'BOOLEAN',
      month: 'DATE',
      value_usd: 'BIGINT',
    },
    period: 'month',
    grain: ['series', 'flow', 'partner_code', 'month'],
    measures: ['value_usd'],
    // Census's own country.xlsx first; a FRED series (Census figures as FRED republishes them,
    // in rounded millions) only for months no country.xlsx covers; FRED ids break ties.
    precedence: {
      key: ['partner_code', 'flow', 'month'],
      rank: `(CASE WHEN series = 'country.xlsx' THEN 0 ELSE 1 END, series)`,
    },
  },
  trade_product: {
    description:
      'US trade by HS product and partner, nationally or by US state or port (Census International Trade API), whole US dollars',
    columns: {
      flow: 'VARCHAR',
      partner_code: 'VARCHAR',
      partner_name: 'VARCHAR',
      hs_code: 'VARCHAR',
      hs_level: 'SMALLINT',
      period_start: 'DATE',
      period_end: 'DATE',
      value_usd: 'BIGINT',
      duty_usd: 'BIGINT',
      // One grain per row, never summed across: the nation ('country'), a US state of origin
      // or destination ('state', USPS code, `statehs`) or a customs port ('port', `porths`).
      geo_level: 'VARCHAR',
      geo: 'VARCHAR',
    },
    period: 'period_end',
    vintageKey: ['flow', 'partner_code', 'hs_level', 'period_start', 'geo_level', 'geo'],
    grain: [
      'flow',
      'partner_code',
      'hs_code',
      'hs_level',
      'period_start',
      'period_end',
      'geo_level',
      'geo',
    ],
    measures: ['value_usd', 'duty_usd'],
    // HS codes then follow the file's own order (the API's is by commodity).
    clusterBy: ['partner_code', 'flow', 'period_end'],
  },
  dataweb_product: {
    description:
      'USITC DataWeb downloads: US trade by HTS product, partner, year and measure (dollars, quantities, duties); never add to trade_product, which holds Census API figures for the same trade',
    columns: {
      flow: 'VARCHAR',
      partner_code: 'VARCHAR',
      // The country as the download names it (DataWeb never codes partners).
      partner_name: 'VARCHAR',
      hs_code: 'VARCHAR',
      hs_level: 'SMALLINT',
      description: 'VARCHAR',
      period_start: 'DATE',
      period_end: 'DATE',
      // customs_value, fas_value, cif_value, landed_duty_paid_value, dutiable_value,
      // calculated_duty, charges_insurance_freight (dollars); first_quantity, second_quantity.
      measure: 'VARCHAR',
      value: 'BIGINT',
      // 'USD' for dollar measures; the unit of quantity (kilograms, number, watts …) otherwise.
      unit: 'VARCHAR',
      // DataWeb's flag on quantities withheld for confidentiality; NULL where a measure has none.
      suppressed: 'BOOLEAN',
    },
    period: 'period_end',
    vintageKey: ['flow', 'partner_code', 'hs_code', 'measure', 'period_start'],
    grain: [
      'flow',
      'partner_code',
      'partner_name',
      'hs_code',
      'hs_level',
      'period_start',
      'period_end',
      'measure',
    ],
    measures: ['value'],
  },
  crossings: {
    description: 'Inbound crossings at US land ports by port, measure and month (BTS)',
    columns: {
      port_code: 'VARCHAR',
      port_name: 'VARCHAR',
      state: 'VARCHAR',
      border: 'VARCHAR',
      measure: 'VARCHAR',
      month: 'DATE',
      count: 'BIGINT',
    },
    period: 'month',
    grain: ['port_code', 'measure', 'month'],
    measures: ['count'],
    clusterBy: ['port_code', 'measure', 'month'],
  },
  transborder_state_port: {
    description:
      'BTS TransBorder freight by US state, port, mode and partner region (dot1); never add to dot2/dot3',
    columns: {
      ...TRANSBORDER_COMMON,
      us_state: 'VARCHAR',
      port_code: 'VARCHAR',
      mex_state: 'VARCHAR',
      can_province: 'VARCHAR',
    },
    period: 'month',
    grain: [...TRANSBORDER_GRAIN, 'us_state', 'port_code', 'mex_state', 'can_province'],
    measures: TRANSBORDER_FIGURES,
  },
  transborder_state_hs2: {
    description:
      'BTS TransBorder freight by US state, HS2 commodity, mode and partner region (dot2); never add to dot1/dot3',
    columns: {
      ...TRANSBORDER_COMMON,
      us_state: 'VARCHAR',
      hs2: 'VARCHAR',
      mex_state: 'VARCHAR',
      can_province: 'VARCHAR',
    },
    period: 'month',
    grain: [...TRANSBORDER_GRAIN, 'us_state', 'hs2', 'mex_state', 'can_province'],
    measures: TRANSBORDER_FIGURES,
  },
  transborder_port_hs2: {
    description:
      'BTS TransBorder freight by port, HS2 commodity and mode (dot3); never add to dot1/dot2',
    columns: { ...TRANSBORDER_COMMON, port_code: 'VARCHAR', hs2: 'VARCHAR' },
    period: 'month',
    grain: [...TRANSBORDER_GRAIN, 'port_code', 'hs2'],
    measures: TRANSBORDER_FIGURES,
  },
  mexico_state_exports: {
    description:
      "INEGI exports of each Mexican state to the world (Mexico-side, no partner), whole US dollars by year; is_total marks Mexico's total",
    columns: {
      state_name: 'VARCHAR',
      is_total: 'BOOLEAN',
      year: 'INTEGER',
      value_usd: 'BIGINT',
      status: 'VARCHAR',
    },
    period: 'year',
  },
  wait_times: {
    description:
      'CBP border wait time observations by port, crossing and lane (kept as a history; the view holds the latest revision of each)',
    columns: {
      port_number: 'VARCHAR',
      port_name: 'VARCHAR',
      crossing_name: 'VARCHAR',
      border: 'VARCHAR',
      lane_type: 'VARCHAR',
      lane_kind: 'VARCHAR',
      observed_at: 'TIMESTAMPTZ',
      operational_status: 'VARCHAR',
      delay_minutes: 'INTEGER',
      lanes_open: 'INTEGER',
      /** When the feed stating the reading was current; a revision is a later snapshot. */
      snapshot_at: 'TIMESTAMPTZ',
    },
    period: 'observed_at',
    accumulates: true,
  },
  wait_time_average: {
    description:
      "CBP's own historical average wait by crossing, lane, month, weekday and hour (port local time), as CBP publishes it instead of a history",
    columns: {
      port_number: 'VARCHAR',
      lane_type: 'VARCHAR',
      lane_kind: 'VARCHAR',
      /** CBP's column (`pv_time_avg` …), so the lane mapping can be checked. */
      cbp_column: 'VARCHAR',
      month: 'SMALLINT',
      /** CBP's `bwt_day`, 0–6, as published. */
      weekday: 'SMALLINT',
      hour: 'SMALLINT',
      average_minutes: 'INTEGER',
    },
    period: null,
    grain: ['port_number', 'cbp_column', 'month', 'weekday', 'hour'],
    measures: ['average_minutes'],
  },
  census_partner: {
    description: 'Census Schedule C partner codes with ISO alpha-2',
    columns: { partner_code: 'VARCHAR', name: 'VARCHAR', iso2: 'VARCHAR' },
    period: null,
  },
  census_partner_aggregate: {
    description: 'Census partner codes seen in country.xlsx, with years and aggregate flag',
    columns: {
      partner_code: 'VARCHAR',
      name: 'VARCHAR',
      first_year: 'INTEGER',
      last_year: 'INTEGER',
      is_aggregate: 'BOOLEAN',
    },
    period: null,
  },
  country: {
    description: 'ISO 3166 countries with English and Spanish names',
    columns: {
      iso2: 'VARCHAR',
      iso3: 'VARCHAR',
      iso_numeric: 'VARCHAR',
      name_en: 'VARCHAR',
      name_es: 'VARCHAR',
    },
    period: null,
  },
  hs_product: {
    description: 'HS 2022 nomenclature, chapters (2), headings (4) and subheadings (6)',
    columns: {
      hs_code: 'VARCHAR',
      level: 'SMALLINT',
      parent: 'VARCHAR',
      section: 'VARCHAR',
      description: 'VARCHAR',
    },
    period: null,
  },
  hs_product_name: {
    description:
      "HS chapters (2), headings (4) and subheadings (6) named in another language: the EU Combined Nomenclature's official texts (Spanish), keyed by the HS 2022 code; `english` is the EU's English text it translates",
    columns: {
      hs_code: 'VARCHAR',
      level: 'SMALLINT',
      lang: 'VARCHAR',
      name: 'VARCHAR',
      english: 'VARCHAR',
    },
    period: null,
  },
  hs_section: {
    description: 'The 21 HS sections',
    columns: { section: 'VARCHAR', name: 'VARCHAR' },
    period: null,
  },
  hs_bec: {
    description: 'UNSD correspondence HS6 → BEC Rev.4, by HS edition',
    columns: {
      hs_edition: 'VARCHAR',
      hs6: 'VARCHAR',
      bec_code: 'VARCHAR',
      relationship: 'VARCHAR',
    },
    period: null,
  },
  bec_category: {
    description: 'BEC Rev.4 categories',
    columns: {
      bec_code: 'VARCHAR',
      description: 'VARCHAR',
      parent: 'VARCHAR',
      is_leaf: 'BOOLEAN',
    },
    period: null,
  },
  bec_end_use: {
    description: 'BEC Rev.4 basic class → SNA end use (intermediate, capital, consumption)',
    columns: { bec_code: 'VARCHAR', end_use: 'VARCHAR' },
    period: null,
  },
  subdivision: {
    description:
      'ISO 3166-2 subdivisions (states, provinces): code, country, type and name in one language',
    columns: {
      code: 'VARCHAR',
      country: 'VARCHAR',
      type: 'VARCHAR',
      name: 'VARCHAR',
      lang: 'VARCHAR',
    },
    period: null,
  },
  us_state: {
    description: 'US states and DC with FIPS and USPS codes',
    columns: { fips: 'VARCHAR', usps: 'VARCHAR', name: 'VARCHAR' },
    period: null,
  },
  port: {
    description: 'Schedule D ports: name, district, state; coordinates where BTS publishes them',
    columns: {
      port_code: 'VARCHAR',
      name: 'VARCHAR',
      district: 'VARCHAR',
      state: 'VARCHAR',
      border: 'VARCHAR',
      latitude: 'DOUBLE',
      longitude: 'DOUBLE',
    },
    period: null,
  },
  region: {
    description: 'TransBorder codes: modes, Mexican states and Canadian provinces',
    columns: { code_list: 'VARCHAR', code: 'VARCHAR', name: 'VARCHAR' },
    period: null,
  },
  population: {
    description: 'World Bank SP.POP.TOTL population by country (ISO-3) and year',
    columns: { iso3: 'VARCHAR', name: 'VARCHAR', year: 'INTEGER', population: 'BIGINT' },
    period: 'year',
    grain: ['iso3', 'year'],
    measures: ['population'],
  },
  tariff_line: {
    description:
      'USITC annual tariff database: one row per HTS8 line and schedule year; rates as fractions (0.05 = 5%), NULL where the database writes its 9999.999999 "not computable" sentinel',
    columns: {
      year: 'INTEGER',
      hts8: 'VARCHAR',
      // 'product', 'special' (chapter 98 provisions) or 'chapter99' (temporary and
      // additional duties: legal provisions, never products).
      line_kind: 'VARCHAR',
      description: 'VARCHAR',
      quantity_1: 'VARCHAR',
      quantity_2: 'VARCHAR',
      mfn_text: 'VARCHAR',
      // USITC rate type code: how the rate columns combine (see src/tariffs/README.md).
      mfn_rate_type: 'VARCHAR',
      mfn_ad_valorem: 'DOUBLE',
      mfn_specific: 'DOUBLE',
      mfn_other: 'DOUBLE',
      mfn_ave: 'DOUBLE',
      special_text: 'VARCHAR',
      usmca_indicator: 'VARCHAR',
      usmca_rate_type: 'VARCHAR',
      usmca_ad_valorem: 'DOUBLE',
      usmca_specific: 'DOUBLE',
      civil_aircraft: 'BOOLEAN',
      pharmaceutical: 'BOOLEAN',
      dyes: 'BOOLEAN',
      col2_text: 'VARCHAR',
      col2_ad_valorem: 'DOUBLE',
      begin_date: 'DATE',
      end_date: 'DATE',
      additional_duty: 'VARCHAR',
      footnote: 'VARCHAR',
    },
    period: 'year',
  },
  hts_line: {
    description:
      'USITC Harmonized Tariff Schedule CSV export: headings, HTS8 and HTS10 lines with their rate texts; each line names the line whose general rate governs it',
    columns: {
      year: 'INTEGER',
      edition: 'VARCHAR',
      hts_code: 'VARCHAR',
      hts_level: 'SMALLINT',
      indent: 'SMALLINT',
      description: 'VARCHAR',
      // The descriptions of the lines above it (code-less group rows included), outermost first.
      context: 'VARCHAR',
      unit: 'VARCHAR',
      general_rate: 'VARCHAR',
      special_rate: 'VARCHAR',
      column2_rate: 'VARCHAR',
      additional_duties: 'VARCHAR',
      // Statistical (HTS10) lines state no rate: the HTS8 line above them does.
      rate_line: 'VARCHAR',
      general_ad_valorem: 'DOUBLE',
      is_chapter99: 'BOOLEAN',
    },
    period: 'year',
  },
  tariff_measure: {
    description:
      'Products named by a tariff measure (Section 301 lists, Section 232 annexes and derivatives, IEEPA exemptions and carve-outs), by HTS prefix; compiled by a third party (Yale Budget Lab)',
    columns: {
      measure: 'VARCHAR',
      hts_prefix: 'VARCHAR',
      prefix_digits: 'SMALLINT',
      list: 'VARCHAR',
      ch99_code: 'VARCHAR',
      material: 'VARCHAR',
      effective_date: 'DATE',
    },
    period: null,
  },
  usmca_share: {
    description:
      'Share of US imports of each HTS10 line from Canada or Mexico entered claiming USMCA, by year (Yale Budget Lab from Census data)',
    columns: {
      year: 'INTEGER',
      hts10: 'VARCHAR',
      partner_code: 'VARCHAR',
      share: 'DOUBLE',
    },
    period: 'year',
  },
  chapter99_heading: {
    description:
      'HTS chapter 99 headings (additional duties) with their rates and the dates they say they apply, parsed by a third party (Yale Budget Lab)',
    columns: {
      heading: 'VARCHAR',
      rate: 'DOUBLE',
      // As the file labels it, and the programme the heading number belongs to.
      authority: 'VARCHAR',
      program: 'VARCHAR',
      country_type: 'VARCHAR',
      countries: 'VARCHAR',
      general_text: 'VARCHAR',
      description: 'VARCHAR',
      effective_from: 'DATE',
      effective_to: 'DATE',
      suspended: 'BOOLEAN',
    },
    period: null,
  },
  chapter99_provision: {
    description:
      'What the HTSUS chapter 99 text enumerates, item by item: the Section 301 China lists (U.S. note 20), the product exclusions (note 20, each a product within a 10-digit line) and the four-year-review increases (note 31), with the text line each was read from',
    columns: {
      note: 'SMALLINT',
      // 'f', 's(ii)', 'vvv(iii)': the note's own lettering.
      subdivision: 'VARCHAR',
      item: 'VARCHAR',
      heading: 'VARCHAR',
      // 'list' (note 20 lists), 'exclusion', 'increase' (note 31).
      kind: 'VARCHAR',
      hts_code: 'VARCHAR',
      hts_level: 'SMALLINT',
      // 10-digit numbers the item excepts from its subheading, comma-separated.
      except_codes: 'VARCHAR',
      product_text: 'VARCHAR',
      // For an exclusion: the list heading whose duties it lifts.
      excludes_heading: 'VARCHAR',
      // The dates the item says this statistical number applies (renumbered lines).
      code_from: 'DATE',
      code_to: 'DATE',
      line: 'INTEGER',
    },
    period: null,
  },
  chapter99_note_heading: {
    description:
      'Chapter 99 headings as the HTSUS text states them: the note subdivision each points to, the dates its own text gives, and the ad valorem rate a note states for it',
    columns: {
      heading: 'VARCHAR',
      note_ref: 'VARCHAR',
      rate: 'DOUBLE',
      suspended: 'BOOLEAN',
      effective_from: 'DATE',
      effective_to: 'DATE',
      description: 'VARCHAR',
      line: 'INTEGER',
    },
    period: null,
  },
  hts_footnote: {
    description:
      'The chapter 99 headings each HTS line\'s footnotes point to ("See 9903.88.15"), from the USITC HTS JSON export',
    columns: {
      year: 'INTEGER',
      hts_code: 'VARCHAR',
      hts_level: 'SMALLINT',
      heading: 'VARCHAR',
      footnote: 'VARCHAR',
    },
    period: 'year',
  },
  china_tariff_reference: {
    description:
      'USITC reference table "China Tariffs": each subheading with the 9903.88 heading that applied on its date (leaves out subheadings only partly covered)',
    columns: {
      as_of: 'DATE',
      hts_code: 'VARCHAR',
      hts_level: 'SMALLINT',
      heading: 'VARCHAR',
    },
    period: null,
  },
  exclusion_claim_share: {
    description:
      "Third-party ESTIMATES (a fork of the Yale Budget Lab tracker, MIT) of the share of each excluded HTS10 line's value that claimed a Section 301 exclusion heading, inverted from Census calculated duty for 2025-09 to 2026-03: estimates, not official figures, and not for 2024",
    columns: {
      heading: 'VARCHAR',
      hts10: 'VARCHAR',
      months: 'INTEGER',
      imports_usd: 'BIGINT',
      claim_share_raw: 'DOUBLE',
      claim_share: 'DOUBLE',
    },
    period: null,
  },
};

export const FACT_TABLES: readonly FactTable[] = [
  'trade_country_month',
  'trade_product',
  'dataweb_product',
  'crossings',
  'transborder_state_port',
  'transborder_state_hs2',
  'transborder_port_hs2',
  'wait_times',
];

export function isModelTable(name: string): name is ModelTable {
  return Object.hasOwn(TABLES, name);
}
