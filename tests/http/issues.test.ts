import { suite } from "uvu";
import * as assert from "uvu/assert";
import { assertError, withHttp } from "./fixture.ts";

const test = suite("http issues");

test("POST /api/v1/app/issues creates an issue (201) with the next identifier", () =>
  withHttp(async (fx) => {
    fx.project("Demo");
    const reply = await fx.request("POST", "/api/v1/app/issues", {
      json: { project_id: "Demo", title: "Fix login", priority: 2, labels: ["bug", "auth"], description: "steps" },
    });
    assert.is(reply.status, 201);
    assert.is(reply.body.identifier, "DEMO-1");
    assert.is(reply.body.state, "backlog");
    assert.is(reply.body.priority, 2);
    assert.equal(reply.body.labels.sort(), ["auth", "bug"]);
    assert.equal(reply.body.assets, []);
    assert.is(reply.body.comment_count, 0);
  }));

test("GET /api/v1/app/issues filters by query string (numbers and booleans as text) and pages", () =>
  withHttp(async (fx) => {
    const p = fx.project("Demo");
    const a = fx.issue(p.id, "Alpha", { labels: ["bug"] });
    fx.issue(p.id, "Beta");
    fx.issue(p.id, "Gamma", { state: "ready" });
    const all = await fx.request("GET", "/api/v1/app/issues");
    assert.equal(Object.keys(all.body).sort(), ["items", "limit", "offset", "sort", "total"]);
    assert.is(all.body.total, 3);
    assert.equal(all.body.items.map((i: any) => i.title), ["Gamma", "Beta", "Alpha"], "updated_desc by default");
    const ready = await fx.request("GET", "/api/v1/app/issues?state=ready");
    assert.equal(ready.body.items.map((i: any) => i.title), ["Gamma"]);
    const page = await fx.request("GET", "/api/v1/app/issues?limit=1&offset=1&sort=created_asc");
    assert.equal(page.body.items.map((i: any) => i.title), ["Beta"]);
    assert.is(page.body.limit, 1);
    assert.is(page.body.offset, 1);
    const search = await fx.request("GET", "/api/v1/app/issues?search=alp&project_id=Demo");
    assert.equal(search.body.items.map((i: any) => i.id), [a.id]);
    const labelled = await fx.request("GET", "/api/v1/app/issues?labels=bug&blocked=false");
    assert.equal(labelled.body.items.map((i: any) => i.title), ["Alpha"]);
  }));

test("GET /api/v1/app/issues/:identifier shows the issue in any case, or by id", () =>
  withHttp(async (fx) => {
    const p = fx.project("Demo");
    const issue = fx.issue(p.id, "Alpha");
    for (const ref of ["DEMO-1", "demo-1", issue.id]) {
      const reply = await fx.request("GET", `/api/v1/app/issues/${ref}`);
      assert.is(reply.status, 200);
      assert.is(reply.body.id, issue.id);
      assert.is(reply.body.description, "");
    }
  }));

test("PATCH /api/v1/app/issues/:identifier is partial: absent fields stay, null clears", () =>
  withHttp(async (fx) => {
    const p = fx.project("Demo");
    fx.issue(p.id, "Alpha", { description: "keep me", priority: 3, labels: ["bug"], branch_name: "feat/a" });
    const reply = await fx.request("PATCH", "/api/v1/app/issues/DEMO-1", { json: { title: "Alpha 2", branch_name: null } });
    assert.is(reply.status, 200);
    assert.is(reply.body.title, "Alpha 2");
    assert.is(reply.body.description, "keep me");
    assert.is(reply.body.priority, 3);
    assert.equal(reply.body.labels, ["bug"]);
    assert.is(reply.body.branch_name, null);
  }));

test("PATCH with nothing to change is 400 \"No updates specified\"", () =>
  withHttp(async (fx) => {
    fx.issue(fx.project("Demo").id);
    assertError(await fx.request("PATCH", "/api/v1/app/issues/DEMO-1", { json: {} }), 400, "invalid_input", /No updates specified/);
  }));

test("DELETE /api/v1/app/issues/:identifier deletes it", () =>
  withHttp(async (fx) => {
    fx.issue(fx.project("Demo").id);
    const reply = await fx.request("DELETE", "/api/v1/app/issues/DEMO-1");
    assert.is(reply.status, 200);
    assert.is(reply.body.deleted, true);
    assertError(await fx.request("GET", "/api/v1/app/issues/DEMO-1"), 404, "not_found", /DEMO-1/);
  }));

test("POST /:identifier/state moves the issue and returns it", () =>
  withHttp(async (fx) => {
    fx.issue(fx.project("Demo").id);
    const reply = await fx.request("POST", "/api/v1/app/issues/DEMO-1/state", { json: { state: "in_progress" } });
    assert.is(reply.status, 200);
    assert.is(reply.body.identifier, "DEMO-1");
    assert.is(reply.body.state, "in_progress");
    assert.ok(reply.body.started_at);
  }));

test("a move into in_progress with an open blocker is 409 blocked with the tracker's message", () =>
  withHttp(async (fx) => {
    const p = fx.project("Demo");
    fx.issue(p.id, "First");
    fx.issue(p.id, "Second", { blocked_by: ["DEMO-1"] });
    const reply = await fx.request("POST", "/api/v1/app/issues/DEMO-2/state", { json: { state: "in_progress" } });
    assertError(reply, 409, "blocked");
    assert.is(reply.body.error.message, `Cannot move "DEMO-2" to in_progress: blocked by "DEMO-1"`);
    assert.is(reply.body.error.hint, "finish it or remove the blocker");
    assert.is(fx.tracker.getIssue({ identifier: "DEMO-2" }).state, "backlog");
  }));

test("POST /:identifier/blockers replaces the blockers ([] clears)", () =>
  withHttp(async (fx) => {
    const p = fx.project("Demo");
    fx.issue(p.id, "First");
    fx.issue(p.id, "Second");
    const set = await fx.request("POST", "/api/v1/app/issues/DEMO-2/blockers", { json: { blocked_by: ["DEMO-1"] } });
    assert.equal(set.body.blocked_by, ["DEMO-1"]);
    assert.is(set.body.is_blocked, true);
    const cleared = await fx.request("POST", "/api/v1/app/issues/DEMO-2/blockers", { json: { blocked_by: [] } });
    assert.equal(cleared.body.blocked_by, []);
  }));

test("a blocker cycle is refused with 400 from the tracker", () =>
  withHttp(async (fx) => {
    const p = fx.project("Demo");
    fx.issue(p.id, "First");
    fx.issue(p.id, "Second", { blocked_by: ["DEMO-1"] });
    assertError(
      await fx.request("POST", "/api/v1/app/issues/DEMO-1/blockers", { json: { blocked_by: ["DEMO-2"] } }),
      400,
      "invalid_input",
    );
  }));

test("HEAD answers like GET without a body", () =>
  withHttp(async (fx) => {
    fx.issue(fx.project("Demo").id);
    const reply = await fx.request("HEAD", "/api/v1/app/issues/DEMO-1");
    assert.is(reply.status, 200);
    assert.is(reply.text, "");
    assert.match(reply.headers.get("content-type") ?? "", /json/);
  }));

test.run();
