import { suite } from "uvu";
import * as assert from "uvu/assert";
import { assertError, withHttp } from "./fixture.ts";

const test = suite("http comments");
const BASE = "/api/v1/app/issues/DEMO-1/comments";

test("POST JSON creates a comment (201) authored by the UI; GET lists threads with replies", () =>
  withHttp(async (fx) => {
    fx.issue(fx.project("Demo").id);
    const root = await fx.request("POST", BASE, { json: { body: "First thought" } });
    assert.is(root.status, 201);
    assert.is(root.body.body, "First thought");
    assert.equal(root.body.author, { type: "source", name: "UI" });
    const reply = await fx.request("POST", BASE, { json: { body: "A reply", parent_comment_id: root.body.id } });
    assert.is(reply.status, 201);
    assert.is(reply.body.parent_comment_id, root.body.id);
    const list = await fx.request("GET", BASE);
    assert.is(list.status, 200);
    assert.is(list.body.items.length, 1);
    assert.equal(list.body.items[0].replies.map((r: any) => r.body), ["A reply"]);
  }));

test("POST multipart (a dashboard form) creates a comment; an empty parent_comment_id means none", () =>
  withHttp(async (fx) => {
    fx.issue(fx.project("Demo").id);
    const form = new FormData();
    form.append("body", "From a form");
    form.append("parent_comment_id", "");
    const created = await fx.request("POST", BASE, { body: form });
    assert.is(created.status, 201, created.text);
    assert.is(created.body.body, "From a form");
    assert.is(created.body.parent_comment_id, null);
  }));

test("PATCH edits the body (JSON or multipart); DELETE removes the comment", () =>
  withHttp(async (fx) => {
    fx.issue(fx.project("Demo").id);
    const created = await fx.request("POST", BASE, { json: { body: "Draft" } });
    const id = created.body.id;
    const edited = await fx.request("PATCH", `${BASE}/${id}`, { json: { body: "Final" } });
    assert.is(edited.status, 200);
    assert.is(edited.body.body, "Final");
    const form = new FormData();
    form.append("body", "Final, from a form");
    const formEdited = await fx.request("PATCH", `${BASE}/${id}`, { body: form });
    assert.is(formEdited.body.body, "Final, from a form");
    const deleted = await fx.request("DELETE", `${BASE}/${id}`);
    assert.equal(deleted.body, { deleted: true, identifier: "DEMO-1", comment_id: id });
    assert.equal((await fx.request("GET", BASE)).body.items, []);
  }));

test("multipart \"files\" parts become attachments on create and edit; each downloads with its bytes", () =>
  withHttp(async (fx) => {
    fx.issue(fx.project("Demo").id);
    const log = new TextEncoder().encode("boom\n");
    const form = new FormData();
    form.append("files", new Blob([log], { type: "text/plain" }), "run.log");
    const created = await fx.request("POST", BASE, { body: form });
    assert.is(created.status, 201, created.text);
    assert.is(created.body.body, "");
    assert.equal(created.body.attachments.map((a: any) => [a.filename, a.content_type, a.byte_size]), [["run.log", "text/plain", 5]]);
    const id = created.body.id;
    const res = await fx.app.fetch(fx.build("GET", `${BASE}/${id}/attachments/${created.body.attachments[0].id}/content`), { remoteAddress: "127.0.0.1" });
    assert.is(res.status, 200);
    assert.match(res.headers.get("content-disposition") ?? "", /^attachment; filename="run.log"/);
    assert.equal(new Uint8Array(await res.arrayBuffer()), log);
    const edit = new FormData();
    edit.append("remove_attachment_ids", created.body.attachments[0].id);
    edit.append("files", new Blob([new Uint8Array([1, 2, 3])]), "dir/../data.bin");
    const edited = await fx.request("PATCH", `${BASE}/${id}`, { body: edit });
    assert.is(edited.status, 200, edited.text);
    assert.equal(edited.body.attachments.map((a: any) => a.filename), ["data.bin"]);
    const gone = await fx.request("GET", `${BASE}/${id}/attachments/${created.body.attachments[0].id}/content`);
    assertError(gone, 404, "not_found", /Attachment/);
  }));

test("an empty comment is refused by the tracker with 400", () =>
  withHttp(async (fx) => {
    fx.issue(fx.project("Demo").id);
    assertError(await fx.request("POST", BASE, { json: { body: "   " } }), 400, "invalid_input", /empty comment/);
  }));

test("attachment_paths is refused: HTTP clients never name local files", () =>
  withHttp(async (fx) => {
    fx.issue(fx.project("Demo").id);
    const reply = await fx.request("POST", BASE, { json: { body: "x", attachment_paths: ["/etc/passwd"] } });
    assertError(reply, 400, "invalid_input", /Unknown field "attachment_paths"/);
    assert.is(fx.tracker.listIssueComments({ identifier: "DEMO-1", limit: 10, offset: 0 }).total, 0);
  }));

test.run();
