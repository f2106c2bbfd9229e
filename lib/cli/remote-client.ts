import { type ErrorCode, MaestroError, unavailable } from "../errors.ts";
import type { Discovery } from "../daemon/mod.ts";
import type { OperationClient } from "./session.ts";

const CODES = new Set<ErrorCode>(["not_found", "invalid_input", "conflict", "blocked", "unavailable"]);

/**
 * Sends each operation to the live daemon as `POST /api/v1/ops {op, input}`,
 * so the daemon stays the database's one writer and the output is the same
 * as in-process. The daemon's MaestroError comes back with its code and hint.
 */
export function createRemoteClient(daemon: Discovery): OperationClient {
  return {
    async call(op, input) {
      let res: Response;
      try {
        res = await fetch(`${daemon.url}/api/v1/ops`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${daemon.token}` },
          body: JSON.stringify({ op, input }),
        });
      } catch (err) {
        throw unavailable(
          `Cannot reach the Maestro daemon for this database at ${daemon.url} (pid ${daemon.pid}): ${(err as Error).message}`,
          "it may be shutting down; retry, or stop it and run the command again",
        );
      }
      const body = (await res.json().catch(() => undefined)) as
        | { result?: unknown; error?: { code?: string; message?: string; hint?: string } }
        | undefined;
      if (res.ok && body && "result" in body) return body.result;
      const e = body?.error;
      const code = CODES.has(e?.code as ErrorCode) ? (e!.code as ErrorCode) : "unavailable";
      throw new MaestroError(code, e?.message ?? `The daemon answered ${res.status} ${res.statusText}`, e?.hint);
    },
    close() {},
  };
}
