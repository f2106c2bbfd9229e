// Every JSON answer and the error envelope {"error":{"code","message","hint"?}}.
// statusFor is the one place a MaestroError code becomes an HTTP status.
import { type ErrorCode, isMaestroError } from "../errors.ts";
import { HttpError } from "./http-error.ts";

const JSON_TYPE = "application/json; charset=utf-8";
const encoder = new TextEncoder();

/**
 * A JSON response; every API answer goes through here. The body is bytes of
 * declared length, so the runtime adapters can send it in one write instead
 * of streaming it chunked.
 */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  const bytes = encoder.encode(JSON.stringify(body));
  return new Response(bytes, {
    status,
    headers: {
      "content-type": JSON_TYPE,
      "content-length": String(bytes.byteLength),
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
      ...headers,
    },
  });
}

/** The HTTP status for a tracker error code. */
export function statusFor(code: ErrorCode): number {
  switch (code) {
    case "not_found":
      return 404;
    case "invalid_input":
      return 400;
    case "conflict":
    case "blocked":
      return 409;
    case "unavailable":
      return 503;
  }
}

/** The error envelope. */
export function errorResponse(status: number, code: string, message: string, hint?: string, headers?: Record<string, string>) {
  return json({ error: hint ? { code, message, hint } : { code, message } }, status, headers);
}

/** Turns anything thrown by a handler into a response; unexpected errors become 500 "internal". */
export function responseForError(err: unknown, onInternal: (err: unknown) => void): Response {
  if (err instanceof HttpError) return errorResponse(err.status, err.code, err.message, err.hint, err.headers);
  if (isMaestroError(err)) return errorResponse(statusFor(err.code), err.code, err.message, err.hint);
  onInternal(err);
  const detail = err instanceof Error ? err.message : String(err);
  return errorResponse(500, "internal", `Internal error: ${detail}`, "this is a bug in Maestro; please report it");
}
