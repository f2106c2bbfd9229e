// Builds the answers (wire.ts) the API, MCP and CLI show for runs,
// sessions, interrupts and an issue's execution.
import type { PendingInterrupt, SessionState } from "../agent/mod.ts";
import type { IssueDetail } from "../tracker/mod.ts";
import type { ExecutionView, InterruptView, RunningView, SessionView } from "./wire.ts";
import type { LiveRun } from "./live-run.ts";
import type { Execution } from "./types.ts";

const iso = (ms: number) => new Date(ms).toISOString();

export function runView(run: LiveRun, now: number, interrupts: ReadonlyMap<string, { run: LiveRun }>): RunningView {
  const s = run.state();
  let pending = 0;
  for (const open of interrupts.values()) if (open.run === run) pending += 1;
  return {
    issue_id: run.issue.id,
    identifier: run.issue.identifier,
    title: run.issue.title,
    project_id: run.issue.project_id,
    state: run.issue.state,
    phase: run.phase,
    attempt: run.attempt,
    started_at: iso(run.startedAt),
    elapsed_ms: Math.max(0, now - run.startedAt),
    workspace_path: run.workspacePath || null,
    thread_id: s?.threadId ?? null,
    session_id: s?.sessionId ?? null,
    pid: s?.pid ?? null,
    turns_started: s?.turnsStarted ?? 0,
    turns_completed: s?.turnsCompleted ?? 0,
    last_event: s?.lastEvent?.method ?? null,
    last_event_at: s?.lastEvent ? iso(s.lastEvent.at) : null,
    last_message: s?.lastMessage ?? null,
    tokens: { input_tokens: run.tokens.inputTokens, output_tokens: run.tokens.outputTokens, total_tokens: run.tokens.totalTokens },
    pending_interrupts: pending,
  };
}

/** A session as shown and persisted: ids, counters, tokens of this run and the bounded transcript. */
export function sessionView(run: LiveRun, s: SessionState): SessionView {
  return {
    issue_id: run.issue.id,
    identifier: run.issue.identifier,
    phase: run.phase,
    attempt: run.attempt,
    pid: s.pid,
    thread_id: s.threadId ?? null,
    turn_id: s.turnId ?? null,
    session_id: s.sessionId ?? null,
    last_event: s.lastEvent?.method ?? null,
    last_event_at: s.lastEvent ? iso(s.lastEvent.at) : null,
    last_message: s.lastMessage ?? null,
    turns_started: s.turnsStarted,
    turns_completed: s.turnsCompleted,
    tokens: { input_tokens: run.tokens.inputTokens, output_tokens: run.tokens.outputTokens, total_tokens: run.tokens.totalTokens },
    history: s.history.map((h) => ({ ...h, at: iso(h.at) })),
  };
}

export function interruptView(id: string, i: PendingInterrupt, run: LiveRun): InterruptView {
  return {
    id,
    kind: i.kind,
    method: i.method,
    summary: i.summary,
    issue_id: run.issue.id,
    identifier: run.issue.identifier,
    title: run.issue.title,
    phase: run.phase,
    attempt: run.attempt,
    thread_id: i.threadId ?? null,
    turn_id: i.turnId ?? null,
    requested_at: iso(i.requestedAt),
    params: i.params,
  };
}

export function executionView(
  issue: IssueDetail,
  exec: Execution | undefined,
  run: LiveRun | undefined,
  interrupts: ReadonlyMap<string, { interrupt: PendingInterrupt; run: LiveRun }>,
  workspacePath: string | null,
): Omit<ExecutionView, "runtime_events"> {
  const pending = run ? [...interrupts].filter(([, o]) => o.run === run).map(([id, o]) => interruptView(id, o.interrupt, o.run)) : [];
  const live = run?.state();
  const status = run ? "running" : exec?.status === "retry_scheduled" ? "retrying" : exec?.status === "paused" ? "paused" : "idle";
  return {
    issue_id: issue.id,
    identifier: issue.identifier,
    state: issue.state,
    workflow_phase: issue.workflow_phase,
    status,
    active: run !== undefined,
    phase: run?.phase ?? exec?.phase ?? null,
    attempt: run?.attempt ?? exec?.attempt ?? null,
    last_result: exec?.status ?? null,
    failure: exec?.failure ?? null,
    error: exec?.error ?? null,
    retry: exec?.status === "retry_scheduled" && exec.retry
      ? { attempt: exec.retry.attempt, due_at: iso(exec.retry.dueAt), delay_type: exec.retry.delayType, resume_thread_id: exec.retry.resumeThreadId }
      : null,
    pause: exec?.status === "paused" ? exec.pause : null,
    consecutive_failures: exec?.streak.interrupted ?? 0,
    automatic_retries: exec?.streak.automatic ?? 0,
    started_at: exec?.startedAt ?? null,
    finished_at: run ? null : exec?.finishedAt ?? null,
    workspace_path: workspacePath,
    tokens_spent: issue.total_tokens_spent,
    session_source: run && live ? "live" : exec?.session ? "persisted" : "none",
    session: run && live ? sessionView(run, live) : exec?.session ?? null,
    pending_interrupts: pending,
  };
}
