/** What Maestro needs from the JavaScript runtime it runs on. */
export interface Runtime {
  /** "node" or "deno": for display and diagnostics only, never for branching outside runtime/. */
  readonly name: "node" | "deno";
  /** The runtime's own version, e.g. "20.20.2". */
  readonly version: string;
  /** The command that re-runs this very file, e.g. ["node", "/abs/maestro.js"]. */
  readonly selfCommand: string[];
  readonly pid: number;
  readonly platform: string;
  readonly fs: FileSystem;
  readonly stdout: Output;
  readonly stderr: Output;
  args(): string[];
  env(name: string): string | undefined;
  cwd(): string;
  homeDir(): string;
  /** Ends the process with `code` once stdout and stderr have handed everything to the OS. */
  exit(code: number): void;
  /** Reads standard input to its end as text. */
  readStdin(): Promise<string>;
  /** Standard input as it arrives, for long-lived readers (the MCP stdio bridge); ends at EOF. */
  stdinChunks(): AsyncIterable<Uint8Array>;
  isStdinTerminal(): boolean;
  /** True when a process with this pid exists (signal 0). */
  isProcessAlive(pid: number): boolean;
  /** Signals a whole process group (default SIGKILL): a Codex left behind by a crashed daemon. */
  killProcessGroup(pid: number, signal?: "SIGTERM" | "SIGKILL"): void;
  /**
   * Tunes the engine for a process that runs one command and exits: WASM is
   * compiled by the baseline compiler only. Node otherwise optimizes all of
   * sql.js in the background and waits for it at exit (~0.4 s per command).
   * Long-lived processes (the daemon) must not call this.
   */
  preferQuickExit(): void;
  /** Inflates gzip bytes (synchronous: used once at startup for the inlined WASM). */
  gunzip(bytes: Uint8Array): Uint8Array;
  /** Runs `fn` on SIGINT/SIGTERM; returns a function that removes the handler. */
  onSignal(signal: "SIGINT" | "SIGTERM", fn: () => void): () => void;
  /**
   * Serves HTTP (and WebSocket upgrades) with web-standard Request/Response.
   * Resolves once listening; rejects with the OS error untouched (`err.code`
   * "EADDRINUSE", "EACCES", ...).
   */
  serve(opts: ServeOptions): Promise<HttpServer>;
  /**
   * POSTs `body` as application/json and reads the whole answer, whatever its
   * status. Leaves no socket behind that would keep a one-shot process
   * alive. Rejects only when no whole answer arrives (refused, reset), with
   * the runtime's error message. Node uses node:http (its global fetch loads
   * undici on first use, which costs a CLI command tens of ms); Deno, fetch.
   */
  postJson(url: string, headers: Record<string, string>, body: string): Promise<HttpReply>;
  /** A POST client that keeps connections open between requests, for long-lived callers (the MCP bridge). */
  httpClient(): HttpClient;
  /**
   * Runs a program (no shell: argv[0] is looked up on PATH) to its end and
   * collects its output as text: `input` is written to its standard input,
   * which is then closed. After `timeoutMs` the program and everything it
   * started (its process group, on POSIX) are killed with SIGKILL and
   * `timedOut` is set. Never rejects for the program's sake: a program that
   * cannot be found gives `notFound` (callers check that `cwd` exists).
   * node:child_process is loaded on the first call (Deno 2 has it too).
   */
  runProcess(argv: string[], opts: RunProcessOptions): Promise<ProcessResult>;
  /**
   * Starts a long-lived program (no shell: argv[0] is looked up on PATH) in
   * its own process group, for a conversation over its standard input and
   * output (the Codex app-server). Resolves once it runs; rejects with the
   * spawn error untouched (`err.code` "ENOENT" for a missing program, and
   * also for a missing `cwd`: callers check that first).
   * node:child_process is loaded on the first call (Deno 2 has it too).
   */
  spawnProcess(argv: string[], opts: SpawnOptions): Promise<SpawnedProcess>;
}

export interface SpawnOptions {
  cwd?: string;
  /** Variables added to this process's environment. */
  env?: Record<string, string>;
  /** Called with each line of standard output, without its line break. */
  onLine(line: string): void;
  /** How much of standard error to keep (the end of it); default 16 KiB. */
  stderrTailBytes?: number;
  /** A longer output line is cut to this length and the rest of it dropped; default 16 MiB. */
  maxLineBytes?: number;
}

/** How a program ended: `code` is null when a signal ended it. */
export interface ProcessExit {
  code: number | null;
  signal: string | null;
}

/** A running program started by `spawnProcess`. */
export interface SpawnedProcess {
  readonly pid: number;
  /** Writes to its standard input; false (nothing written) once that is closed. */
  write(text: string): boolean;
  /** Closes its standard input (EOF). */
  closeStdin(): void;
  /** The last bytes it wrote to standard error, as text. */
  stderrTail(): string;
  /** Settles when it has exited and its output has been read (every `onLine` call comes before). */
  readonly exited: Promise<ProcessExit>;
  /** Sends `signal` (default SIGKILL) to its whole process group and, on Linux, to every descendant that left the group; a no-op once they are gone. */
  killGroup(signal?: "SIGTERM" | "SIGKILL"): void;
}

export interface RunProcessOptions {
  cwd?: string;
  /** Written to standard input, which is closed after it (or at once without it). */
  input?: string;
  timeoutMs: number;
  /** Variables added to this process's environment. */
  env?: Record<string, string>;
}

/** How a program ended and what it printed. */
export interface ProcessResult {
  /** The exit code; null when it was killed by a signal or never started. */
  code: number | null;
  signal?: string;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  /** The program could not be found (ENOENT); `stderr` has the reason. */
  notFound: boolean;
}

export interface HttpClient {
  postJson(url: string, headers: Record<string, string>, body: string): Promise<HttpReply>;
  /** Closes the idle connections. */
  close(): void;
}

/** An HTTP answer read to its end. */
export interface HttpReply {
  status: number;
  statusText: string;
  body: string;
}

/** Facts about the client behind one request. */
export interface ClientInfo {
  remoteAddress: string;
}

export interface ServeOptions {
  /** e.g. "127.0.0.1". */
  hostname: string;
  /** 0 picks a free port; HttpServer.port has the real one. */
  port: number;
  /**
   * Answers every request that is not a WebSocket upgrade taken by `upgrade`.
   * Bodies stream (runtime/ never buffers them). `req.signal` aborts when the
   * client goes away; on Deno it also aborts after a successful response
   * (Deno's legacy behaviour), so treat a late abort as normal.
   * A throw or rejection becomes 500 {"error":{"code":"internal",...}}.
   */
  fetch(req: Request, info: ClientInfo): Response | Promise<Response>;
  /**
   * Called instead of `fetch` for requests with `Upgrade: websocket`. Return
   * handlers to accept the upgrade, or a Response to refuse it (e.g. 401/403
   * JSON). When absent, such requests go to `fetch` like any other.
   */
  upgrade?(req: Request, info: ClientInfo): WebSocketHandlers | Response | Promise<WebSocketHandlers | Response>;
  /** Receives handler exceptions (defaults to a line on stderr); must not throw. */
  onError?(err: unknown): void;
}

/** Callbacks for one accepted WebSocket. A throw closes that socket with 1011. */
export interface WebSocketHandlers {
  onOpen?(ws: WebSocketConnection): void;
  /** Text messages only: a binary message closes the socket with 1003, one over 1 MiB with 1009. */
  onMessage?(ws: WebSocketConnection, text: string): void;
  onClose?(ws: WebSocketConnection, code: number): void;
}

/** The server side of one WebSocket, the same on both runtimes. */
export interface WebSocketConnection {
  /** Sends a text frame; a no-op once the socket is closing or closed. */
  send(text: string): void;
  close(code?: number, reason?: string): void;
  /** Bytes queued by `send` and not yet written to the network. */
  readonly bufferedAmount: number;
}

/** A listening server. */
export interface HttpServer {
  readonly hostname: string;
  /** The real port, also after binding port 0. */
  readonly port: number;
  /** e.g. "http://127.0.0.1:8787" (IPv6 hosts in brackets). */
  readonly url: string;
  /**
   * Stops accepting at once, closes WebSockets with 1001, lets in-flight
   * requests finish for up to `graceMs`, then cuts whatever remains.
   * Resolves when fully closed; calling it again returns the same promise.
   */
  shutdown(graceMs: number): Promise<void>;
}

export interface Output {
  write(text: string): void;
  readonly isTerminal: boolean;
  /** Terminal width, or undefined when not a terminal. */
  readonly columns: number | undefined;
}

/** A file opened for appending with explicit durability control. */
export interface AppendFile {
  /** Current size in bytes. */
  readonly size: number;
  /** Appends all bytes; throws on a short or failed write. */
  append(bytes: Uint8Array): void;
  /** Flushes file data to the device (fdatasync). */
  sync(): void;
  /** Cuts the file to `length` bytes and syncs. */
  truncate(length: number): void;
  close(): void;
}

export interface FileInfo {
  size: number;
  isFile: boolean;
  isDirectory: boolean;
  mode: number;
  mtimeMs: number;
}

export interface FileSystem {
  readFile(path: string): Uint8Array;
  readText(path: string): string;
  /** Reads at most `length` bytes from the start of a file. */
  readHead(path: string, length: number): Uint8Array;
  stat(path: string): FileInfo | undefined;
  mkdirp(path: string, mode?: number): void;
  /** temp file + fsync + rename + directory fsync: readers see the old or the new file, never half. */
  writeAtomic(path: string, bytes: Uint8Array | string, mode?: number): void;
  /** Creates `path` with `content` only if it does not exist; false when it exists. */
  createExclusive(path: string, content: string, mode?: number): boolean;
  openAppend(path: string): AppendFile;
  rename(from: string, to: string): void;
  remove(path: string): void;
  removeTree(path: string): void;
  readDir(path: string): string[];
  /** The canonical path with every symlink resolved; undefined when it does not exist (or a link dangles). */
  realPath(path: string): string | undefined;
  copyFile(from: string, to: string): void;
  /** Checks the directory accepts new files (write + execute permission). */
  isWritableDir(path: string): boolean;
}
