// The orchestrator's Execution ⇄ the tracker's execution record
// (issue_execution_sessions): the columns other tools read stay columns, the
// orchestrator's own detail goes in session_json.
import type { ExecutionRecord, RunnableIssue, Tracker } from "../tracker/mod.ts";
import type { SessionView } from "./wire.ts";
import type { Execution } from "./types.ts";

/** Record kinds a restarted daemon picks up again. */
const LIVE_KINDS = ["running", "interrupted", "retry_scheduled", "paused"];

export function emptyExecution(issue: Pick<RunnableIssue, "id" | "identifier">): Execution {
  return {
    issueId: issue.id,
    identifier: issue.identifier,
    phase: "implementation",
    attempt: 0,
    status: "stopped",
    error: null,
    failure: null,
    threadId: null,
    pid: null,
    threadTotals: {},
    resumeEligible: false,
    stopReason: "",
    retry: null,
    pause: null,
    streak: { interrupted: 0, automatic: 0 },
    session: null,
    startedAt: null,
    finishedAt: null,
    runTokens: 0,
  };
}

export function saveExecution(tracker: Tracker, exec: Execution): void {
  tracker.saveExecution({
    issue_id: exec.issueId,
    identifier: exec.identifier,
    phase: exec.phase,
    attempt: exec.attempt,
    run_kind: exec.status,
    error: exec.error,
    resume_eligible: exec.resumeEligible,
    stop_reason: exec.stopReason,
    session: {
      failure: exec.failure,
      thread_id: exec.threadId,
      pid: exec.pid,
      thread_totals: exec.threadTotals,
      retry: exec.retry,
      pause: exec.pause,
      streak: exec.streak,
      started_at: exec.startedAt,
      finished_at: exec.finishedAt,
      run_tokens: exec.runTokens,
      session: exec.session,
    },
  });
}

const obj = (v: unknown): Record<string, unknown> => (typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const strOrNull = (v: unknown) => (typeof v === "string" ? v : null);
const num = (v: unknown, fallback = 0) => (typeof v === "number" && Number.isFinite(v) ? v : fallback);

/** Reads a record back; anything malformed in session_json falls back to "nothing known". */
export function fromRecord(r: ExecutionRecord): Execution {
  const s = r.session;
  const retry = obj(s.retry);
  const pause = obj(s.pause);
  const streak = obj(s.streak);
  const status = (LIVE_KINDS.includes(r.run_kind) || ["completed", "failed", "stopped"].includes(r.run_kind) ? r.run_kind : "stopped") as Execution["status"];
  return {
    issueId: r.issue_id,
    identifier: r.identifier,
    phase: r.phase || "implementation",
    attempt: r.attempt,
    status,
    error: r.error,
    failure: strOrNull(s.failure),
    threadId: strOrNull(s.thread_id),
    pid: typeof s.pid === "number" ? s.pid : null,
    threadTotals: obj(s.thread_totals) as Execution["threadTotals"],
    resumeEligible: r.resume_eligible,
    stopReason: r.stop_reason,
    retry: typeof retry.dueAt === "number"
      ? { attempt: num(retry.attempt, r.attempt + 1), dueAt: num(retry.dueAt), delayType: strOrNull(retry.delayType) ?? "failure", resumeThreadId: strOrNull(retry.resumeThreadId) }
      : null,
    pause: typeof pause.reason === "string"
      ? { reason: pause.reason, at: strOrNull(pause.at) ?? r.updated_at, state: strOrNull(pause.state) ?? "", phase: strOrNull(pause.phase) ?? "" }
      : null,
    streak: { interrupted: num(streak.interrupted), automatic: num(streak.automatic) },
    // Written by save() from sessionView: read back as that shape.
    session: s.session && typeof s.session === "object" ? (obj(s.session) as unknown as SessionView) : null,
    startedAt: strOrNull(s.started_at),
    finishedAt: strOrNull(s.finished_at),
    runTokens: num(s.run_tokens),
  };
}

/** The records a restarted daemon must act on, or one issue's record (any kind). */
export function loadExecutions(tracker: Tracker, issueId?: string): Execution[] {
  if (issueId !== undefined) {
    const record = tracker.getExecution(issueId);
    return record ? [fromRecord(record)] : [];
  }
  return tracker.listExecutions(LIVE_KINDS).map(fromRecord);
}
