// The settings `workflow init` asks about, in prompt order, with one flag
// each (inventory §1.4). Loaded with the command tree, so it names the menus
// and defaults as text only: workflow/ (yaml, eta) loads when init runs, and
// an end-to-end test holds this help to workflow/'s INIT_CHOICES and INIT_DEFAULTS.
import type { ChoiceKind, InitSettings } from "../workflow/mod.ts";
import type { FlagSpec } from "./command.ts";

/** How a setting is typed: free text, a positive count, or a numbered menu. */
export type SettingKind = "text" | "count" | { choice: ChoiceKind };

export interface Setting {
  key: keyof InitSettings;
  flag: string;
  /** The prompt's question. */
  label: string;
  kind: SettingKind;
  /** Help text: what it is, the menu's values, the init default. */
  help: string;
  helpDefault: string;
  /** Asked only when Codex runs as an app-server (it means nothing to stdio). */
  appServerOnly?: boolean;
}

export const SETTINGS: readonly Setting[] = [
  { key: "workspace_root", flag: "workspace-root", label: "Workspace root", kind: "text", help: "where issue worktrees go (relative: from the repository)", helpDefault: "~/.maestro/worktrees" },
  { key: "codex_command", flag: "codex-command", label: "Codex command", kind: "text", help: "the command that starts Codex", helpDefault: "codex app-server" },
  { key: "agent_mode", flag: "agent-mode", label: "Agent mode", kind: { choice: "agent_mode" }, help: "how Codex runs: app_server, stdio", helpDefault: "app_server" },
  { key: "dispatch_mode", flag: "dispatch-mode", label: "Dispatch mode", kind: { choice: "dispatch_mode" }, help: "how a project's issues are scheduled: parallel, per_project_serial", helpDefault: "parallel" },
  { key: "max_concurrent_agents", flag: "max-concurrent-agents", label: "Max concurrent agents", kind: "count", help: "issues of one project worked on at once (parallel)", helpDefault: "3" },
  { key: "max_turns", flag: "max-turns", label: "Max turns", kind: "count", help: "Codex turns in one attempt", helpDefault: "4" },
  { key: "max_automatic_retries", flag: "max-automatic-retries", label: "Max automatic retries", kind: "count", help: "failed attempts retried automatically", helpDefault: "8" },
  { key: "approval_policy", flag: "approval-policy", label: "Approval policy", kind: { choice: "approval_policy" }, help: "when Codex asks first: never, on-request, on-failure, untrusted", helpDefault: "never", appServerOnly: true },
  { key: "initial_collaboration_mode", flag: "initial-collaboration-mode", label: "Initial collaboration mode", kind: { choice: "initial_collaboration_mode" }, help: "plan first or not: default, plan", helpDefault: "default", appServerOnly: true },
];

const placeholder = (s: Setting) => (s.kind === "count" ? "N" : s.kind === "text" ? (s.key === "workspace_root" ? "PATH" : "CMD") : "MODE");

/** One flag per setting. */
export const settingFlags: FlagSpec[] = SETTINGS.map((s) => ({
  name: s.flag,
  type: s.kind === "count" ? "int" : "string",
  value: placeholder(s),
  description: s.help,
  defaultText: s.helpDefault,
}));
