// Every key WORKFLOW.md understands, as a tree, plus the flat keys of older
// files and where each one moved.

/** A setting with a value of its own. */
export const LEAF = "leaf";
/** A map whose keys are data (state names, Codex pass-through), not settings. */
export const OPEN = "open";
export type KeyTree = { readonly [key: string]: KeyTree | typeof LEAF | typeof OPEN };

const APPROVAL_FLAGS: KeyTree = {
  sandbox_approval: LEAF,
  rules: LEAF,
  mcp_elicitations: LEAF,
  request_permissions: LEAF,
  skill_approval: LEAF,
};

const PHASE: KeyTree = { enabled: LEAF, prompt: LEAF };

export const KEY_TREE: KeyTree = {
  tracker: { kind: LEAF, active_states: LEAF, terminal_states: LEAF },
  polling: { interval_ms: LEAF },
  workspace: { root: LEAF },
  hooks: { after_create: LEAF, before_run: LEAF, after_run: LEAF, before_remove: LEAF, timeout_ms: LEAF },
  agent: {
    max_concurrent_agents: LEAF,
    max_turns: LEAF,
    max_retry_backoff_ms: LEAF,
    max_automatic_retries: LEAF,
    mode: LEAF,
    dispatch_mode: LEAF,
    max_concurrent_agents_by_state: OPEN,
  },
  codex: {
    command: LEAF,
    approval_policy: { granular: APPROVAL_FLAGS, reject: APPROVAL_FLAGS },
    initial_collaboration_mode: LEAF,
    turn_timeout_ms: LEAF,
    read_timeout_ms: LEAF,
    stall_timeout_ms: LEAF,
    thread_sandbox: LEAF,
    turn_sandbox_policy: OPEN,
  },
  phases: { review: PHASE, done: PHASE },
};

/**
 * Flat keys of older files → the nested key they stand for. When both are
 * set the nested one wins; the first of several flat spellings wins among them.
 */
export const LEGACY_KEYS: Readonly<Record<string, string>> = {
  tracker_kind: "tracker.kind",
  tracker_active_states: "tracker.active_states",
  tracker_terminal_states: "tracker.terminal_states",
  poll_interval: "polling.interval_ms",
  poll_interval_ms: "polling.interval_ms",
  workspace_root: "workspace.root",
  hooks_timeout_ms: "hooks.timeout_ms",
  max_concurrent: "agent.max_concurrent_agents",
  max_concurrent_agents: "agent.max_concurrent_agents",
  max_turns: "agent.max_turns",
  max_retry_backoff_ms: "agent.max_retry_backoff_ms",
  max_automatic_retries: "agent.max_automatic_retries",
  agent_mode: "agent.mode",
  dispatch_mode: "agent.dispatch_mode",
  codex_command: "codex.command",
  codex_approval_policy: "codex.approval_policy",
  codex_initial_collaboration_mode: "codex.initial_collaboration_mode",
  codex_turn_timeout_ms: "codex.turn_timeout_ms",
  codex_read_timeout_ms: "codex.read_timeout_ms",
  codex_stall_timeout_ms: "codex.stall_timeout_ms",
  codex_thread_sandbox: "codex.thread_sandbox",
  codex_turn_sandbox_policy: "codex.turn_sandbox_policy",
};

/** Flat keys of the hosted-tracker days that have no meaning for the local tracker. */
export const REJECTED_KEYS = ["tracker_api_token", "tracker_project_slug", "tracker_assignee"] as const;

/** Every dotted key path of the tree (sections and leaves), for suggestions. */
export function knownPaths(tree: KeyTree = KEY_TREE, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([key, sub]) => {
    const path = prefix + key;
    return typeof sub === "string" ? [path] : [path, ...knownPaths(sub, `${path}.`)];
  });
}
