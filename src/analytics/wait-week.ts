import { foldName } from '../model/fold-name.ts';
import { ArgumentError } from './argument-error.ts';

/** An hour of the week in a port's local time: ISO weekday (1 Monday … 7 Sunday) and hour. */
export interface HourOfWeek {
  weekday: number;
  hour: number;
}

export const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

const NAMES: Record<string, number> = {};
[
  ['monday', 'mon', 'lunes', 'lun'],
  ['tuesday', 'tue', 'tues', 'martes', 'mar'],
  ['wednesday', 'wed', 'miercoles', 'mie'],
  ['thursday', 'thu', 'thur', 'thurs', 'jueves', 'jue'],
  ['friday', 'fri', 'viernes', 'vie'],
  ['saturday', 'sat', 'sabado', 'sab'],
  ['sunday', 'sun', 'domingo', 'dom'],
].forEach((names, i) => names.forEach((n) => (NAMES[n] = i + 1)));

/** "Mon 07:00". */
export const hourOfWeekLabel = (h: HourOfWeek) =>
  `${WEEKDAYS[h.weekday - 1]} ${String(h.hour).padStart(2, '0')}:00`;

/**
 * "monday 07:00", "Mon 7am", "lunes 19:00", "sun 12 pm" → the local hour of the week (minutes
 * are read and dropped: the figures are by hour). Anything else is refused with the form.
 */
export function parseHourOfWeek(text: string): HourOfWeek {
  const m = /^\s*([^\d\s]+)\s*(\d{1,2})(?::(\d{2}))?\s*([ap]\.?m\.?)?\s*$/i.exec(
    text.normalize('NFD').replace(/\p{M}/gu, ''),
  );
  const weekday = m ? NAMES[foldName(m[1]!)] : undefined;
  let hour = m ? Number(m[2]) : NaN;
  const minutes = m?.[3] ? Number(m[3]) : 0;
  const ampm = m?.[4]?.[0]?.toLowerCase();
  if (ampm && hour >= 1 && hour <= 12) hour = (hour % 12) + (ampm === 'p' ? 12 : 0);
  else if (ampm) hour = NaN;
  if (!weekday || !(hour >= 0 && hour <= 23) || minutes > 59)
    throw new ArgumentError(
      'at',
      `--at ${JSON.stringify(text)}: give a weekday and a local time, e.g. "monday 07:00", "sat 6pm", "lunes 19:00"`,
    );
  return { weekday, hour };
}

/** The local hour of the week of an instant in an IANA zone. */
export function hourOfWeekAt(instant: Date, zone: string): HourOfWeek {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    weekday: 'short',
    hour: 'numeric',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const wd = parts.find((p) => p.type === 'weekday')?.value ?? '';
  const hour = Number(parts.find((p) => p.type === 'hour')?.value);
  return { weekday: WEEKDAYS.indexOf(wd as (typeof WEEKDAYS)[number]) + 1, hour };
}

/** The 24 hours of the week from `h` on (h itself first). */
export function next24(h: HourOfWeek): HourOfWeek[] {
  const start = (h.weekday - 1) * 24 + h.hour;
  return Array.from({ length: 24 }, (_, i) => {
    const k = (start + i) % 168;
    return { weekday: Math.floor(k / 24) + 1, hour: k % 24 };
  });
}
