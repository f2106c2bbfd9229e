import type { BuildOptions, Plugin } from "esbuild";
import * as fs from "node:fs";
import * as path from "node:path";
import { createRequire } from "node:module";
import { gzipSync } from "node:zlib";
import { dashboardModule } from "./dashboard-bundle.ts";

/**
 * The esbuild options shared by the product bundle and the bundled tests, so
 * tests compile exactly as the product does.
 */

// sql.js's Emscripten glue calls require() and reads __dirname whenever it sees a Node-like
// process (true on Node and Deno), so an ESM bundle must define them. None of it is imported
// statically: on Deno the first node: module (or the first touch of globalThis.process) starts
// the Node-compatibility layer, ~25 ms that a command answered by the daemon never needs. So
// `require` asks process.getBuiltinModule (Node 20.16 / 22.3, Deno 2) on its first call, and an
// older Node is told so in one line instead of failing somewhere later.
export const esmBanner = [
  `if (typeof Deno === "undefined" && typeof process.getBuiltinModule !== "function") {`,
  `  console.error(\`Maestro needs Node.js 20.16 or newer (22.3 or newer on Node 22); this is \${process.version}\`);`,
  `  process.exit(1);`,
  `}`,
  `const __filename = import.meta.filename;`,
  `const __dirname = import.meta.dirname;`,
  `let __maestroCreatedRequire;`,
  `const __maestroNodeRequire = () =>`,
  `  (__maestroCreatedRequire ??= globalThis.process.getBuiltinModule("node:module").createRequire(import.meta.url));`,
  `function require(id) {`,
  `  return globalThis.process.getBuiltinModule(id) ?? __maestroNodeRequire()(id);`,
  `}`,
  `require.resolve = (id, options) => __maestroNodeRequire().resolve(id, options);`,
].join("\n");

/** Keeps only zod's English locale: the others cost ~260 KB and no message of ours uses them. */
export const zodEnglishOnly: Plugin = {
  name: "zod-english-only",
  setup(b) {
    b.onResolve({ filter: /\/locales\/index\.js$/ }, (a) =>
      a.importer.includes(`${path.sep}zod${path.sep}`)
        ? { path: path.join(path.dirname(a.importer), "../locales/__en_only__.js"), namespace: "zod-en" }
        : undefined);
    b.onLoad({ filter: /.*/, namespace: "zod-en" }, (a) => ({
      contents: `export { default as en } from ${JSON.stringify(a.path.replace("__en_only__.js", "en.js"))};`,
      resolveDir: path.dirname(a.path),
      loader: "js",
    }));
  },
};

/**
 * `virtual:sqlite-wasm` is sql.js's WASM, gzipped and base64-encoded: 40% of the raw size,
 * so the one file stays small and quick to parse; store/ inflates it with DecompressionStream.
 */
export const sqliteWasm: Plugin = {
  name: "sqlite-wasm",
  setup(b) {
    b.onResolve({ filter: /^virtual:sqlite-wasm$/ }, () => ({ path: "sqlite-wasm", namespace: "virtual" }));
    b.onLoad({ filter: /^sqlite-wasm$/, namespace: "virtual" }, () => {
      const file = createRequire(import.meta.url).resolve("sql.js/dist/sql-wasm.wasm");
      const gz = gzipSync(fs.readFileSync(file), { level: 9 }).toString("base64");
      return { contents: `export default ${JSON.stringify(gz)};`, loader: "js", watchFiles: [file] };
    });
  },
};

export function sharedOptions(version: string): BuildOptions {
  return {
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    plugins: [zodEnglishOnly, sqliteWasm, dashboardModule],
    define: { MAESTRO_VERSION: JSON.stringify(version) },
    logLevel: "warning",
    legalComments: "none",
  };
}
