import { suite } from "uvu";
import * as assert from "uvu/assert";
import { throwsCode, withFixture } from "./fixture.ts";

const test = suite("tracker blockers");

test("set_blockers replaces the set, collapses duplicates and [] clears it", () =>
  withFixture((fx) => {
    const p = fx.project("Demo");
    const a = fx.issue(p.id, "a");
    const b = fx.issue(p.id, "b");
    const c = fx.issue(p.id, "c");
    const set = fx.op("set_blockers", { identifier: c.identifier, blocked_by: ["demo-1", a.id, " DEMO-1 ", "", b.identifier] });
    assert.equal(set.blocked_by, ["DEMO-1", "DEMO-2"]);
    assert.is(set.is_blocked, true);
    assert.equal(fx.op("set_blockers", { identifier: c.identifier, blocked_by: [b.identifier] }).blocked_by, ["DEMO-2"]);
    const cleared = fx.op("set_blockers", { identifier: c.identifier, blocked_by: [] });
    assert.equal(cleared.blocked_by, []);
    assert.is(cleared.is_blocked, false);
  }));

test("a blocker must exist, be another issue and be in the same project", () =>
  withFixture((fx) => {
    const p = fx.project("Mine");
    const q = fx.project("Theirs");
    const a = fx.issue(p.id, "a");
    const foreign = fx.issue(q.id, "foreign");
    throwsCode(() => fx.op("set_blockers", { identifier: a.identifier, blocked_by: ["MINE-99"] }), "not_found",
      /Cannot block "MINE-1": blocker "MINE-99" not found/);
    throwsCode(() => fx.op("set_blockers", { identifier: a.identifier, blocked_by: [a.identifier] }), "invalid_input",
      /Cannot block "MINE-1" by itself/);
    throwsCode(() => fx.op("set_blockers", { identifier: a.identifier, blocked_by: [foreign.identifier] }), "invalid_input",
      /Cannot block "MINE-1" by "THEI-1": it belongs to project "Theirs", not "Mine"/);
    throwsCode(() => fx.issue(p.id, "new", { blocked_by: [foreign.identifier] }), "invalid_input", /belongs to project "Theirs"/);
  }));

test("set_blockers rejects a direct cycle: A blocks B blocks A", () =>
  withFixture((fx) => {
    const p = fx.project("Demo");
    const a = fx.issue(p.id, "a");
    const b = fx.issue(p.id, "b", { blocked_by: [a.identifier] });
    throwsCode(() => fx.op("set_blockers", { identifier: a.identifier, blocked_by: [b.identifier] }), "invalid_input",
      /Cannot block "DEMO-1" by "DEMO-2": that makes a cycle "DEMO-1" -> "DEMO-2" -> "DEMO-1"/);
    assert.equal(fx.op("get_issue", { identifier: a.identifier }).blocked_by, []);
  }));

test("set_blockers rejects a longer cycle and names every step", () =>
  withFixture((fx) => {
    const p = fx.project("Demo");
    const a = fx.issue(p.id, "a");
    const b = fx.issue(p.id, "b", { blocked_by: [a.identifier] });
    const c = fx.issue(p.id, "c", { blocked_by: [b.identifier] });
    const d = fx.issue(p.id, "d", { blocked_by: [c.identifier] });
    throwsCode(() => fx.op("update_issue", { identifier: a.identifier, blocked_by: [d.identifier] }), "invalid_input",
      /cycle "DEMO-1" -> "DEMO-4" -> "DEMO-3" -> "DEMO-2" -> "DEMO-1"/);
    // A diamond is not a cycle.
    const e = fx.issue(p.id, "e", { blocked_by: [b.identifier, c.identifier] });
    assert.equal(e.blocked_by, ["DEMO-2", "DEMO-3"]);
  }));

test("remove_blockers drops the listed ones and ignores issues that were not blockers", () =>
  withFixture((fx) => {
    const p = fx.project("Demo");
    const a = fx.issue(p.id, "a");
    const b = fx.issue(p.id, "b");
    const other = fx.issue(p.id, "other");
    const c = fx.issue(p.id, "c", { blocked_by: [a.identifier, b.identifier] });
    const after = fx.op("remove_blockers", { identifier: c.identifier, blocked_by: [a.identifier, other.identifier] });
    assert.equal(after.blocked_by, [b.identifier]);
    throwsCode(() => fx.op("remove_blockers", { identifier: c.identifier, blocked_by: ["DEMO-99"] }), "not_found");
  }));

test("is_blocked follows the blockers' states", () =>
  withFixture((fx) => {
    const p = fx.project();
    const a = fx.issue(p.id, "a");
    const c = fx.issue(p.id, "c", { blocked_by: [a.identifier] });
    assert.is(c.is_blocked, true);
    fx.op("set_issue_state", { identifier: a.identifier, state: "done" });
    const after = fx.op("get_issue", { identifier: c.identifier });
    assert.is(after.is_blocked, false);
    assert.equal(after.blocked_by, [a.identifier]);
  }));

test.run();
