import { suite } from "uvu";
import * as assert from "uvu/assert";
import { isMaestroError } from "../../lib/errors.ts";
import { throwsCode, withFixture } from "./fixture.ts";

const test = suite("tracker issue states");

test("set_issue_state refuses an unknown state and lists the allowed values", () =>
  withFixture((fx) => {
    const i = fx.issue(fx.project().id);
    throwsCode(() => fx.op("set_issue_state", { identifier: i.identifier, state: "doing" }), "invalid_input",
      /Invalid "state": expected one of backlog, ready, in_progress, in_review, done, cancelled, got "doing"/);
  }));

test("set_issue_state refuses in_progress while a blocker is open, naming it and the fix", () =>
  withFixture((fx) => {
    const p = fx.project("Demo");
    const blocker = fx.issue(p.id, "first");
    const i = fx.issue(p.id, "second", { blocked_by: [blocker.identifier] });
    try {
      fx.op("set_issue_state", { identifier: i.identifier, state: "in_progress" });
      assert.unreachable();
    } catch (err) {
      assert.ok(isMaestroError(err));
      assert.is(err.code, "blocked");
      assert.is(err.message, 'Cannot move "DEMO-2" to in_progress: blocked by "DEMO-1"');
      assert.is(err.hint, "finish it or remove the blocker");
    }
    assert.is(fx.op("get_issue", { identifier: i.identifier }).state, "backlog");
    // Other moves stay allowed while blocked.
    assert.is(fx.op("set_issue_state", { identifier: i.identifier, state: "ready" }).state, "ready");
    fx.op("set_issue_state", { identifier: blocker.identifier, state: "done" });
    assert.is(fx.op("set_issue_state", { identifier: i.identifier, state: "in_progress" }).state, "in_progress");
  }));

test("a cancelled blocker resolves; several open blockers are all named", () =>
  withFixture((fx) => {
    const p = fx.project("Demo");
    const a = fx.issue(p.id, "a");
    const b = fx.issue(p.id, "b");
    const c = fx.issue(p.id, "c", { blocked_by: [a.identifier, b.identifier] });
    throwsCode(() => fx.op("set_issue_state", { identifier: c.identifier, state: "in_progress" }), "blocked",
      /blocked by "DEMO-1", "DEMO-2"$/);
    fx.op("set_issue_state", { identifier: a.identifier, state: "cancelled" });
    throwsCode(() => fx.op("set_issue_state", { identifier: c.identifier, state: "in_progress" }), "blocked", /blocked by "DEMO-2"$/);
  }));

test("create_issue checks blockers before the state: a blocked issue cannot be created in_progress", () =>
  withFixture((fx) => {
    const p = fx.project();
    const blocker = fx.issue(p.id, "first");
    throwsCode(() => fx.issue(p.id, "second", { blocked_by: [blocker.identifier], state: "in_progress" }), "blocked");
    assert.is(fx.op("list_issues", {}).total, 1, "the refused create left nothing behind");
    const ready = fx.issue(p.id, "third", { blocked_by: [blocker.identifier], state: "ready" });
    assert.is(ready.state, "ready");
  }));

test("in_progress stamps started_at; done and cancelled stamp completed_at and the complete phase", () =>
  withFixture((fx) => {
    const i = fx.issue(fx.project().id);
    fx.setClock(new Date("2026-03-03T10:00:00.000Z"));
    const started = fx.op("set_issue_state", { identifier: i.identifier, state: "in_progress" });
    assert.is(started.started_at, "2026-03-03T10:00:00.000Z");
    assert.is(started.completed_at, null);
    assert.is(started.workflow_phase, "implementation");
    fx.setClock(new Date("2026-03-03T11:00:00.000Z"));
    const done = fx.op("set_issue_state", { identifier: i.identifier, state: "done" });
    assert.is(done.completed_at, "2026-03-03T11:00:00.000Z");
    assert.is(done.started_at, "2026-03-03T10:00:00.000Z");
    assert.is(done.workflow_phase, "complete");
    fx.setClock(new Date("2026-03-03T12:00:00.000Z"));
    const reopened = fx.op("set_issue_state", { identifier: i.identifier, state: "in_progress" });
    assert.is(reopened.started_at, "2026-03-03T12:00:00.000Z");
    assert.is(reopened.workflow_phase, "implementation");
    const cancelled = fx.op("set_issue_state", { identifier: i.identifier, state: "cancelled" });
    assert.is(cancelled.workflow_phase, "complete");
    assert.is(cancelled.completed_at, "2026-03-03T12:00:00.000Z");
  }));

test("a plain state change resets the workflow phase", () =>
  withFixture((fx) => {
    const i = fx.issue(fx.project().id);
    fx.op("set_issue_state", { identifier: i.identifier, state: "in_progress" });
    assert.is(fx.op("set_issue_workflow_phase", { identifier: i.identifier, workflow_phase: "review" }).workflow_phase, "review");
    assert.is(fx.op("set_issue_state", { identifier: i.identifier, state: "in_review" }).workflow_phase, "implementation");
  }));

test("setting the state an issue already has changes nothing and records no event", () =>
  withFixture((fx) => {
    const i = fx.issue(fx.project().id);
    const before = fx.events.length;
    fx.tick();
    const same = fx.op("set_issue_state", { identifier: i.identifier, state: "backlog" });
    assert.is(same.updated_at, i.updated_at);
    assert.is(fx.events.length, before);
  }));

test("set_issue_workflow_phase accepts the four phases only", () =>
  withFixture((fx) => {
    const i = fx.issue(fx.project().id);
    for (const phase of ["implementation", "review", "done", "complete"]) {
      assert.is(fx.op("set_issue_workflow_phase", { identifier: i.identifier, workflow_phase: phase }).workflow_phase, phase);
    }
    throwsCode(() => fx.op("set_issue_workflow_phase", { identifier: i.identifier, workflow_phase: "qa" }), "invalid_input",
      /expected one of implementation, review, done, complete/);
  }));

test("cancelling a recurring issue disables its schedule", () =>
  withFixture((fx) => {
    const i = fx.issue(fx.project().id, "nightly", { issue_type: "recurring", cron: "0 2 * * *" });
    assert.is(i.enabled, true);
    const cancelled = fx.op("set_issue_state", { identifier: i.identifier, state: "cancelled" });
    assert.is(cancelled.enabled, false);
    assert.is(cancelled.cron, "0 2 * * *");
  }));

test.run();
