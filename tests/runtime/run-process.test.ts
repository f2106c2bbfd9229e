import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { runProcess } from "../../lib/runtime/run-process.ts";
import { isAlive } from "../helpers/fixtures.ts";

// Runtime.runProcess on Node (the Deno adapter uses the same code through its
// node:child_process; the e2e verify suites run it under both).
const test = suite("runtime runProcess");

test("runProcess feeds the input, collects stdout and stderr, and reports the exit code", async () => {
  const r = await runProcess(["sh", "-c", 'read -r line; echo "got $line"; echo oops >&2; exit 3'], { input: "hello\n", timeoutMs: 10_000 });
  assert.equal(r, { code: 3, signal: undefined, stdout: "got hello\n", stderr: "oops\n", timedOut: false, notFound: false });
});

test("runProcess runs in cwd with extra environment variables", async () => {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "maestro-run-")));
  try {
    const r = await runProcess(["sh", "-c", 'pwd; echo "$MAESTRO_TEST_VALUE"'], { cwd: dir, env: { MAESTRO_TEST_VALUE: "x y" }, timeoutMs: 10_000 });
    assert.is(r.stdout, `${dir}\nx y\n`);
    assert.is(r.code, 0);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("runProcess reports a program that does not exist as notFound instead of rejecting", async () => {
  const r = await runProcess(["maestro-test-no-such-program"], { timeoutMs: 10_000 });
  assert.is(r.notFound, true);
  assert.is(r.code, null);
  assert.match(r.stderr, /ENOENT/);
});

test("runProcess kills the program and what it started when the time is up", async () => {
  // The shell prints its background child's pid, then waits for it.
  const r = await runProcess(["sh", "-c", "sleep 60 & echo $!; wait"], { timeoutMs: 300 });
  assert.is(r.timedOut, true);
  const child = Number(r.stdout.trim());
  assert.ok(child > 0, r.stdout);
  let alive = isAlive(child);
  for (let i = 0; i < 100 && alive; i++) {
    await new Promise((res) => setTimeout(res, 20));
    alive = isAlive(child);
  }
  assert.is(alive, false, "the background sleep was killed with its shell");
});

test.run();
