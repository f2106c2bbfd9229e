import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { spawnProcess } from "../../lib/runtime/spawn-process.ts";
import { runtimes } from "../helpers/bundle.ts";
import { isAlive, startFixture, waitForExit, waitForLine } from "../helpers/fixtures.ts";

// Runtime.spawnProcess: in-process on Node, and through a fixture under Node and Deno
// for the process-group behaviour (Deno's node:child_process turns `detached` into setsid too).
const test = suite("runtime spawnProcess");


async function waitGone(pid: number): Promise<boolean> {
  for (let i = 0; i < 200 && isAlive(pid); i++) await new Promise((res) => setTimeout(res, 10));
  return !isAlive(pid);
}

test("spawnProcess talks line by line, keeps a stderr tail and reports the exit", async () => {
  const lines: string[] = [];
  const child = await spawnProcess(["sh", "-c", 'while read -r l; do echo "got $l"; echo "err $l" >&2; done; printf "no newline"; exit 4'], {
    onLine: (l) => lines.push(l),
    stderrTailBytes: 6,
  });
  assert.ok(child.pid > 0);
  assert.is(child.write("a\n"), true);
  child.write("b\r\n");
  child.closeStdin();
  assert.equal(await child.exited, { code: 4, signal: null });
  // A CRLF line loses its CR as well.
  assert.equal(lines, ["got a", "got b", "no newline"]);
  assert.is(child.stderrTail(), "err b\r\n".slice(-6));
  assert.is(child.write("late\n"), false);
});

test("killGroup also reaches a descendant that moved to a session of its own (setsid)", async () => {
  const lines: string[] = [];
  // The stray's pid comes first; the shell then waits, so the tree stays linked.
  const child = await spawnProcess(["sh", "-c", "setsid sleep 60 & echo $!; wait"], { onLine: (l) => lines.push(l) });
  for (let i = 0; i < 500 && lines.length === 0; i++) await new Promise((res) => setTimeout(res, 10));
  const stray = Number(lines[0]);
  assert.ok(stray > 0 && isAlive(stray), "the stray runs");
  child.killGroup("SIGKILL");
  await child.exited;
  assert.ok(await waitGone(stray), "the stray is gone too");
});

test("spawnProcess runs in cwd with extra environment and splits very long lines", async () => {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "maestro-spawn-")));
  try {
    const lines: string[] = [];
    const child = await spawnProcess(["sh", "-c", 'pwd; echo "$MAESTRO_TEST_VALUE"; head -c 3000000 /dev/zero | tr "\\0" x; echo; echo end'], {
      cwd: dir,
      env: { MAESTRO_TEST_VALUE: "x y" },
      onLine: (l) => lines.push(l),
      maxLineBytes: 1_000_000,
    });
    assert.equal(await child.exited, { code: 0, signal: null });
    assert.equal(lines.map((l) => (l.length > 100 ? `x*${l.length}` : l)), [dir, "x y", "x*1000000", "end"]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("spawnProcess rejects with ENOENT for a program that does not exist", async () => {
  try {
    await spawnProcess(["maestro-test-no-such-program"], { onLine: () => {} });
    assert.unreachable("spawned a missing program");
  } catch (err) {
    assert.is((err as NodeJS.ErrnoException).code, "ENOENT");
  }
});

test("killGroup ends the program and everything it started", async () => {
  let bg = 0;
  let seen: () => void = () => {};
  const started = new Promise<void>((res) => (seen = res));
  const child = await spawnProcess(["sh", "-c", 'sleep 60 & echo "$!"; wait'], {
    onLine: (l) => {
      bg = Number(l);
      seen();
    },
  });
  await started;
  child.killGroup("SIGTERM");
  assert.equal(await child.exited, { code: null, signal: "SIGTERM" });
  assert.is(await waitGone(child.pid), true, "the shell is gone");
  assert.is(await waitGone(bg), true, "the background sleep is gone");
  child.killGroup(); // a no-op now
});

for (const rt of runtimes) {
  test(`${rt.name}: spawnProcess starts its own process group and killGroup leaves no process behind`, async () => {
    const fixture = startFixture(rt, "spawn-group", []);
    const line = await waitForLine(fixture, /^\{/);
    await waitForExit(fixture);
    const r = JSON.parse(line) as { pid: number; background: number; exit: unknown; lines: string[] };
    assert.equal(r.exit, { code: null, signal: "SIGKILL" });
    assert.is(r.lines[1], String(r.pid), "the shell leads its own group");
    assert.is(await waitGone(r.pid), true);
    assert.is(await waitGone(r.background), true);
  });
}

test.run();
