// State and phase changes (inventory §4.4). Any move is allowed except into
// in_progress while a blocker is open. A plain state change also resets the
// workflow phase, stamps started_at/completed_at, and cancelling stops a
// recurring schedule.
import { z } from "zod";
import { blocked } from "../errors.ts";
import { openBlockers } from "./blockers.ts";
import type { TrackerContext } from "./context.ts";
import { loadDetail } from "./issue-detail.ts";
import { findIssue, type IssueCore } from "./lookup.ts";
import { type Mutation, mutate } from "./mutation.ts";
import { disableRecurrence } from "./recurrence.ts";
import { issueRef, oneOf } from "./schemas.ts";
import type { IssueDetail } from "./types.ts";
import { defaultPhaseFor, ISSUE_STATES, type IssueState, isTerminalState, WORKFLOW_PHASES } from "./vocabulary.ts";

export const setIssueStateInput = z.strictObject({ identifier: issueRef(), state: oneOf(ISSUE_STATES) });
export type SetIssueStateInput = z.output<typeof setIssueStateInput>;

export const setIssueWorkflowPhaseInput = z.strictObject({ identifier: issueRef(), workflow_phase: oneOf(WORKFLOW_PHASES) });
export type SetIssueWorkflowPhaseInput = z.output<typeof setIssueWorkflowPhaseInput>;

/** Throws "blocked" when `issue` may not enter in_progress because of open blockers. */
function assertCanStart(m: Mutation, issue: IssueCore, target: IssueState): void {
  if (target !== "in_progress") return;
  const open = openBlockers(m.tx, issue.id);
  if (open.length === 0) return;
  const names = open.map((b) => `"${b}"`).join(", ");
  throw blocked(
    `Cannot move "${issue.identifier}" to in_progress: blocked by ${names}`,
    open.length === 1 ? "finish it or remove the blocker" : "finish them or remove the blockers",
  );
}

/** Moves an issue to `target` inside a mutation, with every side rule; emits the change. */
export function moveIssue(m: Mutation, issue: IssueCore, target: IssueState): void {
  assertCanStart(m, issue, target);
  const started = target === "in_progress" ? ", started_at = ?" : "";
  const completed = isTerminalState(target) ? ", completed_at = ?" : "";
  const params = [target, defaultPhaseFor(target), m.now];
  if (started) params.push(m.now);
  if (completed) params.push(m.now);
  m.tx.run(
    `UPDATE issues SET state = ?, workflow_phase = ?, updated_at = ?${started}${completed} WHERE id = ?`,
    [...params, issue.id],
  );
  if (target === "cancelled") disableRecurrence(m.tx, issue.id, m.now);
  m.emit("issue", issue.id, "state_changed", { identifier: issue.identifier, from: issue.state, state: target });
}

/** set_issue_state: a no-op when the issue is already there. Throws "blocked" for in_progress with open blockers. */
export function setIssueState(ctx: TrackerContext, input: SetIssueStateInput): IssueDetail {
  return mutate(ctx, (m) => {
    const issue = findIssue(m.tx, input.identifier);
    if (issue.state !== input.state) moveIssue(m, issue, input.state);
    return loadDetail(m.tx, issue.id);
  });
}

/** set_issue_workflow_phase: the orchestrator's record of which part of the work runs next. */
export function setIssueWorkflowPhase(ctx: TrackerContext, input: SetIssueWorkflowPhaseInput): IssueDetail {
  return mutate(ctx, (m) => {
    const issue = findIssue(m.tx, input.identifier);
    m.tx.run(`UPDATE issues SET workflow_phase = ?, updated_at = ? WHERE id = ?`, [input.workflow_phase, m.now, issue.id]);
    m.emit("issue", issue.id, "phase_changed", { identifier: issue.identifier, workflow_phase: input.workflow_phase });
    return loadDetail(m.tx, issue.id);
  });
}
