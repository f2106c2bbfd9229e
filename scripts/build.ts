/**
 * Builds dist/maestro.js: one ESM file with a shebang and its run bit, the
 * sql.js WASM inlined. Run with `node --experimental-strip-types` is not
 * available on Node 20, so package.json runs this through esbuild first.
 *
 * esbuild splits the code at every import() and scripts/one-file.ts joins
 * the pieces back into the one file, with the lazily imported ones kept as
 * strings: a command parses only the code it may run.
 */
import * as esbuild from "esbuild";
import * as fs from "node:fs";
import * as path from "node:path";
import { lastDashboard } from "./dashboard-bundle.ts";
import { esmBanner, sharedOptions } from "./esbuild-config.ts";
import { type Chunk, joinChunks } from "./one-file.ts";

const pkg = JSON.parse(fs.readFileSync("package.json", "utf8")) as { version: string };
const outfile = "dist/maestro.js";
const chunkDir = path.resolve(".cache", "chunks");

const shared = sharedOptions(pkg.version);
const result = await esbuild.build({
  ...shared,
  entryPoints: { maestro: "mod.ts" },
  outdir: chunkDir,
  splitting: true,
  minify: true,
  write: false,
  metafile: true,
  // Chunks run as functions, where import.meta does not exist; the loader passes the file's URL in.
  define: { ...shared.define, "import.meta.url": "__maestroUrl" },
});
const idOf = (file: string) => `./${path.basename(file)}`;
const chunks: Chunk[] = result.outputFiles.map((f) => {
  const meta = result.metafile.outputs[path.relative(process.cwd(), f.path)];
  if (!meta) throw new Error(`no metafile entry for ${f.path}`);
  const staticImports = meta.imports.filter((i) => i.kind === "import-statement" && !i.external).map((i) => idOf(i.path));
  return { id: idOf(f.path), text: f.text, staticImports };
});
const body = await joinChunks(chunks, "./maestro.js");

fs.mkdirSync(path.dirname(outfile), { recursive: true });
fs.writeFileSync(outfile, `#!/usr/bin/env node\n${esmBanner}\n${body}`);
fs.chmodSync(outfile, 0o755);
// Node decides ESM vs CJS from the nearest package.json; this one keeps dist/ ESM wherever it sits.
fs.writeFileSync("dist/package.json", '{"type":"module"}\n');
const size = fs.statSync(outfile).size;
console.log(`${outfile}: ${(size / 1024).toFixed(0)} KB`);
const dashboard = lastDashboard();
if (!dashboard) throw new Error("the server build did not include the dashboard (virtual:dashboard)");
const dashboardBytes = Buffer.byteLength(dashboard.js) + Buffer.byteLength(dashboard.css);
console.log(`dashboard: ${(dashboardBytes / 1024).toFixed(1)} KB minified (js ${(Buffer.byteLength(dashboard.js) / 1024).toFixed(1)} KB, css ${(Buffer.byteLength(dashboard.css) / 1024).toFixed(1)} KB)`);
// Issue 9: the dashboard stays within 150 KB minified.
if (dashboardBytes > 150 * 1024) throw new Error(`dashboard is ${dashboardBytes} B minified: over the 150 KB budget`);
