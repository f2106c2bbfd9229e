import initSqlJs, { type Database, type SqlJsStatic } from "sql.js";
import wasmBinary from "sql.js/dist/sql-wasm.wasm";

let loading: Promise<SqlJsStatic> | undefined;

/** Loads sql.js once, from the WASM inlined in the bundle: nothing is read from disk or the network. */
export function loadSqlJs(): Promise<SqlJsStatic> {
  // @types/sql.js says ArrayBuffer; the Uint8Array esbuild inlines is what Emscripten accepts too.
  loading ??= initSqlJs({ wasmBinary: wasmBinary as unknown as ArrayBuffer });
  return loading;
}

export type { Database };
