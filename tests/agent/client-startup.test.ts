import * as fs from "node:fs";
import * as path from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { AgentError, CODEX_NOT_FOUND, codexLaunchArgv, DEFAULT_CODEX_COMMAND, startSession } from "../../lib/agent/mod.ts";
import { handshake, isAlive, ManualClock, runtime, scripted, THREAD, turnStarted, until } from "./client-harness.ts";

const test = suite("agent client: startup and process lifecycle");

async function startFailure(p: Promise<unknown>): Promise<{ reason: string; message: string; code: string }> {
  try {
    await p;
  } catch (err) {
    assert.instance(err, AgentError);
    const e = err as AgentError;
    return { reason: e.reason, message: e.message, code: e.code };
  }
  throw new Error("the session started");
}

test("codex.command defaults to codex app-server, run through sh -lc", () => {
  assert.is(DEFAULT_CODEX_COMMAND, "codex app-server");
  assert.equal(codexLaunchArgv("codex app-server"), ["sh", "-lc", "codex app-server"]);
});

test("codex not installed: codex_not_found with the fix", async () => {
  const fake = scripted([]);
  try {
    const r = await startFailure(startSession(fake.options({ command: "maestro-test-no-such-codex app-server" })));
    assert.equal(r, { reason: "codex_not_found", message: CODEX_NOT_FOUND, code: "unavailable" });
    assert.is(CODEX_NOT_FOUND, "codex not found: install @openai/codex or set codex.command in WORKFLOW.md");
  } finally {
    fake.remove();
  }
});

test("a command that answers garbage: a handshake error naming the command", async () => {
  const fake = scripted([]);
  try {
    const r = await startFailure(startSession(fake.options({ command: "yes garbage", maxMalformedLines: 10 })));
    assert.equal(r, {
      reason: "handshake_failed",
      message: 'codex.command "yes garbage" does not speak the app-server protocol: Codex wrote 11 lines that are not JSON-RPC (last: "garbage")',
      code: "unavailable",
    });
    const exited = await startFailure(startSession(fake.options({ command: "echo hello; echo bye >&2; exit 2" })));
    assert.equal(exited, { reason: "handshake_failed", message: 'codex.command "echo hello; echo bye >&2; exit 2" exited with code 2 before the session started: bye', code: "unavailable" });
    const refused = scripted([{ on: "initialize", send: [{ id: "$id", error: { code: -32600, message: "Already initialized" } }] }]);
    try {
      const r2 = await startFailure(startSession(refused.options()));
      assert.equal(r2, { reason: "handshake_failed", message: `codex.command "${refused.command}" refused initialize: Already initialized`, code: "unavailable" });
    } finally {
      refused.remove();
    }
  } finally {
    fake.remove();
  }
});

test("no answer to initialize within the read timeout: response_timeout naming the command, process group killed", async () => {
  const fake = scripted([{ on: "initialize", sleeper: true }]);
  const clock = new ManualClock();
  try {
    const start = startSession(fake.options({ clock, readTimeoutMs: 2000 }));
    await until(() => fake.sent().some((m) => m.method === "initialize") && fs.existsSync(`${fake.dir}/trace.jsonl.sleeper`), "initialize to arrive");
    clock.advance(2000);
    const r = await startFailure(start);
    assert.equal(r, { reason: "response_timeout", message: `codex.command "${fake.command}" did not answer initialize within 2000 ms`, code: "unavailable" });
    await until(() => !isAlive(fake.sleeperPid()), "the server's child to be gone");
  } finally {
    fake.remove();
  }
});

test("a missing or relative workspace: invalid_workspace_cwd naming the path, nothing started", async () => {
  const fake = scripted([]);
  try {
    const missing = path.join(fake.dir, "nope");
    assert.equal(await startFailure(startSession(fake.options({ workspace: missing }))), {
      reason: "invalid_workspace_cwd",
      message: `Cannot start Codex: workspace "${missing}" does not exist`,
      code: "invalid_input",
    });
    assert.equal(await startFailure(startSession(fake.options({ workspace: "ws" }))), {
      reason: "invalid_workspace_cwd",
      message: 'Cannot start Codex: workspace "ws" is not an absolute path',
      code: "invalid_input",
    });
    assert.equal(fake.sent(), []);
  } finally {
    fake.remove();
  }
});

test("after a timeout kill the process group is gone: the server and its children", async () => {
  const fake = scripted([...handshake(), { on: "turn/start", send: turnStarted("turn-1"), sleeper: true }]);
  const clock = new ManualClock();
  let started = false;
  try {
    const session = await startSession(fake.options({ clock, stallTimeoutMs: 50, onEvent: (e) => void (e.type === "turn_started" && (started = true)) }));
    const turn = session.runTurn({ text: "a" });
    await until(() => started && fs.existsSync(`${fake.dir}/trace.jsonl.sleeper`), "the turn to start");
    const sleeper = fake.sleeperPid();
    assert.ok(isAlive(sleeper) && isAlive(session.pid));
    clock.advance(50);
    assert.is((await turn).ok, false);
    await until(() => !isAlive(session.pid) && !isAlive(sleeper), "the process group to be gone");
  } finally {
    fake.remove();
  }
});

test("close ends the session: stdin closed, the process exits, later turns fail as session_closed", async () => {
  const fake = scripted([...handshake()]);
  try {
    const session = await startSession(fake.options());
    assert.equal(await session.close(), { code: 0, signal: null });
    assert.is(isAlive(session.pid), false);
    assert.equal(await session.runTurn({ text: "late" }), { ok: false, reason: "session_closed", message: "Codex session was closed", threadId: THREAD });
  } finally {
    fake.remove();
  }
});

test("the runtime passed in is the one that spawns", async () => {
  const fake = scripted([...handshake()]);
  let spawned: string[] = [];
  try {
    const session = await startSession(
      fake.options({ runtime: { fs: runtime.fs, spawnProcess: (argv, o) => ((spawned = argv), runtime.spawnProcess(argv, o)) }, env: { MAESTRO_X: "1" } }),
    );
    assert.equal(spawned, ["sh", "-lc", fake.command]);
    await session.close();
  } finally {
    fake.remove();
  }
});

test.run();
