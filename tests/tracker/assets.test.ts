import * as fs from "node:fs";
import * as path from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { unavailable } from "../../lib/errors.ts";
import type { Store } from "../../lib/store/mod.ts";
import { createTracker, MAX_ASSET_BYTES } from "../../lib/tracker/mod.ts";
import { runtime, throwsCode, withFixture } from "./fixture.ts";

const test = suite("tracker assets");

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name);
}

/** The real store, except that every write fails as a full disk would. */
function failingWrites(store: Store): Store {
  return {
    get path() {
      return store.path;
    },
    get readOnly() {
      return store.readOnly;
    },
    get recovery() {
      return store.recovery;
    },
    read: (fn) => store.read(fn),
    write: () => {
      throw unavailable("Write refused: disk full, nothing was saved");
    },
    compact: () => store.compact(),
    stats: () => store.stats(),
    close: () => store.close(),
  };
}

test("attach_issue_asset copies the file to issues/<issue_id>/<asset_id><ext> with its content type", () =>
  withFixture((fx) => {
    const i = fx.issue(fx.project().id);
    const a = fx.op("attach_issue_asset", { identifier: i.identifier, path: fx.file("Screen Shot.PNG", "png!") });
    assert.is(a.filename, "Screen Shot.PNG");
    assert.is(a.content_type, "image/png");
    assert.is(a.byte_size, 4);
    assert.is(a.issue_id, i.id);
    assert.is(fs.readFileSync(path.join(fx.assetsDir, "issues", i.id, `${a.id}.png`), "utf8"), "png!");
    const b = fx.op("attach_issue_asset", { identifier: i.identifier, path: fx.file("data.weird", "?") });
    assert.is(b.content_type, "application/octet-stream");
    assert.equal(fx.op("list_issue_assets", { identifier: i.identifier }).items.map((x: { id: string }) => x.id), [a.id, b.id]);
    assert.equal(fx.op("get_issue", { identifier: i.identifier }).assets.map((x: { id: string }) => x.id), [a.id, b.id]);
  }));

test("addAsset stores bytes with a given content type, or derives it from the name", () =>
  withFixture((fx) => {
    const i = fx.issue(fx.project().id);
    const bytes = new TextEncoder().encode("# notes");
    const a = fx.tracker.addAsset(i.identifier, "notes.md", "", bytes);
    assert.is(a.content_type, "text/markdown");
    const b = fx.tracker.addAsset(i.identifier, "../../etc/blob", "application/x-custom", bytes);
    assert.is(b.filename, "blob");
    assert.is(b.content_type, "application/x-custom");
    const read = fx.tracker.readIssueAsset({ identifier: i.identifier, asset_id: a.id });
    assert.is(new TextDecoder().decode(read.bytes), "# notes");
    assert.equal(read.asset, a);
  }));

test("assets over 100 MiB or empty are refused with the size and the limit", () =>
  withFixture((fx) => {
    const i = fx.issue(fx.project().id);
    const big = fx.file("big.bin", "");
    fs.truncateSync(big, MAX_ASSET_BYTES + 1);
    throwsCode(() => fx.op("attach_issue_asset", { identifier: i.identifier, path: big }), "invalid_input",
      /Cannot attach "big.bin": it is 100.0 MiB, over the 100.0 MiB limit/);
    const edge = fx.file("edge.bin", "");
    fs.truncateSync(edge, MAX_ASSET_BYTES);
    assert.is(fx.op("attach_issue_asset", { identifier: i.identifier, path: edge }).byte_size, MAX_ASSET_BYTES);
    throwsCode(() => fx.op("attach_issue_asset", { identifier: i.identifier, path: fx.file("empty.txt", "") }), "invalid_input",
      /Cannot attach "empty.txt": the file is empty/);
    throwsCode(() => fx.tracker.addAsset(i.identifier, "e.txt", "", new Uint8Array()), "invalid_input", /the file is empty/);
    throwsCode(() => fx.op("attach_issue_asset", { identifier: i.identifier, path: fx.dir }), "invalid_input", /not a regular file/);
  }));

test("attaching a missing path is not_found naming the path", () =>
  withFixture((fx) => {
    const i = fx.issue(fx.project().id);
    const missing = path.join(fx.dir, "missing.png");
    throwsCode(() => fx.op("attach_issue_asset", { identifier: i.identifier, path: missing }), "not_found",
      new RegExp(`Cannot attach "${missing}": file not found`));
    throwsCode(() => fx.op("attach_issue_asset", { identifier: "DEMO-9", path: missing }), "not_found", /Issue "DEMO-9" not found/);
  }));

test("delete_issue_asset removes the row, then the file; another issue's asset is not_found", () =>
  withFixture((fx) => {
    const p = fx.project();
    const i = fx.issue(p.id, "a");
    const j = fx.issue(p.id, "b");
    const a = fx.op("attach_issue_asset", { identifier: i.identifier, path: fx.file("x.txt", "x") });
    throwsCode(() => fx.op("delete_issue_asset", { identifier: j.identifier, asset_id: a.id }), "not_found",
      new RegExp(`Asset "${a.id}" not found on "${j.identifier}"`));
    assert.equal(fx.op("delete_issue_asset", { identifier: i.identifier, asset_id: a.id }),
      { deleted: true, identifier: i.identifier, asset_id: a.id });
    assert.not.ok(fs.existsSync(path.join(fx.assetsDir, "issues", i.id, `${a.id}.txt`)));
    assert.equal(fx.op("list_issue_assets", { identifier: i.identifier }).items, []);
  }));

test("a refused write removes the file it had stored, and a refused delete keeps the files", () =>
  withFixture((fx) => {
    const i = fx.issue(fx.project().id);
    const kept = fx.op("attach_issue_asset", { identifier: i.identifier, path: fx.file("keep.txt", "keep") });
    const broken = createTracker({ store: failingWrites(fx.store), files: runtime.fs, assetsDir: fx.assetsDir });
    throwsCode(() => broken.addAsset(i.identifier, "new.txt", "", new TextEncoder().encode("new")), "unavailable");
    assert.equal(fs.readdirSync(path.join(fx.assetsDir, "issues", i.id)), [`${kept.id}.txt`]);
    throwsCode(() => broken.deleteIssue({ identifier: i.identifier }), "unavailable");
    throwsCode(() => broken.deleteIssueAsset({ identifier: i.identifier, asset_id: kept.id }), "unavailable");
    assert.ok(fs.existsSync(path.join(fx.assetsDir, "issues", i.id, `${kept.id}.txt`)));
    throwsCode(() => broken.createIssueComment({ identifier: i.identifier, attachment_paths: [fx.file("c.txt", "c")] }), "unavailable");
    assert.equal(filesUnder(path.join(fx.assetsDir, "comments")), [], "staged attachment files are removed");
  }));

test("delete_issue removes the issue's asset and attachment files after the commit", () =>
  withFixture((fx) => {
    const i = fx.issue(fx.project().id);
    fx.op("attach_issue_asset", { identifier: i.identifier, path: fx.file("x.txt", "x") });
    fx.op("create_issue_comment", { identifier: i.identifier, attachment_paths: [fx.file("y.txt", "y")] });
    assert.ok(fs.existsSync(path.join(fx.assetsDir, "issues", i.id)));
    assert.ok(fs.existsSync(path.join(fx.assetsDir, "comments", i.id)));
    fx.op("delete_issue", { identifier: i.identifier });
    assert.not.ok(fs.existsSync(path.join(fx.assetsDir, "issues", i.id)));
    assert.not.ok(fs.existsSync(path.join(fx.assetsDir, "comments", i.id)));
    const rows = fx.store.read((q) =>
      q.get<Record<string, number>>(`SELECT (SELECT COUNT(*) FROM issue_assets) AS assets,
        (SELECT COUNT(*) FROM issue_comment_attachments) AS attachments`)
    );
    assert.equal(rows, { assets: 0, attachments: 0 });
  }));

test.run();
