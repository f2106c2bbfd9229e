// The answers of the orchestrator's runtime operations as the CLI reads them
// (lib/orchestrator/views.ts owns them; cli/ may not import orchestrator/,
// so only the fields the CLI prints are named here).
import type { HistoryItem } from "../../agent/mod.ts";

export interface Tokens {
  input_tokens: number;
  output_tokens: number;
  total_tokens: number;
}

export interface RunningEntry {
  identifier: string;
  phase: string;
  attempt: number;
  elapsed_ms: number;
  last_message: string | null;
  tokens: Tokens;
  pending_interrupts: number;
}

export interface RetryingEntry {
  identifier: string;
  attempt: number;
  due_at: string;
  delay_type: string;
  error: string | null;
}

export interface PausedEntry {
  identifier: string;
  reason: string;
  error: string | null;
  paused_at: string;
}

/** get_runtime_snapshot. */
export interface RuntimeSnapshot {
  status: string;
  started_at: string;
  counts: { running: number; retrying: number; paused: number; interrupts: number };
  running: RunningEntry[];
  retrying: RetryingEntry[];
  paused: PausedEntry[];
  totals: { runs: number; succeeded: number; failed: number; tokens: number };
}

/** One entry of a session's transcript: the agent's HistoryItem with `at` as ISO-8601, as the views send it. */
export type HistoryEntry = WithIsoTime<HistoryItem>;

type WithIsoTime<T> = T extends unknown ? Omit<T, "at"> & { at: string } : never;

/** A session (live or persisted) as list_sessions shows it. */
export interface SessionView {
  identifier: string;
  phase: string;
  attempt: number;
  thread_id: string | null;
  turn_id: string | null;
  session_id: string | null;
  last_event: string | null;
  last_event_at: string | null;
  last_message: string | null;
  turns_started: number;
  turns_completed: number;
  tokens: Tokens;
  history: HistoryEntry[];
}

/** get_runtime_series. */
export interface RuntimeSeries {
  hours: number;
  buckets: { bucket: string; started: number; completed: number; failed: number; retries: number; tokens: number }[];
}

/** One pending interrupt of list_interrupts. */
export interface InterruptView {
  id: string;
  kind: string;
  summary: string;
  identifier: string;
  requested_at: string;
}

export interface RuntimeEventView {
  seq: number;
  kind: string;
  ts: string;
  message?: string;
}

/** get_issue_execution. */
export interface ExecutionView {
  identifier: string;
  state: string;
  status: string;
  phase: string | null;
  attempt: number | null;
  last_result: string | null;
  failure: string | null;
  error: string | null;
  retry: { attempt: number; due_at: string; delay_type: string } | null;
  pause: { reason: string; at: string } | null;
  workspace_path: string | null;
  tokens_spent: number;
  session_source: string;
  session: SessionView | null;
  pending_interrupts: InterruptView[];
  runtime_events: RuntimeEventView[];
}
