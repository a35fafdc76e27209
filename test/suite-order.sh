#!/usr/bin/env bash
# The order `npm run test:unit` (test/run-suites.mjs) starts the suites in, three at a time.
# The longest suites go first (the list below, longest to shortest by their last measured
# times), then every other suite by name: started late, a one-minute browser suite would run
# on alone after the rest had finished. Suites that build a shared fixture database
# (test/fixture-database.ts) come before those that only read it, and two suites needing the
# same new database are not started side by side (one would wait on the other's build). A
# suite renamed or removed drops out of the list by itself; a new one runs in name order
# until it is listed here.
set -euo pipefail
cd "$(dirname "$0")/.."
first=(
  test/api/contract.test.ts           # builds the dashboard, Spanish, API and forecast stores
  test/sync/sync-sources.test.ts
  test/tariffs/baseline.test.ts       # builds the tariff store
  test/sync/sync-cli.test.ts
  test/web/dashboard.test.ts
  test/sync/kill-resume.test.ts
  test/web/layout.test.ts
  test/store/repeated-rows.test.ts
  test/store/ingest-batch.test.ts
  test/web/check.test.ts
  test/web/spanish.test.ts
  test/store/clickhouse-parity.test.ts
  test/web/waits.test.ts
  test/tariffs/tariff-api.test.ts
  test/store/corruption-suite.test.ts
  test/api/uncached-answers.test.ts
  test/store/vintages.test.ts
  test/store/repeat-contract.test.ts
  test/sync/sync-errors.test.ts
  test/api/fuzz.test.ts
  test/web/tariffs.test.ts
)
all=$(find test -name '*.test.ts' | sort)
for f in "${first[@]}"; do
  if grep -qxF "$f" <<<"$all"; then echo "$f"; fi
done
grep -vxF -f <(printf '%s\n' "${first[@]}") <<<"$all"
