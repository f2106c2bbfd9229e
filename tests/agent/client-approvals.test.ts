import { suite } from "uvu";
import * as assert from "uvu/assert";
import { startSession, type AgentEvent, type PendingInterrupt } from "../../lib/agent/mod.ts";
import { completed, handshake, ManualClock, scripted, THREAD, turnStarted, until } from "./client-harness.ts";

const test = suite("agent client: server requests and interrupts");

const request = (id: number, method: string, params: Record<string, unknown>) => ({ id, method, params: { threadId: THREAD, turnId: "turn-1", ...params } });
const commandApproval = (id: number) => request(id, "item/commandExecution/requestApproval", { itemId: "call-1", command: "rm -rf build", cwd: "/ws", reason: "cleanup" });
const answerOf = (sent: Record<string, unknown>[], id: number) => sent.find((m) => m.id === id && !("method" in m));

test('approval policy "never": approvals declined, permissions refused, elicitations declined, tools unsupported, unknown requests errors', async () => {
  const fake = scripted([
    ...handshake(),
    {
      on: "turn/start",
      send: [
        ...turnStarted("turn-1"),
        commandApproval(0),
        request(1, "item/fileChange/requestApproval", { itemId: "patch-1", grantRoot: "/ws" }),
        request(2, "item/permissions/requestApproval", { itemId: "p-1", permissions: { network: { enabled: true } } }),
        request(3, "mcpServer/elicitation/request", { serverName: "maestro", mode: "form", message: "email?", requestedSchema: {} }),
        request(4, "item/tool/call", { callId: "c", tool: "tracker_lookup", arguments: {} }),
        request(5, "execCommandApproval", { callId: "c", command: ["ls"], cwd: "/ws" }),
        request(6, "something/new", {}),
      ],
    },
    { on: "response:6", send: [completed("turn-1")] },
  ]);
  const auto: string[] = [];
  try {
    const session = await startSession(fake.options({ approvalPolicy: "never", onEvent: (e: AgentEvent) => void (e.type === "auto_answered" && auto.push(e.method)) }));
    assert.equal(await session.runTurn({ text: "a" }), { ok: true, threadId: THREAD, turnId: "turn-1", lastMessage: undefined });
    const sent = fake.sent();
    assert.equal(answerOf(sent, 0), { id: 0, result: { decision: "decline" } });
    assert.equal(answerOf(sent, 1), { id: 1, result: { decision: "decline" } });
    assert.equal(answerOf(sent, 2), { id: 2, result: { permissions: {}, scope: "turn" } });
    assert.equal(answerOf(sent, 3), { id: 3, result: { action: "decline", content: null, _meta: null } });
    assert.equal(answerOf(sent, 4), {
      id: 4,
      result: { success: false, contentItems: [{ type: "inputText", text: '{"error":{"message":"Unsupported dynamic tool: \\"tracker_lookup\\"","supportedTools":[]}}' }] },
    });
    assert.equal(answerOf(sent, 5), { id: 5, result: { decision: { denied: { rejection: "declined by Maestro" } } } });
    assert.equal(answerOf(sent, 6), { id: 6, error: { code: -32601, message: "unsupported request: something/new" } });
    assert.equal(auto, [
      "item/commandExecution/requestApproval",
      "item/fileChange/requestApproval",
      "item/permissions/requestApproval",
      "mcpServer/elicitation/request",
      "item/tool/call",
      "execCommandApproval",
    ]);
    await session.close();
  } finally {
    fake.remove();
  }
});

test("another policy: a pending interrupt the caller answers; the answer goes to Codex as given", async () => {
  const fake = scripted([
    ...handshake(),
    { on: "turn/start", send: [...turnStarted("turn-1"), commandApproval(0)] },
    { on: "response:0", send: [{ method: "serverRequest/resolved", params: { threadId: THREAD, requestId: 0 } }, completed("turn-1")] },
  ]);
  const seen: PendingInterrupt[] = [];
  const resolved: string[] = [];
  try {
    const session = await startSession(
      fake.options({
        approvalPolicy: "on-request",
        onInterrupt: (i) => seen.push(i),
        onEvent: (e) => void (e.type === "interrupt_resolved" && resolved.push(`${e.id} ${e.how}`)),
      }),
    );
    const turn = session.runTurn({ text: "a" });
    await until(() => seen.length === 1, "the interrupt");
    const i = seen[0]!;
    assert.equal(
      { id: i.id, kind: i.kind, method: i.method, summary: i.summary, threadId: i.threadId, turnId: i.turnId },
      { id: `${THREAD}:turn-1:call-1:0`, kind: "command_approval", method: "item/commandExecution/requestApproval", summary: "Run command: rm -rf build (cleanup)", threadId: THREAD, turnId: "turn-1" },
    );
    assert.is(i.params.command, "rm -rf build");
    assert.is(i.answer({ decision: "acceptForSession" }), true);
    assert.is(i.answer({ decision: "decline" }), false);
    assert.equal(await turn, { ok: true, threadId: THREAD, turnId: "turn-1", lastMessage: undefined });
    assert.equal(answerOf(fake.sent(), 0), { id: 0, result: { decision: "acceptForSession" } });
    assert.equal(resolved, [`${THREAD}:turn-1:call-1:0 answered`]);
    await session.close();
  } finally {
    fake.remove();
  }
});

test("a pending interrupt nobody answers is declined after the timeout; timers wait meanwhile", async () => {
  const fake = scripted([
    ...handshake(),
    { on: "turn/start", send: [...turnStarted("turn-1"), request(7, "item/tool/requestUserInput", { itemId: "q", questions: [{ id: "strategy", header: "Strategy", question: "Which one?", options: [{ label: "A" }] }] })] },
    { on: "response:7", send: [completed("turn-1")] },
  ]);
  const clock = new ManualClock();
  const seen: PendingInterrupt[] = [];
  try {
    const session = await startSession(fake.options({ clock, approvalPolicy: "never", stallTimeoutMs: 100, turnTimeoutMs: 200, interruptTimeoutMs: 1000, onInterrupt: (i) => seen.push(i) }));
    const turn = session.runTurn({ text: "a" });
    await until(() => seen.length === 1, "the question");
    assert.equal({ kind: seen[0]!.kind, summary: seen[0]!.summary }, { kind: "user_input", summary: "Which one?" });
    clock.advance(999); // past the stall and turn timeouts: they wait while a human is asked
    clock.advance(1);
    assert.equal(await turn, { ok: true, threadId: THREAD, turnId: "turn-1", lastMessage: undefined });
    assert.equal(answerOf(fake.sent(), 7), { id: 7, result: { answers: {} } });
    assert.is(seen[0]!.decline(), false);
    await session.close();
  } finally {
    fake.remove();
  }
});

test("nobody to ask: an approval fails the turn as approval_required, a question as turn_input_required", async () => {
  const fake = scripted([...handshake(), { on: "turn/start", send: [...turnStarted("turn-1"), commandApproval(0)] }]);
  const question = scripted([
    ...handshake(),
    { on: "turn/start", send: [...turnStarted("turn-1"), request(1, "item/tool/requestUserInput", { itemId: "q", questions: [{ id: "x", header: "X", question: "Why?" }] })] },
  ]);
  try {
    const a = await startSession(fake.options({ approvalPolicy: "untrusted" }));
    assert.equal(await a.runTurn({ text: "a" }), {
      ok: false,
      reason: "approval_required",
      message: "Codex needs an approval and nobody can give it: Run command: rm -rf build (cleanup)",
      threadId: THREAD,
      turnId: "turn-1",
    });
    const b = await startSession(question.options({ approvalPolicy: "never" }));
    assert.equal(await b.runTurn({ text: "a" }), {
      ok: false,
      reason: "turn_input_required",
      message: "Codex needs input and nobody can give it: Why?",
      threadId: THREAD,
      turnId: "turn-1",
    });
  } finally {
    fake.remove();
    question.remove();
  }
});

test("the process exiting while an interrupt is pending fails the turn and drops the interrupt", async () => {
  const fake = scripted([...handshake(), { on: "turn/start", send: [...turnStarted("turn-1"), commandApproval(0)], exit: 1 }]);
  const seen: PendingInterrupt[] = [];
  const resolved: string[] = [];
  try {
    const session = await startSession(fake.options({ onInterrupt: (i) => seen.push(i), onEvent: (e) => void (e.type === "interrupt_resolved" && resolved.push(e.how)) }));
    const r = await session.runTurn({ text: "a" });
    assert.is(seen.length, 1);
    assert.equal(r, { ok: false, reason: "port_exit", message: "Codex exited with code 1 during the turn", threadId: THREAD, turnId: "turn-1" });
    assert.equal(resolved, ["cleared"]);
    assert.is(seen[0]!.answer({ decision: "accept" }), false);
  } finally {
    fake.remove();
  }
});

test.run();
