// The scheduling rules as pure functions (inventory §6.2, §6.5, §6.6): which
// phase an issue's next run is, whether it may run now, where it goes after
// a successful run, and how long a retry waits.
import type { IssueState, RunnableIssue, WorkflowPhase } from "../tracker/mod.ts";
import type { Phase, WorkflowConfig } from "../workflow/mod.ts";

/** The phase a run of this issue would execute, or "complete" when nothing is left to run. */
export function executionPhase(state: IssueState, stored: WorkflowPhase, config: WorkflowConfig): Phase | "complete" {
  if (state === "cancelled") return "complete";
  if (state === "done") return config.phases.done.enabled && stored === "done" ? "done" : "complete";
  if (state === "in_review") return config.phases.review.enabled && stored === "review" ? "review" : "implementation";
  return "implementation";
}

/** The states in which notDispatchable may let an issue through (besides done with its done phase pending). */
export function dispatchStates(config: WorkflowConfig): IssueState[] {
  return (["ready", "in_progress", "in_review"] as const).filter((s) =>
    config.tracker.active_states.includes(s) && (s !== "in_review" || config.phases.review.enabled)
  );
}

/** How many runs a project may have at once: 1 in per_project_serial mode. */
export function projectLimit(config: WorkflowConfig): number {
  return config.agent.dispatch_mode === "per_project_serial" ? 1 : config.agent.max_concurrent_agents;
}

/** Why an issue may not be dispatched now, or undefined when it may. */
export function notDispatchable(issue: RunnableIssue, config: WorkflowConfig): string | undefined {
  if (issue.project_state !== "running") return "project_stopped";
  const phase = executionPhase(issue.state, issue.workflow_phase, config);
  if (phase === "complete") return issue.state === "done" || issue.state === "cancelled" ? "terminal_state" : "inactive_state";
  if (phase !== "done" && !config.tracker.active_states.includes(issue.state)) return "inactive_state";
  if (issue.state === "in_review" && !config.phases.review.enabled) return "review_disabled";
  if (phase !== "done" && issue.open_blockers > 0) return "blocked";
  return undefined;
}

/** Whether the turns of a running phase go on after a turn, given the issue's state now. */
export function phaseContinues(phase: Phase, state: IssueState, config: WorkflowConfig): boolean {
  if (phase === "implementation") return config.tracker.active_states.includes(state) && state !== "in_review";
  if (phase === "review") return state === "in_review" && config.phases.review.enabled;
  return false;
}

/** Where an issue goes after a successful run: its state and phase, and what happens next. */
export interface Advance {
  state: IssueState;
  phase: WorkflowPhase;
  /** continue: another run soon; complete: the work is over (clean up); pause: nothing moved; idle: left alone. */
  next: "continue" | "complete" | "pause" | "idle";
}

/** The table of inventory §6.5, from the phase that ran and the state the agent left. */
export function advanceAfterSuccess(ran: Phase, state: IssueState, stored: WorkflowPhase, config: WorkflowConfig): Advance {
  const review = config.phases.review.enabled;
  const done = config.phases.done.enabled;
  const finish = (): Advance => (done ? { state: "done", phase: "done", next: "continue" } : { state: "done", phase: "complete", next: "complete" });
  const toImplementation: Advance = { state: "in_progress", phase: "implementation", next: "continue" };
  const toReview: Advance = { state: "in_review", phase: "review", next: "continue" };
  let target: Advance;
  if (state === "cancelled") target = { state, phase: "complete", next: "complete" };
  else if (state === "backlog") target = { state, phase: "implementation", next: "idle" };
  else if (ran === "implementation") {
    if (state === "done") target = finish();
    else if (state === "in_review") target = review ? toReview : toImplementation;
    else target = review ? toReview : { state, phase: "implementation", next: "pause" };
  } else if (ran === "review") {
    target = state === "in_review" || state === "done" ? finish() : toImplementation;
  } else {
    if (state === "done") target = { state, phase: "complete", next: "complete" };
    else if (state === "in_review") target = review ? toReview : toImplementation;
    else target = toImplementation;
  }
  // Going on only makes sense when something moved; otherwise the next run would do the same again.
  if (target.next === "continue" && target.state === state && target.phase === stored && ran === stored) {
    return { ...target, next: "pause" };
  }
  return target;
}

/** The wait before retry number `attempt` (1, 2, ...): 10 s doubling, capped (a cap ≤ 0 means 5 minutes). */
export function failureDelayMs(attempt: number, capMs: number): number {
  const cap = capMs > 0 ? capMs : 300_000;
  return Math.min(cap, 10_000 * 2 ** Math.max(0, attempt - 1));
}

/** The wait before a continuation run after a clean run that left work to do. */
export const CONTINUATION_DELAY_MS = 1000;

/** Consecutive timeouts/interruptions that pause an issue instead of retrying it. */
export const INTERRUPTED_PAUSE_THRESHOLD = 3;
