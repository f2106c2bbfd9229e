import { suite } from "uvu";
import * as assert from "uvu/assert";
import { assertError, openHttpFixture, OPS_TOKEN, START, withHttp } from "./fixture.ts";

const test = suite("http system routes");
const OPS = { authorization: `Bearer ${OPS_TOKEN}` };

test("GET /health answers status, version, pid and uptime", () =>
  withHttp(async (fx) => {
    fx.tick(1500);
    const reply = await fx.request("GET", "/health");
    assert.is(reply.status, 200);
    assert.equal(reply.body, { status: "ok", version: "9.9.9", pid: 4242, uptime_ms: 1500 });
    assert.match(reply.headers.get("content-type") ?? "", /^application\/json/);
  }));

test("GET /api/v1/state reports the daemon, tracker counts and 'not running' without an orchestrator", () =>
  withHttp(async (fx) => {
    const p = fx.project("Demo");
    fx.issue(p.id, "One");
    fx.issue(p.id, "Two", { state: "ready" });
    const reply = await fx.request("GET", "/api/v1/state");
    assert.is(reply.status, 200);
    assert.equal(Object.keys(reply.body).sort(), ["counts", "daemon", "generated_at", "orchestrator", "workflows"]);
    assert.equal(reply.body.daemon, { version: "9.9.9", pid: 4242, db_path: `${fx.dir}/maestro.db`, started_at: START.toISOString() });
    assert.is(reply.body.counts.projects, 1);
    assert.is(reply.body.counts.total, 2);
    assert.is(reply.body.counts.issues.ready, 1);
    assert.equal(reply.body.orchestrator, { status: "not running" });
    assert.equal(reply.body.workflows, [], "no monitor wired: no workflows");
  }));

test("GET /api/v1/state embeds the orchestrator's snapshot when wired", () =>
  withHttp(async (fx) => {
    const reply = await fx.request("GET", "/api/v1/state");
    assert.equal(reply.body.orchestrator, { running: [], retrying: [] });
  }, { orchestrator: { snapshot: () => ({ running: [], retrying: [] }) } as never }));

test("GET /api/v1/events pages the runtime ring by since and limit", () =>
  withHttp(async (fx) => {
    for (let i = 0; i < 5; i++) fx.bus.publishRuntime("tick", { message: `n${i + 1}` });
    const all = await fx.request("GET", "/api/v1/events");
    assert.is(all.body.since, 0);
    assert.is(all.body.last_seq, 5);
    assert.equal(all.body.events.map((e: any) => e.seq), [1, 2, 3, 4, 5]);
    assert.equal(Object.keys(all.body.events[0]).sort(), ["kind", "message", "seq", "ts"]);
    const some = await fx.request("GET", "/api/v1/events?since=1&limit=2");
    assert.equal(some.body.events.map((e: any) => e.seq), [4, 5]);
  }));

test("GET /api/v1/app/changes reads the change log after a seq, naming each change's issue", () =>
  withHttp(async (fx) => {
    const p = fx.project("Demo");
    fx.issue(p.id, "One");
    const first = await fx.request("GET", "/api/v1/app/changes");
    assert.is(first.status, 200);
    const seq = first.body.last_seq as number;
    fx.tracker.setIssueState({ identifier: "DEMO-1", state: "ready" });
    const next = await fx.request("GET", `/api/v1/app/changes?since=${seq}`);
    assert.equal(next.body.items.map((c: any) => [c.entity_type, c.action, c.payload.identifier]), [["issue", "state_changed", "DEMO-1"]]);
    assert.is(next.body.last_seq, seq + 1);
  }));

test("GET /api/v1/app/bootstrap returns overview, projects, epics and the 100 newest standard issues", () =>
  withHttp(async (fx) => {
    const p = fx.project("Demo");
    fx.tracker.createEpic({ project_id: p.id, name: "Auth" });
    for (let i = 0; i < 103; i++) fx.issue(p.id, `Issue ${i + 1}`, i === 0 ? { state: "done" } : {});
    fx.issue(p.id, "Template", { issue_type: "recurring", cron: "0 9 * * 1" });
    fx.bus.publishRuntime("run_started", { identifier: "DEMO-1" });
    const reply = await fx.request("GET", "/api/v1/app/bootstrap");
    assert.is(reply.status, 200);
    assert.equal(Object.keys(reply.body).sort(), ["epics", "generated_at", "issues", "overview", "projects"]);
    const { overview, issues } = reply.body;
    assert.is(overview.project_count, 1);
    assert.is(overview.epic_count, 1);
    assert.is(overview.issue_count, 104);
    assert.is(overview.board.total, 103);
    assert.is(overview.board.counts.backlog, 102);
    assert.is(overview.board.counts.done, 1);
    assert.equal(overview.recent_events.map((e: any) => e.kind), ["run_started"]);
    assert.is(reply.body.projects[0].id, p.id);
    assert.is(reply.body.epics[0].name, "Auth");
    assert.is(issues.items.length, 100);
    assert.is(issues.total, 103);
    assert.is(issues.limit, 100);
    assert.is(issues.offset, 0);
    assert.is(issues.items[0].title, "Issue 103", "newest first");
    assert.ok(issues.items.every((i: any) => i.issue_type === "standard"));
  }));

test("POST /api/v1/ops runs any operation by name and wraps the answer in {result}", () =>
  withHttp(async (fx) => {
    fx.project("Demo");
    const created = await fx.request("POST", "/api/v1/ops", {
      json: { op: "create_issue", input: { project_id: "Demo", title: "Via ops", priority: "2" } },
      headers: OPS,
    });
    assert.is(created.status, 200);
    assert.is(created.body.result.identifier, "DEMO-1");
    assert.is(created.body.result.priority, 2);
    const status = await fx.request("POST", "/api/v1/ops", { json: { op: "get_status" }, headers: OPS });
    assert.is(status.body.result.total, 1);
  }));

test("POST /api/v1/ops answers tracker errors in the envelope: unknown op 404, bad input 400, blocked 409", () =>
  withHttp(async (fx) => {
    const p = fx.project("Demo");
    fx.issue(p.id, "First");
    fx.issue(p.id, "Second", { blocked_by: ["DEMO-1"] });
    assertError(await fx.request("POST", "/api/v1/ops", { json: { op: "fly" }, headers: OPS }), 404, "not_found", /Unknown operation "fly"/);
    assertError(
      await fx.request("POST", "/api/v1/ops", { json: { op: "create_issue", input: { title: "x" } }, headers: OPS }),
      400,
      "invalid_input",
      /Missing required field "project_id"/,
    );
    assertError(
      await fx.request("POST", "/api/v1/ops", {
        json: { op: "set_issue_state", input: { identifier: "DEMO-2", state: "in_progress" } },
        headers: OPS,
      }),
      409,
      "blocked",
      /blocked by "DEMO-1"/,
    );
  }));

test("GET /api/v1/ws without an upgrade is 426", () =>
  withHttp(async (fx) => {
    const reply = await fx.request("GET", "/api/v1/ws");
    assertError(reply, 426, "upgrade_required");
    assert.is(reply.headers.get("upgrade"), "websocket");
  }));

test("an unexpected exception becomes 500 internal in the envelope, and onError hears it", async () => {
  const fx = await openHttpFixture({
    orchestrator: {
      snapshot: () => {
        throw new Error("snapshot exploded");
      },
    } as never,
  });
  try {
    const reply = await fx.request("GET", "/api/v1/state");
    assertError(reply, 500, "internal", /snapshot exploded/);
    assert.is(fx.errors.length, 1);
  } finally {
    fx.close();
  }
});

test.run();
