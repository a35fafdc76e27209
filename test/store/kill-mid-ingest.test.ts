import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { describe, it } from 'node:test';
import { openStore } from '../../src/store/open-store.ts';
import { fixtureCopy } from '../fixture-database.ts';
import { dataFile, ingest, scalar, scratch } from '../helpers.ts';

const SAMPLE = dataFile('bts/border-crossing/Border_Crossing_Entry_Data_2024_sample.csv');
const FULL = dataFile('bts/border-crossing/Border_Crossing_Entry_Data.csv.gz');

describe('killing the process mid-ingest', () => {
  it('loses nothing already stored and leaves no partial file', async () => {
    const { dir, cleanup } = await scratch();
    try {
      // The sample loaded (ingestFile, into a database file): a copy of the shared fixture.
      const db = await fixtureCopy([SAMPLE], dir);

      // A real `frontera ingest` of the 399k-row file, killed once its transaction is under way.
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', 'src/cli/run.ts', 'ingest', '--db', db, FULL],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      await new Promise((r) => setTimeout(r, 1500));
      child.kill('SIGKILL');
      await new Promise((r) => child.on('exit', r));

      const after = await openStore(db);
      try {
        const files = await scalar(after, 'SELECT count(*) FROM source_file');
        const rows = await scalar(after, 'SELECT count(*) FROM crossings_all');
        // All or nothing: the sample alone, or the sample and the whole file (399,406 rows
        // stated, of which 10 repeat another whole and are stored once).
        assert.ok(
          (files === 1n && rows === 9087n) || (files === 2n && rows === 9087n + 399396n),
          `partial state: ${files} files, ${rows} rows`,
        );
        assert.equal(
          await scalar(after, `SELECT sum(count) FROM crossings_all WHERE source_file_id = 1`),
          await scalar(after, `SELECT sum(count) FROM crossings_all WHERE source_file_id = 1`),
        );
        // The interrupted file loads cleanly afterwards.
        const [outcome] = await ingest(after, FULL);
        assert.ok(outcome);
        assert.equal(
          await scalar(
            after,
            `SELECT count(*) FROM crossings_all WHERE source_file_id = ${outcome.sourceFileId}`,
          ),
          399396n,
        );
        assert.equal(
          await scalar(after, 'SELECT count(*) FROM crossings_all WHERE source_file_id = 1'),
          9087n,
        );
      } finally {
        after.close();
      }
    } finally {
      await cleanup();
    }
  });
});
