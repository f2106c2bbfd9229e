// Front matter → WorkflowConfig: defaults for what is absent, legacy flat
// keys moved to their nested place, every value checked once.
import { invalidInput } from "../errors.ts";
import { DEFAULT_APPROVAL_POLICY, readApprovalPolicy } from "./approval-policy.ts";
import { DEFAULT_DONE_PROMPT, DEFAULT_REVIEW_PROMPT } from "./default-prompts.ts";
import type { FrontMatter } from "./front-matter.ts";
import { LEGACY_KEYS, REJECTED_KEYS } from "./known-keys.ts";
import { isMap, Setting, show } from "./setting.ts";
import { bool, nonNegativeInt, oneOf, positiveInt, requiredText, stateList, text } from "./setting-readers.ts";
import { unknownKeyWarnings } from "./unknown-keys.ts";
import { expandPath, type PathContext } from "./workspace-root.ts";
import type { AgentMode, CollaborationMode, DispatchMode, WorkflowConfig, WorkflowWarning } from "./types.ts";

export const AGENT_MODES: readonly AgentMode[] = ["app_server", "stdio"];
export const DISPATCH_MODES: readonly DispatchMode[] = ["parallel", "per_project_serial"];
export const COLLABORATION_MODES: readonly CollaborationMode[] = ["default", "plan"];
export const DEFAULT_WORKSPACE_ROOT = "~/.maestro/worktrees";

const SECTIONS = ["tracker", "polling", "workspace", "hooks", "agent", "codex", "phases", "phases.review", "phases.done"];

/** Reads and checks every setting; throws MaestroError("invalid_input") at the first bad one. */
export function readConfig(front: FrontMatter, ctx: PathContext): { config: WorkflowConfig; warnings: WorkflowWarning[] } {
  const { data } = front;
  rejectLegacyKeys(front);
  for (const section of SECTIONS) {
    const keys = section.split(".");
    const value = valueAt(data, keys);
    if (value !== undefined && value !== null && !isMap(value)) throw new Setting(value, section, keys, front).expected("a map of settings");
  }
  const warnings = unknownKeyWarnings(data);
  const at = (path: string) => lookup(front, path, warnings);
  const read = <T>(path: string, reader: (s: Setting) => T, fallback: T): T => {
    const s = at(path);
    return s ? reader(s) : fallback;
  };
  const int = (path: string, fallback: number) => read(path, positiveInt, fallback);
  const hook = (path: string) => read(path, (s) => text(s, "a shell command"), "");
  const phasePrompt = (path: string, fallback: string) => {
    const prompt = read(path, (s) => text(s, "a prompt template"), "").trim();
    return prompt === "" ? fallback : prompt;
  };
  const config: WorkflowConfig = {
    tracker: {
      kind: read("tracker.kind", (s) => oneOf(s, ["kanban"] as const), "kanban"),
      active_states: read("tracker.active_states", stateList, ["ready", "in_progress", "in_review"]),
      terminal_states: read("tracker.terminal_states", stateList, ["done", "cancelled"]),
    },
    polling: { interval_ms: int("polling.interval_ms", 10_000) },
    workspace: { root: workspaceRoot(at("workspace.root"), ctx) },
    hooks: {
      after_create: hook("hooks.after_create"),
      before_run: hook("hooks.before_run"),
      after_run: hook("hooks.after_run"),
      before_remove: hook("hooks.before_remove"),
      timeout_ms: int("hooks.timeout_ms", 60_000),
    },
    agent: {
      max_concurrent_agents: int("agent.max_concurrent_agents", 3),
      max_turns: int("agent.max_turns", 4),
      max_retry_backoff_ms: int("agent.max_retry_backoff_ms", 60_000),
      max_automatic_retries: int("agent.max_automatic_retries", 8),
      mode: read("agent.mode", (s) => oneOf(s, AGENT_MODES), "app_server"),
      dispatch_mode: read("agent.dispatch_mode", (s) => oneOf(s, DISPATCH_MODES), "parallel"),
      max_concurrent_agents_by_state: read("agent.max_concurrent_agents_by_state", (s) => limitsByState(s, warnings), {}),
    },
    codex: {
      command: read("codex.command", (s) => requiredText(s, "a command"), "codex app-server"),
      approval_policy: read("codex.approval_policy", readApprovalPolicy, DEFAULT_APPROVAL_POLICY),
      initial_collaboration_mode: read("codex.initial_collaboration_mode", (s) => oneOf(s, COLLABORATION_MODES), "default"),
      turn_timeout_ms: int("codex.turn_timeout_ms", 1_800_000),
      read_timeout_ms: int("codex.read_timeout_ms", 10_000),
      stall_timeout_ms: read("codex.stall_timeout_ms", (s) => nonNegativeInt(s, "no stall detection"), 300_000),
      thread_sandbox: read("codex.thread_sandbox", (s) => requiredText(s, "a sandbox mode"), null),
      turn_sandbox_policy: read("codex.turn_sandbox_policy", sandboxPolicy, null),
    },
    phases: {
      review: {
        enabled: read("phases.review.enabled", bool, true),
        prompt: phasePrompt("phases.review.prompt", DEFAULT_REVIEW_PROMPT),
      },
      done: {
        enabled: read("phases.done.enabled", bool, true),
        prompt: phasePrompt("phases.done.prompt", DEFAULT_DONE_PROMPT),
      },
    },
  };
  return { config, warnings };
}

function rejectLegacyKeys(front: FrontMatter): void {
  const found = REJECTED_KEYS.filter((k) => Object.hasOwn(front.data, k));
  if (found.length === 0) return;
  const names = found.map((k) => `"${k}"`).join(", ");
  const many = found.length > 1;
  throw invalidInput(
    `${front.where([found[0]!])}: legacy key${many ? "s" : ""} ${names} ${many ? "are" : "is"} not supported by the local kanban tracker (remove ${many ? "them" : "it"})`,
  );
}

function valueAt(data: Record<string, unknown>, keys: readonly string[]): unknown {
  let value: unknown = data;
  for (const key of keys) {
    if (!isMap(value)) return undefined;
    value = value[key];
  }
  return value;
}

const present = (v: unknown) => v !== null && v !== undefined;

/** The nested key if set, else the first legacy flat spelling that is set; the others are reported as ignored. */
function lookup(front: FrontMatter, path: string, warnings: WorkflowWarning[]): Setting | undefined {
  const keys = path.split(".");
  const nested = valueAt(front.data, keys);
  const flats = Object.keys(LEGACY_KEYS).filter((flat) => LEGACY_KEYS[flat] === path && present(front.data[flat]));
  const chosen = present(nested) ? new Setting(nested, path, keys, front) : flats[0] === undefined ? undefined : new Setting(front.data[flats[0]], flats[0], [flats[0]], front);
  for (const flat of flats) {
    if (chosen?.name !== flat) warnings.push({ code: "ignored_key", message: `legacy key "${flat}" is ignored: "${chosen?.name}" is set (remove one)` });
  }
  return chosen;
}

function workspaceRoot(s: Setting | undefined, ctx: PathContext): string {
  const raw = s === undefined ? DEFAULT_WORKSPACE_ROOT : typeof s.value === "string" ? s.value : undefined;
  if (raw === undefined && s) throw s.expected("a directory path");
  const result = expandPath(raw === undefined || raw.trim() === "" ? DEFAULT_WORKSPACE_ROOT : raw, ctx);
  if ("path" in result) return result.path;
  if (!s) throw new TypeError(`the default workspace root uses $${result.unset}`);
  throw s.fail(`$${result.unset} is not set (set it or write the path out)`);
}

/** Per-state limits; entries that are not positive integers are dropped with a warning (Symphony §5.3.5). */
function limitsByState(s: Setting, warnings: WorkflowWarning[]): Record<string, number> {
  if (!isMap(s.value)) throw s.expected("a map of state: limit");
  const out: Record<string, number> = {};
  for (const [key, value] of Object.entries(s.value)) {
    const state = key.trim().toLowerCase();
    if (state !== "" && typeof value === "number" && Number.isSafeInteger(value) && value > 0) {
      out[state] = value;
    } else {
      warnings.push({
        code: "ignored_entry",
        message: `${s.name}.${key}: expected a positive integer for a state, got ${show(value)} (entry ignored)`,
      });
    }
  }
  return out;
}

function sandboxPolicy(s: Setting): Record<string, unknown> {
  if (isMap(s.value)) return s.value;
  throw s.expected("a map");
}
