/** Bundles every tests/**\/*.test.ts with the product's esbuild options into .test-dist/. */
import * as esbuild from "esbuild";
import * as fs from "node:fs";
import * as path from "node:path";
import { esmBanner, sharedOptions } from "./esbuild-config.ts";

const pkg = JSON.parse(fs.readFileSync("package.json", "utf8")) as { version: string };
const filter = process.argv[2];

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p) : e.name.endsWith(".test.ts") ? [p] : [];
  });
}

const entryPoints = walk("tests").filter((f) => !filter || f.includes(filter)).sort();
fs.rmSync(".test-dist", { recursive: true, force: true });
const entries = Object.fromEntries(entryPoints.map((f) => [f.slice("tests/".length, -".ts".length).replaceAll("/", "__"), f]));
await esbuild.build({
  ...sharedOptions(pkg.version),
  entryPoints: entries,
  outdir: ".test-dist",
  outExtension: { ".js": ".mjs" },
  external: ["uvu", "uvu/*", "playwright-core", "@modelcontextprotocol/sdk", "@modelcontextprotocol/sdk/*"],
  banner: { js: esmBanner },
});
// Fixtures are programs tests start as child processes (e.g. a writer to kill -9).
const fixtures = fs.existsSync("tests/fixtures") ? fs.readdirSync("tests/fixtures").filter((f) => f.endsWith(".ts")) : [];
fs.rmSync(".test-fixtures", { recursive: true, force: true });
if (fixtures.length > 0) {
  await esbuild.build({
    ...sharedOptions(pkg.version),
    entryPoints: fixtures.map((f) => path.join("tests/fixtures", f)),
    outdir: ".test-fixtures",
    outExtension: { ".js": ".mjs" },
    banner: { js: esmBanner },
  });
}
console.log(`built ${entryPoints.length} test files, ${fixtures.length} fixtures`);
