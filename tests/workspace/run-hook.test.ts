import * as fs from "node:fs";
import * as path from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { runHook, WorkspaceHookError } from "../../lib/workspace/mod.ts";
import { isAlive } from "../helpers/fixtures.ts";
import { rejection, removeTempDirs, tempDir, workspaceConfig } from "./git-fixture.ts";

const test = suite("runHook");
test.after.each(removeTempDirs);

test("runHook runs the script in the workspace with WORKSPACE_PATH and the extra env", async () => {
  const dir = tempDir();
  const config = workspaceConfig(dir, { before_run: 'echo "$(pwd)|$WORKSPACE_PATH|$ISSUE" > out.txt' });
  await runHook(config, "before_run", dir, { ISSUE: "MAE-1", WORKSPACE_PATH: "/elsewhere" });
  assert.is(fs.readFileSync(path.join(dir, "out.txt"), "utf8"), `${dir}|${dir}|MAE-1\n`);
});

test("runHook does nothing for an empty hook", async () => {
  const dir = tempDir();
  await runHook(workspaceConfig(dir), "after_run", path.join(dir, "missing"));
});

test("runHook reports a failing hook with its exit code and the end of its output", async () => {
  const dir = tempDir();
  const err = await rejection(runHook(workspaceConfig(dir, { before_run: "echo step one; echo no such thing >&2; exit 3" }), "before_run", dir));
  assert.instance(err, WorkspaceHookError);
  assert.is((err as WorkspaceHookError).hook, "before_run");
  assert.is(err.code, "unavailable");
  assert.is(err.message, 'Workspace hook "before_run" failed with exit code 3: step one\nno such thing');
  assert.is(err.hint, "fix hooks.before_run in WORKFLOW.md");
});

test("runHook keeps only the last 20 lines of a long output", async () => {
  const dir = tempDir();
  const err = await rejection(runHook(workspaceConfig(dir, { before_run: "seq 1 100; exit 1" }), "before_run", dir));
  const lines = Array.from({ length: 20 }, (_, i) => String(81 + i)).join("\n");
  assert.is(err.message, `Workspace hook "before_run" failed with exit code 1: ${lines}`);
});

test("runHook keeps at most about 2 KB of output", async () => {
  const dir = tempDir();
  const err = await rejection(runHook(workspaceConfig(dir, { before_run: "printf '%5000s' | tr ' ' x; exit 1" }), "before_run", dir));
  assert.is(err.message, `Workspace hook "before_run" failed with exit code 1: …${"x".repeat(2048)}`);
});

test("runHook kills a hook that outlives timeout_ms, with what it started", async () => {
  const dir = tempDir();
  const pidFile = path.join(dir, "sleep.pid");
  const config = workspaceConfig(dir, { before_run: `sleep 5 & echo $! > "${pidFile}"; wait`, timeout_ms: 200 });
  const err = await rejection(runHook(config, "before_run", dir));
  assert.instance(err, WorkspaceHookError);
  assert.is(err.message, 'Workspace hook "before_run" timed out after 200 ms');
  const pid = Number(fs.readFileSync(pidFile, "utf8"));
  assert.ok(pid > 0);
  let alive = isAlive(pid);
  for (let i = 0; i < 100 && alive; i++) {
    await new Promise((res) => setTimeout(res, 20));
    alive = isAlive(pid);
  }
  assert.is(alive, false, "the hook's sleep was killed");
});

test("runHook refuses a workspace folder that does not exist", async () => {
  const dir = tempDir();
  const missing = path.join(dir, "missing");
  const err = await rejection(runHook(workspaceConfig(dir, { before_run: "true" }), "before_run", missing));
  assert.instance(err, WorkspaceHookError);
  assert.is(err.message, `Cannot run workspace hook "before_run": "${missing}" is not a folder`);
});

test.run();
