/**
 * Builds dist/maestro.js: one ESM file with a shebang and its run bit, the
 * sql.js WASM inlined. Run with `node --experimental-strip-types` is not
 * available on Node 20, so package.json runs this through esbuild first.
 */
import * as esbuild from "esbuild";
import * as fs from "node:fs";
import { esmBanner, sharedOptions } from "./esbuild-config.ts";

const pkg = JSON.parse(fs.readFileSync("package.json", "utf8")) as { version: string };
const outfile = "dist/maestro.js";

await esbuild.build({
  ...sharedOptions(pkg.version),
  entryPoints: ["mod.ts"],
  outfile,
  minify: true,
  banner: { js: `#!/usr/bin/env node\n${esmBanner}` },
});
fs.chmodSync(outfile, 0o755);
// Node decides ESM vs CJS from the nearest package.json; this one keeps dist/ ESM wherever it sits.
fs.writeFileSync("dist/package.json", '{"type":"module"}\n');
const size = fs.statSync(outfile).size;
console.log(`${outfile}: ${(size / 1024).toFixed(0)} KB`);
