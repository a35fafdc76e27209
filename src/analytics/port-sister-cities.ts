/**
 * The Mexican city across the border from each US land port on the Mexican border, so a port
 * can be asked for by the name people in Mexico use ("Nuevo Laredo" for Laredo). The US side
 * is the port as CBP's port pages and Schedule D name it (BTS uses the same codes in
 * TransBorder and the Border Crossing Entry Data); the Mexican side is the city the port's
 * bridges and gates lead to, as CBP's port pages and the crossings' own names give it
 * (Tijuana's San Ysidro and Otay Mesa, Ciudad Juárez's Paso del Norte, Stanton and Ysleta
 * bridges). A city served by several ports lists them all, main port first: asking for it is
 * then a choice between them, never a guess. Ports whose Mexican town has the same name (Naco,
 * Tecate, Nogales) already resolve by that name; "Nogales Sonora" is added for the city.
 */
export interface SisterCity {
  /** The Mexican city as written in Spanish. */
  city: string;
  /** Other ways it is written ("Juárez", "Cd. Juárez", "Acuña"). */
  also: string[];
  /** The Mexican state it is in (ISO 3166-2). */
  state: string;
  /** Schedule D codes of the US ports across from it, main port first. */
  ports: string[];
}

export const SISTER_CITY_SOURCE =
  'Frontera sister-city table (src/analytics/port-sister-cities.ts): Mexican border cities across from each US port, port names and codes as CBP and BTS (Schedule D) give them';

export const SISTER_CITIES: readonly SisterCity[] = [
  { city: 'Matamoros', also: [], state: 'MX-TAM', ports: ['2301'] },
  { city: 'Ciudad Acuña', also: ['Acuña', 'Cd. Acuña'], state: 'MX-COA', ports: ['2302'] },
  { city: 'Piedras Negras', also: [], state: 'MX-COA', ports: ['2303'] },
  { city: 'Nuevo Laredo', also: [], state: 'MX-TAM', ports: ['2304'] },
  { city: 'Reynosa', also: [], state: 'MX-TAM', ports: ['2305'] },
  { city: 'Ciudad Camargo', also: ['Camargo'], state: 'MX-TAM', ports: ['2307'] },
  { city: 'Nuevo Progreso', also: [], state: 'MX-TAM', ports: ['2309'] },
  {
    city: 'Ciudad Miguel Alemán',
    also: ['Miguel Alemán', 'Cd. Miguel Alemán'],
    state: 'MX-TAM',
    ports: ['2310'],
  },
  // El Paso's bridges (Paso del Norte, Stanton, Bridge of the Americas) and Ysleta's
  // (Zaragoza) all lead to Ciudad Juárez; Ysleta was split out of El Paso in 2020.
  {
    city: 'Ciudad Juárez',
    also: ['Juárez', 'Cd. Juárez'],
    state: 'MX-CHH',
    ports: ['2402', '2401'],
  },
  { city: 'Ojinaga', also: [], state: 'MX-CHH', ports: ['2403'] },
  { city: 'Puerto Palomas', also: ['Palomas'], state: 'MX-CHH', ports: ['2406'] },
  { city: 'San Jerónimo', also: [], state: 'MX-CHH', ports: ['2408'] },
  { city: 'Boquillas del Carmen', also: [], state: 'MX-COA', ports: ['2410'] },
  { city: 'Los Algodones', also: ['Algodones'], state: 'MX-BCN', ports: ['2502'] },
  { city: 'Mexicali', also: [], state: 'MX-BCN', ports: ['2503', '2507'] },
  // San Ysidro (with PedWest), Otay Mesa and the Cross Border Xpress all lead to Tijuana.
  { city: 'Tijuana', also: [], state: 'MX-BCN', ports: ['2504', '2506', '2582'] },
  { city: 'Agua Prieta', also: [], state: 'MX-SON', ports: ['2601'] },
  { city: 'Sonoyta', also: [], state: 'MX-SON', ports: ['2602'] },
  {
    city: 'Nogales Sonora',
    also: ['Nogales, Sonora', 'Nogales Son'],
    state: 'MX-SON',
    ports: ['2604'],
  },
  { city: 'El Sásabe', also: ['Sásabe'], state: 'MX-SON', ports: ['2606'] },
  {
    city: 'San Luis Río Colorado',
    also: ['San Luis R.C.'],
    state: 'MX-SON',
    ports: ['2608'],
  },
];
