import { suite } from "uvu";
import * as assert from "uvu/assert";
import { type Fixture, throwsCode, withFixture } from "./fixture.ts";

const test = suite("tracker issue list");

const idents = (page: { items: Array<{ identifier: string }> }) => page.items.map((i) => i.identifier);

/** Two projects: ALPH-1..5 with mixed states, priorities, labels, an epic; BETA-1..2. */
function seed(fx: Fixture) {
  const a = fx.project("Alpha");
  const b = fx.project("Beta");
  const epic = fx.op("create_epic", { project_id: a.id, name: "Zed" });
  const other = fx.op("create_epic", { project_id: a.id, name: "Arc" });
  fx.issue(a.id, "Fix login bug", { priority: 2, labels: ["bug", "ui"], description: "the login form" }); // ALPH-1
  fx.issue(a.id, "Write docs", { priority: 0, state: "ready", epic_id: epic.id }); // ALPH-2
  fx.issue(a.id, "Speed up 100% of it", { priority: 1, labels: ["perf"], state: "done", epic_id: other.id }); // ALPH-3
  fx.issue(a.id, "Nightly sync", { issue_type: "recurring", cron: "0 1 * * *", priority: 5 }); // ALPH-4
  fx.issue(a.id, "Blocked thing", { blocked_by: ["ALPH-1"], labels: ["bug"], state: "in_review" }); // ALPH-5
  fx.issue(b.id, "Beta one", { priority: 3 }); // BETA-1
  fx.issue(b.id, "Beta two", { state: "cancelled" }); // BETA-2
  return { a, b, epic };
}

test("list_issues sorts by updated_desc by default and pages with limit/offset and total", () =>
  withFixture((fx) => {
    seed(fx);
    const first = fx.op("list_issues", { limit: 3 });
    assert.equal(idents(first), ["BETA-2", "BETA-1", "ALPH-5"]);
    assert.is(first.total, 7);
    assert.is(first.sort, "updated_desc");
    assert.is(first.limit, 3);
    assert.is(first.offset, 0);
    const next = fx.op("list_issues", { limit: 3, offset: 3 });
    assert.equal(idents(next), ["ALPH-4", "ALPH-3", "ALPH-2"]);
    assert.equal(idents(fx.op("list_issues", { limit: 3, offset: 6 })), ["ALPH-1"]);
    assert.equal(idents(fx.op("list_issues", { offset: 99 })), []);
  }));

test("list_issues defaults to 200 per page and refuses limits outside 1..500", () =>
  withFixture((fx) => {
    seed(fx);
    assert.is(fx.op("list_issues", {}).limit, 200);
    throwsCode(() => fx.op("list_issues", { limit: 501 }), "invalid_input", /Invalid "limit": expected an integer from 1 to 500, got 501/);
    throwsCode(() => fx.op("list_issues", { limit: 0 }), "invalid_input", /Invalid "limit"/);
    throwsCode(() => fx.op("list_issues", { offset: -1 }), "invalid_input", /Invalid "offset"/);
    throwsCode(() => fx.op("list_issues", { sort: "random" }), "invalid_input", /Invalid "sort": expected one of updated_desc/);
  }));

test("list_issues puts positive priorities first, ascending, and unprioritized last", () =>
  withFixture((fx) => {
    seed(fx);
    assert.equal(idents(fx.op("list_issues", { sort: "priority_asc" })), ["ALPH-3", "ALPH-1", "BETA-1", "ALPH-4", "ALPH-2", "ALPH-5", "BETA-2"]);
    assert.equal(idents(fx.op("list_issues", { sort: "priority_desc" })), ["ALPH-4", "BETA-1", "ALPH-1", "ALPH-3", "ALPH-2", "ALPH-5", "BETA-2"]);
  }));

test("list_issues sorts by identifier numerically, by state in board order, by project and epic name", () =>
  withFixture((fx) => {
    const { a } = seed(fx);
    for (let n = 0; n < 5; n++) fx.issue(a.id, `more ${n}`);
    const asc = idents(fx.op("list_issues", { project_id: a.id, sort: "identifier_asc" }));
    assert.equal(asc, ["ALPH-1", "ALPH-2", "ALPH-3", "ALPH-4", "ALPH-5", "ALPH-6", "ALPH-7", "ALPH-8", "ALPH-9", "ALPH-10"]);
    assert.equal(idents(fx.op("list_issues", { project_id: a.id, sort: "identifier_desc", limit: 2 })), ["ALPH-10", "ALPH-9"]);
    const byState = fx.op("list_issues", { sort: "state_asc" }).items.map((i: { state: string }) => i.state);
    assert.equal([...new Set(byState)], ["backlog", "ready", "in_review", "done", "cancelled"]);
    assert.is(fx.op("list_issues", { sort: "state_desc" }).items[0].state, "cancelled");
    assert.equal(idents(fx.op("list_issues", { sort: "project_desc", limit: 2 })), ["BETA-1", "BETA-2"]);
    assert.equal(idents(fx.op("list_issues", { sort: "epic_asc", limit: 2 })), ["ALPH-3", "ALPH-2"]);
    assert.equal(idents(fx.op("list_issues", { sort: "created_asc", limit: 2 })), ["ALPH-1", "ALPH-2"]);
    assert.equal(idents(fx.op("list_issues", { sort: "created_desc", limit: 1 })), ["ALPH-10"]);
    assert.equal(idents(fx.op("list_issues", { sort: "updated_asc", limit: 1 })), ["ALPH-1"]);
  }));

test("list_issues filters by project (id or name), project_name, epic, state and type", () =>
  withFixture((fx) => {
    const { a, b, epic } = seed(fx);
    assert.is(fx.op("list_issues", { project_id: a.id }).total, 5);
    assert.is(fx.op("list_issues", { project_id: "beta" }).total, 2);
    assert.is(fx.op("list_issues", { project_name: "BETA" }).total, 2);
    assert.is(fx.op("list_issues", { project_name: "Nobody" }).total, 0);
    assert.equal(idents(fx.op("list_issues", { epic_id: epic.id })), ["ALPH-2"]);
    assert.equal(idents(fx.op("list_issues", { epic_id: "arc", project_id: a.id })), ["ALPH-3"]);
    assert.equal(idents(fx.op("list_issues", { state: "cancelled" })), ["BETA-2"]);
    assert.equal(idents(fx.op("list_issues", { issue_type: "recurring" })), ["ALPH-4"]);
    assert.is(fx.op("list_issues", { issue_type: "standard", project_id: b.id }).total, 2);
    throwsCode(() => fx.op("list_issues", { project_id: "Gamma" }), "not_found", /Project "Gamma" not found/);
    throwsCode(() => fx.op("list_issues", { epic_id: "nope" }), "not_found", /Epic "nope" not found/);
  }));

test("list_issues filters by labels (all must match), search and blocked", () =>
  withFixture((fx) => {
    seed(fx);
    assert.equal(idents(fx.op("list_issues", { labels: ["BUG"] })), ["ALPH-5", "ALPH-1"]);
    assert.equal(idents(fx.op("list_issues", { labels: ["bug", "ui"] })), ["ALPH-1"]);
    assert.equal(idents(fx.op("list_issues", { labels: "bug,perf" })), []);
    assert.equal(idents(fx.op("list_issues", { search: "LOGIN" })), ["ALPH-1"]);
    assert.equal(idents(fx.op("list_issues", { search: "login form" })), ["ALPH-1"]);
    assert.equal(idents(fx.op("list_issues", { search: "beta-2" })), ["BETA-2"]);
    // % and _ are literal characters, not wildcards.
    assert.equal(idents(fx.op("list_issues", { search: "100%" })), ["ALPH-3"]);
    assert.equal(idents(fx.op("list_issues", { search: "_" })), []);
    assert.equal(idents(fx.op("list_issues", { blocked: true })), ["ALPH-5"]);
    assert.equal(fx.op("list_issues", { blocked: "false" }).total, 6);
    throwsCode(() => fx.op("list_issues", { blocked: "maybe" }), "invalid_input", /Invalid "blocked": expected true or false, got "maybe"/);
  }));

test("list_issues summaries carry labels, blockers and names for the page", () =>
  withFixture((fx) => {
    seed(fx);
    const [five] = fx.op("list_issues", { search: "Blocked thing" }).items;
    assert.equal(five.labels, ["bug"]);
    assert.equal(five.blocked_by, ["ALPH-1"]);
    assert.is(five.is_blocked, true);
    assert.is(five.project_name, "Alpha");
    assert.is(five.epic_name, null);
    assert.not.ok("description" in five, "summaries leave out the detail fields");
    const two = fx.op("list_issues", { search: "Write docs" }).items[0];
    assert.is(two.epic_name, "Zed");
  }));

test("board_overview groups standard issues by state with counts", () =>
  withFixture((fx) => {
    const { a } = seed(fx);
    const board = fx.op("board_overview", { project_id: a.id });
    assert.is(board.project_id, a.id);
    assert.is(board.total, 4);
    assert.equal(board.counts, { backlog: 1, ready: 1, in_progress: 0, in_review: 1, done: 1, cancelled: 0 });
    assert.equal(board.columns.map((c: { state: string }) => c.state), ["backlog", "ready", "in_progress", "in_review", "done", "cancelled"]);
    assert.equal(board.columns[0].issues.map((i: { identifier: string }) => i.identifier), ["ALPH-1"]);
    const all = fx.op("board_overview", {});
    assert.is(all.project_id, null);
    assert.is(all.total, 6);
  }));

test("get_status counts projects, epics and every issue by state", () =>
  withFixture((fx) => {
    seed(fx);
    assert.equal(fx.op("get_status", {}), {
      projects: 2,
      epics: 2,
      issues: { backlog: 3, ready: 1, in_progress: 0, in_review: 1, done: 1, cancelled: 1 },
      total: 7,
    });
  }));

test.run();
