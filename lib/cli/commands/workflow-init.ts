import type { CommandSpec } from "../command.ts";
import { settingFlags } from "../init-flags.ts";

const initSpec = (name: string, summary: string): CommandSpec => ({
  name,
  summary,
  details: [
    "Writes <repo>/WORKFLOW.md with every setting explained, then runs `maestro verify` on the",
    "repository and prints the next steps; a failed check does not fail init. When standard",
    "input and output are terminals, asks for each setting no flag gave (Enter keeps the default;",
    "a menu takes a number, a name, an alias or a unique start of one). --defaults asks nothing;",
    "--interactive asks even without a terminal, reading one answer per line from standard input",
    "(for scripts). An existing WORKFLOW.md is kept unless --force (or, asked, you confirm).",
  ].join("\n"),
  args: [{ name: "repo", description: "the repository (default: the current directory)" }],
  flags: [
    ...settingFlags,
    { name: "defaults", type: "boolean", description: "ask nothing: the flags given, init defaults for the rest" },
    { name: "interactive", type: "boolean", description: "ask even when standard input is not a terminal (answers one per line, for scripts)" },
    { name: "force", type: "boolean", description: "overwrite an existing WORKFLOW.md" },
  ],
  run: async (ctx) => (await import("../init-run.ts")).runInit(ctx),
});

/** `maestro workflow init [repo]` (inventory §1.4). */
export const workflowCommand: CommandSpec = {
  name: "workflow",
  summary: "Create a repository's WORKFLOW.md",
  subcommands: [initSpec("init", "Write WORKFLOW.md for a repository, asking for each setting or taking flags")],
};

/** `maestro init [repo]`: the root alias of `maestro workflow init`. */
export const initCommand: CommandSpec = initSpec("init", "Write WORKFLOW.md for a repository (same as: maestro workflow init)");
