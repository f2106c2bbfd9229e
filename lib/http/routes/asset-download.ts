// Serving an asset's bytes safely: its stored content type, nosniff, a
// sandboxing CSP, and inline display only for raster image types (SVG and
// HTML download as attachments, so they never run in the daemon's origin).
import type { IssueAsset } from "../../tracker/mod.ts";

const INLINE_TYPES = new Set([
  "image/apng",
  "image/avif",
  "image/bmp",
  "image/gif",
  "image/jpeg",
  "image/png",
  "image/webp",
  "image/x-icon",
  "image/vnd.microsoft.icon",
]);

/** `inline` or `attachment` with an ASCII fallback name and the exact name in RFC 5987 form. */
export function contentDisposition(filename: string, contentType: string): string {
  const type = contentType.split(";")[0]!.trim().toLowerCase();
  const kind = INLINE_TYPES.has(type) ? "inline" : "attachment";
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, "_") || "file";
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** The same bytes over a plain ArrayBuffer, as Response wants them (a copy only for shared memory). */
function ownBuffer(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  const buffer = bytes.buffer;
  return buffer instanceof ArrayBuffer ? new Uint8Array(buffer, bytes.byteOffset, bytes.byteLength) : bytes.slice();
}

/** An asset's or a comment attachment's bytes as a response. */
export function downloadResponse(asset: Pick<IssueAsset, "filename" | "content_type">, bytes: Uint8Array): Response {
  // Header values must be single-line Latin-1: a stored content type that is not is served as bytes.
  const type = /^[\x20-\x7e]+$/.test(asset.content_type) ? asset.content_type : "application/octet-stream";
  return new Response(ownBuffer(bytes), {
    status: 200,
    headers: {
      "content-type": type,
      "content-length": String(bytes.byteLength),
      "content-disposition": contentDisposition(asset.filename, type),
      "x-content-type-options": "nosniff",
      "content-security-policy": "default-src 'none'; sandbox",
      "cache-control": "private, no-cache",
    },
  });
}
