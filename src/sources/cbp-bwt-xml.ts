import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { parseXml, XmlElement, XmlError, XmlText } from '@rgrove/parse-xml';
import type { FileExtract } from '../model/extract.ts';
import type { Problem } from '../model/problem.ts';
import {
  CBP_CLOCK,
  WAIT_TIME_COLUMNS,
  checkedDate,
  toCells,
  type WaitTimeRow,
} from './cbp-wait-time.ts';
import { isObj, readPortLanes, str, type Obj } from './cbp-port-lanes.ts';
import type { FileSample, Source } from './source.ts';
import { isoInZone, zonedInstant } from './zoned-time.ts';

/**
 * What a pull of bwt.xml gets when CBP's servers or CDN fail: a short HTML or text page (three
 * kinds in the recorded history), not a feed.
 */
const ERROR_SAYS = [
  /An error occurred while processing your request/,
  /The page cannot be displayed because an internal server error has occurred/,
  /<title>\s*(?:Internal Server Error|Error)\s*<\/title>/i,
];
const errorSays = (text: string) =>
  ERROR_SAYS.map((re) =>
    re
      .exec(text)?.[0]
      .replace(/<\/?title>/gi, '')
      .trim(),
  ).find(Boolean);

/**
 * CBP's national Border Wait Times feed, `bwt.xml` (`<border_wait_time>`), plain or gzipped, as
 * `watch`-style recorders save it hourly: per port crossing the same fields and lane groups as
 * the `bwtnew` JSON (read by readPortLanes). The snapshot is `last_updated_date` +
 * `last_updated_time` ("2025-6-22", "9:6:34"), CBP's US Eastern local time; lane times are in
 * each port's zone. A CBP HTML error page saved in the feed's place is recorded with no rows
 * and a note, so the folder still loads and a re-run finds it unchanged.
 */
export const cbpBwtXml: Source = {
  id: 'cbp-bwt-xml',
  expects:
    'CBP Border Wait Times bwt.xml (<border_wait_time> with <port> elements), plain or gzipped, or a CBP error page saved in its place',
  detect: (s) =>
    (s.container === 'text' || s.container === 'gzip') &&
    (/<border_wait_time>/.test(s.head.slice(0, 400)) ||
      (/^(rss|bwt)/i.test(s.name) && errorSays(s.head.slice(0, 2000)) !== undefined)),
  async read(s: FileSample): Promise<FileExtract> {
    // The bytes the store hashed, when it read them already.
    let bytes = s.plain;
    if (!bytes) {
      const raw = await readFile(s.path);
      try {
        bytes = s.container === 'gzip' ? gunzipSync(raw) : raw;
      } catch (e) {
        const problem: Problem = {
          code: 'truncated',
          file: s.path,
          message: `the gzip stream is broken or cut short: ${(e as Error).message}`,
        };
        return result([], [problem], [], undefined);
      }
    }
    // The feed declares ISO-8859-1.
    const text = bytes.toString('latin1');
    const said = /<border_wait_time>/.test(text) ? undefined : errorSays(text.slice(0, 2000));
    if (said !== undefined) {
      const ref = /Reference\s*(&#32;)?(&#35;|#)([^\s<]+)/i.exec(text)?.[3]?.replace(/&#46;/g, '.');
      return result(
        [],
        [],
        [
          `a CBP error page ("${said}"${ref ? `, reference ${ref}` : ''}) saved instead of the feed: no readings, skipped`,
        ],
        // The pull's date, as the recorder names its files (rss-2025-06-10_07-04-53.xml.gz).
        /(\d{4}-\d{2}-\d{2})_\d{2}-\d{2}-\d{2}/.exec(s.name)?.[1],
        'file-name',
      );
    }
    // One strict pass (@rgrove/parse-xml): well-formedness is checked while the tree is built,
    // five times faster than validating and parsing separately, which mattered over 7,000 pulls.
    let doc: Obj = {};
    try {
      const root = parseXml(text).root;
      if (root) doc = { [root.name]: objectOf(root) };
    } catch (e) {
      if (!(e instanceof XmlError)) throw e;
      const cut =
        /missing end tag|unclosed/i.test(e.message) && !/<\/border_wait_time>\s*$/.test(text);
      const problem: Problem = {
        code: cut ? 'truncated' : 'bad-structure',
        file: s.path,
        line: e.line,
        message: `${cut ? 'the feed ends early' : 'not well-formed XML'}: ${e.message.split(' (line')[0]}`,
      };
      return result([], [problem], [], undefined);
    }
    const root = doc.border_wait_time;
    if (!isObj(root)) {
      const problem: Problem = {
        code: 'bad-structure',
        file: s.path,
        message: 'expected a <border_wait_time> document',
      };
      return result([], [problem], [], undefined);
    }
    const problems: Problem[] = [];
    const dateText = str(root.last_updated_date);
    const timeText = str(root.last_updated_time);
    const snapshotMs = updatedAt(dateText, timeText);
    if (snapshotMs === undefined) {
      problems.push({
        code: 'bad-date',
        file: s.path,
        line: 1,
        column: 'last_updated_date/last_updated_time',
        value: `${dateText} ${timeText}`,
        message: 'expected a date like 2025-6-22 and a time like 9:6:34 (US Eastern)',
      });
      return result([], problems, [], undefined);
    }
    const ports = Array.isArray(root.port) ? (root.port as unknown[]) : [];
    const stated = Number(str(root.number_of_ports));
    const notes: string[] = [];
    if (Number.isInteger(stated) && stated !== ports.length) {
      notes.push(`number_of_ports says ${stated}, the feed holds ${ports.length} ports`);
    }
    // Every port's status without a time is stamped at the feed's own update time.
    const r = readPortLanes(
      s.path,
      ports,
      snapshotMs,
      () => true,
      () => 1,
    );
    const snapshot = isoInZone(snapshotMs, CBP_CLOCK);
    return result(
      r.rows,
      r.problems,
      [`snapshot ${snapshot}, ${ports.length} ports`, ...notes, ...r.notes],
      snapshot.slice(0, 10),
    );
  },
};

/**
 * An element as the port readers take it (the shape of the bwtnew JSON): an element holding
 * only text is its trimmed text; one holding elements is an object of them by name, with
 * `<port>` always a list and any other repeated name a list too. Attributes are not used.
 */
function objectOf(el: XmlElement): unknown {
  let out: Obj | undefined;
  let text = '';
  for (const c of el.children) {
    if (!(c instanceof XmlElement)) {
      if (c instanceof XmlText) text += c.text;
      continue;
    }
    out ??= {};
    const v = objectOf(c);
    const had = out[c.name];
    if (had === undefined) out[c.name] = c.name === 'port' ? [v] : v;
    else if (Array.isArray(had)) had.push(v);
    else out[c.name] = [had, v];
  }
  return out ?? text.trim();
}

/** "2025-6-22" and "9:6:34" (no leading zeros) on CBP's Eastern clock → the instant. */
function updatedAt(date: string, time: string): number | undefined {
  const d = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(date);
  const t = /^(\d{1,2}):(\d{1,2}):(\d{1,2})$/.exec(time);
  if (!d || !t) return undefined;
  const day = checkedDate(Number(d[1]), Number(d[2]), Number(d[3]));
  const [h, m, sec] = [Number(t[1]), Number(t[2]), Number(t[3])];
  if (!day || h > 23 || m > 59 || sec > 59) return undefined;
  return zonedInstant(day, h * 3600 + m * 60 + sec, CBP_CLOCK);
}

function result(
  rows: WaitTimeRow[],
  problems: Problem[],
  notes: string[],
  vintage: string | undefined,
  basis: FileExtract['vintageBasis'] = 'published-date',
): FileExtract {
  return {
    kind: 'file-extract',
    source: 'cbp-bwt-xml',
    series: 'bwt-xml',
    vintage: vintage ?? 'data-through',
    vintageBasis: vintage ? basis : 'data-through',
    notes,
    problems,
    extracts: [
      { kind: 'rows', table: 'wait_times', columns: WAIT_TIME_COLUMNS, rows: rows.map(toCells) },
    ],
  };
}
