// The Tracker object: every tracker function bound to one context. Each
// method takes its operation's parsed input (see operations.ts for the table).
import { addAsset, attachIssueAsset, deleteIssueAsset, listIssueAssets, readIssueAsset } from "./assets.ts";
import { listChanges } from "./changes.ts";
import {
  addTokensSpent,
  advanceIssue,
  finishedWithWorkspace,
  forgetWorkspace,
  getExecution,
  listExecutions,
  listRunnable,
  projectRows,
  recordWorkspace,
  runnableByIds,
  saveExecution,
  workspaceOf,
  enqueueRecurring,
  nextRecurringAt,
  recurringDue,
} from "./execution.ts";
import { listIssueComments } from "./comment-list.ts";
import { createIssueComment, deleteIssueComment, readCommentAttachment, updateIssueComment } from "./comments.ts";
import { createContext, type TrackerOptions } from "./context.ts";
import { createEpic, deleteEpic, updateEpic } from "./epics.ts";
import { removeBlockers, setBlockers } from "./issue-blockers.ts";
import { listIssues } from "./issue-list.ts";
import { setIssueState, setIssueWorkflowPhase } from "./issue-state.ts";
import { updateIssue } from "./issue-update.ts";
import { createIssue, deleteIssue, getIssue } from "./issues.ts";
import { boardOverview, getStatus } from "./overview.ts";
import { createProject, deleteProject, setProjectState, updateProject } from "./projects.ts";
import { getEpic, getProject, listEpics, listProjects } from "./views.ts";

type Bound<F> = F extends (ctx: never, ...args: infer A) => infer R ? (...args: A) => R : never;

const methods = {
  createProject,
  updateProject,
  getProject,
  listProjects,
  deleteProject,
  setProjectState,
  createEpic,
  updateEpic,
  getEpic,
  listEpics,
  deleteEpic,
  createIssue,
  getIssue,
  listIssues,
  updateIssue,
  setIssueState,
  setIssueWorkflowPhase,
  deleteIssue,
  setBlockers,
  removeBlockers,
  listIssueComments,
  createIssueComment,
  updateIssueComment,
  deleteIssueComment,
  readCommentAttachment,
  attachIssueAsset,
  addAsset,
  listIssueAssets,
  readIssueAsset,
  deleteIssueAsset,
  boardOverview,
  getStatus,
  listChanges,
  listRunnable,
  runnableByIds,
  projectRows,
  saveExecution,
  getExecution,
  listExecutions,
  addTokensSpent,
  advanceIssue,
  recordWorkspace,
  workspaceOf,
  forgetWorkspace,
  finishedWithWorkspace,
  recurringDue,
  nextRecurringAt,
  enqueueRecurring,
};

/**
 * The tracker service: one method per operation, plus addAsset,
 * readIssueAsset, readCommentAttachment and the comment methods' files
 * argument for byte-level callers and the orchestrator's run records
 * (execution.ts).
 */
export type Tracker = { readonly [K in keyof typeof methods]: Bound<(typeof methods)[K]> };

/** Binds every tracker function to one context built from `opts`. */
export function createTracker(opts: TrackerOptions): Tracker {
  const ctx = createContext(opts);
  return {
    createProject: (input) => createProject(ctx, input),
    updateProject: (input) => updateProject(ctx, input),
    getProject: (input) => getProject(ctx, input),
    listProjects: (input) => listProjects(ctx, input),
    deleteProject: (input) => deleteProject(ctx, input),
    setProjectState: (input) => setProjectState(ctx, input),
    createEpic: (input) => createEpic(ctx, input),
    updateEpic: (input) => updateEpic(ctx, input),
    getEpic: (input) => getEpic(ctx, input),
    listEpics: (input) => listEpics(ctx, input),
    deleteEpic: (input) => deleteEpic(ctx, input),
    createIssue: (input) => createIssue(ctx, input),
    getIssue: (input) => getIssue(ctx, input),
    listIssues: (input) => listIssues(ctx, input),
    updateIssue: (input) => updateIssue(ctx, input),
    setIssueState: (input) => setIssueState(ctx, input),
    setIssueWorkflowPhase: (input) => setIssueWorkflowPhase(ctx, input),
    deleteIssue: (input) => deleteIssue(ctx, input),
    setBlockers: (input) => setBlockers(ctx, input),
    removeBlockers: (input) => removeBlockers(ctx, input),
    listIssueComments: (input) => listIssueComments(ctx, input),
    createIssueComment: (input, incoming) => createIssueComment(ctx, input, incoming),
    updateIssueComment: (input, incoming) => updateIssueComment(ctx, input, incoming),
    deleteIssueComment: (input) => deleteIssueComment(ctx, input),
    readCommentAttachment: (input) => readCommentAttachment(ctx, input),
    attachIssueAsset: (input) => attachIssueAsset(ctx, input),
    addAsset: (identifier, filename, contentType, bytes) => addAsset(ctx, identifier, filename, contentType, bytes),
    listIssueAssets: (input) => listIssueAssets(ctx, input),
    readIssueAsset: (input) => readIssueAsset(ctx, input),
    deleteIssueAsset: (input) => deleteIssueAsset(ctx, input),
    boardOverview: (input) => boardOverview(ctx, input),
    getStatus: (input) => getStatus(ctx, input),
    listChanges: (input) => listChanges(ctx, input),
    listRunnable: (scopes, limit, offset) => listRunnable(ctx, scopes, limit, offset),
    runnableByIds: (ids) => runnableByIds(ctx, ids),
    projectRows: () => projectRows(ctx),
    saveExecution: (record) => saveExecution(ctx, record),
    getExecution: (issueId) => getExecution(ctx, issueId),
    listExecutions: (kinds) => listExecutions(ctx, kinds),
    addTokensSpent: (issueId, tokens) => addTokensSpent(ctx, issueId, tokens),
    advanceIssue: (issueId, state, phase) => advanceIssue(ctx, issueId, state, phase),
    recordWorkspace: (issueId, path, branch) => recordWorkspace(ctx, issueId, path, branch),
    workspaceOf: (issueId) => workspaceOf(ctx, issueId),
    forgetWorkspace: (issueId) => forgetWorkspace(ctx, issueId),
    finishedWithWorkspace: () => finishedWithWorkspace(ctx),
    recurringDue: (now) => recurringDue(ctx, now),
    nextRecurringAt: () => nextRecurringAt(ctx),
    enqueueRecurring: (issueId, how) => enqueueRecurring(ctx, issueId, how),
  };
}
