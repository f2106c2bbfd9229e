import { suite } from "uvu";
import * as assert from "uvu/assert";
import { runMaestro, runtimes } from "../helpers/bundle.ts";

for (const rt of runtimes) {
  const test = suite(`e2e cli help (${rt.name})`);

  test("--help on a command prints its usage and flags to stdout without opening a database", () => {
    const r = runMaestro(rt, ["issue", "create", "--help", "--db", "/nonexistent/dir/x.db"]);
    assert.is(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Usage:\n {2}maestro issue create <title> \[flags\]$/m);
    assert.match(r.stdout, /--labels A,B/);
    assert.match(r.stdout, /^Global flags:/m);
  });

  test("help works on nested groups and aliases", () => {
    const r = runMaestro(rt, ["help", "issue", "images"]);
    assert.is(r.code, 0, r.stderr);
    assert.match(r.stdout, /maestro issue assets <command> \[flags\]/);
    assert.match(r.stdout, /^ {2}list \(ls\) /m);
    const blockers = runMaestro(rt, ["issue", "blockers", "set", "-h"]);
    assert.match(blockers.stdout, /maestro issue blockers set <identifier> \[blockers\.\.\.\]/);
  });

  test("a group without a subcommand prints its help to stderr and exits 2", () => {
    for (const group of [["issue"], ["project"], ["issue", "comments"]]) {
      const r = runMaestro(rt, group);
      assert.is(r.code, 2);
      assert.is(r.stdout, "");
      assert.match(r.stderr, /^Commands:/m);
      assert.match(r.stderr.trimEnd().split("\n").at(-1)!, /^maestro: Missing command for "maestro /);
    }
  });

  test.run();
}
