import { nodeProcess, nodeUrl } from "./builtin.ts";
import { nodeFileSystem } from "./fs.ts";
import { createFetchHttpClient, postJsonFetch } from "./http-client.ts";
import { gunzip, homeDir, isProcessAlive, killProcessGroup, onSignal, output, preferQuickExit, readStdin, stdinChunks } from "./process.ts";
import { runProcess } from "./run-process.ts";
import { spawnProcess } from "./spawn-process.ts";
import type { DenoServeApi } from "./serve-deno.ts";
import type { FileInfo, FileSystem, Output, Runtime } from "./types.ts";

/** Deno.stdout / Deno.stderr. */
interface DenoWriter {
  writeSync(bytes: Uint8Array): number;
  isTerminal(): boolean;
}

/** The slice of the Deno namespace this adapter uses. */
export interface DenoApi extends DenoServeApi {
  version: { deno: string };
  build: { os: string };
  pid: number;
  args: string[];
  execPath(): string;
  cwd(): string;
  exit(code: number): never;
  env: { get(name: string): string | undefined };
  stdin: { isTerminal(): boolean };
  stdout: DenoWriter;
  stderr: DenoWriter;
  consoleSize(): { columns: number; rows: number };
  statSync(path: string): { size: number; isFile: boolean; isDirectory: boolean; mode: number | null; mtime: Date | null };
  readFileSync(path: string): Uint8Array;
  errors: { NotFound: new (...args: never[]) => Error };
}

/**
 * The Deno 2 adapter. A command answered by a live daemon (read the
 * discovery file, check its pid, one fetch, print) runs on Deno's own APIs
 * only: the first node: module, or the first touch of globalThis.process,
 * starts Deno's Node-compatibility layer, ~25 ms of a ~110 ms command. Those
 * native answers keep Node's results and errors: anything unusual (a failed
 * read, an odd pid) is handed to the node:fs / node:process code, loaded
 * then, which both runtimes share for everything else (the store's
 * files, signals, standard input, ...).
 */
export function denoRuntime(deno: DenoApi, moduleUrl: string): Runtime {
  const posix = deno.build.os !== "windows";
  let selfCommand: string[] | undefined;
  return {
    name: "deno",
    version: deno.version.deno,
    // Worked out when asked (node:url): only `maestro mcp` and starting a daemon need it.
    get selfCommand() {
      return (selfCommand ??= [deno.execPath(), "run", "-A", nodeUrl().fileURLToPath(moduleUrl)]);
    },
    pid: deno.pid,
    // process.platform on Deno is Deno.build.os, with Node's name for Windows.
    platform: posix ? deno.build.os : "win32",
    fs: posix ? denoFileSystem(deno) : nodeFileSystem,
    stdout: posix ? denoOutput(deno, deno.stdout) : output(nodeProcess().stdout),
    stderr: posix ? denoOutput(deno, deno.stderr) : output(nodeProcess().stderr),
    args: () => deno.args,
    env: (name) => deno.env.get(name),
    cwd: () => deno.cwd(),
    // Deno's os.homedir(): $HOME unless empty, else the user database (asked through node:os).
    homeDir: () => (posix && deno.env.get("HOME")) || homeDir(),
    exit: (code) => deno.exit(code),
    readStdin,
    stdinChunks,
    isStdinTerminal: () => deno.stdin.isTerminal(),
    isProcessAlive: (pid) => (deno.build.os === "linux" && procEntryExists(deno, pid)) || isProcessAlive(pid),
    killProcessGroup,
    gunzip,
    preferQuickExit,
    onSignal,
    // Loaded on first use, as on Node: one-shot commands do not parse the server.
    serve: async (opts) => (await import("./serve-deno.ts")).serveDeno(deno, opts),
    postJson: postJsonFetch,
    httpClient: () => createFetchHttpClient(),
    runProcess,
    spawnProcess,
  };
}

/**
 * True when /proc/<pid> exists: then kill(pid, 0) would find it too. False
 * says nothing (another user's process under hidepid, no /proc): the caller
 * asks kill(2), so a dead daemon costs the compatibility layer, a live one does not.
 */
/** A live (not zombie) process by its /proc entry; false when there is none or it cannot be read. */
function procEntryExists(deno: DenoApi, pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    const stat = new TextDecoder().decode(deno.readFileSync(`/proc/${pid}/stat`));
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return false;
  }
}

/**
 * stat and readText natively (what finding a daemon needs), the rest through
 * node:fs. A failure other than "no such file" is retried through node:fs,
 * which throws the Node-style error (err.code) callers expect.
 */
function denoFileSystem(deno: DenoApi): FileSystem {
  // ignoreBOM keeps a leading U+FEFF, as node:fs's "utf8" does.
  const utf8 = new TextDecoder("utf-8", { ignoreBOM: true });
  return {
    ...nodeFileSystem,
    readText(p) {
      let bytes: Uint8Array;
      try {
        bytes = deno.readFileSync(p);
      } catch {
        return nodeFileSystem.readText(p);
      }
      return utf8.decode(bytes);
    },
    stat(p): FileInfo | undefined {
      let s: ReturnType<DenoApi["statSync"]>;
      try {
        s = deno.statSync(p);
      } catch (err) {
        if (err instanceof deno.errors.NotFound) return undefined;
        return nodeFileSystem.stat(p);
      }
      if (s.mode === null || s.mtime === null) return nodeFileSystem.stat(p);
      // Deno's node:fs builds mtimeMs from the same whole-millisecond Date.
      return { size: s.size, isFile: s.isFile, isDirectory: s.isDirectory, mode: s.mode, mtimeMs: s.mtime.getTime() };
    },
  };
}

const encoder = new TextEncoder();

/**
 * Standard output or error written synchronously, as process.stdout does on
 * Deno (and on Node for files, pipes and POSIX terminals). A failed write
 * (EPIPE: the reader left, as `| head` does) behaves as process.stdout's
 * unhandled 'error' event: the write itself returns, later writes are
 * dropped, and the error is thrown from a later task, which a one-shot
 * command exits before (it did not notice the closed pipe before either) and
 * which ends a process that keeps running.
 */
function denoOutput(deno: DenoApi, stream: DenoWriter): Output {
  let failed = false;
  return {
    write(text) {
      if (failed) return;
      const bytes = encoder.encode(text);
      try {
        for (let at = 0; at < bytes.length; ) at += stream.writeSync(bytes.subarray(at));
      } catch (err) {
        failed = true;
        const code = (err as { code?: string }).code ?? "EIO";
        const error = Object.assign(new Error(`write ${code}`), { code, syscall: "write" });
        setTimeout(() => {
          throw error;
        }, 0);
      }
    },
    get isTerminal() {
      return stream.isTerminal();
    },
    get columns() {
      if (!stream.isTerminal()) return undefined;
      try {
        return deno.consoleSize().columns;
      } catch {
        return undefined;
      }
    },
  };
}
