// Restart recovery: a run a crashed daemon left "running" is counted as
// interrupted and retried at once, resuming its Codex thread (and the old
// Codex, if still alive, is killed first); a graceful stop records running
// sessions as resumable and the next daemon resumes them without counting
// an interruption.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import { eventsOf, isProcessRunning, moveIssueStep, withHarness, type Harness } from "./harness.ts";

const crashRecord = (h: Harness, issue: { id: string; identifier: string }, session: Record<string, unknown>) =>
  h.tracker.saveExecution({
    issue_id: issue.id,
    identifier: issue.identifier,
    phase: "implementation",
    attempt: 0,
    run_kind: "running",
    error: null,
    resume_eligible: false,
    stop_reason: "",
    session,
  });

test("a run a crashed daemon left running is interrupted, retried at once resuming its thread, and completes", async () => {
  await withHarness({ scenario: { steps: [{ message: "resumed" }, { command: moveIssueStep("done") }] } }, async (h) => {
    const a = h.issue("Crashed mid-run", { state: "in_progress" });
    // The old Codex, in its own process group like a session's, still alive after the crash.
    const old = spawn("sleep", ["60"], { detached: true, stdio: "ignore" });
    old.unref();
    crashRecord(h, a, { thread_id: "thread-7", started_at: "2026-03-02T08:59:00.000Z", session: { pid: old.pid } });

    h.orchestrator.start();
    await h.until(() => eventsOf(h, "run_completed", a.identifier).length === 1, "the resumed run to complete");
    assert.not.ok(isProcessRunning(old.pid!), "the old Codex was killed");
    assert.is(eventsOf(h, "run_interrupted", a.identifier).length, 1);
    const started = eventsOf(h, "run_started", a.identifier);
    assert.is(started.length, 1);
    assert.is(started[0]!.payload?.delay_type, "recovery");
    assert.is(started[0]!.payload?.resume_thread_id, "thread-7");
    assert.is(started[0]!.payload?.attempt, 1);
    const view = h.orchestrator.execution(a.identifier) as any;
    assert.is(view.session.thread_id, "thread-7", "the fake resumed thread-7 instead of starting a new thread");
    assert.is(view.consecutive_failures, 0, "a clean run ends the streak");
    assert.is(h.op("get_issue", { identifier: a.identifier }).state, "done");
  });
});

test("two more crashes after an interrupted run pause the issue (consecutive_failures) instead of retrying", async () => {
  await withHarness({ scenario: { steps: [{ command: moveIssueStep("done") }] } }, async (h) => {
    const a = h.issue("Crashes the daemon", { state: "in_progress" });
    crashRecord(h, a, { thread_id: "thread-3", streak: { interrupted: 2, automatic: 2 } });
    h.orchestrator.start();
    await h.until(() => eventsOf(h, "retry_paused", a.identifier).length === 1, "the pause");
    assert.is(eventsOf(h, "retry_paused", a.identifier)[0]!.payload?.reason, "consecutive_failures");
    await new Promise((r) => setTimeout(r, 150));
    assert.is(eventsOf(h, "run_started", a.identifier).length, 0);
    assert.is((h.orchestrator.execution(a.identifier) as any).status, "paused");
  });
});

test("a graceful stop records the running session as resumable; the next daemon resumes it without counting an interruption", async () => {
  await withHarness({ scenario: { steps: [{ stall: "forever" }] } }, async (h) => {
    h.orchestrator.start();
    const a = h.issue("Shut down mid-run");
    await h.until(() => eventsOf(h, "turn_started", a.identifier).length === 1, "the turn");
    const { pid, thread_id: threadId } = h.orchestrator.snapshot().running[0]!;
    assert.ok(threadId, "a thread");
    await h.orchestrator.stop();
    assert.not.ok(isProcessRunning(pid!), "Codex stopped with the daemon");
    assert.is(eventsOf(h, "run_stopped", a.identifier)[0]!.payload?.reason, "shutdown");
    const record = h.tracker.getExecution(a.id)!;
    assert.is(record.run_kind, "interrupted");
    assert.is(record.stop_reason, "graceful_shutdown");
    assert.is(record.resume_eligible, true);
    assert.is(record.session.thread_id, threadId);

    h.scenario("scenario", { steps: [{ command: moveIssueStep("done") }] });
    h.restart().start();
    await h.until(() => eventsOf(h, "run_completed", a.identifier).length === 1, "the resumed run");
    assert.is(eventsOf(h, "run_interrupted", a.identifier).length, 0, "a graceful stop is no interruption");
    const resumed = eventsOf(h, "run_started", a.identifier)[1]!;
    assert.is(resumed.payload?.delay_type, "recovery");
    assert.is(resumed.payload?.resume_thread_id, threadId);
    const view = h.orchestrator.execution(a.identifier) as any;
    assert.is(view.session.thread_id, threadId);
    assert.is(view.consecutive_failures, 0);
  });
});

test("a worktree whose removal failed (before_remove) is kept, and removed by the next daemon once the hook passes", async () => {
  await withHarness({ hooks: { before_remove: "exit 1" }, scenario: { steps: [{ command: moveIssueStep("done") }] } }, async (h) => {
    h.orchestrator.start();
    const a = h.issue("Hard to remove");
    await h.until(() => eventsOf(h, "workspace_cleanup_failed", a.identifier).length === 1, "the failed cleanup");
    const workspace = h.tracker.workspaceOf(a.id)!;
    assert.ok(fs.existsSync(workspace), "kept");
    await h.orchestrator.stop();
    h.setWorkflow({ hooks: {} });
    h.restart().start();
    await h.until(() => eventsOf(h, "workspace_removed", a.identifier).length === 1, "the cleanup at startup");
    assert.not.ok(fs.existsSync(workspace));
    assert.is(h.tracker.workspaceOf(a.id), undefined);
    assert.is(eventsOf(h, "run_started", a.identifier).length, 1, "a finished issue does not run again");
  });
});

test.run();
