// Limits inside one run and across runs: a run goes on for up to
// agent.max_turns turns while its phase goes on, and per-state limits count
// running issues by the state they are in now.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { eventsOf, moveIssueStep, settle, withHarness } from "./harness.ts";

test("a run takes up to max_turns turns while the issue stays in its phase, and stops at the turn that moves it", async () => {
  await withHarness({ maxTurns: 3, scenario: { turns: [{ steps: [{ message: "one" }] }, { steps: [{ command: moveIssueStep("done") }] }] } }, async (h) => {
    h.orchestrator.start();
    const a = h.issue("Two turns");
    await h.until(() => eventsOf(h, "run_completed", a.identifier).length === 1, "the run");
    assert.is(eventsOf(h, "turn_started", a.identifier).length, 2);
    assert.is(eventsOf(h, "run_started", a.identifier).length, 1);
    assert.is(h.op("get_issue", { identifier: a.identifier }).state, "done");
  });
  await withHarness({ maxTurns: 3, scenario: { steps: [{ message: "still thinking" }] } }, async (h) => {
    h.orchestrator.start();
    const a = h.issue("Never moves");
    await h.until(() => eventsOf(h, "retry_paused", a.identifier).length === 1, "the pause");
    assert.is(eventsOf(h, "turn_started", a.identifier).length, 3);
    assert.is(eventsOf(h, "retry_paused", a.identifier)[0]!.payload?.reason, "no_state_transition");
  });
});

test("a per-state limit counts a running issue under the state it is in now, not the one it was dispatched from", async () => {
  await withHarness({ maxByState: { in_progress: 1 }, scenario: { steps: [{ stall: "forever" }] } }, async (h) => {
    h.orchestrator.start();
    const a = h.issue("Dispatched from ready");
    // The attempt moves a ready issue to in_progress before Codex starts.
    await h.until(() => eventsOf(h, "turn_started", a.identifier).length === 1, "the first run");
    assert.is(h.op("get_issue", { identifier: a.identifier }).state, "in_progress");
    const b = h.issue("Already in progress", { state: "in_progress" });
    await settle();
    await settle();
    assert.is(eventsOf(h, "run_started", b.identifier).length, 0, "one in_progress run at a time");
    h.op("set_issue_state", { identifier: a.identifier, state: "backlog" });
    await h.until(() => eventsOf(h, "run_started", b.identifier).length === 1, "the second issue once the slot is free");
  });
});

test("a ready issue takes an in_progress slot: with in_progress: 1, two ready issues run one after the other", async () => {
  await withHarness({ maxByState: { in_progress: 1 }, scenario: { steps: [{ stall: "forever" }] } }, async (h) => {
    h.orchestrator.start();
    const a = h.issue("First");
    const b = h.issue("Second");
    await h.until(() => eventsOf(h, "turn_started", a.identifier).length === 1, "the first run");
    await settle();
    assert.is(eventsOf(h, "run_started", b.identifier).length, 0, "the second waits for the slot");
    h.op("set_issue_state", { identifier: a.identifier, state: "backlog" });
    await h.until(() => eventsOf(h, "run_started", b.identifier).length === 1, "the second once the slot is free");
  });
});

test.run();
