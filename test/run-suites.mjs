// `npm run test:unit`: the suites test/suite-order.sh lists, in its order, three at a time
// (FRONTERA_TEST_CONCURRENCY sets another number), each in a process of its own (as
// `node --test` runs them; `node --test` itself sorts its files by name, so the order is given
// here through node:test's run()). The children get this
// process's flags (`--import tsx`). The report is TAP, or the readable one on a terminal; the
// exit code is non-zero when any test failed.
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from 'node:test';
import { spec, tap } from 'node:test/reporters';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const files = execFileSync('bash', [join(repo, 'test', 'suite-order.sh')], { encoding: 'utf8' })
  .split('\n')
  .filter(Boolean)
  .map((f) => join(repo, f));
// Three on two cores: the suites wait on browsers, servers and child processes, so a third keeps
// the cores busy (cold run here: 4 min 43 s at three, 5 min 12 s at two).
const stream = run({ files, concurrency: Number(process.env.FRONTERA_TEST_CONCURRENCY ?? 3) });
stream.on('test:fail', (t) => {
  if (!t.todo) process.exitCode = 1;
});
stream.compose(process.stdout.isTTY ? new spec() : tap).pipe(process.stdout);
