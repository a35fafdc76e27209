import type { Cell, FileExtract } from '../model/extract.ts';
import type { Problem } from '../model/problem.ts';
import { lineOfKey, readJsonObject } from './json-code-file.ts';
import { nameOrUndated } from './reference-csv.ts';
import type { FileSample, Source } from './source.ts';

/** `{"0101": {"port": …, "district": …, "state": …}, …}`, recognised from its first entry. */
const SHAPE = /^\s*\{\s*"\d{2}[0-9X]{2}"\s*:\s*\{\s*"port"\s*:\s*"[^"]*"\s*,\s*"district"\s*:/;

/**
 * Census Schedule D port codes → port name, customs district and state. Besides ports it has
 * district-level catch-alls (`23XX` "… n.e.c.") and non-geographic codes (7000 low value)
 * with a null state; TransBorder data uses them, so they are kept. Latitude, longitude and
 * border are not in Schedule D and stay NULL.
 */
export const scheduleDPorts: Source = {
  id: 'schedule-d-ports',
  expects: 'Schedule D port codes JSON ({"0101": {"port", "district", "state"}, …})',
  detect: (s) => s.container === 'text' && SHAPE.test(s.head),
  async read(s: FileSample): Promise<FileExtract> {
    const { text, value, problems } = await readJsonObject(s);
    const rows: Cell[][] = [];
    const bad = (code: string, message: string, pc: Problem['code'] = 'bad-structure') =>
      problems.push({
        code: pc,
        file: s.path,
        line: lineOfKey(text, code),
        column: code,
        value: JSON.stringify(value[code]).slice(0, 200),
        message,
      });
    for (const [code, entry] of Object.entries(value)) {
      if (!/^\d{2}(\d{2}|XX)$/.test(code)) {
        bad(
          code,
          'expected a 4-digit Schedule D code (or a district catch-all like 23XX)',
          'unknown-code',
        );
        continue;
      }
      const e = (entry ?? {}) as Record<string, unknown>;
      const str = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
      const { port, district, state } = {
        port: str(e.port),
        district: str(e.district),
        state: str(e.state),
      };
      if (port === null || district === null) {
        bad(code, 'expected "port" and "district" names', 'missing-value');
        continue;
      }
      if (e.state !== null && state === null) {
        bad(code, 'expected "state" to be a code or null');
        continue;
      }
      rows.push([code, port, district, state]);
    }
    return {
      kind: 'file-extract',
      source: 'schedule-d-ports',
      series: 'schedule-d',
      ...nameOrUndated(s),
      notes: [],
      problems,
      extracts: [
        {
          kind: 'rows',
          table: 'port',
          columns: ['port_code', 'name', 'district', 'state'],
          rows,
        },
      ],
    };
  },
};
