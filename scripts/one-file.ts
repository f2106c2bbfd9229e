/**
 * Joins esbuild's code-split output into one file whose startup parses only
 * what every command needs. V8 parses the whole source of a module before
 * running it, so an 870 KB bundle costs every command tens of ms even when
 * it only prints its version. Here each chunk becomes a CommonJS-style
 * function: the entry and the chunks it imports statically are written as
 * code; the chunks reached only through import() (zod and the tracker,
 * sql.js and its WASM, the daemon, ws) go gzipped and base64-encoded into
 * one block comment at the end of the file. The engine skips a comment
 * almost for free, where it copies every byte of a string literal (~15 ms
 * for these 800 KB); on the first import() the loader reads its own file
 * once, keeps the table, and compiles the chunk with `new Function`. Each
 * module still exists once, so `instanceof` and module state behave as in
 * a plain bundle.
 */
import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
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
const PARAMS = ["require", "module", "exports", "__filename", "__dirname", "__maestroImport", "__maestroUrl", "__maestroBuiltin"];

/**
 * The module loader at the top of the file. `require` here is the banner's
 * (scripts/esbuild-config.ts): chunk ids resolve to chunks, anything else
 * (node: built-ins, sql.js's optional requires) goes to the runtime, on the
 * first call only, so a command that loads no built-in starts none of Deno's
 * Node-compatibility layer.
 */
const loader = (mark: string) => `
const __maestroUrl = import.meta.url;
const __maestroCache = new Map();
let __maestroLazy;
function __maestroLazySource(id) {
  if (!__maestroLazy) {
    const text = require("node:fs").readFileSync(__filename, "latin1");
    const start = text.lastIndexOf(${JSON.stringify(mark.slice(0, 2))} + ${JSON.stringify(mark.slice(2))});
    if (start < 0) throw new Error(\`Cannot load part of Maestro: \${__filename} was replaced while it ran (run the command again)\`);
    __maestroLazy = new Map();
    for (const line of text.slice(start, text.indexOf("*/", start)).split("\\n").slice(1)) {
      const space = line.indexOf(" ");
      if (space > 0) __maestroLazy.set(line.slice(0, space), line.slice(space + 1));
    }
  }
  const packed = require("node:buffer").Buffer.from(__maestroLazy.get(id), "base64");
  return require("node:zlib").gunzipSync(packed).toString("utf8");
}
function __maestroRequire(id) {
  const cached = __maestroCache.get(id);
  if (cached) return cached.exports;
  const chunk = __maestroChunks[id];
  if (chunk === undefined) return require(id);
  const module = { exports: {} };
  __maestroCache.set(id, module);
  const run = chunk ?? new Function(${PARAMS.map((p) => JSON.stringify(p)).join(", ")}, \`"use strict";\${__maestroLazySource(id)}\`);
  run(__maestroRequire, module, module.exports, __filename, __dirname, __maestroImport, __maestroUrl, __maestroBuiltin);
  return module.exports;
}
const __maestroBuiltins = new Map();
// What __toESM(require(id)) gave, without copying every export: a default import reads .default,
// a namespace import reads the rest through the prototype.
function __maestroBuiltin(id) {
  let view = __maestroBuiltins.get(id);
  if (!view) {
    const mod = require(id);
    view = Object.create(mod, { default: { value: mod, enumerable: true } });
    __maestroBuiltins.set(id, view);
  }
  return view;
}
function __maestroImport(id) {
  return new Promise((resolve) => resolve(__maestroRequire(id)));
}
`;

/** Lazy chunks smaller than this (facades, the remote client) stay code: cheaper than reading the comment. */
const INLINE_BELOW = 4096;

/** Converts one ESM chunk to the body of a chunk function. */
async function toFunctionBody(chunk: Chunk): Promise<string> {
  const plain = await esbuild.transform(chunk.text, { format: "cjs", platform: "node", target: "node20", logLevel: "error" });
  // esbuild wraps each import of a built-in in __toESM, which copies every export onto a
  // new object through a getter: ~3 ms of startup for node:fs, node:process (imported by
  // several modules) and friends. Built-ins do not change; the loader hands out one view each.
  const bound = plain.code.replace(/\b__toESM\(require\(("node:[\w/]+")\)(?:, 1)?\)/g, "__maestroBuiltin($1)");
  const cjs = await esbuild.transform(bound, { format: "cjs", platform: "node", target: "node20", minify: true, logLevel: "error" });
  // esbuild keeps import() in CommonJS output; send chunk and built-in imports to the loader
  // (a chunk compiled by `new Function` has no module to resolve import() against).
  return cjs.code.replace(/\bimport\(\s*"((?:\.\/|node:)[\w./-]+)"\s*\)/g, (_, id: string) => `__maestroImport(${JSON.stringify(id)})`);
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

/**
 * Returns the one file's text (without banner): the loader, the chunk table
 * (a function per eager chunk, null for a lazy one), the entry's evaluation,
 * then the comment with the lazy chunks, one `id base64(gzip(code))` per line.
 */
export async function joinChunks(chunkList: Chunk[], entry: string): Promise<string> {
  const chunks = new Map(chunkList.map((c) => [c.id, c]));
  const eager = eagerIds(chunks, entry);
  const rows: string[] = [];
  const lazy: string[] = [];
  for (const c of chunkList) {
    const body = await toFunctionBody(c);
    if (/\bimport\(/.test(body.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`(?:[^`\\]|\\.)*`/g, ""))) {
      throw new Error(`${c.id}: an import() of something other than a chunk is left; the loader cannot serve it`);
    }
    if (eager.has(c.id) || body.length < INLINE_BELOW) rows.push(`${JSON.stringify(c.id)}:function(${PARAMS.join(",")}){${body}\n}`);
    else {
      rows.push(`${JSON.stringify(c.id)}:null`);
      lazy.push(`${c.id} ${gzipSync(body, { level: 9 }).toString("base64")}`);
    }
  }
  // The build's hash in the marker: a file rebuilt under a running process is noticed, not misread.
  const mark = `/*maestro-lazy-chunks ${createHash("sha256").update(lazy.join("\n")).digest("hex").slice(0, 16)}`;
  const table = `const __maestroChunks={\n${rows.join(",\n")}\n};\n`;
  return `${loader(mark)}${table}__maestroRequire(${JSON.stringify(entry)});\n${mark}\n${lazy.join("\n")}\n*/\n`;
}
