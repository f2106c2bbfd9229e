import { suite } from "uvu";
import * as assert from "uvu/assert";
import { z } from "zod";
import { getOperation, operationNames, operations } from "../../lib/tracker/mod.ts";
import { throwsCode, withFixture } from "./fixture.ts";

const test = suite("tracker operations");

const CONTRACT = [
  "create_project", "update_project", "get_project", "list_projects", "delete_project", "set_project_state",
  "create_epic", "update_epic", "get_epic", "list_epics", "delete_epic",
  "create_issue", "get_issue", "list_issues", "update_issue", "set_issue_state", "set_issue_workflow_phase", "delete_issue",
  "set_blockers", "remove_blockers",
  "list_issue_comments", "create_issue_comment", "update_issue_comment", "delete_issue_comment",
  "attach_issue_asset", "list_issue_assets", "delete_issue_asset",
  "board_overview", "get_status", "list_changes",
];

test("the operations table holds exactly the contract's operations, each with a summary", () => {
  assert.equal([...operationNames].sort(), [...CONTRACT].sort());
  for (const op of operations) {
    assert.ok(op.summary.length > 10, op.name);
    assert.is(getOperation(op.name), op);
    assert.match(op.name, /^[a-z_]+$/);
  }
  assert.is(getOperation("nope"), undefined);
});

test("every input schema rejects unknown keys and converts to JSON Schema for MCP", () => {
  for (const op of operations) {
    const result = op.input.safeParse({ surely_not_a_field: 1 });
    assert.not.ok(result.success, op.name);
    const json = z.toJSONSchema(op.input, { io: "input" });
    assert.is(json.type, "object", op.name);
    assert.is(json.additionalProperties, false, op.name);
  }
});

test("input nested too deep to print is still refused as invalid_input, not a stack overflow", () =>
  withFixture((fx) => {
    let deep: unknown = [];
    for (let i = 0; i < 20_000; i++) deep = [deep];
    throwsCode(() => fx.op("get_status", deep as never), "invalid_input", /expected an object of fields, got an array/);
  }));

test("readOnly marks exactly the operations that never write", () => {
  const reads = operations.filter((o) => o.readOnly).map((o) => o.name).sort();
  assert.equal(reads, [
    "board_overview", "get_epic", "get_issue", "get_project", "get_status", "list_changes", "list_epics",
    "list_issue_assets", "list_issue_comments", "list_issues", "list_projects",
  ]);
});

test("runOperation refuses an unknown operation with not_found", () =>
  withFixture((fx) => {
    throwsCode(() => fx.op("frobnicate", {}), "not_found", /Unknown operation "frobnicate"/);
  }));

test("runOperation names the bad field: type, missing, unknown, nested and list items", () =>
  withFixture((fx) => {
    const p = fx.project();
    const i = fx.issue(p.id);
    throwsCode(() => fx.op("create_issue", { project_id: p.id, title: 5 }), "invalid_input", /^Invalid "title": expected non-empty text, got 5$/);
    throwsCode(() => fx.op("get_issue", {}), "invalid_input", /^Missing required field "identifier"$/);
    throwsCode(() => fx.op("get_issue", { identifier: i.identifier, verbose: true, x: 1 }), "invalid_input", /^Unknown fields "verbose", "x"$/);
    throwsCode(() => fx.op("create_issue_comment", { identifier: i.identifier, body: "x", author: { type: "user", nick: "a" } }),
      "invalid_input", /^Unknown field "author.nick"$/);
    throwsCode(() => fx.op("create_issue", { project_id: p.id, title: "x", labels: ["ok", 3] }), "invalid_input", /Invalid "labels/);
    throwsCode(() => fx.op("get_status", "nope"), "invalid_input", /^Invalid input: expected an object of fields, got "nope"$/);
    throwsCode(() => fx.op("list_issues", { state: ["ready"] }), "invalid_input", /Invalid "state": expected one of backlog/);
  }));

test("numbers and booleans also arrive as text, as CLI flags and query strings do", () =>
  withFixture((fx) => {
    const p = fx.project();
    const i = fx.issue(p.id, "x", { priority: "7", issue_type: "recurring", cron: "0 0 * * *", enabled: "false" });
    assert.is(i.priority, 7);
    assert.is(i.enabled, false);
    const page = fx.op("list_issues", { limit: "1", offset: "0", blocked: "false" });
    assert.is(page.limit, 1);
  }));

test.run();
