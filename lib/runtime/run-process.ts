import { nodeProcess } from "./builtin.ts";
import type { ProcessResult, RunProcessOptions } from "./types.ts";

type ChildProcessApi = typeof import("node:child_process");

/**
 * Runs a program to its end through node:child_process (Deno 2 has it too),
 * loaded on the first call so commands that never run one do not pay for it.
 * The child gets its own process group on POSIX, so a timeout kills
 * everything it started (a shell and the program it runs), not only the
 * shell. Never rejects: a missing program is `notFound`, a timeout `timedOut`.
 */
export function runProcess(argv: string[], opts: RunProcessOptions): Promise<ProcessResult> {
  const process = nodeProcess();
  const cp = process.getBuiltinModule("node:child_process") as ChildProcessApi;
  const [command, ...args] = argv;
  if (command === undefined) throw new RangeError("runProcess: argv is empty");
  const posix = process.platform !== "win32";
  return new Promise((resolve) => {
    const stdout: Uint8Array[] = [];
    const stderr: Uint8Array[] = [];
    let timedOut = false;
    let done = false;
    const child = cp.spawn(command, args, {
      cwd: opts.cwd,
      env: opts.env ? { ...process.env, ...opts.env } : process.env,
      stdio: ["pipe", "pipe", "pipe"],
      detached: posix,
    });
    const finish = (result: Pick<ProcessResult, "code" | "signal" | "notFound">) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve({ ...result, stdout: text(stdout), stderr: text(stderr), timedOut });
    };
    const kill = () => {
      try {
        if (posix && child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
        else child.kill("SIGKILL");
      } catch {
        // Already gone.
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
      // A grandchild outside the group may still hold the pipes open: do not wait for them.
      if (child.exitCode !== null || child.signalCode !== null) finish({ code: child.exitCode, signal: child.signalCode ?? undefined, notFound: false });
    }, opts.timeoutMs);
    child.stdout!.on("data", (c: Uint8Array) => stdout.push(c));
    child.stderr!.on("data", (c: Uint8Array) => stderr.push(c));
    child.on("error", (err: NodeJS.ErrnoException) => {
      // ENOENT/EACCES from spawn: no such program (a missing cwd is reported the same way, so it is checked first by callers).
      if (stderr.length === 0) stderr.push(new TextEncoder().encode(err.message));
      finish({ code: null, notFound: err.code === "ENOENT", signal: undefined });
    });
    child.on("exit", (code, signal) => {
      if (timedOut) finish({ code, signal: signal ?? undefined, notFound: false });
    });
    child.on("close", (code, signal) => finish({ code, signal: signal ?? undefined, notFound: false }));
    // A child that exits without reading its input makes the write fail with EPIPE: not our failure.
    child.stdin!.on("error", () => {});
    child.stdin!.end(opts.input ?? "");
  });
}

function text(chunks: Uint8Array[]): string {
  const all = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.length;
  }
  return new TextDecoder().decode(all);
}
