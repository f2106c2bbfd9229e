import type { IssueComment, IssueDetail, IssuePage, Page } from "../../tracker/mod.ts";
import type { CommandSpec, FlagSpec } from "../command.ts";
import { arg, boolFlag, csvFlag, intFlag, present, settable, stringFlag } from "../flag-input.ts";
import { invoke } from "../invoke.ts";
import { printCommentThreads } from "../render/comments.ts";
import { printIssueFields, printIssueTable } from "../render/issues.ts";
import { respond } from "../respond.ts";
import { blockCommand, blockersCommand, unblockCommand } from "./issue-blockers.ts";
import { issueAssetsCommand } from "./issue-assets.ts";
import { issueCommentsCommand } from "./issue-comments.ts";
import { issueExecutionCommand } from "./issue-execution.ts";
import { issueRetryCommand, issueRunNowCommand } from "./issue-retry.ts";
import { issueArg, printIssueChange } from "./issue-ref.ts";

/** Flags that set issue fields, shared by create and update. */
const fieldFlags: FlagSpec[] = [
  { name: "desc", type: "string", value: "TEXT", description: "description" },
  { name: "project", type: "string", value: "PROJECT", description: "project id or name" },
  { name: "epic", type: "string", value: "EPIC", description: "epic id" },
  { name: "labels", type: "list", value: "A,B", description: "labels, comma-separated" },
  { name: "type", type: "string", value: "TYPE", description: "standard or recurring" },
  { name: "cron", type: "string", value: "EXPR", description: "5-field cron schedule (recurring issues)" },
  { name: "enabled", type: "boolean", description: "whether a recurring issue's schedule runs (--enabled=false to pause)" },
  { name: "priority", type: "int", description: "priority, lower runs first (0 = none)" },
  { name: "agent", type: "string", value: "NAME", description: "agent name" },
  { name: "agent-prompt", type: "string", value: "TEXT", description: "extra instructions for the agent" },
  { name: "branch", type: "string", value: "NAME", description: "git branch name" },
  { name: "pr-url", type: "string", value: "URL", description: "pull request URL" },
  { name: "permission-profile", type: "string", value: "NAME", description: "default, full-access or plan-then-full-access" },
  { name: "blocked-by", type: "list", value: "IDENT,…", description: "issues that must finish first, comma-separated" },
];

const create: CommandSpec = {
  name: "create",
  summary: "Create an issue (in backlog unless --state is given)",
  args: [{ name: "title", required: true }],
  flags: [
    ...fieldFlags.map((f) => (f.name === "project" ? { ...f, required: true } : f)),
    { name: "state", type: "string", value: "STATE", description: "initial state", defaultText: "backlog" },
  ],
  async run(ctx) {
    const input = present({
      title: arg(ctx, "title"),
      project_id: stringFlag(ctx, "project"),
      description: stringFlag(ctx, "desc"),
      epic_id: stringFlag(ctx, "epic"),
      issue_type: stringFlag(ctx, "type"),
      cron: stringFlag(ctx, "cron"),
      enabled: boolFlag(ctx, "enabled"),
      priority: intFlag(ctx, "priority"),
      labels: csvFlag(ctx, "labels"),
      state: stringFlag(ctx, "state"),
      blocked_by: csvFlag(ctx, "blocked-by"),
      branch_name: stringFlag(ctx, "branch"),
      pr_url: stringFlag(ctx, "pr-url"),
      agent_name: stringFlag(ctx, "agent"),
      agent_prompt: stringFlag(ctx, "agent-prompt"),
      permission_profile: stringFlag(ctx, "permission-profile"),
    });
    const issue = await invoke<IssueDetail>(ctx, "create_issue", input);
    printIssueChange(ctx, issue, `Created issue ${issue.identifier}`);
  },
};

const list: CommandSpec = {
  name: "list",
  aliases: ["ls"],
  summary: "List issues, filtered and sorted",
  flags: [
    { name: "state", type: "string", value: "STATE", description: "only this state" },
    { name: "type", type: "string", value: "TYPE", description: "only standard or recurring issues" },
    { name: "project", type: "string", value: "PROJECT", description: "only this project (id or name)" },
    { name: "project-name", type: "string", value: "NAME", description: "only the project with this exact name (any case)" },
    { name: "epic", type: "string", value: "EPIC", description: "only this epic" },
    { name: "labels", type: "list", value: "A,B", description: "only issues with all these labels" },
    { name: "search", type: "string", value: "TEXT", description: "text in the identifier, title or description" },
    { name: "blocked", type: "boolean", description: "only issues with unfinished blockers (--blocked=false: only unblocked)" },
    {
      name: "sort",
      type: "string",
      value: "ORDER",
      description: "updated_desc, updated_asc, created_asc, created_desc, priority_asc, priority_desc, identifier_asc, identifier_desc, state_asc, state_desc, project_asc, project_desc, epic_asc or epic_desc",
      defaultText: "updated_desc",
    },
    { name: "limit", type: "int", description: "most issues to list, up to 500", defaultText: "200" },
    { name: "offset", type: "int", description: "issues to skip" },
  ],
  async run(ctx) {
    const input = present({
      state: stringFlag(ctx, "state"),
      issue_type: stringFlag(ctx, "type"),
      project_id: stringFlag(ctx, "project"),
      project_name: stringFlag(ctx, "project-name"),
      epic_id: stringFlag(ctx, "epic"),
      labels: csvFlag(ctx, "labels"),
      search: stringFlag(ctx, "search"),
      blocked: boolFlag(ctx, "blocked"),
      sort: stringFlag(ctx, "sort"),
      limit: intFlag(ctx, "limit"),
      offset: intFlag(ctx, "offset"),
    });
    const page = await invoke<IssuePage>(ctx, "list_issues", input);
    respond(ctx, page, () => page.items.map((i) => i.identifier), () => printIssueTable(ctx.out, page.items, ctx.global.wide));
  },
};

const show: CommandSpec = {
  name: "show",
  summary: "Show an issue's fields, then its comments",
  args: [issueArg],
  async run(ctx) {
    const issue = await invoke<IssueDetail>(ctx, "get_issue", { identifier: arg(ctx, "identifier") });
    if (ctx.global.json || ctx.global.quiet) return respond(ctx, issue, () => [issue.identifier], () => {});
    printIssueFields(ctx.out, issue);
    if (issue.comment_count > 0) {
      const comments = await invoke<Page<IssueComment>>(ctx, "list_issue_comments", { identifier: issue.identifier });
      ctx.out.line();
      ctx.out.line(`Comments (${issue.comment_count})`);
      printCommentThreads(ctx.out, comments.items);
    }
  },
};

const clearFlags: FlagSpec[] = [
  ["labels", "remove all labels"],
  ["priority", "set no priority"],
  ["project", "remove the project (refused: issues need one)"],
  ["epic", "remove the epic"],
  ["agent", "remove the agent name"],
  ["agent-prompt", "remove the agent prompt"],
  ["branch", "remove the branch name"],
  ["pr", "remove the pull request URL"],
].map(([name, description]) => ({ name: `clear-${name}`, type: "boolean", description: description! }));

const update: CommandSpec = {
  name: "update",
  summary: "Change an issue's fields",
  details: "Only the flags given are changed; a --clear-X flag removes a value.",
  args: [issueArg],
  flags: [{ name: "title", type: "string", value: "TEXT", description: "new title" }, ...fieldFlags, ...clearFlags],
  async run(ctx) {
    const input = present({
      identifier: arg(ctx, "identifier"),
      title: stringFlag(ctx, "title"),
      description: stringFlag(ctx, "desc"),
      project_id: settable(ctx, "project", stringFlag(ctx, "project")),
      epic_id: settable(ctx, "epic", stringFlag(ctx, "epic")),
      issue_type: stringFlag(ctx, "type"),
      cron: stringFlag(ctx, "cron"),
      enabled: boolFlag(ctx, "enabled"),
      priority: settable(ctx, "priority", intFlag(ctx, "priority")),
      labels: settable(ctx, "labels", csvFlag(ctx, "labels")),
      branch_name: settable(ctx, "branch", stringFlag(ctx, "branch")),
      pr_url: settable(ctx, "pr-url", stringFlag(ctx, "pr-url"), "pr"),
      agent_name: settable(ctx, "agent", stringFlag(ctx, "agent")),
      agent_prompt: settable(ctx, "agent-prompt", stringFlag(ctx, "agent-prompt")),
      permission_profile: stringFlag(ctx, "permission-profile"),
      blocked_by: csvFlag(ctx, "blocked-by"),
    });
    const issue = await invoke<IssueDetail>(ctx, "update_issue", input);
    printIssueChange(ctx, issue, `Updated issue ${issue.identifier}`);
  },
};

const move: CommandSpec = {
  name: "move",
  aliases: ["mv"],
  summary: "Move an issue to another state",
  details: "States: backlog, ready, in_progress, in_review, done, cancelled. An issue with unfinished blockers cannot move to in_progress.",
  args: [issueArg, { name: "state", description: "the new state", required: true }],
  async run(ctx) {
    const issue = await invoke<IssueDetail>(ctx, "set_issue_state", { identifier: arg(ctx, "identifier"), state: arg(ctx, "state") });
    printIssueChange(ctx, issue, `Moved ${issue.identifier} to ${issue.state}`);
  },
};

const remove: CommandSpec = {
  name: "delete",
  summary: "Delete an issue with its comments and assets",
  args: [issueArg],
  async run(ctx) {
    const result = await invoke<{ identifier: string }>(ctx, "delete_issue", { identifier: arg(ctx, "identifier") });
    respond(ctx, result, () => [result.identifier], () => ctx.out.line(`Deleted issue ${result.identifier}`));
  },
};

/** `maestro issue …` (inventory §1.7). */
export const issueCommand: CommandSpec = {
  name: "issue",
  summary: "Manage issues",
  subcommands: [
    create,
    list,
    show,
    update,
    move,
    remove,
    blockCommand,
    unblockCommand,
    blockersCommand,
    issueCommentsCommand,
    issueAssetsCommand,
    issueExecutionCommand,
    issueRetryCommand,
    issueRunNowCommand,
  ],
};
