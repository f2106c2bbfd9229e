/**
 * Joins esbuild's code-split output into one file whose startup parses only
 * what every command needs. V8 parses the whole source of a module before
 * running it, so an 870 KB bundle costs every command tens of ms even when
 * it only prints its version. Here each chunk becomes a CommonJS-style
 * function: the entry and the chunks it imports statically are written as
 * code; the chunks reached only through import() (zod and the tracker,
 * sql.js and its WASM, the daemon, ws) are kept as string literals, which
 * the engine scans far faster than it parses code, and compiled with
 * `new Function` on first import. Each module still exists once, so
 * `instanceof` and module state behave as in a plain bundle.
 */
import * as esbuild from "esbuild";

/** One output file of an esbuild build with `splitting: true`, `format: "esm"`, `write: false`. */
export interface Chunk {
  /** The name esbuild's import statements use for it, e.g. "./chunk-ABC.js". */
  id: string;
  text: string;
  /** Ids of the chunks it imports with import statements. */
  staticImports: string[];
}

/** The parameters every chunk function receives (names the converted code refers to). */
const PARAMS = ["require", "module", "exports", "__filename", "__dirname", "__maestroImport", "__maestroUrl"];

/**
 * The module loader at the top of the file. `require` here is the banner's
 * createRequire(import.meta.url): chunk ids resolve to chunks, anything else
 * (node: built-ins, sql.js's optional requires) goes to the runtime.
 */
const LOADER = `
const __maestroUrl = import.meta.url;
const __maestroCache = new Map();
function __maestroRequire(id) {
  const cached = __maestroCache.get(id);
  if (cached) return cached.exports;
  const chunk = __maestroChunks[id];
  if (chunk === undefined) return require(id);
  const module = { exports: {} };
  __maestroCache.set(id, module);
  const run = typeof chunk === "function" ? chunk : new Function(${PARAMS.map((p) => JSON.stringify(p)).join(", ")}, chunk);
  run(__maestroRequire, module, module.exports, __filename, __dirname, __maestroImport, __maestroUrl);
  return module.exports;
}
function __maestroImport(id) {
  return new Promise((resolve) => resolve(__maestroRequire(id)));
}
`;

/** Converts one ESM chunk to the body of a chunk function. */
async function toFunctionBody(chunk: Chunk): Promise<string> {
  const cjs = await esbuild.transform(chunk.text, { format: "cjs", platform: "node", target: "node20", minify: true, logLevel: "error" });
  // esbuild keeps import() in CommonJS output; send chunk imports to the loader.
  return cjs.code.replace(/\bimport\(\s*"(\.\/[\w.-]+\.js)"\s*\)/g, (_, id: string) => `__maestroImport(${JSON.stringify(id)})`);
}

/** The ids of the entry and every chunk it reaches through import statements. */
function eagerIds(chunks: Map<string, Chunk>, entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (id: string) => {
    if (seen.has(id)) return;
    seen.add(id);
    for (const dep of chunks.get(id)?.staticImports ?? []) visit(dep);
  };
  visit(entry);
  return seen;
}

/** Returns the one file's text (without banner): the loader, the chunk table, then the entry's evaluation. */
export async function joinChunks(chunkList: Chunk[], entry: string): Promise<string> {
  const chunks = new Map(chunkList.map((c) => [c.id, c]));
  const eager = eagerIds(chunks, entry);
  const rows: string[] = [];
  for (const c of chunkList) {
    const body = await toFunctionBody(c);
    if (/\bimport\(/.test(body.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`(?:[^`\\]|\\.)*`/g, ""))) {
      throw new Error(`${c.id}: an import() of something other than a chunk is left; the loader cannot serve it`);
    }
    const value = eager.has(c.id) ? `function(${PARAMS.join(",")}){${body}\n}` : JSON.stringify(`"use strict";${body}`);
    rows.push(`${JSON.stringify(c.id)}:${value}`);
  }
  return `${LOADER}const __maestroChunks={\n${rows.join(",\n")}\n};\n__maestroRequire(${JSON.stringify(entry)});\n`;
}
