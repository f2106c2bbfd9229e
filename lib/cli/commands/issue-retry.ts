import type { CommandContext, CommandSpec } from "../command.ts";
import { arg } from "../flag-input.ts";
import { invoke } from "../invoke.ts";
import { requireDaemon } from "../no-daemon.ts";
import { respond } from "../respond.ts";
import { issueArg } from "./issue-ref.ts";

interface RunRequest {
  status: string;
  identifier: string;
  waiting_for?: string;
}

/** Sends `op` for the issue to the daemon and prints `<label> status for <ident>: <status>`. */
async function requestRun(ctx: CommandContext, op: string, label: string, action: (identifier: string) => string): Promise<void> {
  const identifier = arg(ctx, "identifier");
  requireDaemon(ctx, action(identifier));
  const r = await invoke<RunRequest>(ctx, op, { identifier });
  const waiting = r.waiting_for ? `; waiting for: ${r.waiting_for}` : "";
  respond(ctx, r, () => [r.identifier], () => ctx.out.line(`${label} status for ${r.identifier}: ${r.status}${waiting}`));
}

/** `issue retry <ident>`: lift a pause, bring a retry forward or re-open finished work (inventory §1.7). */
export const issueRetryCommand: CommandSpec = {
  name: "retry",
  summary: "Run an issue again now: lifts a pause, brings a retry forward, re-opens finished work (needs the daemon)",
  args: [issueArg],
  run: (ctx) => requestRun(ctx, "retry_issue", "Retry", (id) => `Cannot retry "${id}"`),
};

/** `issue run-now <ident>`: queue a recurring issue's run now (inventory §1.7). */
export const issueRunNowCommand: CommandSpec = {
  name: "run-now",
  summary: "Queue a run of a recurring issue now, or owe it one when it is busy (needs the daemon)",
  args: [issueArg],
  run: (ctx) => requestRun(ctx, "run_issue_now", "Run-now", (id) => `Cannot run "${id}" now`),
};
