import { suite } from "uvu";
import * as assert from "uvu/assert";
import { nextCronRun, parseCron } from "../../lib/tracker/mod.ts";
import { START, throwsCode, withFixture } from "./fixture.ts";

const test = suite("tracker recurring issues");

const nextAfter = (cron: string, at: Date) => nextCronRun(parseCron(cron), at)?.toISOString();

test("a recurring issue needs a valid cron and gets its next run computed from now", () =>
  withFixture((fx) => {
    const p = fx.project();
    throwsCode(() => fx.issue(p.id, "x", { issue_type: "recurring" }), "invalid_input",
      /Missing required field "cron": recurring issues need a schedule/);
    throwsCode(() => fx.issue(p.id, "x", { issue_type: "recurring", cron: "every day" }), "invalid_input", /Invalid cron "every day"/);
    throwsCode(() => fx.issue(p.id, "x", { issue_type: "recurring", cron: "0 0 31 2 *" }), "invalid_input",
      /Invalid cron "0 0 31 2 \*": it never runs/);
    const i = fx.issue(p.id, "nightly", { issue_type: "recurring", cron: " 0   2 * * * " });
    assert.is(i.cron, "0 2 * * *");
    assert.is(i.enabled, true);
    assert.is(i.next_run_at, nextAfter("0 2 * * *", new Date(START.getTime() + 1000)));
    assert.is(i.pending_rerun, false);
    assert.is(i.last_enqueued_at, null);
  }));

test("cron or enabled on a standard issue is refused", () =>
  withFixture((fx) => {
    const p = fx.project();
    throwsCode(() => fx.issue(p.id, "x", { cron: "0 2 * * *" }), "invalid_input",
      /Invalid "cron": only recurring issues have a schedule/);
    const i = fx.issue(p.id, "x");
    throwsCode(() => fx.op("update_issue", { identifier: i.identifier, enabled: false }), "invalid_input",
      /Invalid "enabled": only recurring issues have a schedule/);
  }));

test("a disabled schedule has no next run until re-enabled", () =>
  withFixture((fx) => {
    const p = fx.project();
    const i = fx.issue(p.id, "x", { issue_type: "recurring", cron: "*/5 * * * *", enabled: "false" });
    assert.is(i.enabled, false);
    assert.is(i.next_run_at, null);
    const at = fx.tick(60_000);
    const on = fx.op("update_issue", { identifier: i.identifier, enabled: true });
    assert.is(on.enabled, true);
    assert.is(on.next_run_at, nextAfter("*/5 * * * *", at));
  }));

test("changing the cron recomputes the next run; an unrelated update keeps it", () =>
  withFixture((fx) => {
    const i = fx.issue(fx.project().id, "x", { issue_type: "recurring", cron: "0 2 * * *" });
    fx.tick(3_600_000);
    assert.is(fx.op("update_issue", { identifier: i.identifier, title: "renamed" }).next_run_at, i.next_run_at);
    const at = fx.tick();
    const changed = fx.op("update_issue", { identifier: i.identifier, cron: "30 * * * *" });
    assert.is(changed.cron, "30 * * * *");
    assert.is(changed.next_run_at, nextAfter("30 * * * *", at));
  }));

test("switching types adds or drops the schedule", () =>
  withFixture((fx) => {
    const i = fx.issue(fx.project().id);
    throwsCode(() => fx.op("update_issue", { identifier: i.identifier, issue_type: "recurring" }), "invalid_input", /need a schedule/);
    const recurring = fx.op("update_issue", { identifier: i.identifier, issue_type: "recurring", cron: "0 9 * * mon" });
    assert.is(recurring.issue_type, "recurring");
    assert.is(recurring.cron, "0 9 * * mon");
    assert.ok(recurring.next_run_at);
    const standard = fx.op("update_issue", { identifier: i.identifier, issue_type: "standard" });
    assert.is(standard.cron, null);
    assert.is(standard.enabled, null);
    assert.is(fx.store.read((q) => q.get<{ n: number }>(`SELECT COUNT(*) AS n FROM issue_recurrences`))?.n, 0);
    throwsCode(() => fx.op("update_issue", { identifier: i.identifier, issue_type: "standard", cron: "* * * * *" }), "invalid_input");
  }));

test.run();
