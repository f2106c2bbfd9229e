// The bad-input case table of tests/http/bad-input-cases.ts, sent over real
// sockets to the real daemon (`maestro run` from the built bundle), under
// Node and Deno: each case gets its status and JSON error envelope, never a 500.
import * as fs from "node:fs";
import * as path from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { type Case, type CaseWorld, cases, optsOf } from "../http/bad-input-cases.ts";
import { assertError, type Reply, type RequestOptions } from "../http/fixture.ts";
import { rawReason, sendCase, sendFetch } from "../http/wire.ts";
import { runtimes, tempDir } from "../helpers/bundle.ts";
import { type Daemon, startDaemon } from "./daemon-harness.ts";

/** Asserts a 2xx answer and returns its JSON. */
async function ok(reply: Promise<Reply>, what: string): Promise<any> {
  const r = await reply;
  assert.ok(r.status >= 200 && r.status < 300, `${what}: ${r.status} ${r.text.slice(0, 300)}`);
  return r.body;
}

for (const rt of runtimes) {
  const test = suite(`e2e daemon bad input (${rt.name}, ${cases.length} cases over sockets)`);
  let tmp: { dir: string; cleanup: () => void };
  let daemon: Daemon;
  let origin: string;
  let world: CaseWorld;
  const send = (c: Case, opts?: RequestOptions) => sendCase(origin, c, opts);

  test.before(async () => {
    tmp = tempDir("maestro-bad-input-");
    const db = path.join(tmp.dir, "maestro.db");
    const repo = path.join(tmp.dir, "repo-1");
    fs.mkdirSync(repo);
    daemon = await startDaemon(rt, db);
    origin = daemon.url;
    const discovery = JSON.parse(fs.readFileSync(`${db}.daemon.json`, "utf8")) as { token: string; url: string };
    assert.is(discovery.url, origin);
    // The state tests/http/bad-input.test.ts seeds in-process, made through the daemon's own API.
    const project = await ok(sendFetch(origin, "POST", "/api/v1/app/projects", { json: { name: "Demo", repo_path: repo } }), "create project");
    assert.is(project.name, "Demo");
    const first = await ok(sendFetch(origin, "POST", "/api/v1/app/issues", { json: { project_id: "Demo", title: "First" } }), "create DEMO-1");
    assert.is(first.identifier, "DEMO-1");
    const second = await ok(sendFetch(origin, "POST", "/api/v1/app/issues", { json: { project_id: "Demo", title: "Second", blocked_by: ["DEMO-1"] } }), "create DEMO-2");
    assert.is(second.identifier, "DEMO-2");
    const root = await ok(sendFetch(origin, "POST", "/api/v1/app/issues/DEMO-1/comments", { json: { body: "root" } }), "comment");
    const reply = await ok(sendFetch(origin, "POST", "/api/v1/app/issues/DEMO-1/comments", { json: { body: "reply", parent_comment_id: root.id } }), "reply");
    const repos = new Map([["Demo", project.repo_path as string]]);
    const replies = new Map([["DEMO-1", reply.id as string]]);
    world = {
      opsToken: discovery.token,
      host: new URL(origin).host,
      repoOf: (p) => repos.get(p)!,
      firstReplyId: (identifier) => replies.get(identifier)!,
    };
  });

  test.after(async () => {
    if (daemon) assert.is(await daemon.stop(), 0, `the daemon shuts down cleanly; stderr: ${daemon.stderr()}`);
    tmp?.cleanup();
  });

  test("the seeded world: the ops token works and the reply is the first reply of DEMO-1", async () => {
    const { result: status } = await ok(sendFetch(origin, "POST", "/api/v1/ops", { json: { op: "get_status" }, headers: { authorization: `Bearer ${world.opsToken}` } }), "ops get_status");
    assert.is(status.projects, 1);
    assert.is(status.total, 2);
    const comments = await ok(sendFetch(origin, "GET", "/api/v1/app/issues/DEMO-1/comments"), "list comments");
    assert.is(comments.items[0].replies[0].id, world.firstReplyId("DEMO-1"));
  });

  const run = (c: Case) =>
    test(`${c.method} ${c.name} -> ${c.status} ${c.code}`, async () => {
      const opts = optsOf(c, world);
      const reply = await send(c, opts);
      assert.is.not(reply.status, 500, `never a 500: ${reply.text.slice(0, 300)}`);
      assertError(reply, c.status, c.code, c.message);
      if (c.allow) assert.is(reply.headers.get("allow"), c.allow);
    });
  for (const c of cases) run(c);

  test("every case went over a socket, all but a few through fetch", () => {
    const raw = cases.filter((c) => rawReason(c, optsOf(c, world)));
    assert.ok(cases.length >= 100, `${cases.length} cases`);
    assert.ok(raw.length <= 5, `raw-socket cases: ${raw.map((c) => `${c.name} (${rawReason(c, optsOf(c, world))})`).join(", ")}`);
  });

  test("nothing changed: every refused request left the daemon's tracker as it was", async () => {
    const { result: status } = await ok(sendFetch(origin, "POST", "/api/v1/ops", { json: { op: "get_status" }, headers: { authorization: `Bearer ${world.opsToken}` } }), "ops get_status");
    assert.is(status.projects, 1);
    assert.is(status.total, 2);
    assert.is((await ok(sendFetch(origin, "GET", "/api/v1/app/issues/DEMO-1"), "get DEMO-1")).state, "backlog");
    assert.is((await ok(sendFetch(origin, "GET", "/api/v1/app/issues/DEMO-1/assets"), "list assets")).items.length, 0);
    assert.not.match(daemon.stderr(), /internal|Error/i, "nothing reached the daemon's internal-error path");
  });

  test.run();
}
