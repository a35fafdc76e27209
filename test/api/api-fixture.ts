import { startServer, type Server } from '../../src/api/serve.ts';
import { openStore, type Store } from '../../src/store/open-store.ts';
import { fixtureDatabase } from '../fixture-database.ts';
import { dataFile, REFERENCE_FILES } from '../helpers.ts';

export const API_FILES = [
  dataFile('census/country-2018-10.xlsx'),
  dataFile('census/country-2023-03.xlsx'),
  dataFile('bts/border-crossing/Border_Crossing_Entry_Data_2024_sample.csv'),
  dataFile('bts/transborder/2015-01/dot1_0115.csv'),
  dataFile('bts/transborder/2015-01/dot2_0115.csv'),
  dataFile('bts/transborder/2015-01/dot3_0115.csv'),
  dataFile('census/api-extracts/imports-hs10-2024/2024-hs10-imports2010.parquet'),
  dataFile('reference/hs/harmonized-system.csv'),
  dataFile('cbp/bwtnew-2022-06-29.json'),
  ...REFERENCE_FILES,
];

/**
 * A database file built from bundle files (once for all the API suites: see
 * fixture-database.ts), served read-only on a loopback port.
 */
export async function startApi(log?: (l: string) => void): Promise<{
  server: Server;
  store: Store;
  db: string;
  stop: () => Promise<void>;
}> {
  const db = await fixtureDatabase(API_FILES);
  const store = await openStore(db, { readOnly: true });
  const server = await startServer(store, { port: 0, log });
  return {
    server,
    store,
    db,
    stop: async () => {
      await server.close();
      store.close();
    },
  };
}
