import { nodeFs, nodeOs, nodeProcess, nodeV8, nodeZlib } from "./builtin.ts";
import type { Output } from "./types.ts";

// Process facts that Node and Deno 2 both expose through node:process (deno.ts
// answers the ones a quick command needs natively first). Loaded on first use:
// see builtin.ts.

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

/**
 * process.exit() drops what a stream still holds: a reader slower than us
 * (`maestro issue list --json | less`) fills the pipe, Node queues the rest,
 * and exiting at once cut such output at 64 KiB. Exit once both have drained.
 */
export function exitWhenFlushed(code: number): void {
  const process = nodeProcess();
  process.exitCode = code;
  const pending = [process.stdout, process.stderr].filter((s) => s.writableLength > 0);
  let left = pending.length;
  const done = () => {
    if (--left <= 0) process.exit(code);
  };
  if (left === 0) process.exit(code);
  for (const stream of pending) {
    stream.once("drain", done);
    // A reader that went away (EPIPE) will never drain: exit without it.
    stream.once("error", () => process.exit(code));
  }
}

export async function readStdin(): Promise<string> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of nodeProcess().stdin) chunks.push(chunk as Uint8Array);
  return new TextDecoder().decode(Buffer.concat(chunks));
}

export async function* stdinChunks(): AsyncIterable<Uint8Array> {
  for await (const chunk of nodeProcess().stdin) yield chunk as Uint8Array;
}

/**
 * Sends `signal` to process group `pid` (a leader spawned by spawnProcess); a
 * group that is gone is fine. On Linux a pid that is no longer a group's
 * leader (reused by an unrelated process) is left alone.
 */
export function killProcessGroup(pid: number, signal: "SIGTERM" | "SIGKILL" = "SIGKILL"): void {
  try {
    if (nodeProcess().platform === "linux") {
      const stat = nodeFs().readFileSync(`/proc/${pid}/stat`, "utf8");
      const pgrp = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]);
      if (pgrp !== pid) return;
    }
    nodeProcess().kill(-pid, signal);
  } catch {
    // ESRCH: already gone; EPERM: not ours to stop.
  }
}

export function isProcessAlive(pid: number): boolean {
  try {
    nodeProcess().kill(pid, 0);
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
  return !isZombie(pid);
}

/** A process that has exited but was never reaped (a container's init may not reap orphans) is not alive. */
export function isZombie(pid: number): boolean {
  if (nodeProcess().platform !== "linux") return false;
  try {
    const stat = nodeFs().readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) === "Z";
  } catch {
    return false;
  }
}

export function onSignal(signal: "SIGINT" | "SIGTERM", fn: () => void): () => void {
  const process = nodeProcess();
  process.on(signal, fn);
  return () => void process.off(signal, fn);
}

export const homeDir = (): string => nodeOs().homedir();

// node:zlib is much faster than DecompressionStream on Node 20 and exists on Deno too.
export const gunzip = (bytes: Uint8Array): Uint8Array => new Uint8Array(nodeZlib().gunzipSync(bytes));

// Must run before sql.js compiles its WASM; Deno's node:v8 accepts the call as well.
export function preferQuickExit(): void {
  try {
    nodeV8().setFlagsFromString("--liftoff-only");
  } catch {
    // An engine that refuses the flag just starts a little slower.
  }
}
