/**
 * Border cities whose crossings travellers choose between, with the Schedule D ports that
 * serve them (and the twin city's name, so "Tijuana" or "Ciudad Juárez" work too). San Diego
 * is two ports (San Ysidro 2504, Otay Mesa 2506); El Paso's bridges are CBP crossings of 2402
 * (Ysleta 2401 is a separate Schedule D port that CBP numbers under 2402).
 */
export const WAIT_CITIES: readonly { name: string; keys: string[]; ports: string[] }[] = [
  { name: 'San Diego', keys: ['Tijuana', 'San Diego–Tijuana'], ports: ['2504', '2506'] },
  { name: 'El Paso', keys: ['Ciudad Juárez', 'Juárez', 'El Paso–Juárez'], ports: ['2402', '2401'] },
  { name: 'Laredo', keys: ['Nuevo Laredo'], ports: ['2304'] },
  { name: 'Calexico', keys: ['Mexicali'], ports: ['2503'] },
  { name: 'Brownsville', keys: ['Matamoros'], ports: ['2301'] },
  { name: 'McAllen', keys: ['Reynosa', 'Hidalgo', 'Pharr'], ports: ['2305'] },
  { name: 'Nogales', keys: ['Nogales, Sonora'], ports: ['2604'] },
  { name: 'Eagle Pass', keys: ['Piedras Negras'], ports: ['2303'] },
  { name: 'Buffalo', keys: ['Niagara Falls', 'Fort Erie'], ports: ['0901'] },
  { name: 'Detroit', keys: ['Windsor'], ports: ['3801'] },
];
