import { suite } from "uvu";
import * as assert from "uvu/assert";
import { type ChangeEvent, operations } from "../../lib/tracker/mod.ts";
import { throwsCode, withFixture } from "./fixture.ts";

const test = suite("tracker change events");

const summary = (events: ChangeEvent[]) => events.map((e) => `${e.entity_type}:${e.action}`);

test("every mutation writes a change_events row and hands the same events to onChange after commit", () =>
  withFixture((fx) => {
    const p = fx.project();
    const e = fx.op("create_epic", { project_id: p.id, name: "E" });
    const a = fx.issue(p.id, "a");
    const b = fx.issue(p.id, "b");
    fx.op("update_project", { id: p.id, name: "Renamed" });
    fx.op("set_project_state", { id: p.id, state: "running" });
    fx.op("update_epic", { id: e.id, name: "E2" });
    fx.op("update_issue", { identifier: a.identifier, title: "A" });
    fx.op("set_issue_state", { identifier: a.identifier, state: "ready" });
    fx.op("set_issue_workflow_phase", { identifier: a.identifier, workflow_phase: "review" });
    fx.op("set_blockers", { identifier: b.identifier, blocked_by: [a.identifier] });
    fx.op("remove_blockers", { identifier: b.identifier, blocked_by: [a.identifier] });
    const c = fx.op("create_issue_comment", { identifier: a.identifier, body: "hi" });
    fx.op("update_issue_comment", { identifier: a.identifier, comment_id: c.id, body: "hello" });
    fx.op("delete_issue_comment", { identifier: a.identifier, comment_id: c.id });
    const asset = fx.op("attach_issue_asset", { identifier: a.identifier, path: fx.file("f.txt", "f") });
    fx.op("delete_issue_asset", { identifier: a.identifier, asset_id: asset.id });
    fx.op("delete_issue", { identifier: b.identifier });
    fx.op("delete_epic", { id: e.id });
    fx.op("delete_project", { id: p.id });
    assert.equal(summary(fx.events), [
      "project:created", "epic:created", "issue:created", "issue:created", "project:updated", "project:state_changed",
      "epic:updated", "issue:updated", "issue:state_changed", "issue:phase_changed", "issue:blockers_changed",
      "issue:blockers_changed", "issue_comment:created", "issue_comment:updated", "issue_comment:deleted",
      "issue_asset:created", "issue_asset:deleted", "issue:deleted", "epic:deleted", "project:deleted",
    ]);
    const stored = fx.op("list_changes", { limit: 1000 });
    assert.equal(stored.items, fx.events);
    assert.is(stored.last_seq, fx.events.at(-1)!.seq);
    assert.equal(fx.events.map((ev) => ev.seq), fx.events.map((_, n) => n + 1));
    const created = fx.events[2]!;
    assert.is(created.entity_id, a.id);
    assert.equal(created.payload, { identifier: a.identifier, project_id: p.id, state: "backlog" });
    assert.is(created.event_ts, a.created_at);
  }));

test("a refused mutation writes no rows and no event", () =>
  withFixture((fx) => {
    const p = fx.project();
    const a = fx.issue(p.id, "a");
    const before = fx.events.length;
    throwsCode(() => fx.issue(p.id, "b", { blocked_by: [a.identifier], state: "in_progress" }), "blocked");
    throwsCode(() => fx.op("set_blockers", { identifier: a.identifier, blocked_by: [a.identifier] }), "invalid_input");
    assert.is(fx.events.length, before);
    assert.is(fx.op("list_changes", {}).items.length, before);
    // The refused create rolled back its counter too: no identifier is skipped.
    assert.is(fx.op("list_issues", {}).total, 1);
    assert.is(fx.issue(p.id, "c").identifier, "DEMO-2");
  }));

test("creating an issue in a later state records its creation and its move in one commit", () =>
  withFixture((fx) => {
    const p = fx.project();
    fx.events.length = 0;
    const seq = fx.store.stats().seq;
    const i = fx.issue(p.id, "x", { state: "ready" });
    assert.is(fx.store.stats().seq, seq + 1, "one journaled transaction");
    assert.equal(summary(fx.events), ["issue:created", "issue:state_changed"]);
    assert.equal(fx.events[1]!.payload, { identifier: i.identifier, from: "backlog", state: "ready" });
  }));

test("list_changes reads after a sequence number with a limit", () =>
  withFixture((fx) => {
    const p = fx.project();
    for (let n = 0; n < 5; n++) fx.issue(p.id, `i${n}`);
    const page = fx.op("list_changes", { since: 2, limit: 2 });
    assert.equal(page.items.map((e: ChangeEvent) => e.seq), [3, 4]);
    assert.is(page.since, 2);
    assert.is(page.last_seq, 6);
    assert.equal(fx.op("list_changes", { since: 6 }).items, []);
    throwsCode(() => fx.op("list_changes", { limit: 1001 }), "invalid_input", /Invalid "limit": expected an integer from 1 to 1000/);
  }));

test("read-only operations write nothing", () =>
  withFixture((fx) => {
    const p = fx.project();
    const i = fx.issue(p.id, "x");
    const before = fx.store.stats().seq;
    const inputs: Record<string, unknown> = {
      get_project: { id: p.id },
      list_projects: {},
      get_epic: undefined,
      list_epics: {},
      get_issue: { identifier: i.identifier },
      list_issues: {},
      list_issue_comments: { identifier: i.identifier },
      list_issue_assets: { identifier: i.identifier },
      board_overview: {},
      get_status: {},
      list_changes: {},
    };
    for (const op of operations.filter((o) => o.readOnly)) {
      assert.ok(op.name in inputs, `${op.name} is covered`);
      if (inputs[op.name] !== undefined) fx.op(op.name, inputs[op.name]);
    }
    assert.is(fx.store.stats().seq, before);
  }));

test.run();
