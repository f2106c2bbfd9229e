#!/usr/bin/env node
// Runs a TypeScript script on Node 20 (no type stripping there): bundle it with esbuild
// (dependencies stay external), then import the result. Usage: node scripts/run-ts.mjs FILE.ts [args]
import * as esbuild from "esbuild";
import * as fs from "node:fs";
import * as path from "node:path";
import { pathToFileURL } from "node:url";

const [file, ...rest] = process.argv.slice(2);
if (!file) {
  console.error("usage: node scripts/run-ts.mjs FILE.ts [args]");
  process.exit(2);
}
const out = path.join(".cache", "scripts", path.basename(file).replace(/\.ts$/, ".mjs"));
fs.mkdirSync(path.dirname(out), { recursive: true });
await esbuild.build({
  entryPoints: [file], outfile: out, bundle: true, platform: "node", format: "esm", target: "node20",
  packages: "external", logLevel: "warning", sourcemap: "inline",
});
process.argv = [process.argv[0], path.resolve(out), ...rest];
await import(pathToFileURL(path.resolve(out)).href);
