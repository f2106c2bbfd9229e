// What a retry cannot fix pauses at once (missing Codex, a repository that
// is not git, a prompt that cannot render, a run that moved nothing); what a
// retry may fix (a failing before_run or after_create hook) is retried with
// backoff; after_run never fails a run.
import { test } from "uvu";
import * as assert from "uvu/assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { eventsOf, moveIssueStep, settle, withHarness, type Harness } from "./harness.ts";


async function pausedWith(h: Harness, identifier: string, reason: string) {
  await h.until(() => eventsOf(h, "retry_paused", identifier).length === 1, `the ${reason} pause`);
  const paused = eventsOf(h, "retry_paused", identifier)[0]!;
  assert.is(paused.payload?.reason, reason);
  assert.is(eventsOf(h, "retry_scheduled", identifier).length, 0, "no retry");
  assert.equal(h.orchestrator.snapshot().paused.map((p) => [p.identifier, p.reason]), [[identifier, reason]]);
  return String(paused.payload?.error);
}

test("a codex.command that does not exist pauses at once (codex_not_found) with a one-line message", async () => {
  await withHarness({ command: "definitely-not-a-command-xyz" }, async (h) => {
    h.orchestrator.start();
    const a = h.issue("No codex");
    const error = await pausedWith(h, a.identifier, "codex_not_found");
    assert.ok(error.length > 0 && !error.includes("\n"), `one line: ${JSON.stringify(error)}`);
    assert.is(eventsOf(h, "run_failed", a.identifier)[0]!.payload?.failure, "codex_not_found");
    h.clock.advance(600_000);
    await settle();
    assert.is(eventsOf(h, "run_started", a.identifier).length, 1, "not retried");
  });
});

test("a project whose repository is not a git repository pauses at once (workspace_bootstrap)", async () => {
  await withHarness({}, async (h) => {
    const plain = path.join(h.dir, "plain");
    fs.mkdirSync(plain);
    fs.copyFileSync(path.join(h.repo, "WORKFLOW.md"), path.join(plain, "WORKFLOW.md"));
    const project = h.op<{ id: string }>("create_project", { name: "plain", repo_path: plain });
    h.op("set_project_state", { id: project.id, state: "running" });
    const a = h.op<{ identifier: string }>("create_issue", { project_id: project.id, title: "Nowhere to work", state: "ready" });
    h.orchestrator.start();
    const error = await pausedWith(h, a.identifier, "workspace_bootstrap");
    assert.ok(!eventsOf(h, "workspace_created", a.identifier).length);
    assert.ok(error.length > 0);
  });
});

test("a before_run hook that exits 1 fails the attempt as hook_failed, retried with backoff", async () => {
  await withHarness({ hooks: { before_run: "echo nope >&2; exit 1" } }, async (h) => {
    h.orchestrator.start();
    const a = h.issue("Hook fails");
    await h.until(() => eventsOf(h, "retry_scheduled", a.identifier).length === 1, "a retry");
    const failed = eventsOf(h, "run_failed", a.identifier)[0]!;
    assert.is(failed.payload?.failure, "hook_failed");
    assert.match(String(failed.payload?.error), "before_run");
    assert.is(eventsOf(h, "retry_scheduled", a.identifier)[0]!.payload?.delay_ms, 10_000);
    assert.is(eventsOf(h, "turn_started", a.identifier).length, 0, "Codex never started");
    h.clock.advance(10_000);
    await h.until(() => eventsOf(h, "retry_scheduled", a.identifier).length === 2, "a second retry");
    assert.is(eventsOf(h, "retry_scheduled", a.identifier)[1]!.payload?.delay_ms, 20_000);
  });
});

test("an after_create hook that exits 1 fails the attempt as hook_failed, retried with backoff, not paused", async () => {
  await withHarness({ hooks: { after_create: "exit 1" } }, async (h) => {
    h.orchestrator.start();
    const a = h.issue("Create hook fails");
    await h.until(() => eventsOf(h, "retry_scheduled", a.identifier).length === 1 || eventsOf(h, "retry_paused", a.identifier).length === 1, "a retry");
    const failed = eventsOf(h, "run_failed", a.identifier)[0]!;
    assert.is(failed.payload?.failure, "hook_failed");
    assert.match(String(failed.payload?.error), "after_create");
    assert.is(eventsOf(h, "retry_paused", a.identifier).length, 0);
    assert.is(eventsOf(h, "retry_scheduled", a.identifier)[0]!.payload?.delay_ms, 10_000);
    // The failed creation left nothing behind, so the retry creates (and runs after_create) again.
    h.clock.advance(10_000);
    await h.until(() => eventsOf(h, "run_failed", a.identifier).length === 2, "the retry to fail the same way");
    assert.is(eventsOf(h, "run_failed", a.identifier)[1]!.payload?.failure, "hook_failed");
  });
});

test("a failing after_run hook is reported but does not fail the run", async () => {
  await withHarness({ hooks: { after_run: "exit 1" }, scenario: { steps: [{ command: moveIssueStep("done") }] } }, async (h) => {
    h.orchestrator.start();
    const a = h.issue("After run fails");
    await h.until(() => eventsOf(h, "run_completed", a.identifier).length === 1, "the run to complete");
    assert.equal(eventsOf(h, "hook_failed", a.identifier).map((e) => e.payload?.hook), ["after_run"]);
    assert.is(eventsOf(h, "run_failed", a.identifier).length, 0);
    assert.is(h.op("get_issue", { identifier: a.identifier }).state, "done");
  });
});

test("an implementation run that moves nothing, with review disabled, pauses as no_state_transition", async () => {
  await withHarness({ scenario: { steps: [{ message: "I did nothing" }] } }, async (h) => {
    h.orchestrator.start();
    const a = h.issue("Idle agent");
    const error = await pausedWith(h, a.identifier, "no_state_transition");
    assert.match(error, a.identifier);
    assert.is(eventsOf(h, "run_completed", a.identifier)[0]!.payload?.next, "pause");
    assert.is(h.op("get_issue", { identifier: a.identifier }).state, "in_progress");
    assert.is((h.orchestrator.execution(a.identifier) as any).status, "paused");
  });
});

test("a prompt that cannot render (unknown field) pauses as prompt_failed, naming the field", async () => {
  await withHarness({ prompt: "Work on {{ issue.no_such_field }}" }, async (h) => {
    h.orchestrator.start();
    const a = h.issue("Bad prompt");
    const error = await pausedWith(h, a.identifier, "prompt_failed");
    assert.match(error, "no_such_field");
    assert.is(eventsOf(h, "turn_started", a.identifier).length, 0, "no turn ran");
  });
});

test.run();
