import * as path from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { assertError, withHttp } from "./fixture.ts";

const test = suite("http projects and epics");

test("POST /api/v1/app/projects creates a stopped project (201) and GET lists it with counts", () =>
  withHttp(async (fx) => {
    const created = await fx.request("POST", "/api/v1/app/projects", {
      json: { name: "Demo", repo_path: path.join(fx.dir, "repo"), description: "d" },
    });
    assert.is(created.status, 201);
    assert.is(created.body.name, "Demo");
    assert.is(created.body.state, "stopped");
    assert.is(created.body.workflow_path, path.join(fx.dir, "repo", "WORKFLOW.md"));
    const list = await fx.request("GET", "/api/v1/app/projects");
    assert.is(list.status, 200);
    assert.is(list.body.total, 1);
    assert.is(list.body.items[0].id, created.body.id);
    assert.is(list.body.items[0].total_count, 0);
    assert.equal(Object.keys(list.body).sort(), ["items", "limit", "offset", "total"]);
  }));

test("GET /api/v1/app/projects/:id shows the project with epics and issues, by id or name", () =>
  withHttp(async (fx) => {
    const p = fx.project("Demo");
    fx.tracker.createEpic({ project_id: p.id, name: "Auth" });
    fx.issue(p.id, "Login");
    for (const ref of [p.id, "Demo", "demo"]) {
      const reply = await fx.request("GET", `/api/v1/app/projects/${encodeURIComponent(ref)}`);
      assert.is(reply.status, 200, ref);
      assert.is(reply.body.project.id, p.id);
      assert.is(reply.body.epics.length, 1);
      assert.is(reply.body.issues.items[0].title, "Login");
      assert.is(reply.body.project.counts.backlog, 1);
    }
  }));

test("PATCH /api/v1/app/projects/:id changes only the given fields", () =>
  withHttp(async (fx) => {
    const p = fx.project("Demo");
    const reply = await fx.request("PATCH", `/api/v1/app/projects/${p.id}`, { json: { description: "new words" } });
    assert.is(reply.status, 200);
    assert.is(reply.body.description, "new words");
    assert.is(reply.body.name, "Demo");
    assert.is(reply.body.repo_path, p.repo_path);
  }));

test("DELETE /api/v1/app/projects/:id answers {id, deleted} and the project is gone", () =>
  withHttp(async (fx) => {
    const p = fx.project();
    const reply = await fx.request("DELETE", `/api/v1/app/projects/${p.id}`);
    assert.equal(reply.body, { id: p.id, deleted: true });
    assertError(await fx.request("GET", `/api/v1/app/projects/${p.id}`), 404, "not_found", new RegExp(p.id));
  }));

test("run and stop set the project state when no orchestrator is wired", () =>
  withHttp(async (fx) => {
    const p = fx.project("Demo");
    const run = await fx.request("POST", `/api/v1/app/projects/Demo/run`);
    assert.is(run.status, 200);
    assert.is(run.body.state, "running");
    const stop = await fx.request("POST", `/api/v1/app/projects/${p.id}/stop`, { json: {} });
    assert.is(stop.body.state, "stopped");
  }));

test("run and stop call the orchestrator hooks with the resolved project id", async () => {
  const calls: string[] = [];
  await withHttp(
    async (fx) => {
      const p = fx.project("Demo");
      const run = await fx.request("POST", `/api/v1/app/projects/Demo/run`);
      assert.equal(run.body, { status: "accepted", id: p.id });
      await fx.request("POST", `/api/v1/app/projects/${p.id}/stop`);
      assert.equal(calls, [`run ${p.id}`, `stop ${p.id}`]);
      assert.is(fx.tracker.getProject({ id: p.id }).project.state, "stopped", "the hook decides, not HTTP");
    },
    {
      projectRun: (id) => {
        calls.push(`run ${id}`);
        return { status: "accepted", id };
      },
      projectStop: (id) => {
        calls.push(`stop ${id}`);
        return { status: "stopped", id };
      },
    },
  );
});

test("epics: create (201), list by project, show, partial update, delete", () =>
  withHttp(async (fx) => {
    const p = fx.project("Demo");
    const other = fx.project("Other");
    fx.tracker.createEpic({ project_id: other.id, name: "Elsewhere" });
    const created = await fx.request("POST", "/api/v1/app/epics", { json: { project_id: "Demo", name: "Auth", description: "login" } });
    assert.is(created.status, 201);
    assert.is(created.body.project_id, p.id);
    const list = await fx.request("GET", `/api/v1/app/epics?project_id=${p.id}`);
    assert.equal(list.body.items.map((e: any) => e.name), ["Auth"]);
    assert.is((await fx.request("GET", "/api/v1/app/epics")).body.total, 2);
    fx.issue(p.id, "In epic", { epic_id: created.body.id });
    const shown = await fx.request("GET", `/api/v1/app/epics/${created.body.id}`);
    assert.is(shown.body.epic.name, "Auth");
    assert.is(shown.body.project.id, p.id);
    assert.equal(shown.body.sibling_epics, []);
    assert.is(shown.body.issues.items[0].title, "In epic");
    const patched = await fx.request("PATCH", `/api/v1/app/epics/${created.body.id}`, { json: { name: "Identity" } });
    assert.is(patched.body.name, "Identity");
    assert.is(patched.body.description, "login");
    const deleted = await fx.request("DELETE", `/api/v1/app/epics/${created.body.id}`);
    assert.is(deleted.status, 200);
    assertError(await fx.request("GET", `/api/v1/app/epics/${created.body.id}`), 404, "not_found");
  }));

test.run();
