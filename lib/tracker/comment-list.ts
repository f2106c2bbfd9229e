// Reading comments: root threads by page, each with its replies, and the
// attachments of every comment on the page, in three queries.
import { z } from "zod";
import { notFound } from "../errors.ts";
import type { Query } from "../store/mod.ts";
import type { TrackerContext } from "./context.ts";
import { findIssue } from "./lookup.ts";
import { issueRef, limit, offset } from "./schemas.ts";
import type { CommentAttachment, IssueComment, Page } from "./types.ts";

export const listIssueCommentsInput = z.strictObject({ identifier: issueRef(), limit: limit(200, 500), offset: offset() });
export type ListIssueCommentsInput = z.output<typeof listIssueCommentsInput>;

export interface CommentRow {
  id: string;
  issue_id: string;
  parent_comment_id: string | null;
  body: string;
  author_type: string;
  author_name: string;
  deleted_at: string | null;
  created_at: string;
  updated_at: string;
}

const COMMENT_COLUMNS =
  "id, issue_id, parent_comment_id, body, author_type, author_name, deleted_at, created_at, updated_at";

/** One comment row of an issue, or not_found naming both. */
export function findComment(q: Query, issue: { id: string; identifier: string }, commentId: string): CommentRow {
  const row = q.get<CommentRow>(`SELECT ${COMMENT_COLUMNS} FROM issue_comments WHERE id = ? AND issue_id = ?`, [
    commentId,
    issue.id,
  ]);
  if (!row) throw notFound(`Comment "${commentId}" not found on "${issue.identifier}"`, "list the issue's comments");
  return row;
}

function attachmentsOf(q: Query, commentIds: string[]): Map<string, CommentAttachment[]> {
  const out = new Map<string, CommentAttachment[]>();
  if (commentIds.length === 0) return out;
  const rows = q.all<CommentAttachment & { comment_id: string }>(
    `SELECT id, comment_id, filename, content_type, byte_size, created_at FROM issue_comment_attachments
     WHERE comment_id IN (SELECT value FROM json_each(?)) ORDER BY created_at, rowid`,
    [JSON.stringify(commentIds)],
  );
  for (const { comment_id, ...attachment } of rows) {
    const list = out.get(comment_id);
    if (list) list.push(attachment);
    else out.set(comment_id, [attachment]);
  }
  return out;
}

function toComment(row: CommentRow, attachments: Map<string, CommentAttachment[]>, replies: IssueComment[]): IssueComment {
  return {
    id: row.id,
    issue_id: row.issue_id,
    parent_comment_id: row.parent_comment_id,
    body: row.body,
    author: { type: row.author_type, name: row.author_name },
    attachments: attachments.get(row.id) ?? [],
    deleted_at: row.deleted_at,
    created_at: row.created_at,
    updated_at: row.updated_at,
    replies,
  };
}

/** Builds comments from root rows: replies and attachments fetched for the whole set at once. */
function assemble(q: Query, roots: CommentRow[]): IssueComment[] {
  if (roots.length === 0) return [];
  const replies = q.all<CommentRow>(
    `SELECT ${COMMENT_COLUMNS} FROM issue_comments WHERE parent_comment_id IN (SELECT value FROM json_each(?))
     ORDER BY created_at, rowid`,
    [JSON.stringify(roots.map((r) => r.id))],
  );
  const attachments = attachmentsOf(q, [...roots, ...replies].map((r) => r.id));
  return roots.map((root) =>
    toComment(
      root,
      attachments,
      replies.filter((r) => r.parent_comment_id === root.id).map((r) => toComment(r, attachments, [])),
    )
  );
}

/** A single comment as returned by create/update: a root with its replies, or a reply. */
export function loadComment(q: Query, commentId: string): IssueComment {
  const row = q.get<CommentRow>(`SELECT ${COMMENT_COLUMNS} FROM issue_comments WHERE id = ?`, [commentId]);
  if (!row) throw new TypeError(`comment ${commentId} vanished inside its own transaction`);
  if (row.parent_comment_id === null) return assemble(q, [row])[0]!;
  return toComment(row, attachmentsOf(q, [row.id]), []);
}

/** Root threads, oldest first, each with its replies. Throws not_found for an unknown issue. */
export function listIssueComments(ctx: TrackerContext, input: ListIssueCommentsInput): Page<IssueComment> {
  return ctx.store.read((q) => {
    const issue = findIssue(q, input.identifier);
    const total = q.get<{ n: number }>(
      `SELECT COUNT(*) AS n FROM issue_comments WHERE issue_id = ? AND parent_comment_id IS NULL`,
      [issue.id],
    )?.n ?? 0;
    const roots = q.all<CommentRow>(
      `SELECT ${COMMENT_COLUMNS} FROM issue_comments WHERE issue_id = ? AND parent_comment_id IS NULL
       ORDER BY created_at, rowid LIMIT ? OFFSET ?`,
      [issue.id, input.limit, input.offset],
    );
    return { items: assemble(q, roots), total, limit: input.limit, offset: input.offset };
  });
}
