import type { IssueDetail } from "../../tracker/mod.ts";
import type { CommandContext, CommandSpec } from "../command.ts";
import { arg, argList, splitCsv } from "../flag-input.ts";
import { invoke } from "../invoke.ts";
import { issueArg, printIssueChange } from "./issue-ref.ts";

const blockersArg = { name: "blockers", description: "identifiers of the blocking issues (space- or comma-separated)", variadic: true };

async function setBlockers(ctx: CommandContext, blockers: string[]): Promise<void> {
  const issue = await invoke<IssueDetail>(ctx, "set_blockers", { identifier: arg(ctx, "identifier"), blocked_by: splitCsv(blockers) });
  printIssueChange(ctx, issue, blockersMessage(issue));
}

function blockersMessage(issue: IssueDetail): string {
  return `Updated blockers for ${issue.identifier}: ${issue.blocked_by.length ? issue.blocked_by.join(", ") : "none"}`;
}

/** `issue block <ident> [blockers…]`: the same as `issue blockers set`. */
export const blockCommand: CommandSpec = {
  name: "block",
  summary: "Replace an issue's blockers (same as: blockers set)",
  args: [issueArg, blockersArg],
  run: (ctx) => setBlockers(ctx, argList(ctx, "blockers")),
};

/** `issue unblock <ident> <blockers…>`: removes the listed blockers, keeps the rest. */
export const unblockCommand: CommandSpec = {
  name: "unblock",
  summary: "Remove some blockers from an issue",
  args: [issueArg, { ...blockersArg, required: true }],
  async run(ctx) {
    const input = { identifier: arg(ctx, "identifier"), blocked_by: splitCsv(argList(ctx, "blockers")) };
    const issue = await invoke<IssueDetail>(ctx, "remove_blockers", input);
    printIssueChange(ctx, issue, blockersMessage(issue));
  },
};

/** `issue blockers set|clear`. */
export const blockersCommand: CommandSpec = {
  name: "blockers",
  summary: "Set or clear the issues that must finish before an issue can start",
  subcommands: [
    {
      name: "set",
      summary: "Replace an issue's blockers with the ones listed (none listed clears them)",
      args: [issueArg, blockersArg],
      run: (ctx) => setBlockers(ctx, argList(ctx, "blockers")),
    },
    {
      name: "clear",
      summary: "Remove all of an issue's blockers",
      args: [issueArg],
      run: (ctx) => setBlockers(ctx, []),
    },
  ],
};
