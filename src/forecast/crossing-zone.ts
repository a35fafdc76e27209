/**
 * The IANA zone of a CBP crossing's own clock, from CBP's district (the first two characters
 * of its six-character crossing number): the feed reads each lane in the port's local time,
 * and hour-of-week seasonality must be in that time too (the 7 am rush is 7 am in El Paso,
 * whatever UTC says). The El Paso district (24) is Mountain time except Presidio (2403),
 * which is Central; Arizona (26) keeps MST all year.
 */
const DISTRICT_ZONES: Record<string, string> = {
  '01': 'America/New_York', // Portland, Maine
  '02': 'America/New_York', // St. Albans, Vermont
  '07': 'America/New_York', // Ogdensburg, New York
  '09': 'America/New_York', // Buffalo
  '20': 'America/Denver', // 202401, CBP's stray number for Paso del Norte (El Paso)
  '23': 'America/Chicago', // Laredo district, Texas
  '24': 'America/Denver', // El Paso district
  '25': 'America/Los_Angeles', // San Diego district
  '26': 'America/Phoenix', // Nogales district, Arizona
  '30': 'America/Los_Angeles', // Seattle district
  '33': 'America/Denver', // Great Falls, Montana
  '34': 'America/Chicago', // Pembina, North Dakota
  '36': 'America/Chicago', // Duluth district, Minnesota
  '38': 'America/New_York', // Detroit district, Michigan
  '53': 'America/Chicago', // Houston district: Brownsville crossings (5355..)
  l2: 'America/Denver', // l24501, Fort Hancock
  l0: 'America/New_York', // L01901, Madawaska
};

const EXCEPTIONS: Record<string, string> = { '2403': 'America/Chicago' };

/** The crossing's zone, or undefined when its district is not one this table knows. */
export function crossingZone(portNumber: string): string | undefined {
  const n = portNumber.toLowerCase();
  return EXCEPTIONS[n.slice(0, 4)] ?? DISTRICT_ZONES[n.slice(0, 2)];
}
