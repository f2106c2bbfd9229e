import { obj, str, type JsonObject } from "./json-rpc.ts";
import { noTokens } from "./token-ledger.ts";
import type { HistoryItem, SessionState } from "./types.ts";

const HISTORY_LIMIT = 64;
const OUTPUT_TAIL = 2048;

/** A fresh state for a process. */
export const newSessionState = (pid: number): SessionState => ({
  pid,
  threadId: undefined,
  turnId: undefined,
  sessionId: undefined,
  lastEvent: undefined,
  lastMessage: undefined,
  turnsStarted: 0,
  turnsCompleted: 0,
  tokens: noTokens(),
  threadTotals: {},
  rateLimits: undefined,
  history: [],
});

/** A copy that later updates do not change. */
export const copyState = (s: SessionState): SessionState => structuredClone(s);

/** Adds the history entry a completed item stands for (agent message, command, file change, plan). */
export function recordItem(state: SessionState, item: JsonObject, at: number): void {
  const entry = historyItem(item, at);
  if (!entry) return;
  if (entry.kind === "agent_message") state.lastMessage = entry.text;
  state.history.push(entry);
  if (state.history.length > HISTORY_LIMIT) state.history.splice(0, state.history.length - HISTORY_LIMIT);
}

function historyItem(item: JsonObject, at: number): HistoryItem | undefined {
  switch (item.type) {
    case "agentMessage":
      return { kind: "agent_message", at, text: str(item.text) ?? "" };
    case "commandExecution": {
      const output = str(item.aggregatedOutput) ?? "";
      return {
        kind: "command",
        at,
        command: str(item.command) ?? "",
        status: str(item.status) ?? "",
        exitCode: typeof item.exitCode === "number" ? item.exitCode : null,
        outputTail: output.slice(-OUTPUT_TAIL),
      };
    }
    case "fileChange": {
      const changes = Array.isArray(item.changes) ? item.changes : [];
      return { kind: "file_change", at, paths: changes.map((c) => str(obj(c).path) ?? ""), status: str(item.status) ?? "" };
    }
    case "plan":
      return { kind: "plan", at, text: str(item.text) ?? "" };
    default:
      return undefined;
  }
}
