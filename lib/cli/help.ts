import type { CommandSpec, FlagSpec } from "./command.ts";
import { globalFlags } from "./globals.ts";

function flagLine(f: FlagSpec): [string, string] {
  const value = f.type === "boolean" ? "" : ` ${f.value ?? (f.type === "int" ? "N" : "VALUE")}`;
  const extra = [f.required ? "required" : "", f.defaultText ? `default ${f.defaultText}` : "", f.type === "list" ? "repeatable" : ""]
    .filter(Boolean).join(", ");
  return [`--${f.name}${value}`, extra ? `${f.description} (${extra})` : f.description];
}

function columns(rows: [string, string][]): string[] {
  const w = Math.max(0, ...rows.map(([a]) => a.length));
  return rows.map(([a, b]) => `  ${a.padEnd(w)}  ${b}`);
}

/** The usage line of a command, e.g. "maestro issue move <identifier> <state> [flags]". */
export function usageLine(chain: CommandSpec[]): string {
  const cmd = chain[chain.length - 1]!;
  const path = chain.map((c) => c.name).join(" ");
  if (!cmd.run) return `${path} <command> [flags]`;
  const args = (cmd.args ?? []).map((a) => {
    const inner = a.variadic ? `${a.name}...` : a.name;
    return a.required ? `<${inner}>` : `[${inner}]`;
  });
  return [path, ...args, "[flags]"].join(" ");
}

/** Help text for the last command of `chain`; `globals: false` leaves out the global flags. */
export function renderHelp(chain: CommandSpec[], opts: { globals?: boolean } = {}): string {
  const cmd = chain[chain.length - 1]!;
  const lines = [cmd.summary, "", `Usage:`, `  ${usageLine(chain)}`];
  if (cmd.aliases?.length) lines.push("", `Aliases: ${cmd.aliases.join(", ")}`);
  if (cmd.details) lines.push("", cmd.details);
  const listed = (cmd.subcommands ?? []).filter((s) => !s.hidden);
  if (listed.length) {
    const label = (s: CommandSpec) => (s.aliases?.length ? `${s.name} (${s.aliases.join(", ")})` : s.name);
    lines.push("", "Commands:", ...columns(listed.map((s) => [label(s), s.summary])));
  }
  const args = (cmd.args ?? []).filter((a) => a.description);
  if (args.length) lines.push("", "Arguments:", ...columns(args.map((a) => [a.name, a.description!])));
  if (cmd.flags?.length) lines.push("", "Flags:", ...columns(cmd.flags.map(flagLine)));
  if (opts.globals !== false) lines.push("", "Global flags:", ...columns(globalFlags.map(flagLine)));
  return `${lines.join("\n")}\n`;
}
