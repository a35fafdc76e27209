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
