/**
 * BTS TransBorder's two-letter Mexican state codes (`MEXSTATE`, code list
 * `bts/transborder/codes/mexican_state_codes.json` and BTS's raw-data code documentation) and
 * the ISO 3166-2 code of the same state. BTS's codes are its own (CH Chihuahua, DF the former
 * Distrito Federal, now Ciudad de México MX-CMX): the names do not match ISO's closely enough
 * to join on, so the pairs are stated here. BN "Baja California Norte", an older code the list
 * keeps beside BC, is left unpaired so that "Baja California" names one state; OT "State
 * Unknown" and XX "Unknown" have no ISO code.
 */
export const BTS_MEXSTATE_ISO: Readonly<Record<string, string>> = {
  AG: 'MX-AGU',
  BC: 'MX-BCN',
  BS: 'MX-BCS',
  CH: 'MX-CHH',
  CL: 'MX-COL',
  CM: 'MX-CAM',
  CO: 'MX-COA',
  CS: 'MX-CHP',
  DF: 'MX-CMX',
  DG: 'MX-DUR',
  GR: 'MX-GRO',
  GT: 'MX-GUA',
  HG: 'MX-HID',
  JA: 'MX-JAL',
  MI: 'MX-MIC',
  MO: 'MX-MOR',
  MX: 'MX-MEX',
  NA: 'MX-NAY',
  NL: 'MX-NLE',
  OA: 'MX-OAX',
  PU: 'MX-PUE',
  QR: 'MX-ROO',
  QT: 'MX-QUE',
  SI: 'MX-SIN',
  SL: 'MX-SLP',
  SO: 'MX-SON',
  TB: 'MX-TAB',
  TL: 'MX-TLA',
  TM: 'MX-TAM',
  VE: 'MX-VER',
  YU: 'MX-YUC',
  ZA: 'MX-ZAC',
};

/** BTS codes for trade whose Mexican state is not known. */
export const UNKNOWN_MEXSTATES: readonly string[] = ['OT', 'XX'];
