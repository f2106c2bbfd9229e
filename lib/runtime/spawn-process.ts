import { nodeProcess } from "./builtin.ts";
import { descendantsOf } from "./process-tree.ts";
import type { ProcessExit, SpawnedProcess, SpawnOptions } from "./types.ts";

type ChildProcessApi = typeof import("node:child_process");

const DEFAULT_STDERR_TAIL = 16 * 1024;
const DEFAULT_MAX_LINE = 16 * 1024 * 1024;
/** How long `exited` waits for the pipes to close after the program itself has exited. */
const DRAIN_GRACE_MS = 200;

/**
 * Starts a long-lived program (no shell: argv[0] is looked up on PATH) in
 * its own process group (POSIX: `detached`, which both Node and Deno 2's
 * node:child_process turn into setsid), so `killGroup` reaches everything
 * it started. Standard output is split into lines for `onLine`; standard
 * error is kept as a bounded tail. Resolves once the program runs; rejects
 * with the spawn error untouched (`err.code` "ENOENT", "EACCES", ...).
 */
export function spawnProcess(argv: string[], opts: SpawnOptions): Promise<SpawnedProcess> {
  const process = nodeProcess();
  const cp = process.getBuiltinModule("node:child_process") as ChildProcessApi;
  const [command, ...args] = argv;
  if (command === undefined) throw new RangeError("spawnProcess: argv is empty");
  const posix = process.platform !== "win32";
  const child = cp.spawn(command, args, {
    cwd: opts.cwd,
    env: opts.env ? { ...process.env, ...opts.env } : process.env,
    stdio: ["pipe", "pipe", "pipe"],
    detached: posix,
  });
  const tailLimit = opts.stderrTailBytes ?? DEFAULT_STDERR_TAIL;
  let tail = "";
  const errDecoder = new TextDecoder();
  child.stderr!.on("data", (c: Uint8Array) => {
    tail = (tail + errDecoder.decode(c, { stream: true })).slice(-tailLimit);
  });
  const splitter = lineSplitter(opts.onLine, opts.maxLineBytes ?? DEFAULT_MAX_LINE);
  child.stdout!.on("data", (c: Uint8Array) => splitter.push(c));
  // Writing to a program that has exited fails with EPIPE: `exited` reports the exit.
  child.stdin!.on("error", () => {});

  const exited = new Promise<ProcessExit>((resolve) => {
    let done = false;
    const finish = (code: number | null, signal: string | null) => {
      if (done) return;
      done = true;
      splitter.end();
      resolve({ code, signal });
    };
    child.on("close", (code, signal) => finish(code, signal));
    // A grandchild outside the group may hold the pipes open: do not wait for it forever.
    child.on("exit", (code, signal) => void setTimeout(() => finish(code, signal), DRAIN_GRACE_MS));
  });

  const killGroup = (signal: "SIGTERM" | "SIGKILL" = "SIGKILL") => {
    // Descendants first, while their parents still link them to us: some left the group.
    const strays = child.pid === undefined || child.exitCode !== null ? [] : descendantsOf(child.pid);
    try {
      if (posix && child.pid !== undefined) process.kill(-child.pid, signal);
      else child.kill(signal);
    } catch {
      // The group is gone already.
    }
    for (const pid of strays) {
      try {
        process.kill(pid, signal);
      } catch {
        // Exited with its group.
      }
    }
  };

  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("spawn", () => {
      child.off("error", reject);
      child.on("error", () => {});
      resolve({
        pid: child.pid!,
        write(text) {
          if (!child.stdin!.writable) return false;
          child.stdin!.write(text);
          return true;
        },
        closeStdin: () => void child.stdin!.end(),
        stderrTail: () => tail,
        exited,
        killGroup,
      });
    });
  });
}

/** Splits bytes into UTF-8 lines; a line longer than `max` is cut there and its rest dropped. */
function lineSplitter(onLine: (line: string) => void, max: number) {
  const decoder = new TextDecoder();
  let partial = "";
  let overflow = false;
  const emit = (line: string) => {
    const text = line.endsWith("\r") ? line.slice(0, -1) : line;
    onLine(text);
  };
  return {
    push(chunk: Uint8Array) {
      const text = decoder.decode(chunk, { stream: true });
      let start = 0;
      for (let nl = text.indexOf("\n"); nl !== -1; nl = text.indexOf("\n", start)) {
        const piece = text.slice(start, nl);
        if (!overflow) emit(partial + piece);
        partial = "";
        overflow = false;
        start = nl + 1;
      }
      if (overflow) return;
      partial += text.slice(start);
      if (partial.length > max) {
        emit(partial.slice(0, max));
        partial = "";
        overflow = true;
      }
    },
    end() {
      partial += decoder.decode();
      if (partial !== "" && !overflow) emit(partial);
      partial = "";
    },
  };
}
