// The plain objects the tracker returns (the contract's shapes). Wire names
// are snake_case; timestamps are ISO-8601 UTC; an absent value is null.
import type { IssueState, IssueType, PermissionProfile, ProjectState, WorkflowPhase } from "./vocabulary.ts";

export type StateCounts = Record<IssueState, number>;

export interface Project {
  id: string;
  name: string;
  description: string;
  state: ProjectState;
  repo_path: string;
  workflow_path: string;
  permission_profile: PermissionProfile;
  created_at: string;
  updated_at: string;
}

/** Counts cover standard issues only: recurring issues are templates, not work. */
export interface WorkCounts {
  counts: StateCounts;
  total_count: number;
  active_count: number;
  terminal_count: number;
}

export interface ProjectSummary extends Project, WorkCounts {
  total_tokens_spent: number;
}

export interface Epic {
  id: string;
  project_id: string;
  name: string;
  description: string;
  created_at: string;
  updated_at: string;
}

export interface EpicSummary extends Epic, WorkCounts {
  project_name: string;
}

export interface IssueSummary {
  id: string;
  identifier: string;
  project_id: string;
  project_name: string;
  epic_id: string | null;
  epic_name: string | null;
  title: string;
  state: IssueState;
  workflow_phase: WorkflowPhase;
  issue_type: IssueType;
  priority: number;
  labels: string[];
  /** Identifiers of the issues this one waits for. */
  blocked_by: string[];
  /** True while any blocker is neither done nor cancelled. */
  is_blocked: boolean;
  branch_name: string | null;
  pr_url: string | null;
  total_tokens_spent: number;
  created_at: string;
  updated_at: string;
}

export interface IssueAsset {
  id: string;
  issue_id: string;
  filename: string;
  content_type: string;
  byte_size: number;
  created_at: string;
}

export interface IssueDetail extends IssueSummary {
  description: string;
  agent_name: string | null;
  agent_prompt: string | null;
  permission_profile: PermissionProfile;
  /** Recurring issues only; null for standard ones. */
  cron: string | null;
  enabled: boolean | null;
  next_run_at: string | null;
  last_enqueued_at: string | null;
  pending_rerun: boolean | null;
  started_at: string | null;
  completed_at: string | null;
  assets: IssueAsset[];
  comment_count: number;
}

export interface CommentAuthor {
  type: string;
  name: string;
}

export interface CommentAttachment {
  id: string;
  filename: string;
  content_type: string;
  byte_size: number;
  created_at: string;
}

export interface IssueComment {
  id: string;
  issue_id: string;
  parent_comment_id: string | null;
  body: string;
  author: CommentAuthor;
  attachments: CommentAttachment[];
  deleted_at: string | null;
  created_at: string;
  updated_at: string;
  /** Replies to a root comment; always empty on a reply (one level of threading). */
  replies: IssueComment[];
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export type EntityType = "project" | "epic" | "issue" | "issue_comment" | "issue_asset";

/** One committed change, for live invalidation (dashboard, WebSocket) and audit. */
export interface ChangeEvent {
  seq: number;
  entity_type: EntityType;
  entity_id: string;
  action: string;
  event_ts: string;
  payload: { [key: string]: JsonValue };
}

/** get_project: a project with its epics and most recently updated issues. */
export interface ProjectView {
  project: ProjectSummary;
  epics: EpicSummary[];
  issues: Page<IssueSummary>;
}

/** get_epic: an epic with its project, the project's other epics and the epic's issues. */
export interface EpicView {
  epic: EpicSummary;
  project: Project;
  sibling_epics: EpicSummary[];
  issues: Page<IssueSummary>;
}
