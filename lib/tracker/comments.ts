// Comments (inventory §4.2 issue_comments): threaded one level deep, with
// attachments copied from local paths or sent as bytes (the dashboard's
// uploads). Deleting a comment that has replies
// keeps it as an empty, deleted placeholder so the thread still reads.
import { z } from "zod";
import { invalidInput, notFound } from "../errors.ts";
import type { Query, Tx } from "../store/mod.ts";
import { absoluteAssetPath, attachmentPath, fileBaseName, fileExtension } from "./asset-paths.ts";
import { type CommentRow, findComment, loadComment } from "./comment-list.ts";
import type { TrackerContext } from "./context.ts";
import { checkSize, contentTypeFor, discardFile, MAX_ATTACHMENT_BYTES, readLocalFile, storeFile } from "./file-intake.ts";
import { findIssue, type IssueCore } from "./lookup.ts";
import { type Mutation, mutate } from "./mutation.ts";
import { issueRef, name, ref, text, textList } from "./schemas.ts";
import type { CommentAttachment, IssueComment } from "./types.ts";

const commentRef = () => ref("a comment id");
const paths = () => textList("a list of file paths");

export const createIssueCommentInput = z.strictObject({
  identifier: issueRef(),
  body: text().optional(),
  parent_comment_id: commentRef().nullish(),
  attachment_paths: paths().optional(),
  author: z.strictObject({ type: name(), name: name() }, { error: "expected an object {type, name}" }).optional(),
});
export type CreateIssueCommentInput = z.output<typeof createIssueCommentInput>;

export const updateIssueCommentInput = z.strictObject({
  identifier: issueRef(),
  comment_id: commentRef(),
  body: text().optional(),
  attachment_paths: paths().optional(),
  remove_attachment_ids: textList("a list of attachment ids").optional(),
});
export type UpdateIssueCommentInput = z.output<typeof updateIssueCommentInput>;

export const deleteIssueCommentInput = z.strictObject({ identifier: issueRef(), comment_id: commentRef() });
export type DeleteIssueCommentInput = z.output<typeof deleteIssueCommentInput>;

export interface CommentAttachmentInput {
  identifier: string;
  comment_id: string;
  attachment_id: string;
}

/** A file sent with a comment as bytes (an HTTP upload), not read from a local path. */
export interface IncomingFile {
  filename: string;
  bytes: Uint8Array;
}

/** Who wrote a comment when the caller does not say. */
const DEFAULT_AUTHOR = { type: "source", name: "maestro" };

interface StagedFile {
  id: string;
  filename: string;
  byteSize: number;
  storagePath: string;
}

function incomingFile(file: IncomingFile): IncomingFile {
  const filename = fileBaseName(file.filename) || "file";
  checkSize(filename, file.bytes.length, MAX_ATTACHMENT_BYTES);
  return { filename, bytes: file.bytes };
}

/** Reads and checks every file first (so a bad one fails before anything is written), then stores them all. */
function stageFiles(ctx: TrackerContext, issueId: string, commentId: string, list: readonly string[], incoming: readonly IncomingFile[]): StagedFile[] {
  const files = [
    ...list.filter((p) => p.trim() !== "").map((p) => readLocalFile(ctx, p.trim(), MAX_ATTACHMENT_BYTES)),
    ...incoming.map(incomingFile),
  ];
  const staged: StagedFile[] = [];
  try {
    for (const file of files) {
      const id = ctx.newId("cat");
      const storagePath = attachmentPath(issueId, commentId, id, fileExtension(file.filename));
      storeFile(ctx, storagePath, file.bytes);
      staged.push({ id, filename: file.filename, byteSize: file.bytes.length, storagePath });
    }
  } catch (err) {
    for (const s of staged) discardFile(ctx, s.storagePath);
    throw err;
  }
  return staged;
}

/** Runs a mutation whose files were written first; a refused mutation takes its files with it. */
function withStaged<T>(ctx: TrackerContext, staged: StagedFile[], fn: (m: Mutation) => T): T {
  try {
    return mutate(ctx, fn);
  } catch (err) {
    for (const s of staged) discardFile(ctx, s.storagePath);
    throw err;
  }
}

function insertAttachments(tx: Tx, commentId: string, staged: StagedFile[], now: string): void {
  for (const s of staged) {
    tx.run(
      `INSERT INTO issue_comment_attachments(id, comment_id, filename, content_type, byte_size, storage_path, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
      [s.id, commentId, s.filename, contentTypeFor(s.filename), s.byteSize, s.storagePath, now],
    );
  }
}

function checkParent(q: Query, issue: IssueCore, parentId: string): void {
  const parent = findComment(q, issue, parentId);
  if (parent.parent_comment_id !== null) {
    throw invalidInput(`Cannot reply to comment "${parentId}": it is itself a reply`, `reply to "${parent.parent_comment_id}" instead`);
  }
  if (parent.deleted_at !== null) throw invalidInput(`Cannot reply to comment "${parentId}": it was deleted`);
}

/** Adds a comment or a reply to a root comment, with `incoming` files attached. Needs a body or at least one attachment. */
export function createIssueComment(ctx: TrackerContext, input: CreateIssueCommentInput, incoming: readonly IncomingFile[] = []): IssueComment {
  const body = input.body?.trim() ?? "";
  const issue = ctx.store.read((q) => findIssue(q, input.identifier));
  const parentId = input.parent_comment_id;
  if (parentId) ctx.store.read((q) => checkParent(q, issue, parentId));
  if (body === "" && incoming.length === 0 && (input.attachment_paths ?? []).every((p) => p.trim() === "")) {
    throw invalidInput(`Cannot add an empty comment to "${issue.identifier}"`, "give a body or an attachment");
  }
  const id = ctx.newId("cmt");
  const staged = stageFiles(ctx, issue.id, id, input.attachment_paths ?? [], incoming);
  return withStaged(ctx, staged, (m) => {
    const author = input.author ?? DEFAULT_AUTHOR;
    m.tx.run(
      `INSERT INTO issue_comments(id, issue_id, parent_comment_id, body, author_type, author_name, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      [id, issue.id, input.parent_comment_id ?? null, body, author.type, author.name, m.now, m.now],
    );
    insertAttachments(m.tx, id, staged, m.now);
    m.emit("issue_comment", id, "created", { issue_id: issue.id, identifier: issue.identifier });
    return loadComment(m.tx, id);
  });
}

function attachmentPaths(tx: Tx, commentId: string, ids?: readonly string[]): Array<{ id: string; storage_path: string }> {
  const rows = tx.all<{ id: string; storage_path: string }>(
    `SELECT id, storage_path FROM issue_comment_attachments WHERE comment_id = ?`,
    [commentId],
  );
  return ids ? rows.filter((r) => ids.includes(r.id)) : rows;
}

/** Edits the body and adds (from paths or `incoming`) or removes attachments; a deleted comment cannot be edited. */
export function updateIssueComment(ctx: TrackerContext, input: UpdateIssueCommentInput, incoming: readonly IncomingFile[] = []): IssueComment {
  const adds = (input.attachment_paths ?? []).filter((p) => p.trim() !== "");
  const removes = (input.remove_attachment_ids ?? []).map((r) => r.trim()).filter(Boolean);
  if (input.body === undefined && adds.length === 0 && incoming.length === 0 && removes.length === 0) {
    throw invalidInput("No updates specified", "pass body, attachment_paths or remove_attachment_ids");
  }
  const { issue, comment } = ctx.store.read((q) => {
    const issue = findIssue(q, input.identifier);
    return { issue, comment: findComment(q, issue, input.comment_id) };
  });
  if (comment.deleted_at !== null) throw invalidInput(`Cannot edit comment "${comment.id}": it was deleted`);
  const staged = stageFiles(ctx, issue.id, comment.id, adds, incoming);
  return withStaged(ctx, staged, (m) => {
    const removed = attachmentPaths(m.tx, comment.id, removes);
    const missing = removes.find((r) => !removed.some((a) => a.id === r));
    if (missing) throw notFound(`Attachment "${missing}" not found on comment "${comment.id}"`);
    const body = input.body === undefined ? comment.body : input.body.trim();
    const remaining = attachmentPaths(m.tx, comment.id).length - removed.length + staged.length;
    if (body === "" && remaining === 0) {
      throw invalidInput(`Cannot leave comment "${comment.id}" empty`, "keep a body or an attachment, or delete the comment");
    }
    for (const a of removed) m.tx.run(`DELETE FROM issue_comment_attachments WHERE id = ?`, [a.id]);
    insertAttachments(m.tx, comment.id, staged, m.now);
    m.tx.run(`UPDATE issue_comments SET body = ?, updated_at = ? WHERE id = ?`, [body, m.now, comment.id]);
    m.emit("issue_comment", comment.id, "updated", { issue_id: issue.id, identifier: issue.identifier });
    for (const a of removed) m.afterCommit(() => discardFile(ctx, a.storage_path));
    return loadComment(m.tx, comment.id);
  });
}

/** An attachment with its stored bytes, for serving it. Throws not_found. */
export function readCommentAttachment(ctx: TrackerContext, input: CommentAttachmentInput): { attachment: CommentAttachment; bytes: Uint8Array } {
  const { attachment, storagePath } = ctx.store.read((q) => {
    const comment = findComment(q, findIssue(q, input.identifier), input.comment_id);
    const row = q.get<CommentAttachment & { storage_path: string }>(
      `SELECT id, filename, content_type, byte_size, created_at, storage_path FROM issue_comment_attachments WHERE id = ? AND comment_id = ?`,
      [input.attachment_id, comment.id],
    );
    if (!row) throw notFound(`Attachment "${input.attachment_id}" not found on comment "${comment.id}"`, "list the issue's comments");
    const { storage_path, ...attachment } = row;
    return { attachment, storagePath: storage_path };
  });
  return { attachment, bytes: ctx.files.readFile(absoluteAssetPath(ctx, storagePath)) };
}

function hasReplies(tx: Tx, commentId: string): boolean {
  return tx.get(`SELECT 1 AS x FROM issue_comments WHERE parent_comment_id = ? LIMIT 1`, [commentId]) !== undefined;
}

/** Removes a comment row (its attachments cascade) and queues its files for removal. */
function removeComment(m: Mutation, ctx: TrackerContext, row: CommentRow): void {
  for (const a of attachmentPaths(m.tx, row.id)) m.afterCommit(() => discardFile(ctx, a.storage_path));
  m.tx.run(`DELETE FROM issue_comments WHERE id = ?`, [row.id]);
}

/**
 * Deletes a comment. One with replies becomes an empty placeholder marked
 * deleted; a placeholder left with no replies is removed with its last reply.
 */
export function deleteIssueComment(
  ctx: TrackerContext,
  input: DeleteIssueCommentInput,
): { deleted: true; identifier: string; comment_id: string } {
  return mutate(ctx, (m) => {
    const issue = findIssue(m.tx, input.identifier);
    const comment = findComment(m.tx, issue, input.comment_id);
    if (hasReplies(m.tx, comment.id)) {
      for (const a of attachmentPaths(m.tx, comment.id)) m.afterCommit(() => discardFile(ctx, a.storage_path));
      m.tx.run(`DELETE FROM issue_comment_attachments WHERE comment_id = ?`, [comment.id]);
      m.tx.run(`UPDATE issue_comments SET body = '', deleted_at = ?, updated_at = ? WHERE id = ?`, [m.now, m.now, comment.id]);
    } else {
      removeComment(m, ctx, comment);
      const parent = comment.parent_comment_id ? findComment(m.tx, issue, comment.parent_comment_id) : undefined;
      if (parent && parent.deleted_at !== null && !hasReplies(m.tx, parent.id)) removeComment(m, ctx, parent);
    }
    m.emit("issue_comment", comment.id, "deleted", { issue_id: issue.id, identifier: issue.identifier });
    return { deleted: true as const, identifier: issue.identifier, comment_id: comment.id };
  });
}
