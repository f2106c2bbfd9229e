import type { IssueComment, Page } from "../../tracker/mod.ts";
import type { CommandSpec } from "../command.ts";
import { absolutePath, arg, intFlag, listFlag, present, stringFlag } from "../flag-input.ts";
import { invoke } from "../invoke.ts";
import { commentIds, printCommentThreads } from "../render/comments.ts";
import { respond } from "../respond.ts";
import { issueArg } from "./issue-ref.ts";

const commentArg = { name: "comment_id", description: "comment id (cmt_…)", required: true };

/** Comments written from the command line are signed like this. */
const CLI_AUTHOR = { type: "source", name: "CLI" };

const list: CommandSpec = {
  name: "list",
  aliases: ["ls"],
  summary: "List an issue's comment threads",
  args: [issueArg],
  flags: [
    { name: "limit", type: "int", description: "most threads to list" },
    { name: "offset", type: "int", description: "threads to skip" },
  ],
  async run(ctx) {
    const input = present({ identifier: arg(ctx, "identifier"), limit: intFlag(ctx, "limit"), offset: intFlag(ctx, "offset") });
    const page = await invoke<Page<IssueComment>>(ctx, "list_issue_comments", input);
    respond(ctx, page, () => commentIds(page.items), () => printCommentThreads(ctx.out, page.items));
  },
};

const add: CommandSpec = {
  name: "add",
  summary: "Comment on an issue, optionally with attached files",
  args: [issueArg],
  flags: [
    { name: "body", type: "string", value: "TEXT", description: "comment text (this or --attach is needed)" },
    { name: "parent", type: "string", value: "COMMENT_ID", description: "reply to this comment" },
    { name: "attach", type: "list", value: "PATH", description: "file to attach" },
  ],
  async run(ctx) {
    const input = present({
      identifier: arg(ctx, "identifier"),
      body: stringFlag(ctx, "body"),
      parent_comment_id: stringFlag(ctx, "parent"),
      attachment_paths: listFlag(ctx, "attach")?.map((p) => absolutePath(ctx, p)),
      author: CLI_AUTHOR,
    });
    const comment = await invoke<IssueComment>(ctx, "create_issue_comment", input);
    respond(ctx, comment, () => [comment.id], () => ctx.out.line(`Added comment ${comment.id}`));
  },
};

const update: CommandSpec = {
  name: "update",
  summary: "Edit a comment's text or attachments",
  args: [issueArg, commentArg],
  flags: [
    { name: "body", type: "string", value: "TEXT", description: "new text" },
    { name: "attach", type: "list", value: "PATH", description: "file to attach" },
    { name: "remove-attachment", type: "list", value: "ID", description: "attachment to remove" },
  ],
  async run(ctx) {
    const input = present({
      identifier: arg(ctx, "identifier"),
      comment_id: arg(ctx, "comment_id"),
      body: stringFlag(ctx, "body"),
      attachment_paths: listFlag(ctx, "attach")?.map((p) => absolutePath(ctx, p)),
      remove_attachment_ids: listFlag(ctx, "remove-attachment"),
    });
    const comment = await invoke<IssueComment>(ctx, "update_issue_comment", input);
    respond(ctx, comment, () => [comment.id], () => ctx.out.line(`Updated comment ${comment.id}`));
  },
};

const remove: CommandSpec = {
  name: "delete",
  summary: "Delete a comment (a comment with replies is marked deleted)",
  args: [issueArg, commentArg],
  async run(ctx) {
    const input = { identifier: arg(ctx, "identifier"), comment_id: arg(ctx, "comment_id") };
    const result = await invoke<{ comment_id: string }>(ctx, "delete_issue_comment", input);
    respond(ctx, result, () => [result.comment_id], () => ctx.out.line(`Deleted comment ${result.comment_id}`));
  },
};

/** `maestro issue comments …`. */
export const issueCommentsCommand: CommandSpec = {
  name: "comments",
  summary: "Read and write an issue's comments",
  subcommands: [list, add, update, remove],
};
