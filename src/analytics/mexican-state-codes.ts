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

/**
 * INEGI's two-digit state codes (clave de entidad federativa of the Marco Geoestadístico: 01
 * Aguascalientes … 19 Nuevo León … 32 Zacatecas, the order of the states in the bundle's INEGI
 * EAEF file), the codes Mexican users know, by ISO 3166-2 code.
 */
export const INEGI_STATE_ISO: Readonly<Record<string, string>> = {
  '01': 'MX-AGU',
  '02': 'MX-BCN',
  '03': 'MX-BCS',
  '04': 'MX-CAM',
  '05': 'MX-COA',
  '06': 'MX-COL',
  '07': 'MX-CHP',
  '08': 'MX-CHH',
  '09': 'MX-CMX',
  '10': 'MX-DUR',
  '11': 'MX-GUA',
  '12': 'MX-GRO',
  '13': 'MX-HID',
  '14': 'MX-JAL',
  '15': 'MX-MEX',
  '16': 'MX-MIC',
  '17': 'MX-MOR',
  '18': 'MX-NAY',
  '19': 'MX-NLE',
  '20': 'MX-OAX',
  '21': 'MX-PUE',
  '22': 'MX-QUE',
  '23': 'MX-ROO',
  '24': 'MX-SLP',
  '25': 'MX-SIN',
  '26': 'MX-SON',
  '27': 'MX-TAB',
  '28': 'MX-TAM',
  '29': 'MX-TLA',
  '30': 'MX-VER',
  '31': 'MX-YUC',
  '32': 'MX-ZAC',
};

/** BTS codes for trade whose Mexican state is not known. */
export const UNKNOWN_MEXSTATES: readonly string[] = ['OT', 'XX'];
