import { suite } from "uvu";
import * as assert from "uvu/assert";
import { startSession, type AgentEvent } from "../../lib/agent/mod.ts";
import { agentMessage, completed, handshake, ManualClock, scripted, THREAD, turnStarted, until } from "./client-harness.ts";

const test = suite("agent client: turns and outcomes");

test("a turn that completes: exact result, what was sent, and the live state", async () => {
  const fake = scripted([
    ...handshake(),
    { on: "thread/name/set", send: [{ id: "$id", result: {} }] },
    {
      on: "turn/start",
      send: [
        ...turnStarted("turn-1"),
        { method: "warning", params: { message: "unknown notifications are fine" }, emittedAtMs: 1 },
        { method: "item/completed", params: { threadId: THREAD, turnId: "turn-1", item: { type: "commandExecution", command: "ls", status: "completed", exitCode: 0, aggregatedOutput: "a\nb\n" } } },
        { method: "item/completed", params: { threadId: THREAD, turnId: "turn-1", item: { type: "fileChange", status: "completed", changes: [{ path: "x.ts", kind: "add", diff: "" }] } } },
        { method: "item/completed", params: { threadId: THREAD, turnId: "turn-1", item: { type: "plan", text: "1. do it" } } },
        agentMessage("turn-1", "Done: first"),
        completed("turn-1"),
      ],
    },
    { on: "turn/start", send: [...turnStarted("turn-2"), agentMessage("turn-2", "Done: second"), completed("turn-2")] },
  ]);
  const events: AgentEvent[] = [];
  try {
    const session = await startSession(
      fake.options({
        approvalPolicy: "never",
        sandbox: "workspace-write",
        sandboxPolicy: { type: "dangerFullAccess" },
        mcpServers: { maestro: { command: "maestro", args: ["mcp"] } },
        threadName: "MAE-1: Fix it",
        onEvent: (e) => events.push(e),
      }),
    );
    assert.is(session.threadId, THREAD);
    const first = await session.runTurn({ text: "Do the work", images: ["/tmp/a.png"] });
    assert.equal(first, { ok: true, threadId: THREAD, turnId: "turn-1", lastMessage: "Done: first" });
    const second = await session.runTurn({ text: "Continue" });
    assert.equal(second, { ok: true, threadId: THREAD, turnId: "turn-2", lastMessage: "Done: second" });

    const state = session.state();
    assert.equal(
      { pid: state.pid, threadId: state.threadId, turnId: state.turnId, sessionId: state.sessionId, started: state.turnsStarted, done: state.turnsCompleted },
      { pid: session.pid, threadId: THREAD, turnId: "turn-2", sessionId: `${THREAD}-turn-2`, started: 2, done: 2 },
    );
    assert.is(state.lastEvent?.method, "turn/completed");
    assert.equal(
      state.history.map(({ at: _at, ...h }) => h),
      [
        { kind: "command", command: "ls", status: "completed", exitCode: 0, outputTail: "a\nb\n" },
        { kind: "file_change", paths: ["x.ts"], status: "completed" },
        { kind: "plan", text: "1. do it" },
        { kind: "agent_message", text: "Done: first" },
        { kind: "agent_message", text: "Done: second" },
      ],
    );
    assert.equal(
      events.filter((e) => e.type !== "notification").map((e) => e.type),
      ["session_started", "turn_started", "turn_ended", "turn_started", "turn_ended"],
    );

    const sent = fake.sent();
    const init = sent.find((m) => m.method === "initialize") as { params: { capabilities: { experimentalApi: boolean } } };
    assert.is(init.params.capabilities.experimentalApi, true);
    assert.ok(sent.some((m) => m.method === "initialized" && !("id" in m)));
    const start = sent.find((m) => m.method === "thread/start")!.params as Record<string, unknown>;
    assert.equal(start, {
      cwd: fake.workspace,
      approvalPolicy: "never",
      sandbox: "workspace-write",
      model: null,
      config: { "mcp_servers.maestro": { command: "maestro", args: ["mcp"] } },
    });
    assert.equal(sent.find((m) => m.method === "thread/name/set")!.params, { threadId: THREAD, name: "MAE-1: Fix it" });
    const turns = sent.filter((m) => m.method === "turn/start").map((m) => m.params);
    assert.equal(turns, [
      {
        threadId: THREAD,
        input: [{ type: "text", text: "Do the work", text_elements: [] }, { type: "localImage", path: "/tmp/a.png" }],
        cwd: fake.workspace,
        approvalPolicy: "never",
        sandboxPolicy: { type: "dangerFullAccess" },
      },
      { threadId: THREAD, input: [{ type: "text", text: "Continue", text_elements: [] }], cwd: fake.workspace, approvalPolicy: "never", sandboxPolicy: { type: "dangerFullAccess" } },
    ]);
    assert.equal(await session.close(), { code: 0, signal: null });
  } finally {
    fake.remove();
  }
});

test("turn/completed with status failed or interrupted is a failure, and the session goes on", async () => {
  const fake = scripted([
    ...handshake(),
    { on: "turn/start", send: [...turnStarted("turn-1"), { method: "error", params: { error: { message: "upstream broke" }, willRetry: false } }, completed("turn-1", "failed", { message: "upstream broke", codexErrorInfo: "other" })] },
    { on: "turn/start", send: [...turnStarted("turn-2"), completed("turn-2", "interrupted")] },
    { on: "turn/start", send: [...turnStarted("turn-3"), completed("turn-3")] },
  ]);
  try {
    const session = await startSession(fake.options());
    assert.equal(await session.runTurn({ text: "a" }), { ok: false, reason: "turn_failed", message: "Codex turn failed: upstream broke", threadId: THREAD, turnId: "turn-1" });
    assert.equal(await session.runTurn({ text: "b" }), { ok: false, reason: "turn_cancelled", message: "Codex turn was interrupted", threadId: THREAD, turnId: "turn-2" });
    assert.equal(await session.runTurn({ text: "c" }), { ok: true, threadId: THREAD, turnId: "turn-3", lastMessage: undefined });
    assert.equal(session.state().turnsCompleted, 3);
    await session.close();
  } finally {
    fake.remove();
  }
});

test("the process exiting mid-turn fails the turn with the exit code and the stderr tail; later turns fail at once", async () => {
  const fake = scripted([...handshake(), { on: "turn/start", send: turnStarted("turn-1"), stderr: "panic: out of cheese\n", exit: 3 }]);
  try {
    const session = await startSession(fake.options());
    const r = await session.runTurn({ text: "a" });
    assert.equal(r, { ok: false, reason: "port_exit", message: "Codex exited with code 3 during the turn: panic: out of cheese", threadId: THREAD, turnId: "turn-1" });
    assert.equal(await session.runTurn({ text: "b" }), { ok: false, reason: "port_exit", message: r.ok ? "" : r.message, threadId: THREAD });
  } finally {
    fake.remove();
  }
});

test("malformed lines are skipped and counted; past the limit the turn fails", async () => {
  const fake = scripted([
    ...handshake(),
    { on: "turn/start", send: ["not json", ...turnStarted("turn-1"), "[1,2]", '{"neither":"request nor response"}', completed("turn-1")] },
    { on: "turn/start", send: [...turnStarted("turn-2"), "x1", "x2", "x3", completed("turn-2")] },
  ]);
  const malformed: number[] = [];
  try {
    const session = await startSession(fake.options({ maxMalformedLines: 4, onEvent: (e) => e.type === "malformed" && malformed.push(e.count) }));
    assert.equal(await session.runTurn({ text: "a" }), { ok: true, threadId: THREAD, turnId: "turn-1", lastMessage: undefined });
    assert.equal(malformed, [1, 2, 3]);
    assert.equal(await session.runTurn({ text: "b" }), {
      ok: false,
      reason: "malformed_output",
      message: 'Codex wrote 5 lines that are not JSON-RPC (last: "x2")',
      threadId: THREAD,
      turnId: "turn-2",
    });
  } finally {
    fake.remove();
  }
});

test("stall timeout: no output for stall_timeout_ms kills the process group and fails the turn", async () => {
  const fake = scripted([...handshake(), { on: "turn/start", send: turnStarted("turn-1"), sleeper: true }]);
  const clock = new ManualClock();
  let started = false;
  try {
    const session = await startSession(fake.options({ clock, stallTimeoutMs: 1000, turnTimeoutMs: 0, onEvent: (e) => void (e.type === "turn_started" && (started = true)) }));
    const turn = session.runTurn({ text: "a" });
    await until(() => started, "the turn to start");
    clock.advance(999);
    clock.advance(1);
    assert.equal(await turn, { ok: false, reason: "stall_timeout", message: "Codex was silent for 1000 ms during the turn", threadId: THREAD, turnId: "turn-1" });
  } finally {
    fake.remove();
  }
});

test("turn timeout: a turn longer than turn_timeout_ms fails; 0 stall timeout disables the stall check", async () => {
  const fake = scripted([...handshake(), { on: "turn/start", send: turnStarted("turn-1") }]);
  const clock = new ManualClock();
  let started = false;
  try {
    const session = await startSession(fake.options({ clock, stallTimeoutMs: 0, turnTimeoutMs: 5000, onEvent: (e) => void (e.type === "turn_started" && (started = true)) }));
    const turn = session.runTurn({ text: "a" });
    await until(() => started, "the turn to start");
    clock.advance(4999);
    clock.advance(1);
    assert.equal(await turn, { ok: false, reason: "turn_timeout", message: "Codex turn ran longer than 5000 ms", threadId: THREAD, turnId: "turn-1" });
  } finally {
    fake.remove();
  }
});

test("resume: thread/resume of a known thread; when Codex no longer has it, a new thread", async () => {
  const fake = scripted([
    { on: "initialize", send: [{ id: "$id", result: {} }] },
    { on: "thread/resume", send: [{ id: "$id", error: { code: -32600, message: "no rollout found for thread id old-1" } }] },
    { on: "thread/start", send: [{ id: "$id", result: { thread: { id: "thread-new" } } }] },
  ]);
  const found = scripted([
    { on: "initialize", send: [{ id: "$id", result: {} }] },
    { on: "thread/resume", send: [{ id: "$id", result: { thread: { id: "old-2" } } }] },
  ]);
  try {
    const s1 = await startSession(fake.options({ resumeThreadId: "old-1" }));
    assert.is(s1.threadId, "thread-new");
    assert.equal(fake.sent().map((m) => m.method ?? "response"), ["initialize", "initialized", "thread/resume", "thread/start"]);
    await s1.close();
    const s2 = await startSession(found.options({ resumeThreadId: "old-2", approvalPolicy: "on-request" }));
    assert.is(s2.threadId, "old-2");
    assert.equal(found.sent().find((m) => m.method === "thread/resume")!.params, {
      threadId: "old-2",
      cwd: found.workspace,
      approvalPolicy: "on-request",
      sandbox: null,
      model: null,
      config: null,
      excludeTurns: true,
    });
    assert.not.ok(found.sent().some((m) => m.method === "thread/start"));
    await s2.close();
  } finally {
    fake.remove();
    found.remove();
  }
});

test("turn/start answering thread not found starts a fresh thread and retries the turn once", async () => {
  const fake = scripted([
    ...handshake("thread-gone"),
    { on: "turn/start", send: [{ id: "$id", error: { code: -32600, message: "thread not found: thread-gone" } }] },
    { on: "thread/start", send: [{ id: "$id", result: { thread: { id: "thread-fresh" } } }] },
    { on: "turn/start", send: [...turnStarted("turn-9", "thread-fresh"), completed("turn-9", "completed", null, "thread-fresh")] },
  ]);
  try {
    const session = await startSession(fake.options());
    assert.equal(await session.runTurn({ text: "a" }), { ok: true, threadId: "thread-fresh", turnId: "turn-9", lastMessage: undefined });
    assert.equal(fake.sent().filter((m) => m.method === "turn/start").map((m) => (m.params as { threadId: string }).threadId), ["thread-gone", "thread-fresh"]);
    await session.close();
  } finally {
    fake.remove();
  }
});

test.run();
