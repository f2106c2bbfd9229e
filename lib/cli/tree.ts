import type { CommandSpec } from "./command.ts";
import { versionCommand } from "./commands/version.ts";

/** The command tree; each group lives in its own file under commands/. */
export const rootCommand: CommandSpec = {
  name: "maestro",
  summary: "Maestro: a local-first orchestrator for agent-driven software work",
  subcommands: [versionCommand],
};
