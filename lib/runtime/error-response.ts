import type { ServeOptions } from "./types.ts";

// The JSON error bodies runtime/ itself has to produce, in the envelope the HTTP API uses everywhere,
// so a client never sees HTML or a bare text error from either adapter.

/** A JSON error envelope: {"error":{"code","message"}}. */
export function errorResponse(status: number, code: string, message: string, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ error: { code, message } }), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", ...headers },
  });
}

/** What a handler exception turns into: details go to the log, not to the client. */
export const internalError = (): Response =>
  errorResponse(500, "internal", "Cannot handle the request: internal error (see the server log)");

/** Returns the app's error reporter, or one that prints to stderr; never throws. */
export function errorReporter(opts: ServeOptions): (err: unknown) => void {
  const report = opts.onError ?? ((err: unknown) => console.error("maestro: request handler failed:", err));
  return (err) => {
    try {
      report(err);
    } catch {
      // A failing reporter must not take the server down with it.
    }
  };
}

/** True for a request asking to become a WebSocket (`Upgrade` is a token list, case-insensitive). */
export function isWebSocketUpgrade(headers: Headers): boolean {
  const upgrade = headers.get("upgrade");
  return upgrade !== null && upgrade.toLowerCase().split(",").some((t) => t.trim() === "websocket");
}
