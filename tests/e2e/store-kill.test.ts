import * as path from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { runtimes, sqlite3, tempDir } from "../helpers/bundle.ts";
import { startFixture, waitForExit, waitForLine } from "../helpers/fixtures.ts";

// kill -9 at several points of a write stream (journal appends and background folds);
// every write that was acknowledged must be there afterwards, and the file must stay valid.
for (const rt of runtimes) {
  const test = suite(`store survives kill -9 (${rt.name})`);

  test("every acknowledged write survives SIGKILL mid-stream, and integrity_check is ok", async () => {
    const { dir, cleanup } = tempDir();
    try {
      const db = path.join(dir, "kill.db");
      let lastAck = 0;
      for (const killAfter of [150, 900, 2500]) {
        const child = startFixture(rt, "store-writer", [db, "1000000", "300"]);
        await waitForLine(child, new RegExp(`^ack ${lastAck + killAfter}$`));
        child.kill("SIGKILL");
        await waitForExit(child);
        const acks = child.lines.filter((l) => l.startsWith("ack ")).map((l) => Number(l.slice(4)));
        lastAck = Math.max(lastAck, ...acks);

        // The file on disk is a valid SQLite database right after the kill, before any replay.
        assert.is(sqlite3(db, "PRAGMA integrity_check").stdout, "ok");

        const reopen = startFixture(rt, "store-writer", [db, "0"]);
        const ready = await waitForLine(reopen, /^ready \d+$/);
        await waitForExit(reopen);
        assert.ok(Number(ready.slice(6)) >= lastAck, `reopened at ${ready}, last ack was ${lastAck}`);
        assert.is(sqlite3(db, "PRAGMA integrity_check").stdout, "ok");
        assert.is(sqlite3(db, `SELECT count(*) FROM rows WHERE n <= ${lastAck}`).stdout, String(lastAck));
      }
    } finally {
      cleanup();
    }
  });

  test.run();
}
