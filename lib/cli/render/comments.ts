import type { IssueComment } from "../../tracker/mod.ts";
import type { Printer } from "../printer.ts";

function author(c: IssueComment): string {
  const a = c.author;
  if (!a) return "unknown";
  return a.name ? `${a.name} (${a.type})` : a.type;
}

function printComment(out: Printer, c: IssueComment, depth: number): void {
  const pad = "  ".repeat(depth);
  out.line(`${pad}[${c.id}] ${author(c)} ${c.created_at}${c.updated_at !== c.created_at ? " (edited)" : ""}`);
  const body = c.deleted_at ? "(deleted)" : c.body ?? "";
  for (const line of body.split(/\r?\n/)) out.line(`${pad}  ${line}`.trimEnd());
  for (const a of c.attachments ?? []) out.line(`${pad}  attachment: ${a.id} ${a.filename}`);
  for (const r of c.replies ?? []) printComment(out, r, depth + 1);
}

/** Comment threads: each root comment, its body, attachments, then its replies indented. */
export function printCommentThreads(out: Printer, comments: IssueComment[]): void {
  if (comments.length === 0) {
    out.line("No comments");
    return;
  }
  for (const c of comments) printComment(out, c, 0);
}

/** The ids of the comments and all their replies, depth first. */
export function commentIds(comments: IssueComment[]): string[] {
  return comments.flatMap((c) => [c.id, ...commentIds(c.replies ?? [])]);
}
