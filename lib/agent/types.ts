import type { Runtime } from "../runtime/mod.ts";
import type { Clock } from "./clock.ts";
import type { JsonValue } from "./protocol/serde_json/json-value.ts";
import type { AskForApproval } from "./protocol/v2/ask-for-approval.ts";
import type { SandboxMode } from "./protocol/v2/sandbox-mode.ts";
import type { SandboxPolicy } from "./protocol/v2/sandbox-policy.ts";

/** Token counts as Codex reports them (tokenUsage.total). */
export interface TokenTotals {
  inputTokens: number;
  cachedInputTokens: number;
  outputTokens: number;
  reasoningOutputTokens: number;
  totalTokens: number;
}

/** Why a session could not start or a turn did not complete (SPEC-10.6-b, plus Maestro's own). */
export type FailureReason =
  | "codex_not_found"
  | "invalid_workspace_cwd"
  | "handshake_failed"
  | "response_timeout"
  | "response_error"
  | "turn_failed"
  | "turn_cancelled"
  | "turn_timeout"
  | "stall_timeout"
  | "port_exit"
  | "malformed_output"
  | "approval_required"
  | "turn_input_required"
  | "session_closed";

/** What one turn came to. `turn/completed` with status completed is the only success. */
export type TurnResult =
  | { ok: true; threadId: string; turnId: string; lastMessage: string | undefined }
  | { ok: false; reason: FailureReason; message: string; threadId?: string; turnId?: string };

/** The kinds of server request a human may have to answer. */
export type InterruptKind = "command_approval" | "file_approval" | "permissions" | "user_input" | "elicitation";

/**
 * A server request waiting for a human (approval policy other than "never").
 * The caller stores it and calls `answer` (or `decline`) once; after a
 * timeout, the end of the turn or the process, the client declines or drops
 * it itself and `answer` returns false.
 */
export interface PendingInterrupt {
  /** `<threadId>:<turnId>:<itemId>:<requestId>` (empty parts left out). */
  readonly id: string;
  readonly kind: InterruptKind;
  /** The JSON-RPC method, e.g. "item/commandExecution/requestApproval". */
  readonly method: string;
  /** One line for a human: the command, the reason, the question. */
  readonly summary: string;
  /** The request's params as received (command, cwd, questions, availableDecisions, ...). */
  readonly params: Record<string, unknown>;
  readonly threadId: string | undefined;
  readonly turnId: string | undefined;
  readonly requestedAt: number;
  /** Sends `result` (the shape codex-app-server.md §6 gives for this method); false when no longer pending. */
  answer(result: JsonValue): boolean;
  /** Sends this kind's "no" (decline, denied, no permissions, no answers); false when no longer pending. */
  decline(): boolean;
}

/** Something the session did, for logs and the runtime event stream (SPEC-10.4-a). */
export type AgentEvent = { at: number; pid: number } & (
  | { type: "session_started"; threadId: string; resumed: boolean }
  | { type: "turn_started"; threadId: string; turnId: string }
  | { type: "turn_ended"; threadId: string; turnId: string; result: TurnResult }
  | { type: "tokens"; threadId: string; delta: TokenTotals; total: TokenTotals }
  | { type: "auto_answered"; method: string; result: JsonValue }
  | { type: "interrupt_requested"; interrupt: PendingInterrupt }
  | { type: "interrupt_resolved"; id: string; how: "answered" | "timed_out" | "cleared" }
  | { type: "notification"; method: string }
  | { type: "malformed"; line: string; count: number }
);

/** One entry of a session's bounded history. */
export type HistoryItem =
  | { kind: "agent_message"; at: number; text: string }
  | { kind: "command"; at: number; command: string; status: string; exitCode: number | null; outputTail: string }
  | { kind: "file_change"; at: number; paths: string[]; status: string }
  | { kind: "plan"; at: number; text: string };

/** What is known about a live session right now (a copy: later changes do not show in it). */
export interface SessionState {
  pid: number;
  threadId: string | undefined;
  turnId: string | undefined;
  /** `<threadId>-<turnId>` (SPEC-10.2-g), once a turn has started. */
  sessionId: string | undefined;
  lastEvent: { method: string; at: number } | undefined;
  lastMessage: string | undefined;
  turnsStarted: number;
  turnsCompleted: number;
  /** Tokens spent during this session (deltas, so a resumed thread does not count twice). */
  tokens: TokenTotals;
  /** The last absolute totals per thread: persist them and pass them back as `tokenBaseline`. */
  threadTotals: Record<string, TokenTotals>;
  /** The last account/rateLimits/updated payload. */
  rateLimits: unknown;
  history: HistoryItem[];
}

/** An MCP server Codex should start for the thread: passed through as `mcp_servers.<name>` config. */
export type McpServerConfig = { [key: string]: JsonValue };

/** How to start a session: the caller (the orchestrator) reads WORKFLOW.md and passes the values. */
export interface SessionOptions {
  runtime: Pick<Runtime, "spawnProcess" | "fs">;
  /** codex.command; default "codex app-server". Run through `sh -lc`. */
  command?: string;
  /** The workspace: absolute; the thread's and every turn's `cwd`, and the process's unless `launchDir`. */
  workspace: string;
  /**
   * Where the process starts, when the workspace is still being made (the
   * caller passes `workspaceReady`): Codex starts up in parallel with the
   * worktree, and the thread opens in the workspace once it is ready.
   */
  launchDir?: string;
  /** Resolves when `workspace` exists; its rejection ends the session before a thread opens and is thrown as it is. */
  workspaceReady?: Promise<void>;
  /** Variables added to the process's environment. */
  env?: Record<string, string>;
  /** codex.approval_policy, passed through; "never" also makes the client decline by itself. */
  approvalPolicy?: AskForApproval;
  /** thread/start `sandbox`. */
  sandbox?: SandboxMode;
  /** turn/start `sandboxPolicy`, sent on every turn. */
  sandboxPolicy?: SandboxPolicy;
  model?: string;
  /** Extra thread config (config.toml keys), e.g. initial_collaboration_mode. */
  config?: { [key: string]: JsonValue };
  /** MCP servers by name (e.g. Maestro's own), merged into `config` as `mcp_servers.<name>`. */
  mcpServers?: Record<string, McpServerConfig>;
  /** Resume this thread; falls back to a new one when Codex no longer has it. */
  resumeThreadId?: string;
  /** thread/name/set after the thread starts, e.g. "MAE-12: Fix it" (SPEC-10.2-e). */
  threadName?: string;
  /** Last persisted absolute token totals per thread, so a resumed thread's replay counts zero. */
  tokenBaseline?: Record<string, TokenTotals>;
  /** Per request/response (initialize, thread/start, turn/start); default 5000. */
  readTimeoutMs?: number;
  /** Longest a turn may run (paused while a human is asked); default 3600000; 0 disables. */
  turnTimeoutMs?: number;
  /** Longest silence during a turn; default 300000; 0 disables. */
  stallTimeoutMs?: number;
  /** Longest a pending interrupt waits before it is declined; default 3600000; 0 waits forever. */
  interruptTimeoutMs?: number;
  /** More non-JSON-RPC stdout lines than this fail the session; default 100. */
  maxMalformedLines?: number;
  clock?: Clock;
  onEvent?(event: AgentEvent): void;
  /** A human must decide. Without it such requests fail the turn (approval_required, turn_input_required). */
  onInterrupt?(interrupt: PendingInterrupt): void;
}

/** What one turn sends. */
export interface TurnInput {
  text: string;
  /** Absolute paths of local images (localImage inputs). */
  images?: string[];
}
