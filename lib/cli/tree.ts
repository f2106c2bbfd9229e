import type { CommandSpec } from "./command.ts";
import { boardCommand } from "./commands/board.ts";
import { epicCommand } from "./commands/epic.ts";
import { eventsCommand } from "./commands/events.ts";
import { fakeCodexCommand } from "./commands/fake-codex.ts";
import { interruptsCommand } from "./commands/interrupts.ts";
import { issueCommand } from "./commands/issue.ts";
import { mcpCommand } from "./commands/mcp.ts";
import { projectCommand } from "./commands/project.ts";
import { runCommand } from "./commands/run.ts";
import { runtimeSeriesCommand } from "./commands/runtime-series.ts";
import { sessionsCommand } from "./commands/sessions.ts";
import { statusCommand } from "./commands/status.ts";
import { doctorCommand, verifyCommand } from "./commands/verify.ts";
import { versionCommand } from "./commands/version.ts";
import { initCommand, workflowCommand } from "./commands/workflow-init.ts";

/** The command tree; each group lives in its own file under commands/. */
export const rootCommand: CommandSpec = {
  name: "maestro",
  summary: "Maestro: a local-first orchestrator for agent-driven software work",
  subcommands: [
    runCommand,
    projectCommand,
    epicCommand,
    issueCommand,
    boardCommand,
    statusCommand,
    sessionsCommand,
    interruptsCommand,
    runtimeSeriesCommand,
    eventsCommand,
    mcpCommand,
    workflowCommand,
    initCommand,
    verifyCommand,
    doctorCommand,
    versionCommand,
    fakeCodexCommand,
  ],
};
