import * as fs from "node:fs";
import * as path from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { bundlePath, runMaestro, runtimes, tempDir } from "../helpers/bundle.ts";

const pkg = JSON.parse(fs.readFileSync("package.json", "utf8")) as { version: string };

for (const rt of runtimes) {
  const test = suite(`e2e version (${rt.name})`);

  test("version prints the package version", () => {
    const r = runMaestro(rt, ["version"]);
    assert.is(r.code, 0, r.stderr);
    assert.is(r.stdout, `maestro ${pkg.version}\n`);
    assert.is(r.stderr, "");
  });

  test("the bundle copied alone into an empty directory still runs", () => {
    const { dir, cleanup } = tempDir();
    try {
      const copy = path.join(dir, "maestro.js");
      fs.copyFileSync(bundlePath, copy);
      const r = runMaestro(rt, ["version", "--json"], { file: copy, cwd: dir });
      assert.is(r.code, 0, r.stderr);
      assert.equal(JSON.parse(r.stdout).version, pkg.version);
      assert.is(JSON.parse(r.stdout).runtime, rt.name);
    } finally {
      cleanup();
    }
  });

  test("an unknown command exits 2 with one line naming it", () => {
    const r = runMaestro(rt, ["frobnicate"]);
    assert.is(r.code, 2);
    assert.is(r.stdout, "");
    assert.is(r.stderr.trim().split("\n").length, 1);
    assert.match(r.stderr, /Unknown command "frobnicate"/);
  });

  test.run();
}
