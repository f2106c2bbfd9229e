// The shapes a loaded WORKFLOW.md becomes. Keys keep the file's snake_case
// spelling, so `config.agent.max_turns` is the `agent.max_turns` of the file.
import type { PromptTemplate } from "./template.ts";

/** The phase a prompt is rendered for; each has its own template. */
export type Phase = "implementation" | "review" | "done";

export type AgentMode = "app_server" | "stdio";
export type DispatchMode = "parallel" | "per_project_serial";
export type CollaborationMode = "default" | "plan";
export type ApprovalPolicyName = "never" | "on-request" | "on-failure" | "untrusted";

/** Codex's per-category approval switches (`granular`, or its older spelling `reject`). */
export interface GranularApproval {
  sandbox_approval: boolean;
  rules: boolean;
  mcp_elicitations: boolean;
  request_permissions?: boolean;
  skill_approval?: boolean;
}

/** A Codex approval policy, passed through to `thread/start` as written (names in dashed form). */
export type ApprovalPolicy =
  | ApprovalPolicyName
  | { granular: GranularApproval }
  | { reject: GranularApproval };

export interface PhaseConfig {
  enabled: boolean;
  /** The template source (the built-in one when the file leaves it empty). */
  prompt: string;
}

/** Every WORKFLOW.md setting after defaults, migration of legacy keys and validation. */
export interface WorkflowConfig {
  tracker: {
    kind: "kanban";
    /** Trimmed and lower-cased: states compare case-insensitively. */
    active_states: string[];
    terminal_states: string[];
  };
  polling: { interval_ms: number };
  /** `root` is absolute when the WORKFLOW.md path is: `~`, `$VAR` and relative paths are resolved. */
  workspace: { root: string };
  hooks: {
    after_create: string;
    before_run: string;
    after_run: string;
    before_remove: string;
    timeout_ms: number;
  };
  agent: {
    max_concurrent_agents: number;
    max_turns: number;
    max_retry_backoff_ms: number;
    max_automatic_retries: number;
    mode: AgentMode;
    dispatch_mode: DispatchMode;
    /** State (trimmed, lower-cased) → concurrency limit; invalid entries are dropped with a warning. */
    max_concurrent_agents_by_state: Record<string, number>;
  };
  codex: {
    /** Kept verbatim: no `~` or `$VAR` expansion in shell commands. */
    command: string;
    approval_policy: ApprovalPolicy;
    initial_collaboration_mode: CollaborationMode;
    turn_timeout_ms: number;
    read_timeout_ms: number;
    /** 0 turns stall detection off. */
    stall_timeout_ms: number;
    /** Legacy sandbox settings: not used to run Codex, only read once to backfill project profiles. */
    thread_sandbox: string | null;
    turn_sandbox_policy: Record<string, unknown> | null;
  };
  phases: { review: PhaseConfig; done: PhaseConfig };
}

export type WarningCode =
  | "unknown_key"
  | "ignored_key"
  | "ignored_entry"
  | "workflow_permissions"
  | "workflow_approval_policy"
  | "workflow_plan_approval_policy"
  | "workflow_prompt_branching";

/** Something in the file that works but deserves a look; never blocks loading. */
export interface WorkflowWarning {
  code: WarningCode;
  message: string;
}

/** A parsed, validated WORKFLOW.md with its three prompt templates compiled. */
export interface Workflow {
  readonly path: string;
  readonly config: WorkflowConfig;
  /** The implementation template source (the file's body, or the built-in prompt). */
  readonly prompt: string;
  readonly warnings: readonly WorkflowWarning[];
  readonly templates: Readonly<Record<Phase, PromptTemplate>>;
}

/** What parseWorkflow needs from the outside world (it reads nothing itself). */
export interface ParseOptions {
  /** The file's path: names it in messages and anchors relative `workspace.root`. */
  path: string;
  env(name: string): string | undefined;
  homeDir: string;
}
