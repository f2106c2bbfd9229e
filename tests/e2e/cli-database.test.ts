import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { runMaestro, runtimes, sqlite3, tempDir } from "../helpers/bundle.ts";
import { assertFails, cliWorld, type CliWorld } from "./cli-harness.ts";

/**
 * Makes `dir` unwritable: chmod for a normal user; root ignores permission
 * bits, so for root a read-only bind mount of the directory onto itself.
 */
function makeReadOnly(dir: string): (() => void) | undefined {
  if (process.getuid?.() !== 0) {
    fs.chmodSync(dir, 0o555);
    return () => fs.chmodSync(dir, 0o755);
  }
  const mount = (args: string[]) => spawnSync("mount", args, { encoding: "utf8" }).status === 0;
  if (!mount(["--bind", dir, dir])) return undefined;
  if (!mount(["-o", "remount,ro,bind", dir])) {
    spawnSync("umount", [dir]);
    return undefined;
  }
  return () => void spawnSync("umount", [dir]);
}

for (const rt of runtimes) {
  const test = suite<{ w: CliWorld }>(`e2e cli database (${rt.name})`);
  test.before.each((ctx) => {
    ctx.w = cliWorld(rt);
  });
  test.after.each((ctx) => ctx.w.cleanup());

  test("writes persist across invocations in a file the sqlite3 CLI reads", ({ w }) => {
    const project = w.project();
    w.ok(["issue", "create", "Alpha", "--project", project]);
    w.ok(["issue", "move", "DEMO-1", "ready"]);
    assert.is(w.json(["issue", "show", "DEMO-1"]).state, "ready");
    assert.is(sqlite3(w.db, "PRAGMA integrity_check").stdout, "ok");
    assert.is(sqlite3(w.db, "SELECT identifier || ' ' || state FROM issues").stdout, "DEMO-1 ready");
    assert.not.ok(fs.existsSync(`${w.db}.lock`), "the lock is released on exit");
  });

  test("a --db that is not a SQLite file is refused and left byte for byte", ({ w }) => {
    const notes = path.join(w.dir, "notes.txt");
    const content = "these are my notes, not a database\n".repeat(10);
    fs.writeFileSync(notes, content);
    const r = runMaestro(rt, ["issue", "list", "--db", notes]);
    assertFails(r, 1, /not a SQLite database/);
    assert.is(fs.readFileSync(notes, "utf8"), content);
    assert.equal(fs.readdirSync(w.dir).sort(), ["notes.txt", "repo"]);
  });

  test("MAESTRO_DB names the database when --db is absent", ({ w }) => {
    const env = { MAESTRO_DB: w.db };
    const r = runMaestro(rt, ["project", "create", "Demo", "--repo", w.repo, "--quiet"], { env });
    assert.is(r.code, 0, r.stderr);
    assert.is(w.json(["project", "list"]).items[0].id, r.stdout.trim());
  });

  test("--db expands ~ against HOME", ({ w }) => {
    const env = { HOME: w.dir, USERPROFILE: w.dir };
    const r = runMaestro(rt, ["project", "create", "Demo", "--repo", w.repo, "--db", "~/nested/m.db"], { env });
    assert.is(r.code, 0, r.stderr);
    assert.is(sqlite3(path.join(w.dir, "nested", "m.db"), "SELECT name FROM projects").stdout, "Demo");
  });

  test("a damaged journal tail is dropped with one warning line and the command still runs", ({ w }) => {
    w.project();
    fs.appendFileSync(`${w.db}.journal`, Buffer.from("this is not a journal record"));
    const r = w.run(["project", "list", "--quiet"]);
    assert.is(r.code, 0, r.stderr);
    const lines = r.stderr.trimEnd().split("\n");
    assert.is(lines.length, 1, r.stderr);
    assert.match(lines[0]!, /^maestro: warning: Recovered ".*maestro\.db": dropped \d+ bytes/);
    assert.match(lines[0]!, /damaged journal was kept at/);
    assert.is(r.stdout.trim().split("\n").length, 1);
  });

  test("read-only commands work in a read-only directory; writes are refused", ({ w }) => {
    w.project();
    const { dir, cleanup } = tempDir();
    const db = path.join(dir, "ro.db");
    fs.copyFileSync(w.db, db);
    const restore = makeReadOnly(dir);
    if (!restore) {
      cleanup();
      console.warn("skipped the read-only directory check: running as root without permission to mount");
      return;
    }
    try {
      const list = runMaestro(rt, ["project", "list", "--quiet", "--db", db]);
      assert.is(list.code, 0, list.stderr);
      assert.is(list.stdout.trim().split("\n").length, 1);
      const write = runMaestro(rt, ["project", "create", "X", "--repo", dir, "--db", db]);
      assertFails(write, 1, /not writable|permission denied|read-only file system/i);
    } finally {
      restore();
      cleanup();
    }
  });

  test.run();
}
