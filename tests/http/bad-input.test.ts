// Every way a client can get a request wrong answers with a 4xx status and
// the JSON error envelope naming the problem: never a 500, never HTML.
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { type CaseWorld, cases, optsOf } from "./bad-input-cases.ts";
import { assertError, HOST, type HttpFixture, openHttpFixture, OPS_TOKEN } from "./fixture.ts";

const test = suite(`http bad input (${cases.length} cases)`);
let fx: HttpFixture & { close(): void };
let world: CaseWorld;

test.before(async () => {
  fx = await openHttpFixture();
  const p = fx.project("Demo");
  fx.issue(p.id, "First");
  fx.issue(p.id, "Second", { blocked_by: ["DEMO-1"] });
  const root = fx.tracker.createIssueComment({ identifier: "DEMO-1", body: "root" });
  fx.tracker.createIssueComment({ identifier: "DEMO-1", body: "reply", parent_comment_id: root.id });
  world = {
    opsToken: OPS_TOKEN,
    host: HOST,
    repoOf: (project) => fx.tracker.getProject({ id: project }).project.repo_path,
    firstReplyId: (identifier) => fx.tracker.listIssueComments({ identifier, limit: 1, offset: 0 }).items[0]!.replies[0]!.id,
  };
});

test.after(() => fx.close());

test("there are at least 50 cases", () => {
  assert.ok(cases.length >= 50, `${cases.length} cases`);
});

for (const c of cases) {
  test(`${c.method} ${c.name} -> ${c.status} ${c.code}`, async () => {
    const opts = optsOf(c, world);
    const reply = await fx.request(c.method, c.path, opts);
    assertError(reply, c.status, c.code, c.message);
    if (c.allow) assert.is(reply.headers.get("allow"), c.allow);
    assert.equal(fx.errors, [], "never the internal-error path");
  });
}

test("nothing changed: every refused request left the tracker as it was", () => {
  const status = fx.tracker.getStatus({});
  assert.is(status.projects, 1);
  assert.is(status.total, 2);
  assert.is(fx.tracker.getIssue({ identifier: "DEMO-1" }).state, "backlog");
  assert.is(fx.tracker.listIssueAssets({ identifier: "DEMO-1" }).items.length, 0);
});

test.run();
