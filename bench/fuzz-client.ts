/**
 * The hostile-request client run in its own process (`fork`ed by api-bench.ts): in the
 * server's process, a client starved by the server's work held answers unread for seconds and
 * counted connections the server had rightly closed as lost, which a real client never sees.
 */
import { fuzzRequests, sendAll } from './fuzz-requests.ts';

export interface FuzzJob {
  base: string;
  count: number;
  seed: number;
}

export interface FuzzResult {
  statuses: [number, number][];
  fivexx: string[];
  dropped: string[];
  unsent: string[];
  /** The route family of each request, for the report. */
  paths: { method: string; path: string }[];
}

if (process.send) {
  process.on('message', (job: FuzzJob) => {
    const requests = fuzzRequests(job.count, job.seed);
    void sendAll(job.base, requests).then(
      (r) =>
        process.send!({
          ...r,
          statuses: [...r.statuses],
          paths: requests.map((q) => ({ method: q.method, path: q.path })),
        } satisfies FuzzResult),
      (e: unknown) => process.send!({ error: String(e) }),
    );
  });
}
