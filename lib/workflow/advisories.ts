// Settings that load but probably do not do what the author meant
// (inventory §5.3); `verify` and `doctor` show them.
import type { WorkflowConfig, WorkflowWarning } from "./types.ts";

// Steps older prompts gave the agent; the done phase now does them.
const BRANCH_PHRASES = [
  "create a dedicated issue branch before editing",
  "use maestro/{{ issue.identifier }}",
  "sync origin/main",
  "merge the issue branch into local main",
  "rerun the relevant validation on main",
  "push main to origin",
  "create a new branch from origin/main",
];

export function advisories(config: WorkflowConfig, prompt: string): WorkflowWarning[] {
  const out: WorkflowWarning[] = [];
  const { codex, agent, phases } = config;
  const sandboxKeys = [
    codex.thread_sandbox !== null ? "codex.thread_sandbox" : undefined,
    codex.turn_sandbox_policy !== null ? "codex.turn_sandbox_policy" : undefined,
  ].filter((k) => k !== undefined);
  const appServer = agent.mode === "app_server";
  const never = codex.approval_policy === "never";
  if (sandboxKeys.length > 0) {
    const them = sandboxKeys.length > 1 ? "them" : "it";
    out.push({
      code: "workflow_permissions",
      message: `${sandboxKeys.join(" and ")} ${sandboxKeys.length > 1 ? "are" : "is"} ignored: permissions come from each project's permission profile (remove ${them} and set the profile)`,
    });
    if (appServer && never) {
      out.push({
        code: "workflow_approval_policy",
        message: `codex.approval_policy "never" runs every command without asking, and the legacy sandbox settings no longer limit the agent (check the project's permission profile)`,
      });
    }
  }
  if (appServer && never && codex.initial_collaboration_mode === "plan") {
    out.push({
      code: "workflow_plan_approval_policy",
      message: `codex.initial_collaboration_mode "plan" with codex.approval_policy "never": questions asked while planning fail the turn (use on-request or leave approval_policy out)`,
    });
  }
  if (phases.done.enabled) {
    for (const [key, text] of [["prompt", prompt], ["phases.done.prompt", phases.done.prompt]] as const) {
      const lower = text.toLowerCase();
      const phrase = BRANCH_PHRASES.find((p) => lower.includes(p));
      if (phrase) {
        out.push({
          code: "workflow_prompt_branching",
          message: `${key} tells the agent to "${phrase}", but the done phase merges and pushes (remove the branch steps from the prompt)`,
        });
      }
    }
  }
  return out;
}
