// Dispatch and phases: a ready issue becomes a worktree and a Codex session
// at once, the agent's moves drive implementation → review → done, the work
// lands on the issue's branch, tokens add up, and the worktree goes away.
import { test } from "uvu";
import * as assert from "uvu/assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { fileOnBranch, moveIssueStep, openHarness } from "./harness.ts";

const commitWork = `printf 'work of %s\\n' "$MAESTRO_ISSUE_IDENTIFIER" > work.txt && git add work.txt && git -c user.name=fake -c user.email=f@x commit -qm "work"`;

test("a ready issue runs at once, its work lands on maestro/<ID>, it ends done and its worktree is removed", async () => {
  const h = await openHarness({
    scenario: { steps: [{ message: "On it" }, { command: `${commitWork} && ${moveIssueStep("done")}` }, { tokens: { input: 100, output: 20 } }, { message: "Done" }] },
  });
  try {
    h.orchestrator.start();
    const a = h.issue("First task");
    await h.until(() => h.kinds(a.identifier).includes("workspace_removed"), "the run to finish");
    const issue = h.op("get_issue", { identifier: a.identifier });
    assert.is(issue.state, "done");
    assert.is(issue.workflow_phase, "complete");
    assert.is(issue.branch_name, `maestro/${a.identifier}`);
    assert.is(issue.total_tokens_spent, 120);
    assert.is(fileOnBranch(h.repo, `maestro/${a.identifier}`, "work.txt"), `work of ${a.identifier}\n`);
    assert.not.ok(fs.existsSync(path.join(h.wsRoot, "demo", a.identifier)), "worktree removed");
    assert.equal(h.kinds(a.identifier), [
      "run_started",
      "workspace_created",
      "turn_started",
      "turn_completed",
      "run_completed",
      "workspace_removed",
    ]);
    const exec = h.orchestrator.execution(a.identifier) as any;
    assert.is(exec.status, "idle");
    assert.is(exec.last_result, "completed");
    assert.is(exec.session_source, "persisted");
    assert.ok(exec.session.history.some((e: any) => e.kind === "command" && e.exitCode === 0), "the command is in the transcript");
    assert.ok(exec.session.history.some((e: any) => e.kind === "agent_message" && e.text === "Done"));
  } finally {
    await h.close();
  }
});

test("review and done phases: each runs with its own prompt, in order, and the issue ends complete", async () => {
  // One scenario for every phase: the phase in the environment decides what the "agent" does.
  const act = `case "$MAESTRO_PHASE" in implementation) ${commitWork} && ${moveIssueStep("in_review")};; review) echo reviewed;; done) echo wrapped up;; esac`;
  const h = await openHarness({ review: true, done: true, scenario: { steps: [{ command: act }, { tokens: { input: 10, output: 1 } }] } });
  try {
    h.orchestrator.start();
    const a = h.issue("Phased");
    // Each next phase is a continuation due 1 s (of the manual clock) after the previous run.
    for (let n = 1; n <= 2; n++) {
      await h.until(() => h.kinds(a.identifier).filter((k) => k === "retry_scheduled").length === n, `continuation ${n}`);
      assert.is(h.events.at(-1)?.payload?.delay_type, "continuation");
      assert.is(h.events.at(-1)?.payload?.delay_ms, 1000);
      h.clock.advance(1000);
    }
    await h.until(() => h.kinds(a.identifier).includes("workspace_removed"), "all phases");
    const phases = h.events.filter((e) => e.kind === "run_started").map((e) => e.payload?.phase);
    assert.equal(phases, ["implementation", "review", "done"]);
    const completed = h.events.filter((e) => e.kind === "run_completed").map((e) => `${e.payload?.phase}->${e.payload?.state}/${e.payload?.next_phase}`);
    assert.equal(completed, ["implementation->in_review/review", "review->done/done", "done->done/complete"]);
    const issue = h.op("get_issue", { identifier: a.identifier });
    assert.is(issue.state, "done");
    assert.is(issue.workflow_phase, "complete");
    assert.is(issue.total_tokens_spent, 33);
  } finally {
    await h.close();
  }
});

test("an issue waits for its blocker and starts the moment the blocker is done", async () => {
  const h = await openHarness({ scenario: { steps: [{ command: moveIssueStep("done") }] } });
  try {
    const first = h.issue("Blocker", { state: "backlog" });
    const second = h.issue("Blocked", { blocked_by: [first.identifier] });
    h.orchestrator.start();
    await new Promise((r) => setTimeout(r, 200));
    assert.not.ok(h.kinds(second.identifier).includes("run_started"), "blocked issue not started");
    h.op("set_issue_state", { identifier: first.identifier, state: "ready" });
    await h.until(() => h.op("get_issue", { identifier: second.identifier }).state === "done", "the blocked issue to finish");
    const starts = h.events.filter((e) => e.kind === "run_started").map((e) => e.identifier);
    assert.equal(starts, [first.identifier, second.identifier]);
    // The blocker counts as finished the moment its agent moves it to done, even before its run winds down.
    const firstTurn = h.events.findIndex((e) => e.kind === "turn_started" && e.identifier === first.identifier);
    const secondStart = h.events.findIndex((e) => e.kind === "run_started" && e.identifier === second.identifier);
    assert.ok(firstTurn < secondStart, "the blocked issue started only once its blocker had run");
  } finally {
    await h.close();
  }
});

test("per_project_serial runs one issue at a time, most urgent first; parallel runs up to the limit", async () => {
  const h = await openHarness({ dispatchMode: "per_project_serial", scenario: { steps: [{ command: moveIssueStep("done") }] } });
  try {
    const low = h.issue("Low", { priority: 3 });
    const none = h.issue("No priority");
    const urgent = h.issue("Urgent", { priority: 1 });
    h.orchestrator.start();
    await h.until(() => h.events.filter((e) => e.kind === "run_completed").length === 3, "three runs");
    const order = h.events.filter((e) => e.kind === "run_started" || e.kind === "run_completed").map((e) => `${e.kind === "run_started" ? "+" : "-"}${e.identifier}`);
    assert.equal(order, [`+${urgent.identifier}`, `-${urgent.identifier}`, `+${low.identifier}`, `-${low.identifier}`, `+${none.identifier}`, `-${none.identifier}`]);
  } finally {
    await h.close();
  }
  const p = await openHarness({ maxConcurrent: 2, scenario: { steps: [{ stall: "forever" }] } });
  try {
    const issues = [p.issue("One"), p.issue("Two"), p.issue("Three")];
    p.orchestrator.start();
    await p.until(() => p.orchestrator.snapshot().counts.running === 2, "two runs");
    await new Promise((r) => setTimeout(r, 200));
    assert.is(p.orchestrator.snapshot().counts.running, 2, "never more than max_concurrent_agents");
    assert.equal(p.orchestrator.snapshot().running.map((r) => r.identifier).sort(), [issues[0]!.identifier, issues[1]!.identifier].sort());
  } finally {
    await p.close();
  }
});

test.run();

test("candidates are read a page at a time: an issue behind more than a page of blocked, more urgent ones still runs", async () => {
  const h = await openHarness({ scenario: { steps: [{ command: moveIssueStep("done") }] } });
  try {
    const blocker = h.issue("Blocker", { state: "backlog" });
    const blocked = Array.from({ length: 70 }, (_, i) => h.issue(`Blocked ${i}`, { priority: 1, blocked_by: [blocker.identifier] }));
    const free = h.issue("Free, least urgent", { priority: 4 });
    h.orchestrator.start();
    await h.until(() => h.op("get_issue", { identifier: free.identifier }).state === "done", "the free issue to finish");
    assert.ok(blocked.every((b) => !h.kinds(b.identifier).includes("run_started")), "no blocked issue started");
  } finally {
    await h.close();
  }
});
