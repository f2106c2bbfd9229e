// How the client answers a server request (codex-app-server.md §6), as a pure
// decision. Posture (SPEC-10.5-a): with approval policy "never" nobody is
// asked, so the client answers "no" itself: approvals are declined (Codex's
// own meaning of "never": no escalation beyond the sandbox; Symphony and the
// Go Maestro accept instead), permission requests get nothing, elicitations
// are declined. Questions (requestUserInput) are not approvals: they go to a
// human when the caller takes interrupts, else the turn ends with
// turn_input_required. Under any other policy every approval, question and
// elicitation goes to a human, or fails the turn when there is none.
// Dynamic tools are not advertised, so a tool call gets a failure and the turn
// goes on; an unknown request gets a JSON-RPC error instead of a stall.
import type { JsonValue } from "./protocol/serde_json/json-value.ts";
import type { AskForApproval } from "./protocol/v2/ask-for-approval.ts";
import type { CommandExecutionRequestApprovalResponse } from "./protocol/v2/command-execution-request-approval-response.ts";
import type { DynamicToolCallResponse } from "./protocol/v2/dynamic-tool-call-response.ts";
import type { FileChangeRequestApprovalResponse } from "./protocol/v2/file-change-request-approval-response.ts";
import type { McpServerElicitationRequestResponse } from "./protocol/v2/mcp-server-elicitation-request-response.ts";
import type { PermissionsRequestApprovalResponse } from "./protocol/v2/permissions-request-approval-response.ts";
import type { ToolRequestUserInputResponse } from "./protocol/v2/tool-request-user-input-response.ts";
import type { ReviewDecision } from "./protocol/review-decision.ts";
import { obj, str, type JsonObject } from "./json-rpc.ts";
import type { FailureReason, InterruptKind } from "./types.ts";

export type RequestDecision =
  | { action: "answer"; result: JsonValue }
  | { action: "error"; code: number; message: string }
  | { action: "ask"; kind: InterruptKind; summary: string; decline: JsonValue }
  | { action: "fail"; reason: FailureReason; message: string };

const commandDecline: CommandExecutionRequestApprovalResponse = { decision: "decline" };
const fileDecline: FileChangeRequestApprovalResponse = { decision: "decline" };
const legacyDecline: { decision: ReviewDecision } = { decision: { denied: { rejection: "declined by Maestro" } } };
const noPermissions: PermissionsRequestApprovalResponse = { permissions: {}, scope: "turn" };
const noAnswers: ToolRequestUserInputResponse = { answers: {} };
const elicitationDecline: McpServerElicitationRequestResponse = { action: "decline", content: null, _meta: null };

interface Kind {
  kind: InterruptKind;
  decline: JsonValue;
  approval: boolean;
  summary(p: JsonObject): string;
}

const approvalSummary = (what: string, detail: string | undefined, reason: unknown) =>
  [what, detail, str(reason) ? `(${str(reason)})` : undefined].filter(Boolean).join(" ");

const KINDS: Record<string, Kind> = {
  "item/commandExecution/requestApproval": {
    kind: "command_approval",
    decline: commandDecline,
    approval: true,
    summary: (p) => approvalSummary("Run command:", str(p.command) ?? "(not given)", p.reason),
  },
  execCommandApproval: {
    kind: "command_approval",
    decline: legacyDecline,
    approval: true,
    summary: (p) => approvalSummary("Run command:", Array.isArray(p.command) ? p.command.join(" ") : str(p.command), p.reason),
  },
  "item/fileChange/requestApproval": {
    kind: "file_approval",
    decline: fileDecline,
    approval: true,
    summary: (p) => approvalSummary("Apply file changes", str(p.grantRoot) ? `and allow writes under ${str(p.grantRoot)}` : undefined, p.reason),
  },
  applyPatchApproval: {
    kind: "file_approval",
    decline: legacyDecline,
    approval: true,
    summary: (p) => approvalSummary("Apply file changes:", Object.keys(obj(p.fileChanges)).join(", "), p.reason),
  },
  "item/permissions/requestApproval": {
    kind: "permissions",
    decline: noPermissions,
    approval: true,
    summary: (p) => approvalSummary("Grant permissions:", JSON.stringify(p.permissions ?? {}), p.reason),
  },
  "mcpServer/elicitation/request": {
    kind: "elicitation",
    decline: elicitationDecline,
    approval: true,
    summary: (p) => `${str(p.serverName) ?? "MCP server"} asks: ${str(p.message) ?? ""}`.trim(),
  },
  "item/tool/requestUserInput": {
    kind: "user_input",
    decline: noAnswers,
    approval: false,
    summary: (p) =>
      (Array.isArray(p.questions) ? p.questions : [])
        .map((q) => str(obj(q).question) ?? str(obj(q).header) ?? "")
        .filter(Boolean)
        .join(" / ") || "Codex asks for input",
  },
};

/** What to do with server request `method` under `policy`; `canAsk`: the caller takes interrupts. */
export function decideRequest(method: string, params: JsonObject, policy: AskForApproval | undefined, canAsk: boolean): RequestDecision {
  if (method === "item/tool/call") {
    const tool = str(params.tool) ?? "";
    const reply: DynamicToolCallResponse = {
      success: false,
      contentItems: [{ type: "inputText", text: JSON.stringify({ error: { message: `Unsupported dynamic tool: "${tool}"`, supportedTools: [] } }) }],
    };
    return { action: "answer", result: reply };
  }
  const k = KINDS[method];
  if (!k) return { action: "error", code: -32601, message: `unsupported request: ${method}` };
  if (policy === "never" && k.approval) return { action: "answer", result: k.decline };
  const summary = k.summary(params);
  if (canAsk) return { action: "ask", kind: k.kind, summary, decline: k.decline };
  return k.approval
    ? { action: "fail", reason: k.kind === "elicitation" ? "turn_input_required" : "approval_required", message: `Codex needs an approval and nobody can give it: ${summary}` }
    : { action: "fail", reason: "turn_input_required", message: `Codex needs input and nobody can give it: ${summary}` };
}
