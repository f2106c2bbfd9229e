import { suite } from "uvu";
import * as assert from "uvu/assert";
import { throwsCode, withFixture } from "./fixture.ts";

const test = suite("tracker epics");

test("create_epic needs an existing project, found by id or name", () =>
  withFixture((fx) => {
    const p = fx.project("Demo");
    const e = fx.op("create_epic", { project_id: "demo", name: "Launch", description: "Ship it" });
    assert.is(e.project_id, p.id);
    assert.is(e.description, "Ship it");
    assert.match(e.id, /^epic_/);
    throwsCode(() => fx.op("create_epic", { project_id: "nope", name: "X" }), "not_found", /Project "nope" not found/);
  }));

test("update_epic renames and refuses to move an epic that holds issues", () =>
  withFixture((fx) => {
    const p = fx.project("Demo");
    const q = fx.project("Other");
    const e = fx.op("create_epic", { project_id: p.id, name: "Launch" });
    assert.is(fx.op("update_epic", { id: e.id, name: "Liftoff", description: null }).name, "Liftoff");
    fx.issue(p.id, "inside", { epic_id: e.id });
    throwsCode(() => fx.op("update_epic", { id: e.id, project_id: q.id }), "invalid_input",
      /Cannot move epic "Liftoff" to another project: it holds 1 issue/);
    throwsCode(() => fx.op("update_epic", { id: e.id }), "invalid_input", /No updates specified/);
    const empty = fx.op("create_epic", { project_id: p.id, name: "Empty" });
    assert.is(fx.op("update_epic", { id: empty.id, project_id: q.id }).project_id, q.id);
  }));

test("delete_epic keeps its issues and clears their epic", () =>
  withFixture((fx) => {
    const p = fx.project();
    const e = fx.op("create_epic", { project_id: p.id, name: "Launch" });
    const issue = fx.issue(p.id, "inside", { epic_id: "launch" });
    assert.is(issue.epic_id, e.id);
    assert.is(issue.epic_name, "Launch");
    assert.equal(fx.op("delete_epic", { id: e.id }), { id: e.id, deleted: true });
    const after = fx.op("get_issue", { identifier: issue.identifier });
    assert.is(after.epic_id, null);
    assert.is(after.epic_name, null);
    throwsCode(() => fx.op("get_epic", { id: e.id }), "not_found", /Epic "epic_\w+" not found/);
  }));

test("list_epics lists by name with counts, for one project or all", () =>
  withFixture((fx) => {
    const p = fx.project("Demo");
    const q = fx.project("Other");
    const b = fx.op("create_epic", { project_id: p.id, name: "beta" });
    fx.op("create_epic", { project_id: p.id, name: "Alpha" });
    fx.op("create_epic", { project_id: q.id, name: "Gamma" });
    fx.issue(p.id, "one", { epic_id: b.id, state: "in_review" });
    fx.issue(p.id, "two", { epic_id: b.id, state: "cancelled" });
    const mine = fx.op("list_epics", { project_id: p.id });
    assert.equal(mine.items.map((e: { name: string }) => e.name), ["Alpha", "beta"]);
    const beta = mine.items[1];
    assert.is(beta.project_name, "Demo");
    assert.is(beta.total_count, 2);
    assert.is(beta.active_count, 1);
    assert.is(beta.terminal_count, 1);
    assert.is(beta.counts.in_review, 1);
    assert.is(fx.op("list_epics", {}).total, 3);
    assert.is(fx.op("list_epics", { limit: 1, offset: 2 }).items[0].name, "Gamma");
  }));

test("get_epic shows the epic, its project, sibling epics and its issues", () =>
  withFixture((fx) => {
    const p = fx.project("Demo");
    const e = fx.op("create_epic", { project_id: p.id, name: "Launch" });
    fx.op("create_epic", { project_id: p.id, name: "Other" });
    const inside = fx.issue(p.id, "inside", { epic_id: e.id });
    fx.issue(p.id, "outside");
    const view = fx.op("get_epic", { id: e.id });
    assert.is(view.epic.name, "Launch");
    assert.is(view.project.id, p.id);
    assert.equal(view.sibling_epics.map((s: { name: string }) => s.name), ["Other"]);
    assert.equal(view.issues.items.map((i: { id: string }) => i.id), [inside.id]);
  }));

test("an epic name shared by two projects is ambiguous without a project", () =>
  withFixture((fx) => {
    const p = fx.project("Demo");
    const q = fx.project("Other");
    fx.op("create_epic", { project_id: p.id, name: "Launch" });
    const mine = fx.op("create_epic", { project_id: q.id, name: "Launch" });
    throwsCode(() => fx.op("get_epic", { id: "Launch" }), "invalid_input", /Epic name "Launch" matches 2 epics/);
    assert.is(fx.issue(q.id, "x", { epic_id: "launch" }).epic_id, mine.id);
  }));

test.run();
