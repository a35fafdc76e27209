/**
 * The JSON the HTTP API sends, as the dashboard reads it. 64-bit integers (dollars, counts)
 * arrive as strings (`Int`); these types are written against /openapi.json responses, not
 * imported from the server, because the browser talks to the server only through HTTP.
 */
export type Int = string;

export interface SourceRef {
  source: string;
  series: string | null;
  vintage: string | null;
  periods: string | null;
}

export interface Result {
  kind: string;
  basis?: string[];
  sources: SourceRef[];
  notes?: string[];
}

export interface PartnerRef {
  code: string;
  name: string;
  nameEs?: string | null;
}

export interface Split {
  key: string;
  label: string;
  exports: Int | null;
  imports: Int | null;
  total: Int;
  share: number | null;
}

export interface Change {
  from: Int;
  to: Int;
  usd: Int;
  pct: number | null;
}

export interface Rate {
  days: number;
  perDay: number;
  perHour: number;
  perMinute: number;
}

export interface Ranked {
  rank: number;
  of: number;
}

export interface PartnerProfile extends Result {
  kind: 'partner-profile';
  partner: PartnerRef & { iso3: string | null; isAggregate: boolean };
  year: number;
  months: number;
  coverage: { first: string; last: string };
  totals: { exports: Int; imports: Int; twoWay: Int; balance: Int };
  growth: {
    exports: Change | null;
    imports: Change | null;
    twoWay: Change | null;
    basis: string;
  };
  cagr: {
    from: number;
    to: number;
    exports: number | null;
    imports: number | null;
    twoWay: number | null;
  } | null;
  ranks: { exportMarket: Ranked; importSource: Ranked; tradingPartner: Ranked } | null;
  share: { exports: number | null; imports: number | null; twoWay: number | null };
  perCapita: {
    population: Int;
    year: number;
    exports: number;
    imports: number;
    twoWay: number;
  } | null;
  rates: { exports: Rate; imports: Rate; twoWay: Rate };
  yearly: { year: number; exports: Int | null; imports: Int | null; months: number }[];
  monthly: { month: string; exports: Int | null; imports: Int | null }[];
  border: {
    transborder: {
      month: string;
      /** The period the panels show: `2015-01`, or a whole year. */
      period: string;
      modes: Split[];
      usStates: Split[];
      ports: Split[];
    } | null;
    crossings: {
      year: number;
      period: string;
      byMeasure: { measure: string; count: Int }[];
      truckPorts: { port: string; name: string; count: Int }[];
    } | null;
  } | null;
}

export interface StateProfile extends Result {
  kind: 'state-profile';
  state: { code: string; fips: string | null; name: string };
  month: string;
  monthsLoaded: string[];
  totals: { exports: Int; imports: Int; total: Int };
  partners: {
    partner: PartnerRef;
    exports: Int;
    imports: Int;
    total: Int;
    share: number;
    byMode: Split[];
    byHs2: Split[];
    byPort: Split[];
    /** Mexico only: exports by Mexican state of destination. */
    byMexState?: Split[];
  }[];
}

export interface PortProfile extends Result {
  kind: 'port-profile';
  port: {
    code: string;
    name: string;
    state: string | null;
    border: 'mexico' | 'canada' | null;
    district: string | null;
    latitude: number | null;
    longitude: number | null;
  };
  transborder: {
    month: string;
    period: string;
    partners: {
      partner: PartnerRef;
      exports: Int;
      imports: Int;
      total: Int;
      byMode: Split[];
      byHs2: Split[];
      /** Mexico only: exports through the port by Mexican state of destination. */
      byMexState?: Split[];
    }[];
  } | null;
  crossings: {
    yearly: {
      year: number;
      months: number;
      byMeasure: { measure: string; count: Int; months: number }[];
    }[];
    year: number | null;
    monthly: { measure: string; total: Int; months: { month: string; count: Int }[] }[];
  } | null;
  /** Port code changes (BTS split Ysleta out of El Paso in 2020-03) and the combined series. */
  history: {
    changes: {
      kind: 'split';
      from: PartnerRef;
      to: PartnerRef;
      month: string;
      foundIn: ('reference' | 'data')[];
      source: string | null;
      text: string;
    }[];
    combined: {
      ports: PartnerRef[];
      yearly: { year: number; months: number; byMeasure: { measure: string; count: Int }[] }[];
    } | null;
  };
  waitCrossings: {
    portNumber: string;
    portName: string | null;
    crossingName: string | null;
    matchedBy: 'number' | 'port name';
    readings: number;
    firstObservedAt: string;
    lastObservedAt: string;
    lastWaitAt: string | null;
  }[];
  waitTimes: {
    portNumber: string;
    crossingName: string | null;
    laneType: string;
    laneKind: string;
    observedAt: string;
    status: string | null;
    delayMinutes: number | null;
    lanesOpen: number | null;
  }[];
}

export interface ProductProfile extends Result {
  kind: 'product-profile';
  product: {
    code: string;
    level: number;
    description: string | null;
    describedBy: string | null;
    /** Spanish name in the EU Combined Nomenclature's wording, when loaded. */
    descriptionEs?: string | null;
  };
  section: { code: string; name: string | null } | null;
  chapter: { code: string; description: string } | null;
  endUse: {
    editions: string[];
    subheadings: number;
    classes: {
      endUse: string;
      subheadings: number;
      share: number;
      becCodes: { code: string; description: string | null }[];
    }[];
  } | null;
  census: {
    partner: PartnerRef;
    flow: string;
    periodStart: string;
    periodEnd: string;
    valueUsd: Int;
    dutyUsd: Int | null;
    level: number;
    lines: number;
  }[];
  transborder: {
    month: string;
    hs2: string;
    label: string;
    rows: { partner: PartnerRef; flow: string; valueUsd: Int }[];
  } | null;
}

export interface PlaceRanking extends Result {
  kind: 'place-ranking';
  what: 'states' | 'ports' | 'products';
  unit: 'usd' | 'count';
  period: string;
  filters: Record<string, string>;
  rows: { rank: number; key: string; label: string; value: Int; share: number }[];
  /** States only: Spanish names by USPS code. */
  namesEs?: Record<string, string>;
}

export interface PartnerRanking extends Result {
  kind: 'partner-ranking';
  year: number;
  months: number;
  period: {
    label: string;
    from: string;
    to: string;
    yearToDate: boolean;
    comparedWith: { label: string; from: string; to: string } | null;
  };
  metric: string;
  countries: number;
  world: { exports: Int; imports: Int };
  rows: {
    rank: number;
    code: string;
    name: string;
    exports: Int;
    imports: Int;
    twoWay: Int;
    balance: Int;
    share: number;
    /** The metric over the same months a year earlier. */
    prior: Int | null;
  }[];
}

export interface PartnerComparison extends Result {
  kind: 'partner-comparison';
  metric: string;
  years: { from: number; to: number };
  partners: PartnerRef[];
  rows: { year: number; months: number; values: (Int | null)[] }[];
  ratios: { of: string; to: string; ratio: number | null }[];
  cagr: { code: string; cagr: number | null }[];
}

export interface GroupComparison extends Result {
  kind: 'group-comparison';
  year: number;
  period: PartnerRanking['period'];
  metric: string;
  group: { code: string; name: string; rank: number; value: Int }[];
  groupTotal: Int;
  next: { code: string; name: string; rank: number; value: Int }[];
  nextTotal: Int;
  ratio: number | null;
}

export interface PortMap extends Result {
  kind: 'port-map';
  measure: string;
  year: number;
  months: number;
  years: number[];
  ports: {
    code: string;
    name: string;
    state: string | null;
    border: 'mexico' | 'canada';
    latitude: number;
    longitude: number;
    count: Int | null;
  }[];
}

export interface PartnerList {
  kind: 'partner-list';
  partners: {
    code: string;
    name: string;
    nameEs: string | null;
    iso3: string | null;
    isAggregate: boolean;
  }[];
}

/** GET /api/tariff/baseline: the engine's statutory duty against Census calculated duty. */
export interface TariffBaselineRow {
  partner: { code: string; name: string };
  lines: number;
  valueUsd: Int;
  engine: { mfn: Int; usmca: Int; section301: Int; section232: Int; total: Int };
  officialUsd: Int | null;
  differenceUsd: Int | null;
  errorPct: number | null;
  withinTolerance: boolean | null;
}

export interface TariffBaseline extends Result {
  kind: 'tariff-baseline';
  year: number;
  tolerancePct: number;
  partners: TariffBaselineRow[];
  total: TariffBaselineRow;
}

export interface ScenarioTotals {
  valueUsd: Int;
  baselineUsd: Int;
  addedUsd: Int;
  newUsd: Int;
  baselineRatePct: number;
  newRatePct: number;
}

export interface PlaceShare {
  partnerCode: string;
  key: string;
  name: string | null;
  addedUsd: Int;
}

/** POST /api/tariff/scenario: added duty by layer, partner and product; places estimated. */
/** `GET /api/tariff/line/{hts10}`: one line's duty components with their legal references. */
export interface TariffLineResult {
  kind: 'tariff-line';
  hts10: string;
  date: string;
  components: { component: string; ratePct: number | null; reference: string }[];
  exclusions: { reference: string; item: string | null; product: string | null }[];
  conflicts: string[];
}

export interface TariffScenario extends Result {
  kind: 'tariff-scenario';
  /** Spanish product names (EU CN wording) by HS code, filled in by the page on /es/. */
  productNamesEs?: ProductNames['names'];
  /** Spanish US state names by USPS code, filled in by the page on /es/. */
  stateNamesEs?: Record<string, string>;
  name: string;
  year: number;
  layers: {
    index: number;
    label: string;
    kind: string;
    partners: { code: string; name: string }[] | 'all';
    addedUsd: Int;
  }[];
  partners: ({ partner: { code: string; name: string }; byLayerUsd: Int[] } & ScenarioTotals)[];
  total: ScenarioTotals;
  products: ({
    partnerCode: string;
    hsCode: string;
    description: string | null;
  } & ScenarioTotals)[];
  places: {
    estimate: true;
    method: string;
    months: string[];
    states: PlaceShare[];
    ports: PlaceShare[];
    unapportioned: { partnerCode: string; addedUsd: Int }[];
  } | null;
}

/** CBP wait-time results (`/api/waits/…`): sources summarised by folder, span of readings. */
export interface WaitSourceGroup {
  source: string;
  series: string;
  folder: string;
  files: number;
  vintage: string;
  periods: string | null;
  first: { path: string; vintage: string };
  last: { path: string; vintage: string };
}

export interface WaitCrossingRef {
  portNumber: string;
  portCode: string | null;
  label: string;
  zone: string;
}

export interface WaitBasis {
  kind: string;
  place: { kind: string; name: string; ports: string[]; crossings: WaitCrossingRef[] };
  lanes: string[];
  span: { first: string; last: string; readings: number; runs: { first: string; last: string }[] };
  method: string[];
  sources: WaitSourceGroup[];
  notes: string[];
}

export interface WaitCell {
  median: number;
  p80: number;
  hours: number;
  readings: number;
}

export interface WaitLaneRef {
  portNumber: string;
  crossing: string;
  laneType: string;
  laneKind: string;
}

export interface WaitNow extends WaitBasis {
  asOf: string;
  minHours: number;
  rows: (WaitLaneRef & {
    observedAt: string;
    observedLocal: string;
    minutes: number | null;
    status: string | null;
    typical: (WaitCell & { weekday: number; hour: number }) | null;
  })[];
  bestTimes: (WaitLaneRef & {
    from: { weekday: number; hour: number };
    best: (WaitCell & { weekday: number; hour: number }) | null;
  })[];
}

export interface WaitProfile extends WaitBasis {
  minHours: number;
  lanesProfiled: (WaitLaneRef & {
    hourOfWeek: (WaitCell & { weekday: number; hour: number })[];
    byMonth: (WaitCell & { month: number })[];
    hidden: { hourOfWeek: number; byMonth: number };
  })[];
}

export interface MexicanState {
  code: string;
  iso: string | null;
  name: string;
  nameEs: string | null;
  btsName: string;
}

export interface MexicanStateProfile extends Result {
  kind: 'mexican-state-profile';
  state: MexicanState;
  month: string;
  monthsLoaded: string[];
  flow: 'export';
  exports: Int;
  share: number | null;
  rank: number | null;
  states: { state: MexicanState; exports: Int; share: number | null; rank: number | null }[];
  byMode: Split[];
  byUsState: Split[];
  byPort: Split[];
  byHs2: Split[];
  usStateNamesEs: Record<string, string>;
}

export interface ProductNames extends Result {
  kind: 'product-names';
  lang: 'es';
  names: Record<string, { code: string; name: string }>;
}
