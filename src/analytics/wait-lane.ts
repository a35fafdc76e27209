import { foldName } from '../model/fold-name.ts';
import { LookupError } from './lookup-error.ts';

/** A CBP lane as the store names it: lane_type × lane_kind. */
export interface Lane {
  laneType: string;
  laneKind: string;
}

/** The lanes CBP publishes, as `wait_times` names them. */
export const LANES: readonly Lane[] = [
  { laneType: 'commercial', laneKind: 'standard' },
  { laneType: 'commercial', laneKind: 'fast' },
  { laneType: 'passenger', laneKind: 'standard' },
  { laneType: 'passenger', laneKind: 'nexus_sentri' },
  { laneType: 'passenger', laneKind: 'ready' },
  { laneType: 'pedestrian', laneKind: 'standard' },
  { laneType: 'pedestrian', laneKind: 'ready' },
];

export const laneKey = (l: Lane) => `${l.laneType}/${l.laneKind}`;

const TYPES: Record<string, string> = {
  commercial: 'commercial',
  truck: 'commercial',
  trucks: 'commercial',
  cargo: 'commercial',
  comercial: 'commercial',
  carga: 'commercial',
  passenger: 'passenger',
  car: 'passenger',
  cars: 'passenger',
  vehicle: 'passenger',
  pasajeros: 'passenger',
  vehiculos: 'passenger',
  pedestrian: 'pedestrian',
  pedestrians: 'pedestrian',
  peatones: 'pedestrian',
  peatonal: 'pedestrian',
};
const KINDS: Record<string, string> = {
  standard: 'standard',
  general: 'standard',
  fast: 'fast',
  sentri: 'nexus_sentri',
  nexus: 'nexus_sentri',
  'nexus sentri': 'nexus_sentri',
  ready: 'ready',
  'ready lane': 'ready',
};

/**
 * "passenger/sentri", "commercial/standard", "pedestrian" (every kind of a type), "fast"
 * (every type with that kind) → the lanes meant. Several may be given, comma-separated.
 * Anything else is refused with the seven lanes.
 */
export function parseLanes(asked: readonly string[]): Lane[] {
  const out = new Map<string, Lane>();
  for (const part of asked.flatMap((a) => a.split(','))) {
    const text = part.trim();
    if (!text) continue;
    const [t, k] = text.split('/').map((s) => foldName(s));
    const type = t ? TYPES[t] : undefined;
    const kind = k !== undefined ? KINDS[k] : t ? KINDS[t] : undefined;
    const fits = LANES.filter((l) =>
      k !== undefined
        ? l.laneType === type && l.laneKind === kind
        : type
          ? l.laneType === type
          : l.laneKind === kind,
    );
    if (fits.length === 0)
      throw new LookupError(
        'lane',
        text,
        LANES.map((l) => ({
          code: laneKey(l),
          name: laneKey(l).replace('nexus_sentri', 'sentri'),
        })),
      );
    for (const l of fits) out.set(laneKey(l), l);
  }
  return [...out.values()];
}
