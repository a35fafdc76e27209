/**
 * The product scope of Section 232 on steel and aluminium from 1 January 2022 (EU tariff-rate
 * quota) to 11 March 2025 (when every exemption ended): Proclamations 9704 and 9705 (US notes
 * 16 and 19 to subchapter III of chapter 99) with the 2020 derivatives of Proclamation 9980.
 * Written out here because no file in the bundle enumerates the 2024 steel scope: the 2026
 * printing's note 16 is the 2026 regime (9903.82), the Budget Lab annexes are the 2025–26 scope.
 * Which heading applies to which partner on which day, at what rate, is the dated measure table
 * (`section232-measures.ts`), read from the 2024 and 2025 HTS chapter 99 headings; `exempt`
 * names the partners the general headings (9903.80.01, 9903.85.01) except, which scenario
 * layers that replace the baseline rate leave alone.
 */
export interface Section232Regime {
  validFrom: string;
  validTo: string;
  materials: Record<Material, { rate: number; scope: readonly Range[]; exempt: readonly string[] }>;
}

export type Material = 'steel' | 'aluminum';

/**
 * HTS codes from `from` to `to` inclusive, compared on their own number of digits; derivative
 * products (Proclamation 9980) fall under their own headings (9903.80.03, 9903.85.03).
 */
export interface Range {
  from: string;
  to: string;
  derivative?: boolean;
}

const r = (from: string, to = from): Range => ({ from, to });
const d = (code: string): Range => ({ from: code, to: code, derivative: true });

/** Census Schedule C codes (checked against Schedule C in the tests). */
const EU = ['0003', '4330', '4231', '4870', '4791', '4910', '4351', '4099', '4470', '4050'].concat([
  '4279',
  '4280',
  '4840',
  '4370',
  '4190',
  '4759',
  '4490',
  '4510',
  '4239',
  '4730',
  '4210',
  '4550',
  '4710',
  '4850',
  '4359',
  '4792',
  '4700',
  '4010',
]);
const CANADA = '1220';
const MEXICO = '2010';
const AUSTRALIA = '6021';
const ARGENTINA = '3570';
const BRAZIL = '3510';
const SOUTH_KOREA = '5800';
const JAPAN = '5880';
const UNITED_KINGDOM = '4120';

/** The Schedule C codes the Section 232 headings name, for the dated measure table. */
export const S232_COUNTRIES = {
  EU,
  CANADA,
  MEXICO,
  AUSTRALIA,
  ARGENTINA,
  BRAZIL,
  SOUTH_KOREA,
  JAPAN,
  UNITED_KINGDOM,
} as const;

export const SECTION_232_2022_2025: Section232Regime = {
  validFrom: '2022-01-01',
  validTo: '2025-03-11',
  materials: {
    steel: {
      rate: 0.25,
      scope: [
        r('720610', '721650'),
        r('721699', '730110'),
        r('730210'),
        r('730240', '730290'),
        r('730410', '730690'),
        // 2020 derivatives: nails, tacks, staples and bumper or body stampings.
        d('73170030'),
        d('7317005503'),
        d('7317005505'),
        d('7317005507'),
        d('7317005560'),
        d('7317005580'),
        d('7317006560'),
        d('8708103010'),
        d('8708292100'),
      ],
      // Canada and Mexico (May 2019), Australia; absolute quotas for Argentina, Brazil and
      // South Korea; tariff-rate quotas for the EU, Japan and the UK, taken as within quota.
      exempt: [
        CANADA,
        MEXICO,
        AUSTRALIA,
        ARGENTINA,
        BRAZIL,
        SOUTH_KOREA,
        JAPAN,
        UNITED_KINGDOM,
        ...EU,
      ],
    },
    aluminum: {
      rate: 0.1,
      scope: [
        r('7601'),
        r('7604', '7609'),
        r('7616995160'),
        r('7616995170'),
        // 2020 derivatives: stranded wire and bumper or body stampings.
        d('76141050'),
        d('76149020'),
        d('76149040'),
        d('76149050'),
        d('8708103050'),
        d('8708292150'),
      ],
      exempt: [CANADA, MEXICO, AUSTRALIA, ARGENTINA, UNITED_KINGDOM, ...EU],
    },
  },
};

/** The scope as SQL rows (material, from, to, derivative); the codes are digits, checked here. */
export function scopeValues(regime: Section232Regime): string {
  const rows = (Object.keys(regime.materials) as Material[]).flatMap((m) =>
    regime.materials[m].scope.map((x) => {
      if (!/^\d+$/.test(x.from + x.to) || x.from.length !== x.to.length)
        throw new Error(`bad Section 232 range ${x.from}–${x.to}`);
      return `('${m}', '${x.from}', '${x.to}', ${x.derivative ? 'true' : 'false'})`;
    }),
  );
  return `(VALUES ${rows.join(', ')})`;
}
