// Failures that belong to HTTP itself (routing, auth, body framing) rather
// than to the tracker: each carries its status and envelope code.

export type HttpErrorCode =
  | "not_found"
  | "method_not_allowed"
  | "unauthorized"
  | "forbidden"
  | "payload_too_large"
  | "unsupported_media_type"
  | "upgrade_required"
  | "invalid_input";

export class HttpError extends Error {
  override name = "HttpError";
  constructor(
    readonly status: number,
    readonly code: HttpErrorCode,
    message: string,
    readonly hint?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const routeNotFound = (method: string, path: string) =>
  new HttpError(404, "not_found", `No route for ${method} ${path}`, "see the API paths under /api/v1");

export const methodNotAllowed = (method: string, path: string, allow: string[]) =>
  new HttpError(405, "method_not_allowed", `Method ${method} is not allowed on ${path}`, `use ${allow.join(", ")}`, {
    allow: allow.join(", "),
  });

export const payloadTooLarge = (what: string, limit: number) =>
  new HttpError(413, "payload_too_large", `Cannot accept ${what}: over the ${formatBytes(limit)} limit`, "send a smaller body");

export const badBody = (message: string, hint?: string) => new HttpError(400, "invalid_input", message, hint);

export function formatBytes(bytes: number): string {
  const mib = 1024 * 1024;
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < mib) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / mib).toFixed(1)} MiB`;
}
