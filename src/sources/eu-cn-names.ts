import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import type { Cell, FileExtract } from '../model/extract.ts';
import type { Problem } from '../model/problem.ts';
import type { FileSample, Source } from './source.ts';

/** The EU's code files beside the translations, by HS level (CN 2026 is HS 2022-based). */
const CODE_FILES = [
  { prefix: 'cnChapters_', level: 2 },
  { prefix: 'cnHeadings_', level: 4 },
  { prefix: 'cnSubheadings_', level: 6 },
  { prefix: 'cnCodes_', level: 8 },
] as const;

interface CnEntry {
  code: string;
  name: string;
  subheading?: string | null;
  heading?: string | null;
}

/**
 * The EU Combined Nomenclature's official texts in another language (`messages_es.yaml` of
 * the xterr/php-cncodes library: each English CN text mapped to its translation, data from the
 * EU Publications Office), joined to the code files beside it (`cnChapters_2026.json`, …) to
 * name HS chapters, headings and subheadings. The translation file is the file loaded and
 * cited; the code files it needs are read with it and named in its notes.
 *
 * The CN lists a heading with no subheadings only as its 6-digit line ("2709 00"), and an HS
 * subheading the EU does not divide only as its 8-digit line ("0804 40 00"; "0409 00 00" for a
 * heading with neither): those name the heading and the subheading. The texts are keyed by their English wording, so a line whose
 * English is only "Other" gets only "Los demás": the context is the parent's.
 */
export const euCnNames: Source = {
  id: 'eu-cn-names',
  expects:
    'EU Combined Nomenclature translations (messages_xx.yaml, English text: translation) beside cnChapters_YYYY.json, cnHeadings_YYYY.json, cnSubheadings_YYYY.json, cnCodes_YYYY.json',
  detect: (s) =>
    s.container === 'text' &&
    /^messages_[a-z]{2}\.ya?ml$/i.test(s.name) &&
    /^['"][^\n]+['"]\s*:\s*['"]/m.test(s.head),
  async read(s: FileSample): Promise<FileExtract> {
    const lang = /^messages_([a-z]{2})\./i.exec(s.name)![1]!.toLowerCase();
    const problems: Problem[] = [];
    let messages: Record<string, unknown> = {};
    try {
      const parsed: unknown = parse(await readFile(s.path, 'utf8'));
      if (parsed && typeof parsed === 'object') messages = parsed as Record<string, unknown>;
      else throw new Error('not a mapping of English texts to translations');
    } catch (e) {
      problems.push({ code: 'bad-structure', file: s.path, message: (e as Error).message });
    }
    const dir = dirname(s.path);
    const names = await readdir(dir);
    const read: string[] = [];
    const byLevel = new Map<number, CnEntry[]>();
    for (const { prefix, level } of CODE_FILES) {
      // The newest CN version beside the translations.
      const file = names
        .filter((n) => n.startsWith(prefix) && /_\d{4}\.json$/.test(n))
        .sort()
        .pop();
      if (!file) {
        problems.push({
          code: 'bad-structure',
          file: s.path,
          message: `no ${prefix}YYYY.json beside the translations in ${dir}`,
        });
        continue;
      }
      try {
        const list: unknown = JSON.parse(await readFile(join(dir, file), 'utf8'));
        if (!Array.isArray(list)) throw new Error('expected a list of {code, name}');
        byLevel.set(level, list as CnEntry[]);
        read.push(file);
      } catch (e) {
        problems.push({
          code: 'bad-structure',
          file: join(dir, file),
          message: (e as Error).message,
        });
      }
    }
    // HS code → EU English text, level by level.
    const english = new Map<string, { level: number; text: string }>();
    const put = (code: string, level: number, text: string) => {
      if (!english.has(code)) english.set(code, { level, text });
    };
    for (const c of byLevel.get(2) ?? []) put(c.code, 2, c.name);
    for (const c of byLevel.get(4) ?? []) put(c.code, 4, c.name);
    for (const c of byLevel.get(6) ?? []) put(c.code, 6, c.name);
    for (const c of byLevel.get(6) ?? [])
      if (c.heading == null && c.code.endsWith('00')) put(c.code.slice(0, 4), 4, c.name);
    for (const c of byLevel.get(8) ?? []) {
      if (c.subheading == null && c.code.endsWith('00')) put(c.code.slice(0, 6), 6, c.name);
      if (c.heading == null && c.code.endsWith('0000')) put(c.code.slice(0, 4), 4, c.name);
    }

    const rows: Cell[][] = [];
    let untranslated = 0;
    for (const [code, { level, text }] of [...english].sort(([a], [b]) => a.localeCompare(b))) {
      const t = messages[text];
      if (typeof t !== 'string' || t.trim() === '') {
        untranslated++;
        continue;
      }
      rows.push([code, level, lang, t.trim(), text]);
    }
    const count = (l: number) => rows.filter((r) => r[1] === l).length;
    return {
      kind: 'file-extract',
      source: 'eu-cn-names',
      series: `eu-cn-${lang}`,
      vintage: /_(\d{4})\.json$/.exec(read[0] ?? '')?.[1] ?? 'undated',
      vintageBasis: 'file-name',
      notes: [
        `${count(2)} chapters, ${count(4)} headings and ${count(6)} HS6 subheadings named in ${lang} (the EU's Combined Nomenclature wording)`,
        `codes from ${read.join(', ')}`,
        ...(untranslated ? [`${untranslated} codes have no ${lang} text and are left out`] : []),
      ],
      problems,
      extracts: [
        {
          kind: 'rows',
          table: 'hs_product_name',
          columns: ['hs_code', 'level', 'lang', 'name', 'english'],
          rows,
        },
      ],
    };
  },
};
