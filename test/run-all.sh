#!/usr/bin/env bash
# `npm test`: the static checks (type-check, lint, format) run beside the test suites rather
# than before them (they only read files; the suites spend much of their time waiting on
# servers, browsers and child processes). Each check's output is printed when the suites end,
# and the exit code is non-zero if any check or suite failed. The checks keep caches under
# node_modules/.cache (empty in a fresh clone, so CI checks everything every time).
set -uo pipefail
cd "$(dirname "$0")/.."
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
(npm run --silent typecheck && npm run --silent lint && npm run --silent format:check) \
  >"$logs/checks" 2>&1 &
checks=$!
npm run --silent test:unit
suites=$?
wait "$checks"
static=$?
echo "# type-check, lint and format check:"
cat "$logs/checks"
[ "$static" -eq 0 ] && echo "# all three passed" || echo "# FAILED (exit $static)"
[ "$suites" -eq 0 ] && [ "$static" -eq 0 ]
