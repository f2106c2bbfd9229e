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
export type {
  ExecutionView as Execution,
  HistoryEntry,
  InterruptView as Interrupt,
  RunningView,
  RuntimeSnapshot,
  SessionView as Session,
  TokensView as Tokens,
} from "../../lib/orchestrator/wire.ts";
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
