import process from "node:process";
import * as os from "node:os";
import { createRequire } from "node:module";
import type { Output } from "./types.ts";

// Process facts that Node and Deno 2 both expose through node:process.

export function output(stream: NodeJS.WriteStream): Output {
  return {
    write: (text) => void stream.write(text),
    get isTerminal() {
      return Boolean(stream.isTTY);
    },
    get columns() {
      return stream.isTTY ? stream.columns : undefined;
    },
  };
}

export async function readStdin(): Promise<string> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Uint8Array);
  return new TextDecoder().decode(Buffer.concat(chunks));
}

export async function* stdinChunks(): AsyncIterable<Uint8Array> {
  for await (const chunk of process.stdin) yield chunk as Uint8Array;
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function onSignal(signal: "SIGINT" | "SIGTERM", fn: () => void): () => void {
  process.on(signal, fn);
  return () => void process.off(signal, fn);
}

export const homeDir = (): string => os.homedir();

// node:zlib and node:v8 are required on first use: loading them costs ~5 ms
// each, which a command answered by the daemon never needs to pay.
const requireBuiltin = createRequire(import.meta.url);

// node:zlib is much faster than DecompressionStream on Node 20 and exists on Deno too.
export const gunzip = (bytes: Uint8Array): Uint8Array =>
  new Uint8Array((requireBuiltin("node:zlib") as typeof import("node:zlib")).gunzipSync(bytes));

// Must run before sql.js compiles its WASM; Deno's node:v8 accepts the call as well.
export function preferQuickExit(): void {
  try {
    (requireBuiltin("node:v8") as typeof import("node:v8")).setFlagsFromString("--liftoff-only");
  } catch {
    // An engine that refuses the flag just starts a little slower.
  }
}
