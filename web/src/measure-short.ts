import type { Lang } from './i18n.ts';
import { measureName } from './labels.ts';

/**
 * Crossing measures as a bar or a narrow column names them: distinct from their first words, so
 * the four container measures no longer all cut to "Contenedores de…". The full name
 * (`measureName`) goes in the tooltip.
 */
const SHORT: Record<string, [en: string, es: string]> = {
  'Truck Containers Loaded': ['Loaded truck cont.', 'Cont. camión llenos'],
  'Truck Containers Empty': ['Empty truck cont.', 'Cont. camión vacíos'],
  'Rail Containers Loaded': ['Loaded rail cont.', 'Cont. tren llenos'],
  'Rail Containers Empty': ['Empty rail cont.', 'Cont. tren vacíos'],
  'Personal Vehicle Passengers': ['Car passengers', 'Pasajeros en auto'],
  'Personal Vehicles': ['Personal vehicles', 'Autos particulares'],
};

export function measureShort(lang: Lang, measure: string): string {
  const s = SHORT[measure];
  return s ? s[lang === 'en' ? 0 : 1] : measureName(lang, measure);
}
