// Rendering the template of a phase with the run's variables.
import { promptContext, type PromptVars } from "./prompt-vars.ts";
import type { Phase, Workflow } from "./types.ts";

export function renderPrompt(workflow: Workflow, phase: Phase, vars: PromptVars): string {
  return workflow.templates[phase].render(promptContext(phase, vars)).trim();
}
