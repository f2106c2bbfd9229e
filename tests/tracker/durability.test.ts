import * as fs from "node:fs";
import * as path from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { openStore, type Query } from "../../lib/store/mod.ts";
import { sqlite3 } from "../helpers/bundle.ts";
import { type Fixture, runtime, withFixture } from "./fixture.ts";

const test = suite("tracker durability");

const TABLES = [
  "projects", "epics", "issues", "issue_labels", "issue_blockers", "issue_recurrences", "issue_assets",
  "issue_comments", "issue_comment_attachments", "counters", "change_events",
];

function dump(q: Query): string {
  return JSON.stringify(TABLES.map((t) => q.all(`SELECT * FROM ${t} ORDER BY rowid`)));
}

/** A little of everything. */
function populate(fx: Fixture) {
  const p = fx.project("Demo");
  const e = fx.op("create_epic", { project_id: p.id, name: "Launch" });
  const a = fx.issue(p.id, "a", { labels: ["bug"], priority: 2, epic_id: e.id });
  const b = fx.issue(p.id, "b", { blocked_by: [a.identifier], issue_type: "recurring", cron: "0 3 * * *" });
  fx.op("set_issue_state", { identifier: a.identifier, state: "in_progress" });
  const c = fx.op("create_issue_comment", { identifier: a.identifier, body: "root", attachment_paths: [fx.file("n.txt", "n")] });
  fx.op("create_issue_comment", { identifier: a.identifier, body: "reply", parent_comment_id: c.id });
  fx.op("attach_issue_asset", { identifier: b.identifier, path: fx.file("img.png", "png") });
  return { p, a, b };
}

test("tracker data survives closing and reopening the store", () =>
  withFixture(async (fx) => {
    const { p, a, b } = populate(fx);
    const detailA = fx.op("get_issue", { identifier: a.identifier });
    const detailB = fx.op("get_issue", { identifier: b.identifier });
    const comments = fx.op("list_issue_comments", { identifier: a.identifier });
    const before = fx.store.read(dump);
    await fx.reopen();
    assert.is(fx.store.read(dump), before);
    assert.equal(fx.op("get_issue", { identifier: a.identifier }), detailA);
    assert.equal(fx.op("get_issue", { identifier: b.identifier }), detailB);
    assert.equal(fx.op("list_issue_comments", { identifier: a.identifier }), comments);
    // The counter carries on where it stopped.
    assert.is(fx.issue(p.id, "c").identifier, "DEMO-3");
  }));

test("replaying the journal of an uncompacted store rebuilds exactly the same rows", () =>
  withFixture(async (fx) => {
    populate(fx);
    assert.ok(fx.store.stats().journalBytes > 0, "writes are still in the journal");
    // Copy the files as a crash would leave them: snapshot plus journal, no clean close.
    const copy = path.join(fx.dir, "copy");
    fs.mkdirSync(copy);
    fs.copyFileSync(fx.dbPath, path.join(copy, "maestro.db"));
    fs.copyFileSync(`${fx.dbPath}.journal`, path.join(copy, "maestro.db.journal"));
    const replayed = await openStore({ runtime, path: path.join(copy, "maestro.db") });
    try {
      assert.ok(replayed.recovery.replayed > 0);
      assert.is(replayed.read(dump), fx.store.read(dump));
    } finally {
      replayed.close();
    }
  }));

test("the database file is a valid SQLite file at the latest schema version with foreign keys enforced", () =>
  withFixture(async (fx) => {
    populate(fx);
    await fx.reopen();
    const version = sqlite3(fx.dbPath, "PRAGMA user_version;");
    assert.is(version.stdout, "2");
    assert.is(sqlite3(fx.dbPath, "PRAGMA integrity_check;").stdout, "ok");
    assert.is(sqlite3(fx.dbPath, "SELECT COUNT(*) FROM issues;").stdout, "2");
    assert.match(sqlite3(fx.dbPath, "SELECT value FROM store_metadata WHERE key = 'store_id';").stdout, /^store_[0-9a-f]{16}$/);
    const orphan = () =>
      fx.store.write((tx) => tx.run(`INSERT INTO epics(id, project_id, name, created_at, updated_at) VALUES ('e', 'missing', 'x', '', '')`));
    assert.throws(orphan, /FOREIGN KEY/);
  }));

test.run();
