import type { CommandSpec } from "../command.ts";
import { arg } from "../flag-input.ts";
import { invoke } from "../invoke.ts";
import { requireDaemon } from "../no-daemon.ts";
import { printExecution } from "../render/execution.ts";
import type { ExecutionView } from "../../orchestrator/mod.ts";
import { respond } from "../respond.ts";
import { issueArg } from "./issue-ref.ts";

/** `issue execution <ident>`: what the orchestrator is doing with an issue, or did last (inventory §1.7). */
export const issueExecutionCommand: CommandSpec = {
  name: "execution",
  summary: "Show an issue's execution: status, attempt, retry or pause, session, interrupts, recent events (needs the daemon)",
  args: [issueArg],
  async run(ctx) {
    const identifier = arg(ctx, "identifier");
    requireDaemon(ctx, `Cannot show the execution of "${identifier}"`);
    const e = await invoke<ExecutionView>(ctx, "get_issue_execution", { identifier });
    respond(ctx, e, () => [e.identifier], () => printExecution(ctx.out, e, Date.now()));
  },
};
