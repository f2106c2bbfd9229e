// The answers of the orchestrator's runtime operations, as HTTP, MCP and the
// CLI send them (snake_case on the wire). Types only: views.ts builds them;
// the CLI and the dashboard read them through type-only imports, which carry
// no code across the module boundary.
import type { HistoryItem, InterruptKind } from "../agent/mod.ts";
import type { RuntimeEvent, RuntimeSeriesBucket } from "../events/mod.ts";

export type { RuntimeEvent, RuntimeSeriesBucket };

export interface TokensView {
  input_tokens: number;
  output_tokens: number;
  total_tokens: number;
}

export interface RunningView {
  issue_id: string;
  identifier: string;
  title: string;
  project_id: string;
  state: string;
  phase: string;
  attempt: number;
  started_at: string;
  elapsed_ms: number;
  workspace_path: string | null;
  thread_id: string | null;
  session_id: string | null;
  pid: number | null;
  turns_started: number;
  turns_completed: number;
  last_event: string | null;
  last_event_at: string | null;
  last_message: string | null;
  tokens: TokensView;
  pending_interrupts: number;
}

export interface RetryingView {
  issue_id: string;
  identifier: string;
  phase: string;
  attempt: number;
  due_at: string;
  delay_type: string;
  error: string | null;
}

export interface PausedView {
  issue_id: string;
  identifier: string;
  phase: string;
  attempt: number;
  reason: string;
  error: string | null;
  paused_at: string;
}

/** get_runtime_snapshot (and GET /api/v1/state's orchestrator part). */
export interface RuntimeSnapshot {
  status: "running" | "stopping";
  started_at: string;
  last_tick_at: string | null;
  counts: { running: number; retrying: number; paused: number; interrupts: number };
  running: RunningView[];
  retrying: RetryingView[];
  paused: PausedView[];
  totals: { runs: number; succeeded: number; failed: number; tokens: number };
}

/** One entry of a session's transcript: the agent's HistoryItem with `at` as ISO-8601. */
export type HistoryEntry = WithIsoTime<HistoryItem>;
type WithIsoTime<T> = T extends unknown ? Omit<T, "at"> & { at: string } : never;

/** A session, live or persisted: ids, counters, tokens of the run and the bounded transcript. */
export interface SessionView {
  issue_id: string;
  identifier: string;
  phase: string;
  attempt: number;
  pid: number | null;
  thread_id: string | null;
  turn_id: string | null;
  session_id: string | null;
  last_event: string | null;
  last_event_at: string | null;
  last_message: string | null;
  turns_started: number;
  turns_completed: number;
  tokens: TokensView;
  history: HistoryEntry[];
}

/** list_sessions: every live session by identifier, or one issue's. */
export type SessionsAnswer =
  | { sessions: Record<string, SessionView> }
  | { issue: string; source: "live" | "persisted"; session: SessionView };

/** A pending approval or question (list_interrupts items). */
export interface InterruptView {
  id: string;
  kind: InterruptKind;
  method: string;
  summary: string;
  issue_id: string;
  identifier: string;
  title: string;
  phase: string;
  attempt: number;
  thread_id: string | null;
  turn_id: string | null;
  requested_at: string;
  /** The request's params as Codex sent them (command, cwd, questions, availableDecisions, ...). */
  params: Record<string, unknown>;
}

/** get_issue_execution. */
export interface ExecutionView {
  issue_id: string;
  identifier: string;
  state: string;
  workflow_phase: string;
  status: "running" | "retrying" | "paused" | "idle";
  active: boolean;
  phase: string | null;
  attempt: number | null;
  last_result: string | null;
  failure: string | null;
  error: string | null;
  retry: { attempt: number; due_at: string; delay_type: string; resume_thread_id: string | null } | null;
  pause: { reason: string; at: string; state: string; phase: string } | null;
  consecutive_failures: number;
  automatic_retries: number;
  started_at: string | null;
  finished_at: string | null;
  workspace_path: string | null;
  tokens_spent: number;
  session_source: "live" | "persisted" | "none";
  session: SessionView | null;
  pending_interrupts: InterruptView[];
  runtime_events: RuntimeEvent[];
}

/** get_runtime_series. */
export interface RuntimeSeries {
  hours: number;
  buckets: RuntimeSeriesBucket[];
}
