/**
 * node:* built-ins, each loaded on first use through process.getBuiltinModule
 * (Node ≥ 20.16 or 22.3, Deno 2) rather than by a static import, which would
 * run at startup. On Deno the first node: module, or the first touch of
 * globalThis.process, starts the Node-compatibility layer (~25 ms), and a
 * CLI command answered by a live daemon never needs it: the Deno adapter
 * serves that path with Deno's own APIs and reaches Node's only through here.
 * On Node the process object is there anyway and these cost a map lookup.
 */

type NodeProcess = typeof import("node:process");

/** The global process object (on Deno: starts the compatibility layer on first touch). */
export const nodeProcess = (): NodeProcess => (globalThis as unknown as { process: NodeProcess }).process;

/** A getter for one built-in, loaded on its first call and kept. */
function lazy<T>(id: string): () => T {
  let mod: T | undefined;
  return () => (mod ??= nodeProcess().getBuiltinModule(id) as T);
}

export const nodeFs = lazy<typeof import("node:fs")>("node:fs");
export const nodeOs = lazy<typeof import("node:os")>("node:os");
export const nodePath = lazy<typeof import("node:path")>("node:path");
export const nodeUrl = lazy<typeof import("node:url")>("node:url");
export const nodeZlib = lazy<typeof import("node:zlib")>("node:zlib");
export const nodeV8 = lazy<typeof import("node:v8")>("node:v8");
