import { suite } from "uvu";
import * as assert from "uvu/assert";
import { throwsCode, withFixture } from "./fixture.ts";

const test = suite("tracker issues");

test("create_issue numbers issues per prefix of the project name", () =>
  withFixture((fx) => {
    const app = fx.project("My App");
    const other = fx.project("my-apple pie");
    const punct = fx.project("!!");
    const digits = fx.project("42 things");
    assert.is(fx.issue(app.id).identifier, "MYAP-1");
    assert.is(fx.issue(app.id).identifier, "MYAP-2");
    // Same prefix, shared counter: an identifier is never issued twice.
    assert.is(fx.issue(other.id).identifier, "MYAP-3");
    assert.is(fx.issue(punct.id).identifier, "ISS-1");
    assert.is(fx.issue(digits.id).identifier, "42TH-1");
  }));

test("create_issue fills defaults: backlog, implementation, standard, priority 0, nulls for unset text", () =>
  withFixture((fx) => {
    const p = fx.project("Demo");
    const i = fx.issue(p.id, "  Write docs  ");
    assert.is(i.title, "Write docs");
    assert.is(i.state, "backlog");
    assert.is(i.workflow_phase, "implementation");
    assert.is(i.issue_type, "standard");
    assert.is(i.priority, 0);
    assert.is(i.description, "");
    assert.is(i.branch_name, null);
    assert.is(i.agent_name, null);
    assert.is(i.cron, null);
    assert.is(i.started_at, null);
    assert.equal(i.labels, []);
    assert.equal(i.assets, []);
    assert.is(i.comment_count, 0);
    assert.is(i.project_name, "Demo");
    for (const [key, value] of Object.entries(i)) assert.ok(value !== undefined, `${key} is undefined`);
  }));

test("create_issue requires a title and an existing project", () =>
  withFixture((fx) => {
    const p = fx.project();
    throwsCode(() => fx.op("create_issue", { title: "x" }), "invalid_input", /Missing required field "project_id"/);
    throwsCode(() => fx.op("create_issue", { project_id: p.id, title: "" }), "invalid_input", /Invalid "title": expected non-empty text/);
    throwsCode(() => fx.op("create_issue", { project_id: "proj_missing", title: "x" }), "not_found", /Project "proj_missing" not found/);
  }));

test("labels are trimmed, lower-cased, deduplicated and blanks dropped", () =>
  withFixture((fx) => {
    const p = fx.project();
    const i = fx.issue(p.id, "x", { labels: ["Bug", " bug ", "UI", "", "  "] });
    assert.equal(i.labels, ["bug", "ui"]);
    assert.equal(fx.issue(p.id, "csv", { labels: "a, B ,a" }).labels, ["a", "b"]);
    const cleared = fx.op("update_issue", { identifier: i.identifier, labels: null });
    assert.equal(cleared.labels, []);
  }));

test("priority must be a non-negative integer; null clears it to 0", () =>
  withFixture((fx) => {
    const p = fx.project();
    throwsCode(() => fx.issue(p.id, "x", { priority: -1 }), "invalid_input", /Invalid "priority": expected a non-negative integer, got -1/);
    throwsCode(() => fx.issue(p.id, "x", { priority: 1.5 }), "invalid_input", /got 1.5/);
    throwsCode(() => fx.issue(p.id, "x", { priority: "x" }), "invalid_input", /got "x"/);
    const i = fx.issue(p.id, "x", { priority: "2" });
    assert.is(i.priority, 2);
    assert.is(fx.op("update_issue", { identifier: i.identifier, priority: null }).priority, 0);
  }));

test("an issue's epic must belong to its project", () =>
  withFixture((fx) => {
    const p = fx.project("Mine");
    const q = fx.project("Theirs");
    const theirs = fx.op("create_epic", { project_id: q.id, name: "Their epic" });
    throwsCode(() => fx.issue(p.id, "x", { epic_id: theirs.id }), "invalid_input",
      /Epic "Their epic" belongs to project "Theirs", not "Mine"/);
    const i = fx.issue(p.id, "x");
    throwsCode(() => fx.op("update_issue", { identifier: i.identifier, epic_id: theirs.id }), "invalid_input",
      /belongs to project "Theirs", not "Mine"/);
    throwsCode(() => fx.issue(p.id, "x", { epic_id: "epic_nope" }), "not_found", /Epic "epic_nope" not found/);
  }));

test("update_issue is partial: absent keeps, null clears", () =>
  withFixture((fx) => {
    const p = fx.project();
    const e = fx.op("create_epic", { project_id: p.id, name: "E" });
    const i = fx.issue(p.id, "Title", {
      description: "desc",
      epic_id: e.id,
      branch_name: "feature/x",
      pr_url: "https://example.com/pr/1",
      agent_name: "codex",
      agent_prompt: "be brief",
      priority: 3,
    });
    fx.tick();
    const u = fx.op("update_issue", { identifier: i.identifier, title: "New title", branch_name: null, agent_prompt: "" });
    assert.is(u.title, "New title");
    assert.is(u.description, "desc");
    assert.is(u.epic_id, e.id);
    assert.is(u.branch_name, null);
    assert.is(u.agent_prompt, null);
    assert.is(u.pr_url, "https://example.com/pr/1");
    assert.is(u.agent_name, "codex");
    assert.is(u.priority, 3);
    assert.is(u.updated_at, "2026-03-02T09:00:02.000Z");
    const v = fx.op("update_issue", { identifier: i.identifier, epic_id: null, description: null, permission_profile: "plan-then-full-access" });
    assert.is(v.epic_id, null);
    assert.is(v.description, "");
    assert.is(v.permission_profile, "plan-then-full-access");
  }));

test("update_issue with nothing to change is refused with the updatable fields", () =>
  withFixture((fx) => {
    const i = fx.issue(fx.project().id);
    throwsCode(() => fx.op("update_issue", { identifier: i.identifier }), "invalid_input", /^No updates specified$/);
    throwsCode(() => fx.op("update_issue", { identifier: "NOPE-1", title: "x" }), "not_found", /Issue "NOPE-1" not found/);
    throwsCode(() => fx.op("update_issue", { identifier: i.identifier, project_id: null }), "invalid_input", /Invalid "project_id"/);
  }));

test("moving an issue to another project clears its epic and blockers unless valid ones are given", () =>
  withFixture((fx) => {
    const p = fx.project("Mine");
    const q = fx.project("Theirs");
    const e = fx.op("create_epic", { project_id: p.id, name: "E" });
    const qe = fx.op("create_epic", { project_id: q.id, name: "QE" });
    const blocker = fx.issue(p.id, "blocker");
    const i = fx.issue(p.id, "mover", { epic_id: e.id, blocked_by: [blocker.identifier] });
    const moved = fx.op("update_issue", { identifier: i.identifier, project_id: q.id });
    assert.is(moved.project_id, q.id);
    assert.is(moved.epic_id, null);
    assert.equal(moved.blocked_by, []);
    assert.is(moved.identifier, i.identifier);
    const there = fx.issue(q.id, "there");
    const back = fx.op("update_issue", { identifier: i.identifier, project_id: p.id, epic_id: e.id, blocked_by: [blocker.identifier] });
    assert.is(back.epic_id, e.id);
    assert.equal(back.blocked_by, [blocker.identifier]);
    const again = fx.op("update_issue", { identifier: i.identifier, project_id: q.id, epic_id: qe.id, blocked_by: [there.identifier] });
    assert.is(again.epic_id, qe.id);
    assert.equal(again.blocked_by, [there.identifier]);
  }));

test("an issue others wait on cannot move to another project", () =>
  withFixture((fx) => {
    const p = fx.project("Mine");
    const q = fx.project("Theirs");
    const blocker = fx.issue(p.id, "blocker");
    const waiting = fx.issue(p.id, "waiting", { blocked_by: [blocker.identifier] });
    throwsCode(() => fx.op("update_issue", { identifier: blocker.identifier, project_id: q.id }), "invalid_input",
      new RegExp(`Cannot move "${blocker.identifier}" to project "Theirs": "${waiting.identifier}" wait on it`));
  }));

test("get_issue accepts the identifier in any case or the id", () =>
  withFixture((fx) => {
    const i = fx.issue(fx.project("Demo").id);
    assert.is(fx.op("get_issue", { identifier: "demo-1" }).id, i.id);
    assert.is(fx.op("get_issue", { identifier: ` ${i.id} ` }).identifier, "DEMO-1");
    throwsCode(() => fx.op("get_issue", { identifier: "DEMO-9" }), "not_found", /Issue "DEMO-9" not found/);
  }));

test("delete_issue removes it from other issues' blockers and returns what was deleted", () =>
  withFixture((fx) => {
    const p = fx.project();
    const blocker = fx.issue(p.id, "blocker");
    const waiting = fx.issue(p.id, "waiting", { blocked_by: [blocker.identifier] });
    assert.equal(fx.op("delete_issue", { identifier: blocker.identifier }), { identifier: blocker.identifier, id: blocker.id, deleted: true });
    const after = fx.op("get_issue", { identifier: waiting.identifier });
    assert.equal(after.blocked_by, []);
    assert.is(after.is_blocked, false);
    throwsCode(() => fx.op("delete_issue", { identifier: blocker.identifier }), "not_found");
  }));

test("permission_profile accepts the documented aliases and refuses others", () =>
  withFixture((fx) => {
    const p = fx.project();
    assert.is(fx.issue(p.id, "a", { permission_profile: "FullAccess" }).permission_profile, "full-access");
    assert.is(fx.issue(p.id, "b", { permission_profile: "plan_then_full_access" }).permission_profile, "plan-then-full-access");
    throwsCode(() => fx.issue(p.id, "c", { permission_profile: "root" }), "invalid_input",
      /Invalid "permission_profile": expected one of default, full-access, plan-then-full-access, got "root"/);
  }));

test("create_issue with unknown keys names them and lists the allowed fields", () =>
  withFixture((fx) => {
    const p = fx.project();
    try {
      fx.op("create_issue", { project_id: p.id, titel: "typo" });
      assert.unreachable();
    } catch (err) {
      assert.is((err as { code: string }).code, "invalid_input");
      assert.is((err as Error).message, 'Unknown field "titel"');
      assert.match((err as { hint: string }).hint, /allowed fields: title, project_id/);
    }
  }));

test.run();
