/** The twelve measures BTS publishes in Border Crossing Entry Data. */
export const CROSSING_MEASURES = [
  'Trucks',
  'Truck Containers Loaded',
  'Truck Containers Empty',
  'Trains',
  'Rail Containers Loaded',
  'Rail Containers Empty',
  'Train Passengers',
  'Buses',
  'Bus Passengers',
  'Personal Vehicles',
  'Personal Vehicle Passengers',
  'Pedestrians',
] as const;

export type CrossingMeasure = (typeof CROSSING_MEASURES)[number];

/**
 * Each measure's Spanish name (the dashboard's wording), so a measure typed in Spanish
 * ("Camiones", "peatones") resolves like the English one.
 */
export const CROSSING_MEASURE_ES: Record<CrossingMeasure, string> = {
  Trucks: 'Camiones',
  'Truck Containers Loaded': 'Contenedores de camión cargados',
  'Truck Containers Empty': 'Contenedores de camión vacíos',
  Trains: 'Trenes',
  'Rail Containers Loaded': 'Contenedores de ferrocarril cargados',
  'Rail Containers Empty': 'Contenedores de ferrocarril vacíos',
  'Train Passengers': 'Pasajeros de tren',
  Buses: 'Autobuses',
  'Bus Passengers': 'Pasajeros de autobús',
  'Personal Vehicles': 'Vehículos particulares',
  'Personal Vehicle Passengers': 'Pasajeros de vehículos particulares',
  Pedestrians: 'Peatones',
};
