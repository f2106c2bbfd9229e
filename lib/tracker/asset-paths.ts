// Where asset and attachment files live under the assets root (inventory
// §4.1): `issues/<issue_id>/<asset_id><ext>` and
// `comments/<issue_id>/<comment_id>/<attachment_id><ext>`. The database keeps
// paths relative to the root, so moving the root moves everything.
import type { TrackerContext } from "./context.ts";

export const issueAssetPath = (issueId: string, assetId: string, ext: string) => `issues/${issueId}/${assetId}${ext}`;

export const attachmentPath = (issueId: string, commentId: string, attachmentId: string, ext: string) =>
  `comments/${issueId}/${commentId}/${attachmentId}${ext}`;

export function absoluteAssetPath(ctx: TrackerContext, relative: string): string {
  return `${ctx.assetsDir}/${relative}`;
}

export function parentDir(path: string): string {
  return path.slice(0, Math.max(path.lastIndexOf("/"), 0));
}

/** The last path segment; accepts both separators because Windows paths may arrive as input. */
export function fileBaseName(path: string): string {
  return path.split(/[\\/]/).filter(Boolean).pop() ?? "";
}

/** A short lower-case extension such as ".png", or "" when the name has none worth keeping. */
export function fileExtension(filename: string): string {
  const match = /(\.[A-Za-z0-9]{1,10})$/.exec(filename);
  return match ? match[1]!.toLowerCase() : "";
}

/** Removes every file of an issue: its assets and its comments' attachments. */
export function removeIssueFiles(ctx: TrackerContext, issueId: string): void {
  ctx.files.removeTree(absoluteAssetPath(ctx, `issues/${issueId}`));
  ctx.files.removeTree(absoluteAssetPath(ctx, `comments/${issueId}`));
}
