#!/usr/bin/env bash
# The whole test suite: build the bundle, bundle the tests, run them with uvu.
# Then, on a full run, the fault suite (scripts/test-faults.ts), one test per case.
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
# The fault suite (scripts/test-faults.ts) runs after uvu on a full run; each case is one test.
if [ -z "$filter" ]; then
  flog=$(mktemp)
  node scripts/run-ts.mjs scripts/test-faults.ts 2>&1 | tee "$flog"
  frc=${PIPESTATUS[0]}
  ftried=$(sed -n 's/^faults: \([0-9][0-9]*\) cases tried, \([0-9][0-9]*\) held.*/\1/p' "$flog" | tail -1)
  fheld=$(sed -n 's/^faults: \([0-9][0-9]*\) cases tried, \([0-9][0-9]*\) held.*/\2/p' "$flog" | tail -1)
  rm -f "$flog"
  if [ -z "$ftried" ]; then
    echo "the fault suite died before its summary: counted as 1 failure"
    failed=$((failed + 1)); rc=1
  else
    passed=$((passed + fheld)); failed=$((failed + ftried - fheld))
    if [ "$frc" -ne 0 ] || [ "$fheld" -ne "$ftried" ]; then rc=1; fi
  fi
fi
if [ "${skipped:-0}" -gt 0 ]; then echo "${passed} passed, ${failed} failed, ${skipped} skipped"; else echo "${passed} passed, ${failed} failed"; fi
exit "$rc"
