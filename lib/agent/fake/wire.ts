// The v2 app-server shapes the fake sends (reference: codex-app-server.md §3-§9,
// checked against `codex app-server generate-json-schema` of 0.169.0). Times are
// null or 0: the fake's output carries no clock unless the scenario asks.

export type TurnStatus = "inProgress" | "completed" | "failed" | "interrupted";

/** A turn error as in turn/completed and the `error` notification. */
export interface TurnError {
  message: string;
  codexErrorInfo: unknown;
  additionalDetails: null;
}

/** Token counts in the protocol's spelling. */
export interface TokenBreakdown {
  totalTokens: number;
  inputTokens: number;
  cachedInputTokens: number;
  outputTokens: number;
  reasoningOutputTokens: number;
}

export const CLI_VERSION = "0.169.0";

export function threadObject(id: string, cwd: string): Record<string, unknown> {
  return {
    id, preview: "", ephemeral: true, modelProvider: "fake", createdAt: 0, updatedAt: 0,
    status: { type: "idle" }, path: null, cwd, cliVersion: CLI_VERSION, source: "appServer",
    name: null, gitInfo: null, turns: [],
  };
}

export function turnObject(id: string, status: TurnStatus, error: TurnError | null = null): Record<string, unknown> {
  return { id, items: [], status, error, startedAt: null, completedAt: null, durationMs: null };
}

/** `sandbox` of thread/start (kebab-case mode) as the response's SandboxPolicy object. */
export function sandboxPolicy(mode: unknown): Record<string, unknown> {
  if (mode === "read-only") return { type: "readOnly" };
  if (mode === "workspace-write") return { type: "workspaceWrite" };
  return { type: "dangerFullAccess" };
}

export function commandItem(id: string, command: string, cwd: string, status: string, exitCode: number | null, output: string | null): Record<string, unknown> {
  return {
    type: "commandExecution", id, command, cwd, processId: null, status,
    commandActions: [{ type: "unknown", command }], aggregatedOutput: output, exitCode,
    durationMs: status === "inProgress" ? null : 0,
  };
}

export function fileChangeItem(id: string, path: string, content: string, status: string): Record<string, unknown> {
  const diff = content.split("\n").filter((l, i, all) => i < all.length - 1 || l !== "").map((l) => `+${l}`).join("\n");
  return { type: "fileChange", id, changes: [{ path, kind: { type: "add" }, diff }], status };
}

export function addTokens(total: TokenBreakdown, last: TokenBreakdown): TokenBreakdown {
  return {
    totalTokens: total.totalTokens + last.totalTokens,
    inputTokens: total.inputTokens + last.inputTokens,
    cachedInputTokens: total.cachedInputTokens + last.cachedInputTokens,
    outputTokens: total.outputTokens + last.outputTokens,
    reasoningOutputTokens: total.reasoningOutputTokens + last.reasoningOutputTokens,
  };
}

export const ZERO_TOKENS: TokenBreakdown = { totalTokens: 0, inputTokens: 0, cachedInputTokens: 0, outputTokens: 0, reasoningOutputTokens: 0 };

/** The `error` code JSON-RPC answers an invalid request with, as codex does. */
export const INVALID_REQUEST = -32600;
