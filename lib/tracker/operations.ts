// The table of operations: name, summary, input schema and handler. MCP
// tools, HTTP routes and the CLI's daemon calls are all driven from it, so
// every surface validates and answers the same way (DESIGN.md rule 1).
import type { z } from "zod";
import { notFound } from "../errors.ts";
import { attachIssueAssetInput, issueAssetInput, listIssueAssetsInput } from "./assets.ts";
import { listChangesInput } from "./changes.ts";
import { listIssueCommentsInput } from "./comment-list.ts";
import { createIssueCommentInput, deleteIssueCommentInput, updateIssueCommentInput } from "./comments.ts";
import { createEpicInput, epicInput, updateEpicInput } from "./epics.ts";
import { parseInput } from "./input-error.ts";
import { removeBlockersInput, setBlockersInput } from "./issue-blockers.ts";
import { listIssuesInput } from "./issue-list.ts";
import { setIssueStateInput, setIssueWorkflowPhaseInput } from "./issue-state.ts";
import { updateIssueInput } from "./issue-update.ts";
import { createIssueInput, issueInput } from "./issues.ts";
import { boardOverviewInput, getStatusInput } from "./overview.ts";
import { createProjectInput, deleteProjectInput, setProjectStateInput, updateProjectInput } from "./projects.ts";
import type { Tracker } from "./tracker.ts";
import { getEpicInput, getProjectInput, listEpicsInput, listProjectsInput } from "./views.ts";

/** One entry of the table: what MCP registers as a tool and HTTP routes to. */
export interface Operation<S extends z.ZodObject = z.ZodObject> {
  /** snake_case, as MCP tools and the daemon's `{op, input}` route name it. */
  name: string;
  summary: string;
  input: S;
  /** True when the operation never writes (MCP's readOnlyHint; safe to retry). */
  readOnly: boolean;
  run(tracker: Tracker, input: z.output<S>): unknown;
}

// `read` operations never write: MCP marks them readOnlyHint and callers may retry them.
const read = <S extends z.ZodObject>(name: string, summary: string, input: S, run: Operation<S>["run"]): Operation<S> => ({
  name,
  summary,
  input,
  readOnly: true,
  run,
});
const write = <S extends z.ZodObject>(name: string, summary: string, input: S, run: Operation<S>["run"]): Operation<S> => ({
  name,
  summary,
  input,
  readOnly: false,
  run,
});

export const operations: readonly Operation[] = [
  write("create_project", "Create a project for a repository (starts stopped)", createProjectInput,
    (t, i) => t.createProject(i)),
  write("update_project", "Change a project's name, description, paths or permission profile", updateProjectInput,
    (t, i) => t.updateProject(i)),
  read("get_project", "Show a project with its epics and recent issues", getProjectInput, (t, i) => t.getProject(i)),
  read("list_projects", "List projects with issue counts", listProjectsInput, (t, i) => t.listProjects(i)),
  write("delete_project", "Delete a project with its epics, issues, comments and assets", deleteProjectInput,
    (t, i) => t.deleteProject(i)),
  write("set_project_state", "Start (running) or stop (stopped) dispatch for a project", setProjectStateInput,
    (t, i) => t.setProjectState(i)),
  write("create_epic", "Create an epic in a project", createEpicInput, (t, i) => t.createEpic(i)),
  write("update_epic", "Change an epic's name, description or project", updateEpicInput, (t, i) => t.updateEpic(i)),
  read("get_epic", "Show an epic with its project, sibling epics and issues", getEpicInput, (t, i) => t.getEpic(i)),
  read("list_epics", "List epics, of one project or all", listEpicsInput, (t, i) => t.listEpics(i)),
  write("delete_epic", "Delete an epic; its issues stay without an epic", epicInput, (t, i) => t.deleteEpic(i)),
  write("create_issue", "Create an issue in a project", createIssueInput, (t, i) => t.createIssue(i)),
  read("get_issue", "Show an issue in full", issueInput, (t, i) => t.getIssue(i)),
  read("list_issues", "List issues with filters, search, sort and pagination", listIssuesInput,
    (t, i) => t.listIssues(i)),
  write("update_issue", "Change an issue's fields (absent = unchanged, null = cleared)", updateIssueInput,
    (t, i) => t.updateIssue(i)),
  write("set_issue_state", "Move an issue to another state", setIssueStateInput, (t, i) => t.setIssueState(i)),
  write("set_issue_workflow_phase", "Set which workflow phase of an issue runs next", setIssueWorkflowPhaseInput,
    (t, i) => t.setIssueWorkflowPhase(i)),
  write("delete_issue", "Delete an issue with its comments and assets", issueInput, (t, i) => t.deleteIssue(i)),
  write("set_blockers", "Replace the issues an issue waits for ([] clears)", setBlockersInput,
    (t, i) => t.setBlockers(i)),
  write("remove_blockers", "Stop an issue waiting for the listed issues", removeBlockersInput,
    (t, i) => t.removeBlockers(i)),
  read("list_issue_comments", "List an issue's comment threads", listIssueCommentsInput,
    (t, i) => t.listIssueComments(i)),
  write("create_issue_comment", "Comment on an issue or reply to a comment", createIssueCommentInput,
    (t, i) => t.createIssueComment(i)),
  write("update_issue_comment", "Edit a comment's body or attachments", updateIssueCommentInput,
    (t, i) => t.updateIssueComment(i)),
  write("delete_issue_comment", "Delete a comment", deleteIssueCommentInput, (t, i) => t.deleteIssueComment(i)),
  write("attach_issue_asset", "Copy a local file into an issue's assets (up to 100 MiB)", attachIssueAssetInput,
    (t, i) => t.attachIssueAsset(i)),
  read("list_issue_assets", "List an issue's assets", listIssueAssetsInput, (t, i) => t.listIssueAssets(i)),
  write("delete_issue_asset", "Delete an issue asset and its file", issueAssetInput, (t, i) => t.deleteIssueAsset(i)),
  read("board_overview", "Standard issues by state, as on the board", boardOverviewInput, (t, i) => t.boardOverview(i)),
  read("get_status", "Count projects, epics and issues by state", getStatusInput, (t, i) => t.getStatus(i)),
  read("list_changes", "Change events after a sequence number", listChangesInput, (t, i) => t.listChanges(i)),
];

const byName = new Map(operations.map((o) => [o.name, o]));

export const operationNames: readonly string[] = operations.map((o) => o.name);

/** The operation called `name`, or undefined. */
export function getOperation(name: string): Operation | undefined {
  return byName.get(name);
}

/** Parses `rawInput` with the operation's schema and runs it; see mod.ts for what it throws. */
export function runOperation(tracker: Tracker, name: string, rawInput: unknown): unknown {
  const operation = byName.get(name);
  if (!operation) throw notFound(`Unknown operation "${name}"`, `known operations: ${operationNames.join(", ")}`);
  return operation.run(tracker, parseInput(operation.input, rawInput));
}
