import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { startSession, type PendingInterrupt, type SessionOptions } from "../../lib/agent/mod.ts";
import { bundlePath, runtimes } from "../helpers/bundle.ts";
import { isAlive, ManualClock, runtime, until } from "./client-harness.ts";

// The client against the product's own fake app-server (`maestro fake-codex`, lib/agent/fake),
// started as codex.command from the built bundle, as a WORKFLOW.md would.
const test = suite("agent client against maestro fake-codex");

const quote = (s: string) => `'${s.replaceAll("'", "'\\''")}'`;
const command = (scenario: string, rt = runtimes[0]!) => [...rt.command(bundlePath), "fake-codex", "--scenario", scenario].map(quote).join(" ");

let workspace = "";
test.before.each(() => {
  workspace = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "maestro-agent-fake-")));
});
test.after.each(() => fs.rmSync(workspace, { recursive: true, force: true }));

const options = (scenario: string, extra: Partial<SessionOptions> = {}): SessionOptions => ({
  runtime,
  command: command(scenario),
  workspace,
  env: { DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1" },
  ...extra,
});

for (const rt of runtimes) {
  test(`success (fake under ${rt.name}): two turns on one thread, the command really ran, tokens 254 then 508`, async () => {
    const session = await startSession({ ...options("success"), command: command("success", rt), approvalPolicy: "never", threadName: "MAE-1: Try" });
    const first = await session.runTurn({ text: "Do it" });
    assert.equal(first, { ok: true, threadId: "thread-1", turnId: "turn-1", lastMessage: "Done: wrote fake-codex-output.txt" });
    assert.is(fs.readFileSync(path.join(workspace, "fake-codex-output.txt"), "utf8"), "written by fake-codex\n");
    assert.is(session.state().tokens.totalTokens, 254);
    const second = await session.runTurn({ text: "Continue" });
    assert.equal(second, { ok: true, threadId: "thread-1", turnId: "turn-2", lastMessage: "Done: wrote fake-codex-output.txt" });
    const state = session.state();
    assert.equal({ tokens: state.tokens.totalTokens, input: state.tokens.inputTokens, started: state.turnsStarted, done: state.turnsCompleted }, { tokens: 508, input: 460, started: 2, done: 2 });
    assert.equal(state.threadTotals["thread-1"]?.totalTokens, 508);
    const ran = state.history.find((h) => h.kind === "command");
    assert.equal(ran && { ...ran, at: 0 }, {
      kind: "command",
      at: 0,
      command: "printf 'written by fake-codex\\n' > fake-codex-output.txt && cat fake-codex-output.txt",
      status: "completed",
      exitCode: 0,
      outputTail: "written by fake-codex\n",
    });
    assert.equal(await session.close(), { code: 0, signal: null });
  });
}

test('approval under "never": declined by the client, the command does not run, the turn completes', async () => {
  const session = await startSession(options("approval", { approvalPolicy: "never" }));
  assert.equal(await session.runTurn({ text: "a" }), { ok: true, threadId: "thread-1", turnId: "turn-1", lastMessage: "Done: wrote fake-codex-output.txt" });
  assert.is(fs.existsSync(path.join(workspace, "fake-codex-output.txt")), false);
  const ran = session.state().history.find((h) => h.kind === "command");
  assert.equal(ran?.kind === "command" && { status: ran.status, outputTail: ran.outputTail }, { status: "declined", outputTail: "" });
  await session.close();
});

test("approval under on-request: a pending interrupt, accepted by the caller, and the command runs", async () => {
  const seen: PendingInterrupt[] = [];
  const session = await startSession(options("approval", { approvalPolicy: "on-request", onInterrupt: (i) => seen.push(i) }));
  const turn = session.runTurn({ text: "a" });
  await until(() => seen.length === 1, "the approval");
  assert.equal({ kind: seen[0]!.kind, summary: seen[0]!.summary }, {
    kind: "command_approval",
    summary: "Run command: printf 'written by fake-codex\\n' > fake-codex-output.txt && cat fake-codex-output.txt (fake-codex wants to write a file)",
  });
  assert.is(seen[0]!.answer({ decision: "accept" }), true);
  assert.equal(await turn, { ok: true, threadId: "thread-1", turnId: "turn-1", lastMessage: "Done: wrote fake-codex-output.txt" });
  assert.is(fs.readFileSync(path.join(workspace, "fake-codex-output.txt"), "utf8"), "written by fake-codex\n");
  await session.close();
});

test("a question answered through the pending interrupt reaches Codex", async () => {
  const seen: PendingInterrupt[] = [];
  const session = await startSession(options("input", { approvalPolicy: "never", onInterrupt: (i) => seen.push(i) }));
  const turn = session.runTurn({ text: "a" });
  await until(() => seen.length === 1, "the question");
  assert.equal({ kind: seen[0]!.kind, summary: seen[0]!.summary }, { kind: "user_input", summary: "Which strategy should I use?" });
  seen[0]!.answer({ answers: { strategy: { answers: ["Option B"] } } });
  assert.equal(await turn, { ok: true, threadId: "thread-1", turnId: "turn-1", lastMessage: "Going ahead" });
  assert.ok(session.state().history.some((h) => h.kind === "agent_message" && h.text === "Answers: strategy=Option B"));
  await session.close();
});

test("fail: turn/completed failed is turn_failed with Codex's message", async () => {
  const session = await startSession(options("fail"));
  assert.equal(await session.runTurn({ text: "a" }), {
    ok: false,
    reason: "turn_failed",
    message: "Codex turn failed: stream disconnected before completion: fake upstream failure",
    threadId: "thread-1",
    turnId: "turn-1",
  });
  assert.is(session.state().tokens.totalTokens, 52);
  await session.close();
});

test("crash: exit mid-turn is port_exit with the exit code and the stderr line", async () => {
  const session = await startSession(options("crash"));
  assert.equal(await session.runTurn({ text: "a" }), {
    ok: false,
    reason: "port_exit",
    message: "Codex exited with code 1 during the turn: fake-codex: panicked mid-turn (scenario crash)",
    threadId: "thread-1",
    turnId: "turn-1",
  });
});

test("stall: silence past stall_timeout_ms kills the process group", async () => {
  const clock = new ManualClock();
  const session = await startSession(options("stall", { clock, stallTimeoutMs: 60_000 }));
  const turn = session.runTurn({ text: "a" });
  await until(() => session.state().lastMessage === "Thinking", "the message before the stall");
  clock.advance(60_000);
  assert.equal(await turn, { ok: false, reason: "stall_timeout", message: "Codex was silent for 60000 ms during the turn", threadId: "thread-1", turnId: "turn-1" });
  await until(() => !isAlive(session.pid), "the process to be gone");
});

test("interrupt: turn/interrupt ends the running turn as turn_cancelled; the session goes on", async () => {
  const session = await startSession(options("stall"));
  assert.is(await session.interrupt(), false);
  const turn = session.runTurn({ text: "a" });
  await until(() => session.state().lastMessage === "Thinking", "the message before the stall");
  assert.is(await session.interrupt(), true);
  assert.equal(await turn, { ok: false, reason: "turn_cancelled", message: "Codex turn was interrupted", threadId: "thread-1", turnId: "turn-1" });
  assert.equal(await session.close(), { code: 0, signal: null });
});

test("noise: malformed lines and unknown notifications are skipped and counted", async () => {
  const malformed: string[] = [];
  const session = await startSession(options("noise", { onEvent: (e) => void (e.type === "malformed" && malformed.push(e.line)) }));
  assert.equal(await session.runTurn({ text: "a" }), { ok: true, threadId: "thread-1", turnId: "turn-1", lastMessage: "Still fine" });
  assert.equal(malformed, ["this is not JSON", '{"broken": ']);
  await session.close();
});

test.run();
