/**
 * `npm run test:codex`: the real-Codex tests alone (tests/codex/). Installs the
 * pinned Codex into .cache/codex when missing, builds the bundle, bundles the
 * tests into .cache/test-codex (leaving .test-dist to `npm test`) and runs them.
 */
import { spawnSync } from "node:child_process";
import * as esbuild from "esbuild";
import * as fs from "node:fs";
import * as path from "node:path";
import { ensureCodex } from "./codex-cache.ts";
import { esmBanner, sharedOptions } from "./esbuild-config.ts";

const pkg = JSON.parse(fs.readFileSync("package.json", "utf8")) as { version: string };
const fail = (line: string): never => {
  console.log(line);
  console.log("0 passed, 1 failed");
  process.exit(1);
};

const error = ensureCodex();
if (error) fail(`codex install failed: ${error}`);
if (spawnSync(process.execPath, ["scripts/run-ts.mjs", "scripts/build.ts"], { stdio: "inherit" }).status !== 0) fail("build failed");
const outdir = path.join(".cache", "test-codex");
fs.rmSync(outdir, { recursive: true, force: true });
const tests = fs.readdirSync("tests/codex").filter((f) => f.endsWith(".test.ts")).sort();
await esbuild.build({
  ...sharedOptions(pkg.version),
  entryPoints: Object.fromEntries(tests.map((f) => [`codex__${f.slice(0, -".ts".length)}`, path.join("tests/codex", f)])),
  outdir,
  outExtension: { ".js": ".mjs" },
  external: ["uvu", "uvu/*"],
  banner: { js: esmBanner },
});
const r = spawnSync(process.execPath, ["node_modules/uvu/bin.js", "-c", "false", outdir, "\\.mjs$"], { stdio: "inherit", env: { ...process.env, NO_COLOR: "1" } });
process.exit(r.status ?? 1);
