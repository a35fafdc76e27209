/** What every tariff result measures: statutory duty on recorded imports, not duty collected. */
export const TARIFF_BASIS =
  'Statutory duty computed line by line (partner × HTS10) from the USITC tariff database and tariff-measure lists, on Census imports for consumption; compared with Census calculated duty (CAL_DUT), which is itself an estimate from entry data, not revenue collected. Antidumping and countervailing duties, fees (MPF, HMF) and refunds are in neither.';

/** The rules the baseline applies, stated with every result so the figure can be audited. */
export const BASELINE_RULES = [
  'MFN: the HTS8 line of the tariff database for the year; ad valorem rates (type 7) as stated; the 9999.999999 sentinel is never a rate',
  'Specific (1–3), compound (4–6), derived (9) and text (K, X, T) MFN rates need quantities the extracts do not carry: they take an ad valorem equivalent as USITC computes one (calculated duty ÷ dutiable value) from the other loaded partners’ imports of the same HTS10 line, else of its HTS8, that pay the plain MFN rate (no Section 301 or 232; only the unclaimed share where USMCA enters free) — never from the partner’s own figures; with no such imports a compound rate counts its ad valorem part and the others count zero',
  'Chapter 99 import lines (9999.95, low-value shipments) are not products and carry no duty',
  'HTS10 lines missing from the database take the ad valorem general rate of the nearest HTS edition loaded',
  'USMCA: on the claimed share of each HTS10 line from Canada and Mexico, the USMCA rate replaces the MFN rate; where the database gives no computable USMCA rate (type 9, the S+ lines) Mexico’s lines under 9823 enter free, as that subchapter provides, and every other such line keeps the MFN rate',
  'Section 301 (China): the highest in-force list rate of each HTS8, weighted by the days each chapter 99 heading applies in the year; list 4B is suspended; product exclusions are not modelled',
  'Section 232: steel 25% and aluminium 10% on the 2018 scope with the 2020 derivatives; Canada, Mexico, Australia exempt; quota and tariff-rate-quota countries (Argentina, Brazil, South Korea, EU, Japan, UK) taken as paying nothing',
];
