import { readFile } from 'node:fs/promises';
import { HTMLElement, TextNode, parse, type Node } from 'node-html-parser';
import type { FileExtract } from '../model/extract.ts';
import type { Problem } from '../model/problem.ts';
import {
  WAIT_TIME_COLUMNS,
  ZONE_OFFSETS,
  isoLocal,
  observationKey,
  parseClock,
  parseUsDate,
  toCells,
  type LaneKind,
  type LaneType,
  type LocalDate,
  type WaitTimeRow,
} from './cbp-wait-time.ts';
import type { FileSample, Source } from './source.ts';

const SECTIONS: readonly [RegExp, LaneType][] = [
  [/^commercial/i, 'commercial'],
  [/^passenger/i, 'passenger'],
  [/^pedestrian/i, 'pedestrian'],
];
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
 * border, so both stay NULL; delays arrive as text, without CBP's delay / no-delay judgement,
 * so operational_status is NULL unless the text itself says "no delay" or a lane status.
 * 'Lanes Closed' and 'Update Pending' carry no time and are stamped at the channel pubDate.
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
    const text = await readFile(s.path, 'utf8');
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
        const dateText = /^Date:\s*(.*)$/i.exec(l)?.[1];
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
        const row = reading(value, date, published);
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
    const notes = [`${n} items; ${notAvailable} lanes with N/A skipped`];
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
): Reading | 'unstamped' | undefined {
  if (/^(Lanes Closed|Update Pending)$/i.test(value)) {
    if (!published) return 'unstamped';
    return { observedAt: published.at, status: value, delayMinutes: null, lanesOpen: null };
  }
  const m = READING.exec(value);
  const clock = m ? parseClock(m[1] ?? '') : undefined;
  if (!m || !clock || !date) return undefined;
  return {
    observedAt: isoLocal(date, clock.minutes * 60, clock.offset),
    status: m[3] ? 'no delay' : null,
    delayMinutes: m[3] ? 0 : Number(m[2]),
    lanesOpen: m[4] === undefined ? null : Number(m[4]),
  };
}

/** The description's HTML as lines: <br> ends a line, a heading (<h4>) is a line of its own. */
function descriptionLines(raw: string): { heading: boolean; text: string }[] {
  let html = raw.replace(/^\s*<!\[CDATA\[([\s\S]*)\]\]>\s*$/, '$1');
  // Should CBP ever escape the HTML as RSS requires, unescape it once.
  if (!html.includes('<') && html.includes('&lt;')) html = xmlText(html);
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
  /** ISO instant with the stated offset. */
  at: string;
}

/** "Sat, 22 Aug 2026 14:08:39 EST"; the zone is taken as written. */
function parseRfc822(text: string): Published | undefined {
  const m =
    /(\d{1,2})\s+([a-z]{3})[a-z]*\s+(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s+([a-z]{1,4}|[+-]\d{4})/i.exec(
      text,
    );
  if (!m) return undefined;
  const month = MONTHS.indexOf((m[2] ?? '').toLowerCase()) + 1;
  const date = parseUsDate(`${month}/${m[1]}/${m[3]}`);
  const zone = (m[7] ?? '').toUpperCase();
  const offset = /^[+-]\d{4}$/.test(zone)
    ? (zone.startsWith('-') ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3)))
    : ['GMT', 'UT', 'UTC', 'Z'].includes(zone)
      ? 0
      : ZONE_OFFSETS[zone];
  if (!date || offset === undefined) return undefined;
  const seconds = Number(m[4]) * 3600 + Number(m[5]) * 60 + Number(m[6] ?? 0);
  const at = isoLocal(date, seconds, offset);
  return { date: at.slice(0, 10), at };
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
