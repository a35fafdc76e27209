/**
 * A load client run in its own process (`fork`ed by api-bench.ts), so its work does not share
 * the server's event loop: it asks each given path of a loopback server once, in order, with at
 * most `concurrency` requests in flight over keep-alive connections, and reports each answer's
 * status and latency (from sending to the last byte of the body).
 */
import { Agent, request } from 'node:http';

export interface LoadJob {
  base: string;
  paths: string[];
  concurrency: number;
}

export interface LoadResult {
  elapsedMs: number;
  latencies: number[];
  statuses: Record<number, number>;
  /** Paths that did not answer 200, with their status (0: no answer). */
  failed: string[];
}

export async function runLoad(job: LoadJob): Promise<LoadResult> {
  const base = new URL(job.base);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(base.hostname))
    throw new Error(`the load client only asks loopback servers, not ${base.hostname}`);
  const agent = new Agent({ keepAlive: true, maxSockets: job.concurrency });
  const latencies: number[] = new Array(job.paths.length);
  const statuses: Record<number, number> = {};
  const failed: string[] = [];
  const ask = (path: string) =>
    new Promise<number>((done) => {
      const req = request(
        {
          agent,
          host: base.hostname,
          port: base.port,
          path,
          headers: { 'accept-encoding': 'gzip' },
        },
        (res) => {
          res.on('data', () => {});
          res.on('end', () => done(res.statusCode ?? 0));
          res.on('error', () => done(0));
        },
      );
      req.setTimeout(120_000, () => req.destroy());
      req.on('error', () => done(0));
      req.end();
    });
  let next = 0;
  const t0 = performance.now();
  const worker = async () => {
    while (next < job.paths.length) {
      const i = next++;
      const path = job.paths[i]!;
      const t = performance.now();
      const status = await ask(path);
      latencies[i] = performance.now() - t;
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (status !== 200) failed.push(`${status} ${path}`);
    }
  };
  await Promise.all(Array.from({ length: job.concurrency }, worker));
  const elapsedMs = performance.now() - t0;
  agent.destroy();
  return { elapsedMs, latencies, statuses, failed };
}

// Run as a forked child: one job per message, one result back.
if (process.send) {
  process.on('message', (job: LoadJob) => {
    void runLoad(job).then(
      (r) => process.send!(r),
      (e: unknown) => process.send!({ error: String(e) }),
    );
  });
}
