// The variables a prompt template can read, and the one object a render gets.
import type { Phase } from "./types.ts";

/**
 * What the orchestrator knows when it builds a prompt. `issue` and `project`
 * are read field by field: every own field is a variable (IssueDetail plus
 * its comments), and a template that names a missing one fails to render.
 */
export interface PromptVars {
  issue: object;
  /** `{id, name, description}`; empty strings when the issue has no project. */
  project: object;
  /** null on the first attempt, then 1, 2, … for retries and continuations. */
  attempt: number | null;
  workspace: { path: string };
  /** True while the run plans instead of implementing; false when left out. */
  plan_mode?: boolean;
}

/** The top-level names a template may use; anything else fails at load. */
export const TEMPLATE_ROOTS = ["issue", "project", "attempt", "phase", "workspace", "plan_mode"] as const;

export function promptContext(phase: Phase, vars: PromptVars): Record<(typeof TEMPLATE_ROOTS)[number], unknown> {
  return {
    issue: vars.issue,
    project: vars.project,
    attempt: vars.attempt,
    phase,
    workspace: vars.workspace,
    plan_mode: vars.plan_mode ?? false,
  };
}
