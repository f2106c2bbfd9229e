/**
 * The tracker service (DESIGN.md: tracker/; inventory §1.5–1.8 and §4): the
 * one place that owns every rule about projects, epics, issues, states,
 * identifiers, blockers, labels, comments, assets and recurrence. CLI, HTTP
 * and MCP call it through the operations table; none of them touch the store.
 *
 * Every mutation writes its rows and a change_events row in one durable
 * store.write. Expected failures throw MaestroError (lib/errors.ts) with
 * code not_found, invalid_input, conflict or blocked, and a one-line message
 * that names the value and the fix.
 */
export type { Tracker } from "./tracker.ts";
export type { IncomingFile } from "./comments.ts";
export type { TrackerOptions } from "./context.ts";
export type { Operation } from "./operations.ts";
export type {
  ChangeEvent,
  CommentAttachment,
  CommentAuthor,
  EntityType,
  Epic,
  EpicSummary,
  EpicView,
  IssueAsset,
  IssueComment,
  IssueDetail,
  IssueSummary,
  JsonValue,
  Page,
  Project,
  ProjectSummary,
  ProjectView,
  StateCounts,
  WorkCounts,
} from "./types.ts";
export type { BoardOverview, TrackerStatus } from "./overview.ts";
export type { ChangeLog } from "./changes.ts";
export type { IssuePage } from "./issue-list.ts";
export type { ExecutionRecord, RecurringDue, RunnableIssue, RunnableScope } from "./execution.ts";
export type { IssueSort, IssueState, IssueType, PermissionProfile, ProjectState, WorkflowPhase } from "./vocabulary.ts";

/**
 * createTracker(opts): the tracker over a migrated store. `files` and
 * `assetsDir` receive asset and attachment files; `now` and `newId` default
 * to the clock and random ids (tests fix them); `onChange` hears each
 * committed mutation's change events. Throws nothing itself.
 */
export { createTracker } from "./tracker.ts";

/**
 * operations: every operation (name, summary, zod input schema, readOnly,
 * handler); operationNames in table order; getOperation(name) or undefined.
 * runOperation(tracker, name, rawInput) parses the input with the
 * operation's schema and runs it; throws MaestroError not_found for an
 * unknown operation, invalid_input naming the field for bad input (e.g.
 * `Invalid "priority": expected a non-negative integer, got "x"`), and
 * whatever the operation itself throws.
 */
export { getOperation, operationNames, operations, runOperation } from "./operations.ts";

/**
 * parseInput(schema, raw): the one place a zod failure becomes a
 * MaestroError("invalid_input") naming the field; surfaces with schemas of
 * their own (MCP's daemon tools) use it so every message reads the same.
 */
export { parseInput } from "./input-error.ts";
/** The comment schemas, for callers that send files as bytes beside the parsed input (HTTP uploads). */
export { createIssueCommentInput, updateIssueCommentInput } from "./comments.ts";
/** integer(min, max, message): a whole number, also in its decimal spelling (CLI flags, query strings). */
export { integer } from "./schemas.ts";

/** The six issue states, in board order. */
export { ISSUE_STATES } from "./vocabulary.ts";
/** Workflow phases: what part of an issue's work runs next. */
export { WORKFLOW_PHASES } from "./vocabulary.ts";
/** Issue types: standard work, or a recurring template with a cron schedule. */
export { ISSUE_TYPES } from "./vocabulary.ts";
/** Sort orders list_issues accepts; updated_desc is the default. */
export { ISSUE_SORTS } from "./vocabulary.ts";
/** Project states: stopped (no dispatch) or running. */
export { PROJECT_STATES } from "./vocabulary.ts";
/** Permission profiles for projects and issues. */
export { PERMISSION_PROFILES } from "./vocabulary.ts";
/** States the orchestrator works on and states that end work. */
export { ACTIVE_STATES, TERMINAL_STATES } from "./vocabulary.ts";
/** Size limits for issue assets (100 MiB) and comment attachments (25 MiB). */
export { MAX_ASSET_BYTES, MAX_ATTACHMENT_BYTES } from "./file-intake.ts";
/** Five-field cron parsing and next-run computation in local time (the orchestrator schedules with it). */
export { type CronSchedule, nextCronRun, parseCron } from "./cron.ts";
