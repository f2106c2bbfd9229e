// Recurring issues: a due slot queues an idle recurring issue (state ready)
// and it runs; a slot that comes while it runs is owed as one rerun, queued
// when the run ends; missed slots after a downtime give one catch-up run;
// run-now queues an idle recurring issue and refuses a standard one.
import { test } from "uvu";
import * as assert from "uvu/assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { isMaestroError } from "../../lib/errors.ts";
import { eventsOf, moveIssueStep, settle, withHarness, type Harness } from "./harness.ts";

const HOUR = 3_600_000;
const recurring = (h: Harness, title: string) => h.issue(title, { state: "backlog", issue_type: "recurring", cron: "0 * * * *" });
const runs = (h: Harness, id: string) => eventsOf(h, "run_started", id).length;
const completions = (h: Harness, id: string) => eventsOf(h, "run_completed", id).length;

test("a due slot queues the recurring issue and it runs; a slot during the run is owed once and run afterwards", async () => {
  // The "agent" waits for the test's word, so the run spans the next slot.
  const wait = `while [ ! -f "$(dirname "$MAESTRO_DB")/release" ]; do sleep 0.05; done`;
  await withHarness({ turnTimeoutMs: 100 * HOUR, scenario: { steps: [{ command: `${wait} && ${moveIssueStep("done")}` }] } }, async (h) => {
    const release = path.join(h.dir, "release");
    h.orchestrator.start();
    const a = recurring(h, "Hourly");
    const first = h.op("get_issue", { identifier: a.identifier });
    assert.is(first.next_run_at, "2026-03-02T10:00:00.000Z");
    await settle();
    assert.is(runs(h, a.identifier), 0, "not before its slot");

    h.clock.advance(HOUR);
    await h.until(() => eventsOf(h, "turn_started", a.identifier).length === 1, "the first run");
    assert.equal(eventsOf(h, "recurring_enqueued", a.identifier).length, 1);
    assert.is(h.op("get_issue", { identifier: a.identifier }).state, "in_progress");

    h.clock.advance(HOUR);
    await h.until(() => eventsOf(h, "recurring_pending_rerun_recorded", a.identifier).length >= 1, "the owed rerun");
    h.clock.advance(HOUR);
    await settle();
    assert.is(eventsOf(h, "recurring_pending_rerun_recorded", a.identifier).length, 1, "a second slot while owed coalesces, silently");
    assert.is(runs(h, a.identifier), 1, "never two runs at once");
    const busy = h.op("get_issue", { identifier: a.identifier });
    assert.is(busy.pending_rerun, true);
    assert.is(busy.next_run_at, "2026-03-02T13:00:00.000Z");

    fs.writeFileSync(release, "");
    await h.until(() => runs(h, a.identifier) === 2, "the rerun");
    assert.is(eventsOf(h, "recurring_pending_rerun_enqueued", a.identifier).length, 1);
    await h.until(() => completions(h, a.identifier) === 2 || eventsOf(h, "run_failed", a.identifier).length > 0, "the rerun to finish");
    assert.equal(eventsOf(h, "run_failed", a.identifier).map((e) => e.payload?.error), []);
    await settle();
    assert.is(runs(h, a.identifier), 2, "one rerun only");
    const after = h.op("get_issue", { identifier: a.identifier });
    assert.is(after.pending_rerun, false);
    assert.is(after.state, "done");
  });
});

test("after a long downtime, the missed slots give one catch-up run", async () => {
  await withHarness({ scenario: { steps: [{ command: moveIssueStep("done") }] } }, async (h) => {
    const a = recurring(h, "Missed");
    h.clock.advance(5 * HOUR + 30 * 60_000); // the daemon was down from 09:00 to 14:30
    h.orchestrator.start();
    await h.until(() => completions(h, a.identifier) === 1, "the catch-up run");
    await settle();
    assert.is(runs(h, a.identifier), 1);
    assert.is(eventsOf(h, "recurring_catch_up_enqueued", a.identifier).length, 1);
    assert.is(h.op("get_issue", { identifier: a.identifier }).next_run_at, "2026-03-02T15:00:00.000Z");
    h.clock.advance(30 * 60_000);
    await h.until(() => runs(h, a.identifier) === 2, "the next slot's run");
    assert.is(eventsOf(h, "recurring_enqueued", a.identifier).length, 1);
  });
});

test("run-now queues an idle recurring issue at once and refuses a standard issue", async () => {
  await withHarness({ scenario: { steps: [{ command: moveIssueStep("done") }] } }, async (h) => {
    h.orchestrator.start();
    const standard = h.issue("Standard", { state: "backlog" });
    try {
      h.orchestrator.runIssueNow(standard.identifier);
      assert.unreachable("standard issues cannot run now");
    } catch (err) {
      assert.ok(isMaestroError(err) && err.code === "conflict", String(err));
    }
    const a = recurring(h, "On demand");
    const answer = h.orchestrator.runIssueNow(a.identifier);
    assert.is(answer.status, "queued_now");
    await h.until(() => completions(h, a.identifier) === 1, "the run");
    assert.is(eventsOf(h, "recurring_manual_run_now_enqueued", a.identifier).length, 1);
    assert.is(h.op("get_issue", { identifier: a.identifier }).next_run_at, "2026-03-02T10:00:00.000Z", "the schedule is unchanged");
  });
});

test.run();
