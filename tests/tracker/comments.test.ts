import * as fs from "node:fs";
import * as path from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { throwsCode, withFixture } from "./fixture.ts";

const test = suite("tracker comments");

test("create_issue_comment adds a root comment with an author and counts it on the issue", () =>
  withFixture((fx) => {
    const i = fx.issue(fx.project().id);
    const c = fx.op("create_issue_comment", { identifier: i.identifier, body: " Looks good ", author: { type: "user", name: "Ada" } });
    assert.is(c.body, "Looks good");
    assert.equal(c.author, { type: "user", name: "Ada" });
    assert.is(c.parent_comment_id, null);
    assert.is(c.deleted_at, null);
    assert.equal(c.replies, []);
    assert.equal(c.attachments, []);
    assert.is(fx.op("get_issue", { identifier: i.identifier }).comment_count, 1);
    const anon = fx.op("create_issue_comment", { identifier: i.identifier, body: "x" });
    assert.equal(anon.author, { type: "source", name: "maestro" });
  }));

test("a comment needs a body or an attachment", () =>
  withFixture((fx) => {
    const i = fx.issue(fx.project().id);
    throwsCode(() => fx.op("create_issue_comment", { identifier: i.identifier, body: "   " }), "invalid_input",
      /Cannot add an empty comment to "DEMO-1"/);
    const c = fx.op("create_issue_comment", { identifier: i.identifier, attachment_paths: [fx.file("shot.png", "png-bytes")] });
    assert.is(c.body, "");
    assert.is(c.attachments.length, 1);
    assert.is(c.attachments[0].filename, "shot.png");
    assert.is(c.attachments[0].content_type, "image/png");
    assert.is(c.attachments[0].byte_size, 9);
  }));

test("replies thread one level: a reply to a reply is refused", () =>
  withFixture((fx) => {
    const i = fx.issue(fx.project().id);
    const root = fx.op("create_issue_comment", { identifier: i.identifier, body: "root" });
    const reply = fx.op("create_issue_comment", { identifier: i.identifier, body: "reply", parent_comment_id: root.id });
    assert.is(reply.parent_comment_id, root.id);
    throwsCode(() => fx.op("create_issue_comment", { identifier: i.identifier, body: "deep", parent_comment_id: reply.id }),
      "invalid_input", new RegExp(`Cannot reply to comment "${reply.id}": it is itself a reply`));
    throwsCode(() => fx.op("create_issue_comment", { identifier: i.identifier, body: "x", parent_comment_id: "cmt_nope" }),
      "not_found", /Comment "cmt_nope" not found on "DEMO-1"/);
    const page = fx.op("list_issue_comments", { identifier: i.identifier });
    assert.is(page.total, 1);
    assert.equal(page.items[0].replies.map((r: { body: string }) => r.body), ["reply"]);
  }));

test("a comment on another issue is not found through this one", () =>
  withFixture((fx) => {
    const p = fx.project();
    const a = fx.issue(p.id, "a");
    const b = fx.issue(p.id, "b");
    const c = fx.op("create_issue_comment", { identifier: a.identifier, body: "on a" });
    throwsCode(() => fx.op("delete_issue_comment", { identifier: b.identifier, comment_id: c.id }), "not_found");
    throwsCode(() => fx.op("create_issue_comment", { identifier: b.identifier, body: "x", parent_comment_id: c.id }), "not_found");
  }));

test("list_issue_comments pages root threads oldest first", () =>
  withFixture((fx) => {
    const i = fx.issue(fx.project().id);
    for (const body of ["one", "two", "three"]) {
      fx.tick();
      fx.op("create_issue_comment", { identifier: i.identifier, body });
    }
    const page = fx.op("list_issue_comments", { identifier: i.identifier, limit: 2, offset: 1 });
    assert.equal(page.items.map((c: { body: string }) => c.body), ["two", "three"]);
    assert.is(page.total, 3);
  }));

test("update_issue_comment edits the body and adds and removes attachments, files included", () =>
  withFixture((fx) => {
    const i = fx.issue(fx.project().id);
    const c = fx.op("create_issue_comment", { identifier: i.identifier, body: "v1", attachment_paths: [fx.file("a.txt", "aaa")] });
    const old = c.attachments[0];
    const oldFile = path.join(fx.assetsDir, "comments", i.id, c.id, `${old.id}.txt`);
    assert.is(fs.readFileSync(oldFile, "utf8"), "aaa");
    fx.tick();
    const u = fx.op("update_issue_comment", {
      identifier: i.identifier,
      comment_id: c.id,
      body: "v2",
      attachment_paths: [fx.file("b.json", "{}")],
      remove_attachment_ids: [old.id],
    });
    assert.is(u.body, "v2");
    assert.equal(u.attachments.map((a: { filename: string }) => a.filename), ["b.json"]);
    assert.is(u.attachments[0].content_type, "application/json");
    assert.is(u.updated_at, "2026-03-02T09:00:02.000Z");
    assert.not.ok(fs.existsSync(oldFile));
    throwsCode(() => fx.op("update_issue_comment", { identifier: i.identifier, comment_id: c.id }), "invalid_input", /No updates specified/);
    throwsCode(() => fx.op("update_issue_comment", { identifier: i.identifier, comment_id: c.id, remove_attachment_ids: ["cat_nope"] }),
      "not_found", /Attachment "cat_nope" not found/);
    throwsCode(() => fx.op("update_issue_comment", { identifier: i.identifier, comment_id: c.id, body: "", remove_attachment_ids: [u.attachments[0].id] }),
      "invalid_input", /Cannot leave comment ".*" empty/);
  }));

test("deleting a comment with replies keeps an empty placeholder; deleting the last reply removes it", () =>
  withFixture((fx) => {
    const i = fx.issue(fx.project().id);
    const root = fx.op("create_issue_comment", { identifier: i.identifier, body: "root", attachment_paths: [fx.file("r.txt", "r")] });
    const reply = fx.op("create_issue_comment", { identifier: i.identifier, body: "reply", parent_comment_id: root.id });
    fx.tick();
    assert.equal(fx.op("delete_issue_comment", { identifier: i.identifier, comment_id: root.id }),
      { deleted: true, identifier: i.identifier, comment_id: root.id });
    const [placeholder] = fx.op("list_issue_comments", { identifier: i.identifier }).items;
    assert.is(placeholder.body, "");
    assert.is(placeholder.deleted_at, "2026-03-02T09:00:02.000Z");
    assert.equal(placeholder.attachments, []);
    assert.is(placeholder.replies.length, 1);
    assert.not.ok(fs.existsSync(path.join(fx.assetsDir, "comments", i.id, root.id, `${root.attachments[0].id}.txt`)));
    assert.is(fx.op("get_issue", { identifier: i.identifier }).comment_count, 1);
    throwsCode(() => fx.op("update_issue_comment", { identifier: i.identifier, comment_id: root.id, body: "again" }),
      "invalid_input", /it was deleted/);
    throwsCode(() => fx.op("create_issue_comment", { identifier: i.identifier, body: "x", parent_comment_id: root.id }),
      "invalid_input", /it was deleted/);
    fx.op("delete_issue_comment", { identifier: i.identifier, comment_id: reply.id });
    assert.is(fx.op("list_issue_comments", { identifier: i.identifier }).total, 0);
  }));

test("a missing attachment path is not_found naming it, and nothing is stored", () =>
  withFixture((fx) => {
    const i = fx.issue(fx.project().id);
    const missing = path.join(fx.dir, "nope.png");
    throwsCode(() => fx.op("create_issue_comment", { identifier: i.identifier, body: "x", attachment_paths: [fx.file("ok.txt", "ok"), missing] }),
      "not_found", new RegExp(`Cannot attach "${missing}": file not found`));
    assert.not.ok(fs.existsSync(path.join(fx.assetsDir, "comments")));
    assert.is(fx.op("list_issue_comments", { identifier: i.identifier }).total, 0);
  }));

test("files sent as bytes attach by their base name; an empty one is refused before anything is stored; readCommentAttachment returns the bytes", () =>
  withFixture((fx) => {
    const i = fx.issue(fx.project().id);
    const bytes = new TextEncoder().encode("trace");
    throwsCode(() => fx.tracker.createIssueComment({ identifier: i.identifier, body: "x" }, [{ filename: "a.log", bytes }, { filename: "b.log", bytes: new Uint8Array() }]),
      "invalid_input", /Cannot attach "b.log": the file is empty/);
    assert.not.ok(fs.existsSync(path.join(fx.assetsDir, "comments")));
    const c = fx.tracker.createIssueComment({ identifier: i.identifier }, [{ filename: "../up/a.log", bytes }]);
    assert.equal(c.attachments.map((a) => [a.filename, a.content_type, a.byte_size]), [["a.log", "text/plain", 5]]);
    const read = fx.tracker.readCommentAttachment({ identifier: i.identifier, comment_id: c.id, attachment_id: c.attachments[0]!.id });
    assert.equal(read.bytes, bytes);
    throwsCode(() => fx.tracker.readCommentAttachment({ identifier: i.identifier, comment_id: c.id, attachment_id: "cat_nope" }), "not_found", /Attachment "cat_nope" not found/);
  }));

test.run();
