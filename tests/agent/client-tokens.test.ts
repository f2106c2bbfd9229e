import { suite } from "uvu";
import * as assert from "uvu/assert";
import { noTokens, startSession, TokenLedger, type AgentEvent, type TokenTotals } from "../../lib/agent/mod.ts";
import { completed, handshake, scripted, THREAD, tokenUsage, turnStarted } from "./client-harness.ts";

const test = suite("agent client: token accounting");

const totals = (total: number, input: number): TokenTotals => ({ ...noTokens(), totalTokens: total, inputTokens: input, outputTokens: total - input });

test("absolute per-thread totals become deltas across turns; a stale total is ignored", async () => {
  const fake = scripted([
    ...handshake(),
    { on: "turn/start", send: [...turnStarted("turn-1"), tokenUsage("turn-1", 127, 120), tokenUsage("turn-1", 127, 120), completed("turn-1")] },
    { on: "turn/start", send: [...turnStarted("turn-2"), tokenUsage("turn-2", 237, 220), tokenUsage("turn-2", 200, 190), tokenUsage("turn-2", 364, 340), completed("turn-2")] },
  ]);
  const deltas: number[] = [];
  try {
    const session = await startSession(fake.options({ onEvent: (e: AgentEvent) => void (e.type === "tokens" && deltas.push(e.delta.totalTokens)) }));
    await session.runTurn({ text: "a" });
    assert.equal(session.state().tokens, totals(127, 120));
    await session.runTurn({ text: "b" });
    assert.equal(deltas, [127, 110, 127]);
    assert.equal(session.state().tokens, totals(364, 340));
    assert.equal(session.state().threadTotals, { [THREAD]: totals(364, 340) });
    await session.close();
  } finally {
    fake.remove();
  }
});

test("a resumed thread's replayed total is not counted again: with a persisted baseline, and without one", async () => {
  const resumeSteps = (replay: number) => [
    { on: "initialize", send: [{ id: "$id", result: {} }] },
    { on: "thread/resume", send: [{ id: "$id", result: { thread: { id: "old" } } }, tokenUsage("", replay, replay - 10, "old")] },
    { on: "turn/start", send: [...turnStarted("turn-r", "old"), tokenUsage("turn-r", replay + 50, replay + 30, "old"), completed("turn-r", "completed", null, "old")] },
  ];
  const withBaseline = scripted(resumeSteps(965));
  const without = scripted(resumeSteps(965));
  try {
    const a = await startSession(withBaseline.options({ resumeThreadId: "old", tokenBaseline: { old: totals(900, 890) } }));
    await a.runTurn({ text: "go on" });
    // 900 was counted before the restart: 65 spent after it, then 50 in this turn.
    assert.equal(a.state().tokens.totalTokens, 115);
    assert.equal(a.state().threadTotals, { old: totals(1015, 995) });
    await a.close();

    const b = await startSession(without.options({ resumeThreadId: "old" }));
    await b.runTurn({ text: "go on" });
    assert.equal(b.state().tokens, totals(50, 40));
    await b.close();
  } finally {
    withBaseline.remove();
    without.remove();
  }
});

test("TokenLedger: per-thread marks, baseline, seed on first, totals", () => {
  const ledger = new TokenLedger({ t1: totals(100, 90) });
  assert.equal(ledger.record("t1", totals(150, 130)), totals(50, 40));
  assert.is(ledger.record("t1", totals(150, 130)), undefined);
  assert.is(ledger.record("t1", totals(120, 100)), undefined);
  assert.equal(ledger.record("t2", totals(10, 5)), totals(10, 5));
  ledger.seedOnFirst("t3");
  assert.is(ledger.record("t3", totals(500, 400)), undefined);
  assert.equal(ledger.record("t3", totals(510, 405)), totals(10, 5));
  assert.equal(ledger.totals(), { t1: totals(150, 130), t2: totals(10, 5), t3: totals(510, 405) });
});

test.run();
