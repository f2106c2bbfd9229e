// A person's answer to a pending interrupt, checked against what Codex asked
// and turned into the result the server request expects
// (codex-app-server.md §6). Surfaces pass the person's words; this is the
// one place that knows the wire shapes.
import { invalidInput } from "../errors.ts";
import { obj, str } from "./json-rpc.ts";
import type { JsonValue } from "./protocol/serde_json/json-value.ts";
import type { PendingInterrupt } from "./types.ts";

/** What a person may send: a decision for approvals, answers for questions, an action for elicitations. */
export interface InterruptResponse {
  /** accept | acceptForSession | decline | cancel (approvals and permission requests). */
  decision?: string;
  /** Question id → the chosen option label(s) or free text (user_input). */
  answers?: Record<string, string | string[]>;
  /** accept | decline | cancel (elicitations); accept needs `content`. */
  action?: string;
  content?: JsonValue;
}

const APPROVAL_DECISIONS = ["accept", "acceptForSession", "decline", "cancel"];
const LEGACY: Record<string, JsonValue> = {
  accept: "approved",
  acceptForSession: "approved_for_session",
  decline: { denied: { rejection: "declined by a person in Maestro" } },
  cancel: "abort",
};

function decisionOf(response: InterruptResponse, allowed: readonly string[]): string {
  const decision = response.decision;
  if (decision === undefined) throw invalidInput(`Missing required field "decision"`, `one of: ${allowed.join(", ")}`);
  if (!allowed.includes(decision)) throw invalidInput(`Invalid "decision": "${decision}" is not offered`, `one of: ${allowed.join(", ")}`);
  return decision;
}

/** The decisions a v2 approval offers: availableDecisions' plain names when Codex lists them. */
function offered(params: Record<string, unknown>): string[] {
  const listed = Array.isArray(params.availableDecisions) ? params.availableDecisions.filter((d): d is string => typeof d === "string") : [];
  return listed.length > 0 ? listed : APPROVAL_DECISIONS;
}

function userInputResult(params: Record<string, unknown>, response: InterruptResponse): JsonValue {
  const questions = (Array.isArray(params.questions) ? params.questions : []).map(obj);
  const given = response.answers;
  if (!given || typeof given !== "object") throw invalidInput(`Missing required field "answers"`, `answer each question by id: ${questions.map((q) => str(q.id)).join(", ")}`);
  const answers: Record<string, JsonValue> = {};
  for (const q of questions) {
    const id = str(q.id) ?? "";
    const raw = given[id];
    const values = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).map((v) => String(v).trim()).filter(Boolean);
    if (values.length === 0) throw invalidInput(`Missing answer for question "${id}"`, str(q.question) ?? "answer every question");
    const options = (Array.isArray(q.options) ? q.options : []).map((o) => str(obj(o).label) ?? "");
    if (options.length > 0 && q.isOther !== true) {
      const bad = values.find((v) => !options.includes(v));
      if (bad !== undefined) throw invalidInput(`Invalid answer for question "${id}": "${bad}" is not an option`, `one of: ${options.join(", ")}`);
    }
    answers[id] = { answers: values };
  }
  for (const id of Object.keys(given)) {
    if (!questions.some((q) => str(q.id) === id)) throw invalidInput(`Unknown question "${id}"`, `questions: ${questions.map((q) => str(q.id)).join(", ")}`);
  }
  return { answers };
}

/**
 * The result to send for `interrupt` given a person's `response`; throws
 * invalid_input naming the field and the accepted values.
 */
export function answerFor(interrupt: PendingInterrupt, response: InterruptResponse): JsonValue {
  const params = interrupt.params;
  switch (interrupt.method) {
    case "item/commandExecution/requestApproval":
    case "item/fileChange/requestApproval":
      return { decision: decisionOf(response, offered(params)) };
    case "execCommandApproval":
    case "applyPatchApproval":
      return { decision: LEGACY[decisionOf(response, APPROVAL_DECISIONS)] };
    case "item/permissions/requestApproval": {
      const decision = decisionOf(response, ["accept", "acceptForSession", "decline"]);
      if (decision === "decline") return { permissions: {}, scope: "turn" };
      return { permissions: (params.permissions ?? {}) as JsonValue, scope: decision === "accept" ? "turn" : "session" };
    }
    case "item/tool/requestUserInput":
      return userInputResult(params, response);
    case "mcpServer/elicitation/request": {
      const action = response.action ?? (response.content !== undefined ? "accept" : undefined);
      if (action !== "accept" && action !== "decline" && action !== "cancel") {
        throw invalidInput(`Invalid "action": expected accept, decline or cancel`, "accept needs content");
      }
      if (action === "accept" && response.content === undefined) throw invalidInput(`Missing required field "content"`, "accept sends the form's content");
      return { action, content: action === "accept" ? response.content! : null, _meta: null };
    }
    default:
      throw invalidInput(`Cannot answer "${interrupt.method}" requests`);
  }
}
