// The enum settings `workflow init` asks about, as numbered menus: each
// choice with the short names people type (inventory §1.4).
import type { AgentMode, ApprovalPolicyName, CollaborationMode, DispatchMode } from "./types.ts";

export interface Choice<V extends string = string> {
  value: V;
  aliases: readonly string[];
  /** One line for the menu. */
  description: string;
}

export interface ChoiceValues {
  agent_mode: AgentMode;
  dispatch_mode: DispatchMode;
  approval_policy: ApprovalPolicyName;
  initial_collaboration_mode: CollaborationMode;
}
export type ChoiceKind = keyof ChoiceValues;

export const INIT_CHOICES: { readonly [K in ChoiceKind]: readonly Choice<ChoiceValues[K]>[] } = {
  agent_mode: [
    { value: "app_server", aliases: ["app", "server", "app-server"], description: "long-lived Codex app-server over JSON-RPC (approvals, plans, resumable threads)" },
    { value: "stdio", aliases: ["std", "exec"], description: "one command per turn with the prompt on standard input" },
  ],
  dispatch_mode: [
    { value: "parallel", aliases: ["par"], description: "up to max_concurrent_agents issues of a project at once" },
    { value: "per_project_serial", aliases: ["serial", "per", "pps", "per-project-serial"], description: "one issue per project at a time" },
  ],
  approval_policy: [
    { value: "never", aliases: [], description: "Codex never asks; requests are approved" },
    { value: "on-request", aliases: ["req", "request", "on_request"], description: "Codex asks when it wants to step outside its sandbox" },
    { value: "on-failure", aliases: ["fail", "failure", "on_failure"], description: "Codex asks after a sandboxed command fails" },
    { value: "untrusted", aliases: [], description: "Codex asks before any command it does not trust" },
  ],
  initial_collaboration_mode: [
    { value: "default", aliases: ["def"], description: "start implementing at once" },
    { value: "plan", aliases: [], description: "propose a plan first and wait for approval" },
  ],
};

/**
 * Reads what someone typed for a menu: its number, an alias, the full value
 * or a prefix of either, case-insensitively. A prefix shared by several
 * choices gives `{ ambiguous }` with them; no match (or blank input) gives
 * undefined.
 */
export function resolveChoice<K extends ChoiceKind>(kind: K, input: string): ChoiceValues[K] | { ambiguous: ChoiceValues[K][] } | undefined {
  const choices: readonly Choice<ChoiceValues[K]>[] = INIT_CHOICES[kind];
  const typed = input.trim().toLowerCase();
  if (typed === "") return undefined;
  if (/^\d+$/.test(typed)) return choices[Number(typed) - 1]?.value;
  const names = (c: Choice<ChoiceValues[K]>) => [c.value, ...c.aliases];
  const exact = choices.find((c) => names(c).includes(typed));
  if (exact) return exact.value;
  const matches = choices.filter((c) => names(c).some((n) => n.startsWith(typed))).map((c) => c.value);
  if (matches.length === 1) return matches[0];
  return matches.length > 1 ? { ambiguous: matches } : undefined;
}
