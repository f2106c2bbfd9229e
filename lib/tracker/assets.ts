// Issue assets: files stored at `<assetsDir>/issues/<issue_id>/<asset_id><ext>`.
// The file is written before its row and removed if the row is refused; a
// deleted row's file goes only after the delete commits. Either way the
// database never points at a missing file.
import { z } from "zod";
import { notFound } from "../errors.ts";
import { ASSET_COLUMNS, loadAssets } from "./asset-rows.ts";
import { absoluteAssetPath, fileBaseName, fileExtension, issueAssetPath } from "./asset-paths.ts";
import type { TrackerContext } from "./context.ts";
import { checkSize, contentTypeFor, discardFile, MAX_ASSET_BYTES, readLocalFile, storeFile } from "./file-intake.ts";
import { findIssue } from "./lookup.ts";
import { mutate } from "./mutation.ts";
import { issueRef, name, ref } from "./schemas.ts";
import type { IssueAsset } from "./types.ts";

export const attachIssueAssetInput = z.strictObject({ identifier: issueRef(), path: name() });
export type AttachIssueAssetInput = z.output<typeof attachIssueAssetInput>;

export const listIssueAssetsInput = z.strictObject({ identifier: issueRef() });
export type ListIssueAssetsInput = z.output<typeof listIssueAssetsInput>;

export const issueAssetInput = z.strictObject({ identifier: issueRef(), asset_id: ref("an asset id") });
export type IssueAssetInput = z.output<typeof issueAssetInput>;

/**
 * Stores `bytes` as a new asset of the issue. An empty `contentType` is
 * derived from the file name. Throws not_found for an unknown issue and
 * invalid_input for an empty file or one over 100 MiB.
 */
export function addAsset(
  ctx: TrackerContext,
  identifier: string,
  filename: string,
  contentType: string,
  bytes: Uint8Array,
): IssueAsset {
  const name = fileBaseName(filename) || "file";
  checkSize(name, bytes.length, MAX_ASSET_BYTES);
  const issue = ctx.store.read((q) => findIssue(q, identifier));
  const id = ctx.newId("ast");
  const storagePath = issueAssetPath(issue.id, id, fileExtension(name));
  storeFile(ctx, storagePath, bytes);
  try {
    return mutate(ctx, (m) => {
      const asset: IssueAsset = {
        id,
        issue_id: issue.id,
        filename: name,
        content_type: contentType.trim() || contentTypeFor(name),
        byte_size: bytes.length,
        created_at: m.now,
      };
      m.tx.run(
        `INSERT INTO issue_assets(id, issue_id, filename, content_type, byte_size, storage_path, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        [id, issue.id, asset.filename, asset.content_type, asset.byte_size, storagePath, m.now, m.now],
      );
      m.tx.run(`UPDATE issues SET updated_at = ? WHERE id = ?`, [m.now, issue.id]);
      m.emit("issue_asset", id, "created", { issue_id: issue.id, identifier: issue.identifier, filename: name });
      return asset;
    });
  } catch (err) {
    discardFile(ctx, storagePath);
    throw err;
  }
}

/** Copies a local file into the issue's assets. Throws not_found naming a missing path. */
export function attachIssueAsset(ctx: TrackerContext, input: AttachIssueAssetInput): IssueAsset {
  ctx.store.read((q) => findIssue(q, input.identifier));
  const file = readLocalFile(ctx, input.path, MAX_ASSET_BYTES);
  return addAsset(ctx, input.identifier, file.filename, "", file.bytes);
}

/** The issue's assets, oldest first. */
export function listIssueAssets(ctx: TrackerContext, input: ListIssueAssetsInput): { items: IssueAsset[] } {
  return ctx.store.read((q) => ({ items: loadAssets(q, findIssue(q, input.identifier).id) }));
}

/** An asset with its stored bytes, for serving it. Throws not_found. */
export function readIssueAsset(ctx: TrackerContext, input: IssueAssetInput): { asset: IssueAsset; bytes: Uint8Array } {
  const { asset, storagePath } = ctx.store.read((q) => {
    const issue = findIssue(q, input.identifier);
    const row = q.get<IssueAsset & { storage_path: string }>(
      `SELECT ${ASSET_COLUMNS}, storage_path FROM issue_assets WHERE id = ? AND issue_id = ?`,
      [input.asset_id, issue.id],
    );
    if (!row) throw notFound(`Asset "${input.asset_id}" not found on "${issue.identifier}"`, "list the issue's assets");
    const { storage_path, ...asset } = row;
    return { asset, storagePath: storage_path };
  });
  return { asset, bytes: ctx.files.readFile(absoluteAssetPath(ctx, storagePath)) };
}

/** Deletes an asset; its file goes after the commit. Throws not_found for an asset of another issue. */
export function deleteIssueAsset(
  ctx: TrackerContext,
  input: IssueAssetInput,
): { deleted: true; identifier: string; asset_id: string } {
  return mutate(ctx, (m) => {
    const issue = findIssue(m.tx, input.identifier);
    const row = m.tx.get<{ storage_path: string }>(
      `SELECT storage_path FROM issue_assets WHERE id = ? AND issue_id = ?`,
      [input.asset_id, issue.id],
    );
    if (!row) throw notFound(`Asset "${input.asset_id}" not found on "${issue.identifier}"`, "list the issue's assets");
    m.tx.run(`DELETE FROM issue_assets WHERE id = ?`, [input.asset_id]);
    m.tx.run(`UPDATE issues SET updated_at = ? WHERE id = ?`, [m.now, issue.id]);
    m.emit("issue_asset", input.asset_id, "deleted", { issue_id: issue.id, identifier: issue.identifier });
    m.afterCommit(() => discardFile(ctx, row.storage_path));
    return { deleted: true as const, identifier: issue.identifier, asset_id: input.asset_id };
  });
}
