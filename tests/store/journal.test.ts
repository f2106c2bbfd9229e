import * as fs from "node:fs";
import * as path from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { MaestroError } from "../../lib/errors.ts";
import { sqlite3, tempDir } from "../helpers/bundle.ts";
import { abandon, countRows, insertRows, journalOf, open, siblings } from "./fixture.ts";

const test = suite("store journal");
let dir = "";
let cleanup = () => {};
test.before.each(() => {
  ({ dir, cleanup } = tempDir());
});
test.after.each(() => cleanup());

test("a new database is a real SQLite file at once, with the schema applied", async () => {
  const db = path.join(dir, "sub", "new.db");
  const store = await open(db);
  assert.is(store.stats().schemaVersion, 1);
  assert.is(sqlite3(db, "PRAGMA integrity_check").stdout, "ok");
  assert.is(sqlite3(db, "PRAGMA user_version").stdout, "1");
  store.close();
});

test("writes are replayed from the journal after a crash, and folded into the file on close", async () => {
  const db = path.join(dir, "replay.db");
  const store = await open(db);
  insertRows(store, 1, 50);
  abandon(store, db);
  assert.is(sqlite3(db, "SELECT count(*) FROM rows").stdout, "0");
  const again = await open(db);
  assert.is(again.recovery.replayed, 50);
  assert.is(countRows(again), 50);
  again.close();
  assert.is(fs.statSync(journalOf(db)).size, 0);
  assert.is(sqlite3(db, "SELECT count(*) FROM rows").stdout, "50");
});

test("a torn last record is dropped, reported and kept aside; the rest replays", async () => {
  const db = path.join(dir, "torn.db");
  const store = await open(db);
  insertRows(store, 1, 10);
  abandon(store, db);
  const bytes = fs.readFileSync(journalOf(db));
  fs.writeFileSync(journalOf(db), bytes.subarray(0, bytes.length - 7));
  const again = await open(db);
  assert.is(countRows(again), 9);
  assert.is(again.recovery.replayed, 9);
  assert.ok(again.recovery.droppedBytes > 0);
  assert.match(again.recovery.reason ?? "", /torn/);
  assert.ok(again.recovery.damagedCopy && fs.existsSync(again.recovery.damagedCopy));
  again.close();
});

test("a record with a flipped byte stops replay there: nothing after it is invented", async () => {
  const db = path.join(dir, "flip.db");
  const store = await open(db);
  insertRows(store, 1, 10, "abcdefgh");
  abandon(store, db);
  const bytes = fs.readFileSync(journalOf(db));
  const lines = bytes.toString("utf8").split("\n");
  const offset = lines.slice(0, 5).join("\n").length + 1 + 30; // inside record 6
  bytes[offset] = bytes[offset]! ^ 0x01;
  fs.writeFileSync(journalOf(db), bytes);
  const again = await open(db);
  assert.is(countRows(again), 5);
  assert.match(again.recovery.reason ?? "", /checksum/);
  insertRows(again, 100, 1);
  again.close();
  const third = await open(db);
  assert.is(countRows(third), 6);
  third.close();
});

test("a failed transaction leaves nothing behind, in memory or in the journal", async () => {
  const db = path.join(dir, "rollback.db");
  const store = await open(db);
  insertRows(store, 1, 1);
  const size = fs.statSync(journalOf(db)).size;
  assert.throws(() =>
    store.write((tx) => {
      tx.run("INSERT INTO rows (n, body) VALUES (2, 'x')");
      tx.run("INSERT INTO rows (n, body) VALUES (1, 'duplicate')");
    })
  );
  assert.is(countRows(store), 1);
  assert.is(fs.statSync(journalOf(db)).size, size);
  store.close();
});

test("a file that is not SQLite is refused and left untouched", async () => {
  const db = path.join(dir, "notes.txt");
  fs.writeFileSync(db, "these are my notes, not a database\n".repeat(10));
  const before = fs.readFileSync(db);
  try {
    await open(db);
    assert.unreachable("opened a text file");
  } catch (err) {
    assert.instance(err, MaestroError);
    assert.match((err as Error).message, /not a SQLite database/);
  }
  assert.equal(fs.readFileSync(db), before);
  assert.equal(siblings(db).sort(), ["notes.txt"]);
});

test("a truncated database is refused and left untouched", async () => {
  const db = path.join(dir, "cut.db");
  const store = await open(db);
  insertRows(store, 1, 200, "y".repeat(500));
  store.close();
  const whole = fs.readFileSync(db);
  fs.writeFileSync(db, whole.subarray(0, Math.floor(whole.length / 2)));
  const before = fs.readFileSync(db);
  try {
    await open(db);
    assert.unreachable("opened a truncated file");
  } catch (err) {
    assert.match((err as Error).message, /truncated/);
  }
  assert.equal(fs.readFileSync(db), before);
});

test("a database from a newer schema is refused with its version", async () => {
  const db = path.join(dir, "future.db");
  (await open(db)).close();
  sqlite3(db, "PRAGMA user_version = 7");
  try {
    await open(db);
    assert.unreachable("opened a newer schema");
  } catch (err) {
    assert.match((err as Error).message, /schema version 7 is newer than this Maestro supports \(1\)/);
  }
  assert.is(sqlite3(db, "PRAGMA user_version").stdout, "7");
});

test.run();
