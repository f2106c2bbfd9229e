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
import { createTracker as create } from "./tracker.ts";
import type { TrackerOptions } from "./context.ts";
import type { Tracker } from "./tracker.ts";
import {
  getOperation as find,
  type Operation,
  operationNames as names,
  operations as table,
  runOperation as run,
} from "./operations.ts";

export type { Tracker, TrackerOptions, Operation };
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
export type { IssueSort, IssueState, IssueType, PermissionProfile, ProjectState, WorkflowPhase } from "./vocabulary.ts";

/**
 * Opens the tracker over a migrated store. `files` and `assetsDir` receive
 * asset and attachment files; `now` and `newId` default to the clock and
 * random ids (tests fix them); `onChange` hears each committed mutation's
 * change events. Throws nothing itself.
 */
export function createTracker(opts: TrackerOptions): Tracker {
  return create(opts);
}

/** Every operation: name, summary, zod input schema, readOnly flag and handler. */
export const operations: readonly Operation[] = table;

/** The operation names, in table order. */
export const operationNames: readonly string[] = names;

/** The operation called `name`, or undefined. */
export function getOperation(name: string): Operation | undefined {
  return find(name);
}

/**
 * Parses `rawInput` with the operation's schema and runs it. Throws
 * MaestroError not_found for an unknown operation, invalid_input naming the
 * field for bad input (e.g. `Invalid "priority": expected a non-negative
 * integer, got "x"`), and whatever the operation itself throws.
 */
export function runOperation(tracker: Tracker, name: string, rawInput: unknown): unknown {
  return run(tracker, name, rawInput);
}

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
