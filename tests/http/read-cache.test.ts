import { suite } from "uvu";
import * as assert from "uvu/assert";
import { type HttpFixture, OPS_TOKEN, withHttp } from "./fixture.ts";

const test = suite("http read cache");
const OPS = { authorization: `Bearer ${OPS_TOKEN}` };

/**
 * Renames every issue behind the tracker's back (no change notice), so a GET
 * that still shows the old title was answered from the cache and one that
 * shows the new title was computed afresh.
 */
function renameSilently(fx: HttpFixture, title: string): void {
  fx.store.write((tx) => tx.run(`UPDATE issues SET title = ?`, [title]));
}

const titleOf = async (fx: HttpFixture, url: string, headers?: Record<string, string>) =>
  (await fx.request("GET", url, { headers })).body.title as string;

test("a write through the API is visible in the next GET of a cached read", () =>
  withHttp(async (fx) => {
    fx.project("Demo");
    const empty = await fx.request("GET", "/api/v1/app/issues?limit=50");
    assert.is(empty.body.total, 0);
    await fx.request("POST", "/api/v1/app/issues", { json: { project_id: "Demo", title: "Fresh" } });
    const listed = await fx.request("GET", "/api/v1/app/issues?limit=50");
    assert.equal(listed.body.items.map((i: any) => i.title), ["Fresh"]);
    await fx.request("PATCH", "/api/v1/app/issues/DEMO-1", { json: { title: "Renamed" } });
    assert.is(await titleOf(fx, "/api/v1/app/issues/DEMO-1"), "Renamed");
    const boot = await fx.request("GET", "/api/v1/app/bootstrap");
    assert.equal(boot.body.issues.items.map((i: any) => i.title), ["Renamed"]);
  }));

test("a write through /api/v1/ops or straight to the tracker is visible in the next GET", () =>
  withHttp(async (fx) => {
    const p = fx.project("Demo");
    fx.issue(p.id, "One");
    assert.is(await titleOf(fx, "/api/v1/app/issues/DEMO-1"), "One");
    const ops = await fx.request("POST", "/api/v1/ops", {
      json: { op: "update_issue", input: { identifier: "DEMO-1", title: "Via ops" } },
      headers: OPS,
    });
    assert.is(ops.status, 200, ops.text);
    assert.is(await titleOf(fx, "/api/v1/app/issues/DEMO-1"), "Via ops");
    fx.tracker.updateIssue({ identifier: "DEMO-1", title: "Via tracker" });
    assert.is(await titleOf(fx, "/api/v1/app/issues/DEMO-1"), "Via tracker");
  }));

test("bootstrap shows a runtime event published after it was cached", () =>
  withHttp(async (fx) => {
    const before = await fx.request("GET", "/api/v1/app/bootstrap");
    assert.equal(before.body.overview.recent_events, []);
    fx.bus.publishRuntime("daemon_started", { message: "hello" });
    const after = await fx.request("GET", "/api/v1/app/bootstrap");
    assert.equal(after.body.overview.recent_events.map((e: any) => e.message), ["hello"]);
  }));

test("reads carry a weak ETag; If-None-Match answers 304 until a write changes the tag", () =>
  withHttp(async (fx) => {
    const p = fx.project("Demo");
    fx.issue(p.id, "One");
    const first = await fx.request("GET", "/api/v1/app/issues");
    const etag = first.headers.get("etag") ?? "";
    assert.match(etag, /^W\/".+"$/);
    assert.is(first.headers.get("cache-control"), "no-cache");
    const second = await fx.request("GET", "/api/v1/app/issues");
    assert.is(second.headers.get("etag"), etag, "the same state has the same tag");
    assert.is(second.text, first.text);
    const notModified = await fx.request("GET", "/api/v1/app/issues", { headers: { "if-none-match": etag } });
    assert.is(notModified.status, 304);
    assert.is(notModified.text, "");
    const listed = await fx.request("GET", "/api/v1/app/issues", { headers: { "if-none-match": `"other", ${etag.slice(2)}` } });
    assert.is(listed.status, 304, "weak comparison, any tag of the list");
    fx.issue(p.id, "Two");
    const changed = await fx.request("GET", "/api/v1/app/issues", { headers: { "if-none-match": etag } });
    assert.is(changed.status, 200);
    assert.is(changed.body.total, 2);
    assert.is.not(changed.headers.get("etag"), etag);
  }));

test("HEAD of a cached read has the headers and no body", () =>
  withHttp(async (fx) => {
    await fx.request("GET", "/api/v1/app/projects");
    const head = await fx.request("HEAD", "/api/v1/app/projects");
    assert.is(head.status, 200);
    assert.match(head.headers.get("content-type") ?? "", /^application\/json/);
    assert.is(head.text, "");
  }));

test("the cache holds at most maxEntries answers and drops the least recently used", () =>
  withHttp(
    async (fx) => {
      const p = fx.project("Demo");
      for (const t of ["A", "B", "C"]) fx.issue(p.id, t);
      assert.is(await titleOf(fx, "/api/v1/app/issues/DEMO-1"), "A");
      assert.is(await titleOf(fx, "/api/v1/app/issues/DEMO-2"), "B");
      renameSilently(fx, "Z");
      assert.is(await titleOf(fx, "/api/v1/app/issues/DEMO-1"), "A", "a hit, and now the most recently used");
      assert.is(await titleOf(fx, "/api/v1/app/issues/DEMO-3"), "Z", "a miss, which evicts DEMO-2");
      assert.is(await titleOf(fx, "/api/v1/app/issues/DEMO-2"), "Z", "evicted");
      assert.is(await titleOf(fx, "/api/v1/app/issues/DEMO-1"), "Z", "evicted by DEMO-2 in turn");
    },
    { cache: { maxEntries: 2 } },
  ));

test("an answer bigger than maxBytes is never kept", () =>
  withHttp(
    async (fx) => {
      fx.issue(fx.project("Demo").id, "A");
      assert.is(await titleOf(fx, "/api/v1/app/issues/DEMO-1"), "A");
      renameSilently(fx, "Z");
      assert.is(await titleOf(fx, "/api/v1/app/issues/DEMO-1"), "Z");
    },
    { cache: { maxBytes: 64 } },
  ));

test("error answers are not cached", () =>
  withHttp(async (fx) => {
    fx.issue(fx.project("Demo").id, "A");
    assert.is((await fx.request("GET", "/api/v1/app/issues/DEMO-9")).status, 404);
    fx.store.write((tx) => tx.run(`UPDATE issues SET identifier = 'DEMO-9'`));
    assert.is((await fx.request("GET", "/api/v1/app/issues/DEMO-9")).status, 200);
  }));

test("answers are kept per Host and token: the gate still runs on every hit, and one caller's answer never reaches another", () =>
  withHttp(
    async (fx) => {
      fx.issue(fx.project("Demo").id, "A");
      const auth = { authorization: "Bearer api-token-1" };
      assert.is(await titleOf(fx, "/api/v1/app/issues/DEMO-1", auth), "A");
      const noToken = await fx.request("GET", "/api/v1/app/issues/DEMO-1");
      assert.is(noToken.status, 401);
      const wrongToken = await fx.request("GET", "/api/v1/app/issues/DEMO-1", { headers: { authorization: "Bearer nope" } });
      assert.is(wrongToken.status, 401);
      const foreignHost = await fx.request("GET", "/api/v1/app/issues/DEMO-1", { headers: { ...auth, host: "evil.example:8787" } });
      assert.is(foreignHost.status, 403);
      renameSilently(fx, "Z");
      assert.is(await titleOf(fx, "/api/v1/app/issues/DEMO-1", auth), "A", "cached for this host and token");
      assert.is(await titleOf(fx, "/api/v1/app/issues/DEMO-1", { ...auth, host: "localhost:8787" }), "Z", "another host: its own entry");
      assert.is(await titleOf(fx, "/api/v1/app/issues/DEMO-1", { authorization: "bearer  api-token-1" }), "Z", "another header: its own entry");
    },
    { apiToken: "api-token-1" },
  ));

test.run();
