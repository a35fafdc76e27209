/**
 * The IANA time zone a port keeps, for reading its wait times in local time (hour of week,
 * month). CBP prints each lane's time in the port's own zone; the store keeps instants, so the
 * zone is restated here from the port's state, with the ports whose county keeps another zone
 * than the rest of the state. The season always comes from the zone's rules (DuckDB's ICU),
 * never from a fixed offset. `test/analytics/wait-zone.test.ts` checks this table against the
 * zone abbreviations CBP itself printed for every port in real pulls.
 */
const BY_STATE: Readonly<Record<string, string>> = {
  // Mexican border
  CA: 'America/Los_Angeles',
  AZ: 'America/Phoenix', // no daylight time
  NM: 'America/Denver',
  TX: 'America/Chicago',
  // Canadian border
  WA: 'America/Los_Angeles',
  ID: 'America/Los_Angeles', // the Idaho panhandle (Eastport, Porthill) keeps Pacific time
  MT: 'America/Denver',
  ND: 'America/Chicago',
  MN: 'America/Chicago',
  MI: 'America/Detroit',
  NY: 'America/New_York',
  VT: 'America/New_York',
  NH: 'America/New_York',
  ME: 'America/New_York',
  AK: 'America/Anchorage',
};

/** Texas ports west of the Central/Mountain line: El Paso and Hudspeth counties. */
const BY_PORT: Readonly<Record<string, string>> = {
  '2401': 'America/Denver', // Ysleta
  '2402': 'America/Denver', // El Paso
  '2404': 'America/Denver', // Fabens / Tornillo, Fort Hancock
};

/** The zone of a Schedule D port, or undefined when its state is not a border state. */
export function portZone(portCode: string, state: string | null): string | undefined {
  return BY_PORT[portCode] ?? (state ? BY_STATE[state.toUpperCase()] : undefined);
}
