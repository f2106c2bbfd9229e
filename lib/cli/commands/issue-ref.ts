import type { IssueDetail } from "../../tracker/mod.ts";
import type { ArgSpec, CommandContext } from "../command.ts";
import { respond } from "../respond.ts";

/** How every issue subcommand names its issue. */
export const issueArg: ArgSpec = { name: "identifier", description: "issue identifier (DEMO-3, any case) or id (iss_…)", required: true };

/** Reports a changed issue: the IssueDetail with `--json`, its identifier with `--quiet`, else `message`. */
export function printIssueChange(ctx: CommandContext, issue: IssueDetail, message: string): void {
  respond(ctx, issue, () => [issue.identifier], () => ctx.out.line(message));
}
