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

export interface Operation<S extends z.ZodObject = z.ZodObject> {
  /** snake_case, as MCP tools and the daemon's `{op, input}` route name it. */
  name: string;
  summary: string;
  input: S;
  /** True when the operation never writes (MCP's readOnlyHint; safe to retry). */
  readOnly: boolean;
  run(tracker: Tracker, input: z.output<S>): unknown;
}

const op = <S extends z.ZodObject>(o: Operation<S>): Operation<S> => o;

export const operations: readonly Operation[] = [
  op({ name: "create_project", summary: "Create a project for a repository (starts stopped)", input: createProjectInput, readOnly: false, run: (t, i) => t.createProject(i) }),
  op({ name: "update_project", summary: "Change a project's name, description, paths or permission profile", input: updateProjectInput, readOnly: false, run: (t, i) => t.updateProject(i) }),
  op({ name: "get_project", summary: "Show a project with its epics and recent issues", input: getProjectInput, readOnly: true, run: (t, i) => t.getProject(i) }),
  op({ name: "list_projects", summary: "List projects with issue counts", input: listProjectsInput, readOnly: true, run: (t, i) => t.listProjects(i) }),
  op({ name: "delete_project", summary: "Delete a project with its epics, issues, comments and assets", input: deleteProjectInput, readOnly: false, run: (t, i) => t.deleteProject(i) }),
  op({ name: "set_project_state", summary: "Start (running) or stop (stopped) dispatch for a project", input: setProjectStateInput, readOnly: false, run: (t, i) => t.setProjectState(i) }),
  op({ name: "create_epic", summary: "Create an epic in a project", input: createEpicInput, readOnly: false, run: (t, i) => t.createEpic(i) }),
  op({ name: "update_epic", summary: "Change an epic's name, description or project", input: updateEpicInput, readOnly: false, run: (t, i) => t.updateEpic(i) }),
  op({ name: "get_epic", summary: "Show an epic with its project, sibling epics and issues", input: getEpicInput, readOnly: true, run: (t, i) => t.getEpic(i) }),
  op({ name: "list_epics", summary: "List epics, of one project or all", input: listEpicsInput, readOnly: true, run: (t, i) => t.listEpics(i) }),
  op({ name: "delete_epic", summary: "Delete an epic; its issues stay without an epic", input: epicInput, readOnly: false, run: (t, i) => t.deleteEpic(i) }),
  op({ name: "create_issue", summary: "Create an issue in a project", input: createIssueInput, readOnly: false, run: (t, i) => t.createIssue(i) }),
  op({ name: "get_issue", summary: "Show an issue in full", input: issueInput, readOnly: true, run: (t, i) => t.getIssue(i) }),
  op({ name: "list_issues", summary: "List issues with filters, search, sort and pagination", input: listIssuesInput, readOnly: true, run: (t, i) => t.listIssues(i) }),
  op({ name: "update_issue", summary: "Change an issue's fields (absent = unchanged, null = cleared)", input: updateIssueInput, readOnly: false, run: (t, i) => t.updateIssue(i) }),
  op({ name: "set_issue_state", summary: "Move an issue to another state", input: setIssueStateInput, readOnly: false, run: (t, i) => t.setIssueState(i) }),
  op({ name: "set_issue_workflow_phase", summary: "Set which workflow phase of an issue runs next", input: setIssueWorkflowPhaseInput, readOnly: false, run: (t, i) => t.setIssueWorkflowPhase(i) }),
  op({ name: "delete_issue", summary: "Delete an issue with its comments and assets", input: issueInput, readOnly: false, run: (t, i) => t.deleteIssue(i) }),
  op({ name: "set_blockers", summary: "Replace the issues an issue waits for ([] clears)", input: setBlockersInput, readOnly: false, run: (t, i) => t.setBlockers(i) }),
  op({ name: "remove_blockers", summary: "Stop an issue waiting for the listed issues", input: removeBlockersInput, readOnly: false, run: (t, i) => t.removeBlockers(i) }),
  op({ name: "list_issue_comments", summary: "List an issue's comment threads", input: listIssueCommentsInput, readOnly: true, run: (t, i) => t.listIssueComments(i) }),
  op({ name: "create_issue_comment", summary: "Comment on an issue or reply to a comment", input: createIssueCommentInput, readOnly: false, run: (t, i) => t.createIssueComment(i) }),
  op({ name: "update_issue_comment", summary: "Edit a comment's body or attachments", input: updateIssueCommentInput, readOnly: false, run: (t, i) => t.updateIssueComment(i) }),
  op({ name: "delete_issue_comment", summary: "Delete a comment", input: deleteIssueCommentInput, readOnly: false, run: (t, i) => t.deleteIssueComment(i) }),
  op({ name: "attach_issue_asset", summary: "Copy a local file into an issue's assets (up to 100 MiB)", input: attachIssueAssetInput, readOnly: false, run: (t, i) => t.attachIssueAsset(i) }),
  op({ name: "list_issue_assets", summary: "List an issue's assets", input: listIssueAssetsInput, readOnly: true, run: (t, i) => t.listIssueAssets(i) }),
  op({ name: "delete_issue_asset", summary: "Delete an issue asset and its file", input: issueAssetInput, readOnly: false, run: (t, i) => t.deleteIssueAsset(i) }),
  op({ name: "board_overview", summary: "Standard issues by state, as on the board", input: boardOverviewInput, readOnly: true, run: (t, i) => t.boardOverview(i) }),
  op({ name: "get_status", summary: "Count projects, epics and issues by state", input: getStatusInput, readOnly: true, run: (t, i) => t.getStatus(i) }),
  op({ name: "list_changes", summary: "Change events after a sequence number", input: listChangesInput, readOnly: true, run: (t, i) => t.listChanges(i) }),
];

const byName = new Map(operations.map((o) => [o.name, o]));

export const operationNames: readonly string[] = operations.map((o) => o.name);

export function getOperation(name: string): Operation | undefined {
  return byName.get(name);
}

export function runOperation(tracker: Tracker, name: string, rawInput: unknown): unknown {
  const operation = byName.get(name);
  if (!operation) throw notFound(`Unknown operation "${name}"`, `known operations: ${operationNames.join(", ")}`);
  return operation.run(tracker, parseInput(operation.input, rawInput));
}
