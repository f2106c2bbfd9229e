import * as fs from "node:fs";
import * as path from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { runtimes, tempDir } from "../helpers/bundle.ts";
import { startFixture, waitForExit, waitForLine } from "../helpers/fixtures.ts";
import { countRows, open } from "./fixture.ts";

const test = suite("store lock");
let dir = "";
let cleanup = () => {};
test.before.each(() => {
  ({ dir, cleanup } = tempDir());
});
test.after.each(() => cleanup());

test("a second open in the same process is refused while the first holds the lock", async () => {
  const db = path.join(dir, "a.db");
  const first = await open(db);
  try {
    await open(db);
    assert.unreachable("opened twice");
  } catch (err) {
    assert.match((err as Error).message, new RegExp(`in use by process ${process.pid}`));
  }
  first.close();
  (await open(db)).close();
});

test("a live holder in another process is named by pid; its lock is free once it exits", async () => {
  const db = path.join(dir, "b.db");
  const writer = startFixture(runtimes[0]!, "store-writer", [db, "1000000", "10"]);
  await waitForLine(writer, /^ack 5$/);
  try {
    await open(db);
    assert.unreachable("opened a database held by another process");
  } catch (err) {
    assert.match((err as Error).message, new RegExp(`in use by process ${writer.pid}`));
  } finally {
    writer.kill("SIGKILL");
    await waitForExit(writer);
  }
  const store = await open(db);
  assert.ok(countRows(store) >= 5);
  store.close();
});

test("a lock left by a dead process is taken over", async () => {
  const db = path.join(dir, "c.db");
  (await open(db)).close();
  fs.writeFileSync(`${db}.lock`, JSON.stringify({ pid: 999999, started_at: "2020-01-01T00:00:00Z", command: "maestro run" }));
  const store = await open(db);
  assert.is(JSON.parse(fs.readFileSync(`${db}.lock`, "utf8")).pid, process.pid);
  store.close();
  assert.not.ok(fs.existsSync(`${db}.lock`));
});

test("waiting for a lock succeeds when the holder releases it in time", async () => {
  const db = path.join(dir, "d.db");
  const first = await open(db);
  setTimeout(() => first.close(), 100);
  const second = await open(db, { lockWaitMs: 3000 });
  second.close();
});

test.run();
