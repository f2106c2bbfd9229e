// Reconciliation: what people do to a running issue stops its run at once
// (moved back, cancelled, project stopped, deleted), kills the Codex process
// and schedules nothing; a cancelled issue's worktree goes away; a restarted
// project dispatches again.
import { test } from "uvu";
import * as assert from "uvu/assert";
import * as fs from "node:fs";
import { eventsOf, isProcessRunning, settle, withHarness, type Harness } from "./harness.ts";


/** Starts one stalling run and returns its issue, Codex pid and worktree. */
async function startStalled(h: Harness, title: string) {
  h.orchestrator.start();
  const a = h.issue(title);
  await h.until(() => eventsOf(h, "turn_started", a.identifier).length === 1, "the turn to start");
  const run = h.orchestrator.snapshot().running[0]!;
  assert.ok(run.pid !== null && isProcessRunning(run.pid), "the fake runs");
  return { ...a, pid: run.pid!, workspace: run.workspace_path! };
}

async function stoppedWith(h: Harness, a: { identifier: string; pid: number }, reason: string) {
  await h.until(() => eventsOf(h, "run_stopped", a.identifier).length === 1, `the run to stop (${reason})`);
  assert.is(eventsOf(h, "run_stopped", a.identifier)[0]!.payload?.reason, reason);
  await h.until(() => !isProcessRunning(a.pid), "the fake to be gone");
  await settle();
  assert.is(eventsOf(h, "retry_scheduled", a.identifier).length, 0, "no retry");
  assert.is(eventsOf(h, "run_failed", a.identifier).length, 0, "not a failure");
  assert.is(h.orchestrator.snapshot().counts.running, 0);
}

test("a running issue a person moves to backlog is stopped (inactive_state), its Codex killed, nothing retried", async () => {
  await withHarness({ scenario: { steps: [{ stall: "forever" }] } }, async (h) => {
    const a = await startStalled(h, "Moved back");
    h.op("set_issue_state", { identifier: a.identifier, state: "backlog" });
    await stoppedWith(h, a, "inactive_state");
    assert.ok(fs.existsSync(a.workspace), "a backlog issue keeps its worktree");
    h.clock.advance(600_000);
    await settle();
    assert.is(eventsOf(h, "run_started", a.identifier).length, 1, "not dispatched again");
    assert.is((h.orchestrator.execution(a.identifier) as any).status, "idle");
  });
});

test("a running issue a person cancels is stopped and its worktree removed", async () => {
  await withHarness({ scenario: { steps: [{ stall: "forever" }] } }, async (h) => {
    const a = await startStalled(h, "Cancelled");
    h.op("set_issue_state", { identifier: a.identifier, state: "cancelled" });
    await stoppedWith(h, a, "issue_cancelled");
    await h.until(() => eventsOf(h, "workspace_removed", a.identifier).length === 1, "the worktree to be removed");
    assert.not.ok(fs.existsSync(a.workspace));
  });
});

test("stopping the project stops its runs; starting it again dispatches them again", async () => {
  await withHarness({ scenario: { steps: [{ stall: "forever" }] } }, async (h) => {
    const a = await startStalled(h, "Project stops");
    h.op("set_project_state", { id: h.projectId, state: "stopped" });
    await stoppedWith(h, a, "project_stopped");
    h.op("set_project_state", { id: h.projectId, state: "running" });
    await h.until(() => eventsOf(h, "turn_started", a.identifier).length === 2, "the run to start again");
    assert.is(eventsOf(h, "run_started", a.identifier).length, 2);
    assert.is(h.orchestrator.snapshot().counts.running, 1);
  });
});

test("an issue deleted while it runs is stopped without an error, and the orchestrator goes on", async () => {
  await withHarness({ scenario: { steps: [{ stall: "forever" }] } }, async (h) => {
    const a = await startStalled(h, "Deleted");
    h.op("delete_issue", { identifier: a.identifier });
    await stoppedWith(h, a, "issue_deleted");
    await h.until(() => !fs.existsSync(a.workspace), "the deleted issue's worktree to go");
    const b = h.issue("Next one");
    await h.until(() => eventsOf(h, "turn_started", b.identifier).length === 1, "the next issue to run");
  });
});

test("a blocker added to a running issue stops its run (blocked); finishing the blocker lets it run again", async () => {
  await withHarness({ scenario: { steps: [{ stall: "forever" }] } }, async (h) => {
    const a = await startStalled(h, "Suddenly blocked");
    const blocker = h.issue("Blocker", { state: "backlog" });
    h.op("set_blockers", { identifier: a.identifier, blocked_by: [blocker.identifier] });
    await stoppedWith(h, a, "blocked");
    h.op("set_issue_state", { identifier: blocker.identifier, state: "done" });
    await h.until(() => eventsOf(h, "run_started", a.identifier).length === 2, "the run once unblocked");
  });
});

test.run();
