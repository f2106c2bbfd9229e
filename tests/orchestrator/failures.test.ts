// Failures: a failed or crashed turn is retried with doubling backoff up to
// agent.max_retry_backoff_ms, pauses after agent.max_automatic_retries, and a
// person's retry or move lifts the pause; three stalls in a row pause too,
// and each stalled Codex is killed.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { eventsOf, isProcessRunning, moveIssueStep, settle, withHarness, type Harness } from "./harness.ts";

const count = (h: Harness, kind: string, id: string) => eventsOf(h, kind, id).length;

test("a failing turn is retried after 10 s, 20 s, then the cap, with attempts counting up", async () => {
  await withHarness({ maxBackoffMs: 30_000, scenario: { steps: [{ fail: "boom" }] } }, async (h) => {
    h.orchestrator.start();
    const a = h.issue("Failing");
    const delays: number[] = [];
    for (let n = 1; n <= 3; n++) {
      await h.until(() => count(h, "retry_scheduled", a.identifier) === n, `retry ${n}`);
      const failed = eventsOf(h, "run_failed", a.identifier).at(-1)!;
      assert.is(failed.payload?.failure, "turn_failed");
      assert.match(String(failed.payload?.error), "boom");
      const retry = eventsOf(h, "retry_scheduled", a.identifier).at(-1)!;
      assert.is(retry.payload?.delay_type, "failure");
      assert.is(retry.payload?.attempt, n);
      delays.push(Number(retry.payload?.delay_ms));
      const snap = h.orchestrator.snapshot();
      assert.equal(snap.retrying.map((r) => [r.identifier, r.attempt]), [[a.identifier, n]]);
      // Not due a millisecond early.
      h.clock.advance(delays.at(-1)! - 1);
      assert.is(count(h, "run_started", a.identifier), n);
      h.clock.advance(1);
      await h.until(() => count(h, "run_started", a.identifier) === n + 1, `run ${n + 1}`);
    }
    assert.equal(delays, [10_000, 20_000, 30_000]);
    assert.equal(eventsOf(h, "run_started", a.identifier).map((e) => e.payload?.attempt), [0, 1, 2, 3]);
    assert.equal(eventsOf(h, "run_started", a.identifier).map((e) => e.payload?.delay_type), [null, "failure", "failure", "failure"]);
  });
});

test("after max_automatic_retries the next failure pauses; retry runs at once; a person's move lifts a pause", async () => {
  await withHarness({ maxRetries: 2, scenario: { steps: [{ fail: "boom" }] } }, async (h) => {
    h.orchestrator.start();
    const a = h.issue("Keeps failing");
    const failUntilPaused = async (pauses: number) => {
      for (;;) {
        await h.until(() => count(h, "retry_paused", a.identifier) === pauses || h.orchestrator.snapshot().retrying.length === 1, "a retry or a pause");
        if (count(h, "retry_paused", a.identifier) === pauses) return;
        const starts = count(h, "run_started", a.identifier);
        h.clock.advance(Date.parse(h.orchestrator.snapshot().retrying[0]!.due_at) - h.clock.now());
        await h.until(() => count(h, "run_started", a.identifier) === starts + 1, "the retry to start");
        await h.until(() => h.orchestrator.snapshot().counts.running === 0, "the retry to end");
      }
    };
    await failUntilPaused(1);
    assert.is(count(h, "run_failed", a.identifier), 3, "paused at the third failure");
    assert.is(count(h, "retry_scheduled", a.identifier), 2);
    const paused = eventsOf(h, "retry_paused", a.identifier)[0]!;
    assert.is(paused.payload?.reason, "retry_limit_reached");
    assert.match(String(paused.payload?.error), "boom");
    const snap = h.orchestrator.snapshot();
    assert.equal(snap.paused.map((p) => [p.identifier, p.reason]), [[a.identifier, "retry_limit_reached"]]);
    assert.is(snap.counts.retrying, 0);
    const view = h.orchestrator.execution(a.identifier) as any;
    assert.is(view.status, "paused");
    assert.is(view.pause.reason, "retry_limit_reached");
    assert.is(view.failure, "turn_failed");
    // A paused issue is not dispatched, however long we wait.
    h.clock.advance(600_000);
    await new Promise((r) => setTimeout(r, 150));
    assert.is(count(h, "run_started", a.identifier), 3);

    const starts = count(h, "run_started", a.identifier);
    const answer = h.orchestrator.retryIssue(a.identifier);
    assert.is(answer.status, "queued_now");
    await h.until(() => count(h, "run_started", a.identifier) === starts + 1, "the manual retry to start without the clock moving");
    assert.is(eventsOf(h, "run_started", a.identifier).at(-1)!.payload?.delay_type, "manual");
    // The person's retry reset the count: two more automatic retries before the next pause.
    await failUntilPaused(2);
    assert.is(count(h, "retry_scheduled", a.identifier), 4);

    const before = count(h, "run_started", a.identifier);
    h.op("set_issue_state", { identifier: a.identifier, state: "ready" });
    await h.until(() => count(h, "run_started", a.identifier) === before + 1, "the moved issue to run again");
    assert.is(h.orchestrator.snapshot().counts.paused, 0);
  });
});

test("Codex crashing mid-turn fails the run as port_exit with its exit code and stderr, and is retried", async () => {
  await withHarness({ scenario: { steps: [{ message: "working" }, { crash: 3, stderr: "fake-codex: exploded on purpose" }] } }, async (h) => {
    h.orchestrator.start();
    const a = h.issue("Crashy");
    await h.until(() => count(h, "retry_scheduled", a.identifier) === 1, "a retry");
    const failed = eventsOf(h, "run_failed", a.identifier)[0]!;
    assert.is(failed.payload?.failure, "port_exit");
    assert.match(String(failed.payload?.error), "exited with code 3");
    assert.match(String(failed.payload?.error), "exploded on purpose");
    assert.is(eventsOf(h, "retry_scheduled", a.identifier)[0]!.payload?.delay_ms, 10_000);
    const view = h.orchestrator.execution(a.identifier) as any;
    assert.is(view.status, "retrying");
    assert.is(view.failure, "port_exit");
  });
});

test("three stall timeouts in a row pause the issue (consecutive_failures), and every stalled Codex is killed", async () => {
  await withHarness({ stallTimeoutMs: 5000, scenario: { steps: [{ stall: "forever" }] } }, async (h) => {
    h.orchestrator.start();
    const a = h.issue("Stalls");
    for (let n = 1; n <= 3; n++) {
      await h.until(() => count(h, "turn_started", a.identifier) === n, `turn ${n}`);
      const pid = h.orchestrator.snapshot().running[0]?.pid;
      assert.ok(typeof pid === "number" && isProcessRunning(pid), "the fake runs");
      h.clock.advance(5000);
      await h.until(() => count(h, "run_failed", a.identifier) === n, `stall ${n}`);
      assert.is(eventsOf(h, "run_failed", a.identifier).at(-1)!.payload?.failure, "stall_timeout");
      await h.until(() => !isProcessRunning(pid!), `the stalled fake ${pid} to be gone`);
      if (n < 3) {
        await h.until(() => count(h, "retry_scheduled", a.identifier) === n, `retry ${n}`);
        h.clock.advance(Number(eventsOf(h, "retry_scheduled", a.identifier).at(-1)!.payload?.delay_ms));
      }
    }
    await h.until(() => count(h, "retry_paused", a.identifier) === 1, "the pause");
    const paused = eventsOf(h, "retry_paused", a.identifier)[0]!;
    assert.is(paused.payload?.reason, "consecutive_failures");
    assert.is(paused.payload?.consecutive_failures, 3);
    assert.is(count(h, "retry_scheduled", a.identifier), 2);
    assert.equal(h.orchestrator.snapshot().paused.map((p) => p.reason), ["consecutive_failures"]);
  });
});

test("a retry that falls due while its issue cannot run waits for a change, without waking the orchestrator again and again", async () => {
  await withHarness({ scenario: { steps: [{ fail: "boom" }] } }, async (h) => {
    h.orchestrator.start();
    const a = h.issue("Moved away while retrying");
    await h.until(() => count(h, "retry_scheduled", a.identifier) === 1, "a retry");
    h.op("set_issue_state", { identifier: a.identifier, state: "backlog" });
    await settle();
    h.clock.advance(10_000);
    for (let i = 0; i < 5; i++) await settle();
    assert.is(count(h, "run_started", a.identifier), 1, "a backlog issue does not run");
    assert.is(h.clock.dueNow(), 0, "no timer keeps firing at once");
    h.op("set_issue_state", { identifier: a.identifier, state: "ready" });
    await h.until(() => count(h, "run_started", a.identifier) === 2, "the issue to run once it is ready again");
  });
});

test("a failed review goes back to implementation, and a retry-limit pause there holds until a person acts", async () => {
  // Implementation hands over to review and makes every later Codex (the review) fail.
  const failLater = `printf '%s' '${JSON.stringify({ steps: [{ fail: "review found a bug" }] })}' > "$(dirname "$MAESTRO_DB")/scenario.json"`;
  await withHarness({ review: true, maxRetries: 1, scenario: { steps: [{ command: `${moveIssueStep("in_review")} && ${failLater}` }] } }, async (h) => {
    h.orchestrator.start();
    const a = h.issue("Review fails");
    await h.until(() => count(h, "retry_scheduled", a.identifier) === 1, "the continuation to review");
    h.clock.advance(1000);
    await h.until(() => count(h, "retry_paused", a.identifier) === 1, "the pause");
    assert.is(eventsOf(h, "run_failed", a.identifier)[0]!.payload?.phase, "review");
    const issue = h.op("get_issue", { identifier: a.identifier });
    assert.equal([issue.state, issue.workflow_phase], ["in_progress", "implementation"]);
    for (let i = 0; i < 3; i++) await settle();
    assert.is(count(h, "run_started", a.identifier), 2, "the pause holds");
    assert.equal(h.orchestrator.snapshot().paused.map((p) => p.reason), ["retry_limit_reached"]);
  });
});

test("a retry whose issue a person moved to backlog is dropped when it falls due, not kept or run", async () => {
  await withHarness({ scenario: { steps: [{ fail: "boom" }] } }, async (h) => {
    h.orchestrator.start();
    const a = h.issue("Set aside");
    await h.until(() => count(h, "retry_scheduled", a.identifier) === 1, "the retry");
    h.op("set_issue_state", { identifier: a.identifier, state: "backlog" });
    h.clock.advance(10_000);
    await h.until(() => count(h, "retry_dropped", a.identifier) === 1, "the retry to be dropped");
    assert.equal(h.orchestrator.snapshot().retrying, []);
    assert.is(count(h, "run_started", a.identifier), 1, "not run again");
    assert.is((h.orchestrator.execution(a.identifier) as any).status, "idle");
  });
});

test.run();
