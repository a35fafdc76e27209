import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { stat } from 'node:fs/promises';
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
      const before = await openStore(db);
      const sampleSum = await scalar(before, 'SELECT sum(count) FROM crossings_all');
      before.close();
      const size = (await stat(db)).size;

      // A real `frontera ingest` of the 399k-row file, killed once its transaction is under
      // way: DuckDB writes a large insert's row groups into the database file before the
      // commit, so the file growing is the sign (the commit comes a few hundred ms later).
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', 'src/cli/run.ts', 'ingest', '--db', db, FULL],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      const exited = new Promise<NodeJS.Signals | null>((r) =>
        child.on('exit', (_code, signal) => r(signal)),
      );
      let running = true;
      void exited.then(() => (running = false));
      while (running && (await stat(db)).size <= size) {
        await new Promise((r) => setTimeout(r, 5));
      }
      child.kill('SIGKILL');
      assert.equal(await exited, 'SIGKILL', 'the ingest ended before it was killed');

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
          sampleSum,
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
