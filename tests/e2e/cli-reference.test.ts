import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { repoRoot } from "../helpers/bundle.ts";

const test = suite("cli reference in README.md");

test("README's CLI section equals the generated command reference", () => {
  const r = spawnSync(process.execPath, ["scripts/run-ts.mjs", "scripts/cli-reference.ts"], { cwd: repoRoot, encoding: "utf8" });
  assert.is(r.status, 0, r.stderr);
  const readme = fs.readFileSync(path.join(repoRoot, "README.md"), "utf8");
  const start = readme.indexOf("<!-- cli:start -->\n");
  const end = readme.indexOf("<!-- cli:end -->");
  assert.ok(start >= 0 && end > start, "README.md has the <!-- cli:start --> and <!-- cli:end --> markers");
  const section = readme.slice(start + "<!-- cli:start -->\n".length, end);
  assert.ok(section === r.stdout, "README.md is stale: run `node scripts/run-ts.mjs scripts/cli-reference.ts --write`");
});

test.run();
