import { readFile } from 'node:fs/promises';
import { HTMLElement, TextNode, parse, type Node } from 'node-html-parser';
import type { FileExtract } from '../model/extract.ts';
import type { Problem } from '../model/problem.ts';
import {
  CBP_CLOCK,
  WAIT_TIME_COLUMNS,
  checkedDate,
  emptyPlacements,
  observationKey,
  parseClock,
  parseUsDate,
  placeReading,
  placementNotes,
  readingZone,
  toCells,
  type LaneKind,
  type LaneType,
  type LocalDate,
  type Placement,
  type WaitTimeRow,
} from './cbp-wait-time.ts';
import type { FileSample, Source } from './source.ts';
import { isoInZone, wallMillis, zonedInstant } from './zoned-time.ts';

const SECTIONS: readonly [RegExp, LaneType][] = [
  [/^commercial/i, 'commercial'],
  [/^passenger/i, 'passenger'],
  [/^pedestrian/i, 'pedestrian'],
];
/** A lane section's name as a cell of its own in the tab-separated layout. */
const SECTION_CELL = /^(commercial vehicles|passenger vehicles|pedestrian)$/i;
const KINDS: Readonly<Record<string, LaneKind>> = {
  general: 'standard',
  standard: 'standard',
  fast: 'fast',
  sentri: 'nexus_sentri',
  nexus: 'nexus_sentri',
  'nexus/sentri': 'nexus_sentri',
  ready: 'ready',
};
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
/** "At 1:00 pm CDT 40 min delay 2 lane(s) open"; "no delay" instead of minutes also occurs. */
const READING =
  /^(At\s+.+?\s+[a-z]{2,4})\s+(?:(\d+)\s*min\s+delay|(no)\s+delay)(?:\s+(\d+)\s+lane\(s\)\s+open)?$/i;

/**
 * CBP's Border Wait Times RSS feed: one item per port crossing, titled "Port - Crossing", whose
 * <description> holds unescaped HTML (so the file is not well-formed XML). Items are cut out
 * with patterns and each description is parsed as HTML. The feed names no port number and no
 * border, so both stay NULL here (the store gives the rows the number CBP's numbered feeds use
 * for the same port and crossing name); delays arrive as text, without CBP's delay / no-delay judgement,
 * so operational_status is NULL unless the text itself says "no delay" or a lane status.
 * 'Lanes Closed' and 'Update Pending' carry no time and are stamped at the channel pubDate,
 * which says "EST" all year but is CBP's US Eastern local time (EDT in summer): it is read in
 * America/New_York. Lane times are read in their port's zone and never placed after the
 * pubDate (see placeReading). Two layouts occur: <br>-separated lines under <h4> headings
 * (the national feed), and tab-separated cells in CDATA (the El Paso feed of March 2025).
 */
export const cbpBwtRss: Source = {
  id: 'cbp-bwt-rss',
  expects:
    'CBP Border Wait Times RSS feed (<rss> from bwt.cbp.gov, items titled "Port - Crossing")',
  detect: (s) =>
    s.container === 'text' &&
    /<rss[\s>]/.test(s.head) &&
    /bwt\.cbp\.gov|Border Wait Times/i.test(s.head),
  async read(s: FileSample): Promise<FileExtract> {
    const text = s.plain?.toString('utf8') ?? (await readFile(s.path, 'utf8'));
    const problems: Problem[] = [];
    const lineAt = (index: number) => text.slice(0, index).split('\n').length;
    const bad = (code: Problem['code'], line: number, column: string, value: string, msg: string) =>
      problems.push({ code, file: s.path, line, column, value, message: msg });

    const opened = text.match(/<item\b/g)?.length ?? 0;
    const closed = text.match(/<\/item>/g)?.length ?? 0;
    if (!/<\/rss>\s*$/.test(text) || opened !== closed) {
      problems.push({
        code: 'truncated',
        file: s.path,
        message: `the feed ends early: ${opened} <item> opened, ${closed} closed, </rss> ${/<\/rss>/.test(text) ? 'present' : 'missing'}`,
      });
      return result([], problems, [], undefined);
    }

    const firstItem = text.search(/<item\b/);
    const head = firstItem < 0 ? text : text.slice(0, firstItem);
    const pubDateText = xmlText(/<pubDate>([\s\S]*?)<\/pubDate>/.exec(head)?.[1]);
    const published = parseRfc822(pubDateText);
    if (!published) {
      bad('bad-date', lineAt(0), 'channel.pubDate', pubDateText, 'expected an RFC 822 date');
    }

    const rows: WaitTimeRow[] = [];
    const seen = new Set<string>();
    let notAvailable = 0;
    let unstamped = 0;
    const placed = emptyPlacements();
    let n = 0;
    for (const m of text.matchAll(/<item\b[^>]*>([\s\S]*?)<\/item>/g)) {
      n++;
      const line = lineAt(m.index);
      const body = m[1] ?? '';
      const title = xmlText(/<title\b[^>]*>([\s\S]*?)<\/title>/.exec(body)?.[1]);
      const description = /<description\b[^>]*>([\s\S]*?)<\/description>/.exec(body)?.[1];
      if (title === '' || description === undefined) {
        bad('bad-structure', line, `item[${n}]`, title, 'an item without title or description');
        continue;
      }
      const dash = title.indexOf(' - ');
      const portName = (dash < 0 ? title : title.slice(0, dash)).trim();
      const crossingName = dash < 0 ? null : title.slice(dash + 3).trim() || null;

      let date: LocalDate | undefined;
      let section: { name: string; type: LaneType } | undefined;
      for (const { heading, text: l } of descriptionLines(description)) {
        if (heading) {
          const type = SECTIONS.find(([re]) => re.test(l))?.[1];
          if (!type) bad('unknown-code', line, `item[${n}]`, l, 'a lane section not known');
          section = type ? { name: l, type } : undefined;
          continue;
        }
        const dateText = /^Date:\s*(.*)$/i.exec(l)?.[1] ?? /^\d{1,2}\/\d{1,2}\/\d{4}$/.exec(l)?.[0];
        if (dateText !== undefined) {
          date = parseUsDate(dateText);
          if (!date) bad('bad-date', line, `item[${n}].Date`, dateText, 'expected 8/22/2026');
          continue;
        }
        const lane = /^([a-z/]+)\s+Lanes:\s*(.*)$/i.exec(l);
        if (!lane || /^maximum$/i.test(lane[1] ?? '')) continue; // Hours, Maximum Lanes, notices
        const column = `item[${n}].${section?.name ?? '?'}.${lane[1]} Lanes`;
        const kind = KINDS[(lane[1] ?? '').toLowerCase()];
        const value = (lane[2] ?? '').replace(/\s+/g, ' ').trim();
        if (!kind || !section) {
          bad('unknown-code', line, column, l, 'a lane outside a known section or of unknown kind');
          continue;
        }
        if (/^N\/A$/i.test(value)) {
          notAvailable++;
          continue;
        }
        const row = reading(value, date, published, placed);
        if (row === 'unstamped') {
          unstamped++;
          continue;
        }
        if (!row) {
          bad('bad-structure', line, column, value, 'expected "At 1:00 pm CDT 40 min delay …"');
          continue;
        }
        const full: WaitTimeRow = {
          portNumber: null,
          portName,
          crossingName,
          border: null,
          laneType: section.type,
          laneKind: kind,
          ...row,
          snapshotAt: published?.at ?? null,
        };
        const key = observationKey(full);
        if (seen.has(key)) {
          bad('duplicate-row', line, column, value, 'this observation appears twice');
          continue;
        }
        seen.add(key);
        rows.push(full);
      }
    }
    const notes = [`${n} items; ${notAvailable} lanes with N/A skipped`, ...placementNotes(placed)];
    if (unstamped > 0) {
      notes.push(`${unstamped} lane statuses without a time skipped: no usable channel pubDate`);
    }
    return result(rows, problems, notes, published?.date);
  },
};

type Reading = Pick<WaitTimeRow, 'observedAt' | 'status' | 'delayMinutes' | 'lanesOpen'>;

/** One lane's text → a reading; undefined if it cannot be read, 'unstamped' if timeless. */
function reading(
  value: string,
  date: LocalDate | undefined,
  published: Published | undefined,
  placed: Record<Placement, number>,
): Reading | 'unstamped' | undefined {
  if (/^(Lanes Closed|Update Pending)$/i.test(value)) {
    if (!published) return 'unstamped';
    return { observedAt: published.at, status: value, delayMinutes: null, lanesOpen: null };
  }
  const m = READING.exec(value);
  const clock = m ? parseClock(m[1] ?? '') : undefined;
  // The feed names no port number, so an Arizona port is known only by the zone it prints.
  const zone = clock ? readingZone(clock.abbreviation, null) : undefined;
  if (!m || !clock || !zone || !date) return undefined;
  const { observedAt, placed: how } = placeReading(date, clock.minutes, zone, published?.ms);
  placed[how]++;
  return {
    observedAt,
    status: m[3] ? 'no delay' : null,
    delayMinutes: m[3] ? 0 : Number(m[2]),
    lanesOpen: m[4] === undefined ? null : Number(m[4]),
  };
}

/**
 * The description's HTML as lines: <br> ends a line, a heading (<h4>) is a line of its own.
 * In the tab-separated layout a tab ends a line and a lane section's name is its heading.
 */
function descriptionLines(raw: string): { heading: boolean; text: string }[] {
  let html = raw.replace(/^\s*<!\[CDATA\[([\s\S]*)\]\]>\s*$/, '$1');
  // Should CBP ever escape the HTML as RSS requires, unescape it once.
  if (!html.includes('<') && html.includes('&lt;')) html = xmlText(html);
  if (!/<br\b/i.test(html) && html.includes('\t')) {
    return parse(html)
      .text.split('\t')
      .map((t) => t.replace(/\s+/g, ' ').trim())
      .filter((t) => t !== '')
      .map((text) => ({ heading: SECTION_CELL.test(text), text }));
  }
  const out: { heading: boolean; text: string }[] = [];
  let current = '';
  const flush = () => {
    const t = current.replace(/\s+/g, ' ').trim();
    if (t !== '') out.push({ heading: false, text: t });
    current = '';
  };
  const walk = (node: Node) => {
    if (node instanceof TextNode) {
      current += node.text;
    } else if (node instanceof HTMLElement) {
      const tag = (node.tagName ?? '').toLowerCase();
      if (tag === 'br') return flush();
      if (/^h[1-6]$/.test(tag)) {
        flush();
        out.push({ heading: true, text: node.text.replace(/\s+/g, ' ').trim() });
        return;
      }
      node.childNodes.forEach(walk);
    }
  };
  walk(parse(html));
  flush();
  return out;
}

interface Published {
  /** ISO date as written in the feed (the vintage). */
  date: string;
  /** ISO instant with CBP's offset at that moment. */
  at: string;
  ms: number;
}

/**
 * "Sat, 22 Aug 2026 14:08:39 EST". A US zone name is CBP's Eastern clock whatever it says
 * (it prints "EST" in summer too); GMT or a numeric offset is taken as written.
 */
function parseRfc822(text: string): Published | undefined {
  const m =
    /(\d{1,2})\s+([a-z]{3})[a-z]*\s+(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s+([a-z]{1,4}|[+-]\d{4})/i.exec(
      text,
    );
  if (!m) return undefined;
  const date = checkedDate(
    Number(m[3]),
    MONTHS.indexOf((m[2] ?? '').toLowerCase()) + 1,
    Number(m[1]),
  );
  const zone = (m[7] ?? '').toUpperCase();
  if (!date) return undefined;
  const seconds = Number(m[4]) * 3600 + Number(m[5]) * 60 + Number(m[6] ?? 0);
  let ms: number;
  if (/^[+-]\d{4}$/.test(zone) || ['GMT', 'UT', 'UTC', 'Z'].includes(zone)) {
    const offset = /^[+-]/.test(zone)
      ? (zone.startsWith('-') ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3)))
      : 0;
    ms = wallMillis(date, seconds) - offset * 60_000;
  } else if (readingZone(zone, null)) {
    ms = zonedInstant(date, seconds, CBP_CLOCK);
  } else return undefined;
  const at = isoInZone(ms, CBP_CLOCK);
  return { date: at.slice(0, 10), at, ms };
}

/** XML character data: CDATA unwrapped, the five entities and numeric references decoded. */
function xmlText(raw: string | undefined): string {
  if (raw === undefined) return '';
  const cdata = /^\s*<!\[CDATA\[([\s\S]*)\]\]>\s*$/.exec(raw);
  if (cdata) return (cdata[1] ?? '').trim();
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  return raw
    .replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (all, e: string) => {
      if (e.startsWith('#x') || e.startsWith('#X'))
        return String.fromCodePoint(parseInt(e.slice(2), 16));
      if (e.startsWith('#')) return String.fromCodePoint(Number(e.slice(1)));
      return named[e.toLowerCase()] ?? all;
    })
    .trim();
}

function result(
  rows: WaitTimeRow[],
  problems: Problem[],
  notes: string[],
  vintage: string | undefined,
): FileExtract {
  return {
    kind: 'file-extract',
    source: 'cbp-bwt-rss',
    series: 'rss',
    vintage: vintage ?? 'data-through',
    vintageBasis: vintage ? 'published-date' : 'data-through',
    notes,
    problems,
    extracts: [
      { kind: 'rows', table: 'wait_times', columns: WAIT_TIME_COLUMNS, rows: rows.map(toCells) },
    ],
  };
}
