import type { ProcessExit } from "../runtime/mod.ts";
import { AgentError } from "./agent-error.ts";
import { systemClock } from "./clock.ts";
import { Connection, ConnectionFailure } from "./connection.ts";
import type { JsonObject } from "./json-rpc.ts";
import { codexLaunchArgv, DEFAULT_CODEX_COMMAND } from "./launch.ts";
import type { InitializeParams } from "./protocol/initialize-params.ts";
import type { ThreadResumeParams } from "./protocol/v2/thread-resume-params.ts";
import type { ThreadStartParams } from "./protocol/v2/thread-start-params.ts";
import { Session } from "./session.ts";
import { startThread, threadIdOf } from "./start-thread.ts";
import type { AgentSession } from "./session.ts";
import type { SessionOptions } from "./types.ts";

export const CODEX_NOT_FOUND = "codex not found: install @openai/codex or set codex.command in WORKFLOW.md";

const lastLines = (text: string) => text.trim().split("\n").slice(-3).join(" | ").slice(-500);

/**
 * Starts `codex.command` (through `sh -lc`, in the workspace, in its own
 * process group), performs the handshake (initialize, initialized) and
 * starts a thread, or resumes `resumeThreadId` and falls back to a new
 * thread when Codex refuses (SPEC-10.2-a). Throws AgentError: reason
 * invalid_workspace_cwd (path missing or not absolute), codex_not_found,
 * handshake_failed or response_timeout (the message names the command),
 * response_error (thread/start refused). The process is gone when it throws.
 */
export async function startSession(opts: SessionOptions): Promise<AgentSession> {
  const command = opts.command?.trim() || DEFAULT_CODEX_COMMAND;
  const clock = opts.clock ?? systemClock;
  const readTimeoutMs = opts.readTimeoutMs ?? 5000;
  const launchDir = opts.launchDir ?? opts.workspace;
  checkDir(opts, launchDir);
  let conn: Connection | undefined;
  let child;
  try {
    child = await opts.runtime.spawnProcess(codexLaunchArgv(command), { cwd: launchDir, env: opts.env, onLine: (l) => conn?.receive(l) });
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === "ENOENT") throw new AgentError("codex_not_found", "Cannot start Codex: sh not found", "put sh on PATH");
    throw new AgentError("handshake_failed", `Cannot start codex.command "${command}": ${(err as Error).message}`);
  }
  const handshakeExit = (exit: ProcessExit) => {
    if (exit.code === 127) return new ConnectionFailure("codex_not_found", CODEX_NOT_FOUND, lastLines(child.stderrTail()));
    const how = exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
    const why = lastLines(child.stderrTail());
    return new ConnectionFailure("handshake_failed", `codex.command "${command}" ${how} before the session started${why ? `: ${why}` : ""}`);
  };
  conn = new Connection(child, clock, opts.maxMalformedLines ?? 100, handshakeExit);
  const session = new Session(conn, opts, command, clock);
  // Not ours to explain: what the workspaceReady promise rejected with goes to the caller as it is.
  let notReady: { err: unknown } | undefined;
  try {
    await handshake(conn, command, readTimeoutMs);
    if (opts.workspaceReady) {
      // The process started while the worktree was being made; the thread needs it now.
      try {
        await opts.workspaceReady;
      } catch (err) {
        notReady = { err };
        throw new ConnectionFailure("session_closed", "the workspace could not be prepared");
      }
      checkDir(opts, opts.workspace);
    }
    const { threadId, resumed, startParams } = await openThread(conn, opts, readTimeoutMs);
    session.begin(threadId, resumed, startParams);
    if (opts.threadName) await conn.request("thread/name/set", { threadId, name: opts.threadName }, readTimeoutMs).catch(() => undefined);
    return session;
  } catch (err) {
    const failure = err instanceof ConnectionFailure ? err : new ConnectionFailure("handshake_failed", String(err));
    conn.fail(failure);
    await child.exited;
    if (notReady) throw notReady.err;
    if (err instanceof AgentError) throw err;
    throw new AgentError(failure.reason, failure.message, failure.reason === "codex_not_found" ? failure.detail : undefined);
  }
}

/** Throws invalid_workspace_cwd unless `dir` is an existing absolute directory. */
function checkDir(opts: SessionOptions, dir: string): void {
  const info = opts.runtime.fs.stat(dir);
  if (!dir.startsWith("/") || !info?.isDirectory) {
    const what = !dir.startsWith("/") ? "is not an absolute path" : info ? "is not a directory" : "does not exist";
    throw new AgentError("invalid_workspace_cwd", `Cannot start Codex: workspace "${dir}" ${what}`);
  }
}

async function handshake(conn: Connection, command: string, readTimeoutMs: number): Promise<void> {
  const params: InitializeParams = {
    clientInfo: { name: "maestro", title: "Maestro", version: MAESTRO_VERSION },
    capabilities: { experimentalApi: true, requestAttestation: false },
  };
  try {
    await conn.request("initialize", params, readTimeoutMs);
  } catch (err) {
    if (!(err instanceof ConnectionFailure)) throw err;
    if (err.reason === "response_timeout") throw new ConnectionFailure("response_timeout", `codex.command "${command}" did not answer initialize within ${readTimeoutMs} ms`);
    if (err.reason === "response_error") throw new ConnectionFailure("handshake_failed", `codex.command "${command}" refused initialize: ${err.detail}`);
    if (err.reason === "malformed_output") throw new ConnectionFailure("handshake_failed", `codex.command "${command}" does not speak the app-server protocol: ${err.message}`);
    throw err;
  }
  conn.notify("initialized", {});
}

/** thread/resume of a known thread (falling back to thread/start when refused), else thread/start. */
async function openThread(conn: Connection, opts: SessionOptions, readTimeoutMs: number): Promise<{ threadId: string; resumed: boolean; startParams: ThreadStartParams }> {
  const config: JsonObject = { ...opts.config };
  for (const [name, server] of Object.entries(opts.mcpServers ?? {})) config[`mcp_servers.${name}`] = server;
  const common: ThreadStartParams = {
    cwd: opts.workspace,
    approvalPolicy: opts.approvalPolicy ?? null,
    sandbox: opts.sandbox ?? null,
    model: opts.model ?? null,
    config: Object.keys(config).length > 0 ? (config as ThreadStartParams["config"]) : null,
  };
  if (opts.resumeThreadId) {
    const params: ThreadResumeParams = { threadId: opts.resumeThreadId, ...common, excludeTurns: true };
    try {
      const id = threadIdOf(await conn.request("thread/resume", params, readTimeoutMs));
      if (id) return { threadId: id, resumed: true, startParams: common };
    } catch (err) {
      if (!(err instanceof ConnectionFailure) || err.reason !== "response_error") throw err;
    }
  }
  return { threadId: await startThread(conn, common, readTimeoutMs), resumed: false, startParams: common };
}
