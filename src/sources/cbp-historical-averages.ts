import { readFile } from 'node:fs/promises';
import type { Cell, FileExtract } from '../model/extract.ts';
import type { Problem } from '../model/problem.ts';
import { columnCountProblem, csvRecords } from './csv-records.ts';
import type { FileSample, Source } from './source.ts';

const KEYS = ['bwt_month', 'bwt_day', 'bwt_hour'] as const;

/**
 * CBP's averages by lane, as its `historicalwaittimes` service names them: `cv` commercial
 * vehicles, `pv` passenger vehicles, `ped` pedestrians, each `x` (express: FAST for trucks,
 * NEXUS/SENTRI for cars) or Ready Lanes. The CBP column stays in every row, so the mapping to
 * the lane names of `wait_times` can be checked against the source.
 */
const LANES: Readonly<Record<string, readonly [string, string]>> = {
  cv_time_avg: ['commercial', 'standard'],
  xcv_time_avg: ['commercial', 'fast'],
  pv_time_avg: ['passenger', 'standard'],
  xpv_time_avg: ['passenger', 'nexus_sentri'],
  pv_ready_lanes_time_avg: ['passenger', 'ready'],
  ped_time_avg: ['pedestrian', 'standard'],
  ped_ready_lanes_time_avg: ['pedestrian', 'ready'],
};

const COLUMNS = [
  'port_number',
  'lane_type',
  'lane_kind',
  'cbp_column',
  'month',
  'weekday',
  'hour',
  'average_minutes',
];

/**
 * CBP's historical average waits for one crossing (`…-250401-historical-averages-2021-01.csv`):
 * `bwt_month` 1–12, `bwt_day` 0–6 and `bwt_hour` 0–23 in the port's local time, then average
 * minutes per lane. Averages, not observations: they go to `wait_time_average`, never to
 * `wait_times`. The file does not say which crossing it describes; its name does (the six-digit
 * CBP number), and a name without one is refused rather than guessed.
 */
export const cbpHistoricalAverages: Source = {
  id: 'cbp-historical-averages',
  expects:
    'CBP historical average wait times (bwt_month,bwt_day,bwt_hour, then <lane>_time_avg columns), named with the six-digit CBP crossing number',
  detect: (s) => s.container === 'text' && /^bwt_month,bwt_day,bwt_hour,/.test(s.firstLine),
  async read(s: FileSample): Promise<FileExtract> {
    const text = s.plain?.toString('utf8') ?? (await readFile(s.path, 'utf8'));
    const { records } = csvRecords(text);
    const [head, ...body] = records;
    const header = head?.fields.map((f) => f.trim()) ?? [];
    const problems: Problem[] = [];
    const port = /(?:^|\D)(\d{6})-historical-averages/.exec(s.name)?.[1];
    if (!port) {
      problems.push({
        code: 'bad-structure',
        file: s.path,
        value: s.name,
        message:
          'the file does not name its crossing; expected a file name with the six-digit CBP number, like san-ysidro-250401-historical-averages-2021-01.csv',
      });
    }
    const lanes = header.slice(KEYS.length);
    for (const [i, c] of lanes.entries()) {
      if (!(c in LANES)) {
        problems.push({
          code: 'bad-header',
          file: s.path,
          line: 1,
          column: c,
          value: c,
          message: `not a lane average CBP publishes (expected ${Object.keys(LANES).join(', ')}) at column ${i + KEYS.length + 1}`,
        });
      }
    }
    const rows: Cell[][] = [];
    const lines: number[] = [];
    const bounds = { bwt_month: [1, 12], bwt_day: [0, 6], bwt_hour: [0, 23] } as const;
    for (const r of body) {
      if (r.fields.length !== header.length) {
        problems.push(columnCountProblem(s.path, r, header));
        continue;
      }
      const key: number[] = [];
      for (const [i, k] of KEYS.entries()) {
        const v = r.fields[i]!.trim();
        const n = /^\d{1,2}$/.test(v) ? Number(v) : NaN;
        const [lo, hi] = bounds[k];
        if (!(n >= lo && n <= hi)) {
          problems.push({
            code: 'not-a-number',
            file: s.path,
            line: r.line,
            column: k,
            value: v,
            message: `expected a whole number from ${lo} to ${hi}`,
          });
        }
        key.push(n);
      }
      for (const [i, c] of lanes.entries()) {
        const v = r.fields[i + KEYS.length]!.trim();
        const lane = LANES[c];
        if (!lane) continue;
        if (v === '') continue;
        if (!/^\d+$/.test(v)) {
          problems.push({
            code: 'not-a-number',
            file: s.path,
            line: r.line,
            column: c,
            value: v,
            message: 'expected whole minutes, not negative',
          });
          continue;
        }
        rows.push([port ?? null, lane[0], lane[1], c, key[0]!, key[1]!, key[2]!, Number(v)]);
        lines.push(r.line);
      }
    }
    const vintage = /historical-averages-(\d{4}-\d{2})/.exec(s.name)?.[1];
    return {
      kind: 'file-extract',
      source: 'cbp-historical-averages',
      series: `historical-averages-${port ?? 'unknown'}`,
      vintage: vintage ?? 'unknown',
      vintageBasis: 'file-name',
      notes: [
        `CBP historical averages for crossing ${port ?? '?'}: ${body.length} month × weekday × hour cells, ${lanes.length} lanes; bwt_day and bwt_hour are CBP's, in the port's local time`,
      ],
      problems,
      extracts: [{ kind: 'rows', table: 'wait_time_average', columns: COLUMNS, rows, lines }],
    };
  },
};
