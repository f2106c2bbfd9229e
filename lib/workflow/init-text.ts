// The WORKFLOW.md `workflow init` writes: every setting with a comment, the
// chosen values filled in, and the built-in prompts.
import { stringify } from "yaml";
import { invalidInput } from "../errors.ts";
import { DEFAULT_PROMPT, INIT_DONE_PROMPT, INIT_REVIEW_PROMPT } from "./default-prompts.ts";
import { INIT_CHOICES, type ChoiceValues } from "./init-choices.ts";
import type { Workflow } from "./types.ts";

/** What `workflow init` asks for (its flags), in the file's spelling. */
export interface InitSettings extends ChoiceValues {
  workspace_root: string;
  codex_command: string;
  max_concurrent_agents: number;
  max_turns: number;
  max_automatic_retries: number;
}

/** `workflow init --defaults` (inventory §5.2, "init writes"). */
export const INIT_DEFAULTS: Readonly<InitSettings> = {
  workspace_root: "~/.maestro/worktrees",
  codex_command: "codex app-server",
  agent_mode: "app_server",
  dispatch_mode: "parallel",
  max_concurrent_agents: 3,
  max_turns: 4,
  max_automatic_retries: 8,
  approval_policy: "never",
  initial_collaboration_mode: "default",
};

/**
 * The init settings a parsed workflow holds (workspace_root expanded as
 * loaded; a map approval policy reads as "never"): what init wrote, read back.
 */
export function initSettingsOf(workflow: Workflow): InitSettings {
  const { agent, codex, workspace } = workflow.config;
  return {
    workspace_root: workspace.root,
    codex_command: codex.command,
    agent_mode: agent.mode,
    dispatch_mode: agent.dispatch_mode,
    max_concurrent_agents: agent.max_concurrent_agents,
    max_turns: agent.max_turns,
    max_automatic_retries: agent.max_automatic_retries,
    approval_policy: typeof codex.approval_policy === "string" ? codex.approval_policy : "never",
    initial_collaboration_mode: codex.initial_collaboration_mode,
  };
}

export function initWorkflowText(settings: InitSettings): string {
  checkSettings(settings);
  const s = settings;
  return `---
# How Maestro works on this repository. Written by \`maestro workflow init\`;
# edit it freely: Maestro reloads it when it changes.
tracker:
  # The local kanban tracker is the only kind.
  kind: kanban
  # Issues in these states are picked up by the orchestrator.
  active_states: [ready, in_progress, in_review]
  # Issues in these states are finished; their workspaces are cleaned up.
  terminal_states: [done, cancelled]

polling:
  # A safety net only: state changes wake the scheduler at once.
  interval_ms: 10000

workspace:
  # One git worktree per issue, under <root>/<project>/<IDENTIFIER>. A relative
  # path starts at this file's directory; ~ and $VARIABLES are expanded.
  root: ${scalar(s.workspace_root)}

hooks:
  # Shell commands run inside the issue's workspace.
  # after_create runs once, when the worktree is first created:
  # after_create: npm ci
  # before_run runs before every attempt; if it fails, the attempt fails:
  # before_run: git fetch --quiet origin
  # after_run runs after every attempt, also a failed one:
  # after_run: ./scripts/after-run.sh
  # before_remove runs before a finished issue's workspace is removed:
  # before_remove: ./scripts/before-remove.sh
  # How long one hook may run before it is stopped.
  timeout_ms: 60000

agent:
  # Issues of one project worked on at once when dispatch_mode is parallel.
  max_concurrent_agents: ${s.max_concurrent_agents}
  # Turns Codex gets in one attempt.
  max_turns: ${s.max_turns}
  # The longest wait between automatic retries of a failed attempt.
  max_retry_backoff_ms: 60000
  # Failed attempts retried automatically before Maestro stops retrying.
  max_automatic_retries: ${s.max_automatic_retries}
  # How Codex runs: ${values("agent_mode")}.
  mode: ${s.agent_mode}
  # How issues are scheduled: ${values("dispatch_mode")}.
  dispatch_mode: ${s.dispatch_mode}

codex:
  # The command Maestro starts in each workspace, run as written.
  command: ${scalar(s.codex_command)}
  # ${values("approval_policy")}. Leave it out to queue
  # Codex's requests in the dashboard for a person to approve.
  approval_policy: ${s.approval_policy}
  # ${values("initial_collaboration_mode")}: plan makes Codex propose a plan first (app_server only).
  initial_collaboration_mode: ${s.initial_collaboration_mode}
  # The longest one turn may take.
  turn_timeout_ms: 1800000
  # The longest wait for an answer from Codex.
  read_timeout_ms: 10000
  # A turn without Codex activity for this long is stopped as stalled (0: never).
  stall_timeout_ms: 300000

# Prompts are templates: {{ issue.title }}, {% if attempt %}...{% else %}...{% endif %},
# {% for label in issue.labels %}...{% endfor %}, or eta's <%= it.issue.title %>.
# Variables: issue.*, project.*, attempt, phase, workspace.path, plan_mode.
phases:
  review:
    # A review pass after implementation; false skips it.
    enabled: true
    prompt: |
${indent(INIT_REVIEW_PROMPT, "      ")}
  done:
    # A finishing pass that merges and pushes the work; false skips it.
    enabled: true
    prompt: |
${indent(INIT_DONE_PROMPT, "      ")}
---
${DEFAULT_PROMPT}
`;
}

const CHOICE_KINDS = ["agent_mode", "dispatch_mode", "approval_policy", "initial_collaboration_mode"] as const;

function checkSettings(s: InitSettings): void {
  for (const key of ["workspace_root", "codex_command"] as const) {
    if (s[key].trim() === "") throw invalidInput(`${key}: expected a non-empty value, got ""`);
  }
  for (const key of ["max_concurrent_agents", "max_turns", "max_automatic_retries"] as const) {
    if (!Number.isSafeInteger(s[key]) || s[key] <= 0) throw invalidInput(`${key}: expected a positive integer, got ${s[key]}`);
  }
  for (const kind of CHOICE_KINDS) {
    const allowed = INIT_CHOICES[kind].map((c) => c.value);
    if (!allowed.some((v) => v === s[kind])) throw invalidInput(`${kind}: expected one of ${allowed.join(", ")}, got "${s[kind]}"`);
  }
}

const values = (kind: keyof ChoiceValues) => {
  const all = INIT_CHOICES[kind].map((c) => c.value);
  return `${all.slice(0, -1).join(", ")} or ${all.at(-1)}`;
};

/** A YAML scalar on one line: plain when YAML allows it, else double-quoted (JSON's escapes are YAML's). */
function scalar(value: string): string {
  const plain = stringify(value.trim(), { lineWidth: 0 }).trimEnd();
  return plain.includes("\n") ? JSON.stringify(value.trim()) : plain;
}

const indent = (text: string, prefix: string) =>
  text.split("\n").map((line) => (line === "" ? "" : prefix + line)).join("\n");
