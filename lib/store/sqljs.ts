import type { Runtime } from "../runtime/mod.ts";
import type { Database, SqlJsStatic } from "sql.js";

let loading: Promise<SqlJsStatic> | undefined;

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

// atob() plus a per-character callback takes ~75 ms on this WASM; a table lookup takes ~2 ms.
function decodeBase64(text: string): Uint8Array {
  const table = new Uint8Array(128);
  for (let i = 0; i < ALPHABET.length; i++) table[ALPHABET.charCodeAt(i)] = i;
  const clean = text.replace(/=+$/, "");
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let o = 0;
  for (let i = 0; i < clean.length; i += 4) {
    const a = table[clean.charCodeAt(i)]!, b = table[clean.charCodeAt(i + 1)]!;
    const c = table[clean.charCodeAt(i + 2)] ?? 0, d = table[clean.charCodeAt(i + 3)] ?? 0;
    const n = (a << 18) | (b << 12) | (c << 6) | d;
    out[o++] = n >> 16;
    if (o < out.length) out[o++] = (n >> 8) & 0xff;
    if (o < out.length) out[o++] = n & 0xff;
  }
  return out;
}

/**
 * Loads sql.js once, from the WASM inlined in the bundle (gzipped, see
 * scripts/esbuild-config.ts): nothing is read from disk or the network.
 * Imported lazily so commands that never open a database do not pay for it.
 */
export function loadSqlJs(runtime: Runtime): Promise<SqlJsStatic> {
  loading ??= (async () => {
    const [{ default: initSqlJs }, { default: wasmGz }] = await Promise.all([
      import("sql.js"),
      import("virtual:sqlite-wasm"),
    ]);
    const wasm = runtime.gunzip(decodeBase64(wasmGz));
    return initSqlJs({ wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer });
  })();
  return loading;
}

export type { Database };
