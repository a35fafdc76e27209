import {
  CROSSING_MEASURE_ES,
  CROSSING_MEASURES,
  type CrossingMeasure,
} from '../model/crossing-measures.ts';
import { foldName } from '../model/fold-name.ts';
import { LookupError } from './lookup-error.ts';

/** A crossing measure nobody publishes: the error lists every valid one, in both languages. */
export class MeasureError extends LookupError {
  constructor(asked: string) {
    const valid = CROSSING_MEASURES.map((m) => ({ code: m, name: CROSSING_MEASURE_ES[m] }));
    super('crossing measure', asked, valid);
    this.message = `unknown crossing measure ${JSON.stringify(asked)}; BTS publishes: ${CROSSING_MEASURES.map(
      (m) => `${m} (${CROSSING_MEASURE_ES[m]})`,
    ).join(', ')}`;
  }
}

/**
 * The BTS measure a person typed, in English or Spanish, case and accents ignored ("trucks",
 * "Camiones", "vehiculos particulares"); a plural-less form is accepted too ("truck"). Anything
 * else is a MeasureError, never an empty ranking.
 */
export function resolveMeasure(asked: string): CrossingMeasure {
  const q = foldName(asked);
  const singular = (s: string) => s.replace(/(es|s)$/, '');
  for (const m of CROSSING_MEASURES) {
    for (const name of [m, CROSSING_MEASURE_ES[m]]) {
      const f = foldName(name);
      if (f === q || singular(f) === singular(q)) return m;
    }
  }
  throw new MeasureError(asked);
}
