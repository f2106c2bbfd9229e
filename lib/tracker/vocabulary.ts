// The closed sets of words the tracker speaks (inventory §4.3–4.8). Every
// schema, SQL CHECK and message lists its values from here.

export const ISSUE_STATES = ["backlog", "ready", "in_progress", "in_review", "done", "cancelled"] as const;
export type IssueState = (typeof ISSUE_STATES)[number];

/** States the orchestrator works on by default. */
export const ACTIVE_STATES: readonly IssueState[] = ["ready", "in_progress", "in_review"];
/** States that resolve a blocker and end work. */
export const TERMINAL_STATES: readonly IssueState[] = ["done", "cancelled"];

export const WORKFLOW_PHASES = ["implementation", "review", "done", "complete"] as const;
export type WorkflowPhase = (typeof WORKFLOW_PHASES)[number];

export const ISSUE_TYPES = ["standard", "recurring"] as const;
export type IssueType = (typeof ISSUE_TYPES)[number];

export const PROJECT_STATES = ["stopped", "running"] as const;
export type ProjectState = (typeof PROJECT_STATES)[number];

export const PERMISSION_PROFILES = ["default", "full-access", "plan-then-full-access"] as const;
export type PermissionProfile = (typeof PERMISSION_PROFILES)[number];

export const ISSUE_SORTS = [
  "updated_desc",
  "updated_asc",
  "created_asc",
  "created_desc",
  "priority_asc",
  "priority_desc",
  "identifier_asc",
  "identifier_desc",
  "state_asc",
  "state_desc",
  "project_asc",
  "project_desc",
  "epic_asc",
  "epic_desc",
] as const;
export type IssueSort = (typeof ISSUE_SORTS)[number];

export function isTerminalState(state: IssueState): boolean {
  return TERMINAL_STATES.includes(state);
}

/** The phase a plain state change leaves behind: a finished issue has nothing left to run. */
export function defaultPhaseFor(state: IssueState): WorkflowPhase {
  return isTerminalState(state) ? "complete" : "implementation";
}

/** A zero-filled count per state, in board order. */
export function emptyStateCounts(): Record<IssueState, number> {
  return { backlog: 0, ready: 0, in_progress: 0, in_review: 0, done: 0, cancelled: 0 };
}
