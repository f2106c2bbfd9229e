#!/usr/bin/env bash
# The whole test suite: build the bundle, bundle the tests, run them with uvu.
# Ends with one line "N passed, N failed". Usage: npm test [-- FILTER]
set -uo pipefail
cd "$(dirname "$0")/.."
export DENO_NO_UPDATE_CHECK=1 NO_COLOR=1
filter="${1:-}"
fail_line() { echo "0 passed, 1 failed"; exit 1; }
node scripts/run-ts.mjs scripts/build.ts || { echo "build failed"; fail_line; }
node scripts/run-ts.mjs scripts/build-tests.ts "$filter" || { echo "test build failed"; fail_line; }
# The real-Codex tests (tests/codex) need the pinned Codex in .cache/codex; a failed
# install is one failure, never a skip.
codex_failed=0
if compgen -G ".test-dist/codex__*.mjs" >/dev/null; then
  if ! node scripts/run-ts.mjs scripts/codex-cache.ts; then
    echo "codex install failed: tests/codex not run, counted as 1 failure"
    rm -f .test-dist/codex__*.mjs
    codex_failed=1
  fi
fi
log=$(mktemp)
node node_modules/uvu/bin.js -c false .test-dist '\.mjs$' 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
num() { sed -n "s/^ *$1: *\([0-9][0-9]*\).*/\1/p" "$log" | tail -1; }
total=$(num Total); passed=$(num Passed); skipped=$(num Skipped)
rm -f "$log"
if [ -z "$total" ]; then echo "the test run died before its summary"; fail_line; fi
failed=$((total - passed))
if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
if [ "$codex_failed" -ne 0 ]; then failed=$((failed + 1)); rc=1; fi
if [ "${skipped:-0}" -gt 0 ]; then echo "${passed} passed, ${failed} failed, ${skipped} skipped"; else echo "${passed} passed, ${failed} failed"; fi
exit "$rc"
