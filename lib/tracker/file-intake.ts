// Taking files in for assets and comment attachments: size limits, content
// types by extension, reading a local path with errors that name it.
import { invalidInput, notFound } from "../errors.ts";
import { absoluteAssetPath, fileBaseName, fileExtension, parentDir } from "./asset-paths.ts";
import type { TrackerContext } from "./context.ts";

const MIB = 1024 * 1024;
/** Issue assets: any file type up to 100 MiB (the Go code's MaxIssueAssetBytes). */
export const MAX_ASSET_BYTES = 100 * MIB;
/** Comment attachments: up to 25 MiB each, as in the Go code. */
export const MAX_ATTACHMENT_BYTES = 25 * MIB;

const CONTENT_TYPES: Record<string, string> = {
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".svg": "image/svg+xml",
  ".pdf": "application/pdf",
  ".txt": "text/plain",
  ".log": "text/plain",
  ".md": "text/markdown",
  ".csv": "text/csv",
  ".html": "text/html",
  ".json": "application/json",
  ".yaml": "application/yaml",
  ".yml": "application/yaml",
  ".xml": "application/xml",
  ".zip": "application/zip",
  ".gz": "application/gzip",
  ".mp4": "video/mp4",
  ".webm": "video/webm",
  ".mov": "video/quicktime",
  ".mp3": "audio/mpeg",
  ".wav": "audio/wav",
};

/** The content type for a file name's extension; application/octet-stream when unknown. */
export function contentTypeFor(filename: string): string {
  return CONTENT_TYPES[fileExtension(filename)] ?? "application/octet-stream";
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < MIB) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / MIB).toFixed(1)} MiB`;
}

/** Throws invalid_input for an empty file or one over `max` bytes, naming both sizes. */
export function checkSize(filename: string, size: number, max: number): void {
  if (size === 0) throw invalidInput(`Cannot attach "${filename}": the file is empty`);
  if (size > max) {
    throw invalidInput(
      `Cannot attach "${filename}": it is ${formatSize(size)}, over the ${formatSize(max)} limit`,
      "attach a smaller file",
    );
  }
}

/** Reads a local file to attach; throws not_found naming a missing path, invalid_input for a directory or bad size. */
export function readLocalFile(ctx: TrackerContext, path: string, max: number): { filename: string; bytes: Uint8Array } {
  const info = ctx.files.stat(path);
  if (!info) throw notFound(`Cannot attach "${path}": file not found`, "check the path");
  if (!info.isFile) throw invalidInput(`Cannot attach "${path}": not a regular file`);
  const filename = fileBaseName(path);
  checkSize(filename, info.size, max);
  return { filename, bytes: ctx.files.readFile(path) };
}

/** Writes a file under the assets root (temp + fsync + rename) before any row points at it. */
export function storeFile(ctx: TrackerContext, relative: string, bytes: Uint8Array): void {
  const path = absoluteAssetPath(ctx, relative);
  ctx.files.mkdirp(parentDir(path));
  ctx.files.writeAtomic(path, bytes, 0o600);
}

/** Removes a stored file; used to undo a write whose row was refused, and after deletes commit. */
export function discardFile(ctx: TrackerContext, relative: string): void {
  ctx.files.remove(absoluteAssetPath(ctx, relative));
}
