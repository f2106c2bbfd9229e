// The wire shapes the dashboard reads, taken from the server's own types
// (type-only imports: erased from the browser bundle).
export type {
  ChangeEvent,
  EpicSummary,
  EpicView,
  IssueAsset,
  IssueComment,
  IssueDetail,
  IssueSummary,
  Page,
  Project,
  ProjectSummary,
  ProjectView,
} from "../../lib/tracker/types.ts";
export type { IssueState } from "../../lib/tracker/vocabulary.ts";
export type { RunningView, RuntimeSnapshot } from "../../lib/orchestrator/wire.ts";
export type { RuntimeEvent, RuntimeSeriesBucket } from "../../lib/events/types.ts";
export type { WorkflowHealth } from "../../lib/daemon/workflows.ts";
import type { IssueState } from "../../lib/tracker/vocabulary.ts";

export const STATES: readonly IssueState[] = ["backlog", "ready", "in_progress", "in_review", "done", "cancelled"];

export const STATE_LABELS: Record<IssueState, string> = {
  backlog: "Backlog",
  ready: "Ready",
  in_progress: "In progress",
  in_review: "In review",
  done: "Done",
  cancelled: "Cancelled",
};

export const SORTS: Record<string, string> = {
  priority_asc: "Priority",
  updated_desc: "Recently updated",
  created_desc: "Newest",
  created_asc: "Oldest",
  identifier_asc: "Identifier",
  state_asc: "State",
  project_asc: "Project",
  epic_asc: "Epic",
};


export interface HistoryEntry {
  kind: "agent_message" | "command" | "file_change" | "plan";
  at: string;
  text?: string;
  command?: string;
  status?: string;
  exitCode?: number | null;
  outputTail?: string;
  paths?: string[];
}

export interface Tokens {
  input_tokens: number;
  output_tokens: number;
  total_tokens: number;
}

export interface Interrupt {
  id: string;
  kind: "command_approval" | "file_approval" | "permissions" | "user_input" | "elicitation";
  method: string;
  summary: string;
  identifier: string;
  title: string;
  phase: string;
  attempt: number;
  requested_at: string;
  params: Record<string, unknown>;
}

export interface Session {
  identifier: string;
  phase: string;
  attempt: number;
  pid: number | null;
  thread_id: string | null;
  last_event: string | null;
  last_event_at: string | null;
  last_message: string | null;
  turns_started: number;
  turns_completed: number;
  tokens: Tokens;
  history: HistoryEntry[];
}

export interface Execution {
  identifier: string;
  status: "running" | "retrying" | "paused" | "idle";
  active: boolean;
  phase: string | null;
  attempt: number | null;
  last_result: string | null;
  failure: string | null;
  error: string | null;
  retry: { attempt: number; due_at: string; delay_type: string } | null;
  pause: { reason: string; at: string } | null;
  automatic_retries: number;
  started_at: string | null;
  finished_at: string | null;
  workspace_path: string | null;
  tokens_spent: number;
  session_source: "live" | "persisted" | "none";
  session: Session | null;
  pending_interrupts: Interrupt[];
}

