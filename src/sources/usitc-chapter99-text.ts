import { readFile } from 'node:fs/promises';
import type { Cell, FileExtract } from '../model/extract.ts';
import { parseChapter99 } from './chapter99-notes.ts';
import type { FileSample, Source } from './source.ts';

/** Unread lines listed in the notes one by one; the rest are counted. */
const LIST_UNREAD = 40;

/**
 * The HTSUS chapter 99 text as `pdftotext -layout` prints the USITC PDF (running heads, page
 * numbers, hyphenation and the heading table's columns included): U.S. note 20's Section 301
 * lists and exclusions, note 31's four-year-review increases, and the dates the heading table
 * gives each heading (`chapter99-notes.ts`). Every line holding a product code that the parser
 * could not place, and every subdivision letter missing from the sequence, is listed in the
 * notes with its line number: nothing is dropped silently.
 */
export const usitcChapter99Text: Source = {
  id: 'usitc-chapter99-text',
  expects: 'the HTSUS chapter 99 text (pdftotext -layout of the USITC PDF)',
  encoding: 'latin1',
  detect: (s) =>
    s.container === 'text' &&
    /Harmonized Tariff Schedule of the United States/.test(s.head) &&
    /CHAPTER 99/.test(s.head),
  async read(s: FileSample): Promise<FileExtract> {
    const text = (s.plain ?? (await readFile(s.path))).toString('latin1');
    const parsed = parseChapter99(text);
    const problems = [];
    if (!parsed.notesFound.includes(20))
      problems.push({
        code: 'bad-structure' as const,
        file: s.path,
        message:
          'no U.S. note naming heading 9903.88.01 (the Section 301 lists, subchapter III note 20) was found',
      });
    const provisions: Cell[][] = parsed.provisions.map((p) => [
      p.note,
      p.subdivision,
      p.item,
      p.heading,
      p.kind,
      p.hts,
      p.hts.length,
      p.except.length ? p.except.join(',') : null,
      p.product,
      p.excludes,
      p.codeFrom,
      p.codeTo,
      p.line,
    ]);
    const headings: Cell[][] = parsed.headings.map((h) => {
      const r = parsed.rates.get(h.heading);
      return [
        h.heading,
        h.noteRef,
        r?.rate ?? null,
        r?.suspended ?? /provision suspended/i.test(h.text),
        h.from,
        h.to,
        h.text,
        h.line,
      ];
    });
    const count = (k: string) => parsed.provisions.filter((p) => p.kind === k).length;
    const notes = [
      `U.S. notes read: ${parsed.notesFound.join(', ')}; ${count('list')} list items, ${count('exclusion')} exclusion items, ${count('increase')} four-year-review items; ${parsed.headings.length} heading-table entries`,
      `${parsed.unread.length} lines could not be read${parsed.unread.length > LIST_UNREAD ? ` (first ${LIST_UNREAD} listed)` : ''}`,
      ...parsed.unread.slice(0, LIST_UNREAD).map((u) => `line ${u.line}: ${u.why}: "${u.text}"`),
      'note 20(z)–(gg) (entries under listed subheadings whose rate derives from another subheading) are conditions, not product lists, and are not read',
    ];
    const vintage = /(\d{4})_rev_(\d+)/i.exec(s.name);
    return {
      kind: 'file-extract',
      source: 'usitc-chapter99-text',
      series: 'hts-chapter99-text',
      vintage: vintage ? `${vintage[1]}-rev-${vintage[2]!.padStart(2, '0')}` : 'undated',
      vintageBasis: vintage ? 'file-name' : 'file-content',
      notes,
      problems,
      extracts: [
        {
          kind: 'rows',
          table: 'chapter99_provision',
          columns: [
            'note',
            'subdivision',
            'item',
            'heading',
            'kind',
            'hts_code',
            'hts_level',
            'except_codes',
            'product_text',
            'excludes_heading',
            'code_from',
            'code_to',
            'line',
          ],
          rows: provisions,
          lines: parsed.provisions.map((p) => p.line),
        },
        {
          kind: 'rows',
          table: 'chapter99_note_heading',
          columns: [
            'heading',
            'note_ref',
            'rate',
            'suspended',
            'effective_from',
            'effective_to',
            'description',
            'line',
          ],
          rows: headings,
          lines: parsed.headings.map((h) => h.line),
        },
      ],
    };
  },
};
