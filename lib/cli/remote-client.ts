import { type ErrorCode, MaestroError, unavailable } from "../errors.ts";
import type { Discovery } from "../daemon/mod.ts";
import type { HttpReply, Runtime } from "../runtime/mod.ts";
import type { OperationClient } from "./session.ts";

const CODES = new Set<ErrorCode>(["not_found", "invalid_input", "conflict", "blocked", "unavailable"]);

type OpsAnswer = { result?: unknown; error?: { code?: string; message?: string; hint?: string } };

function parseAnswer(text: string): OpsAnswer | undefined {
  try {
    const body: unknown = JSON.parse(text);
    return typeof body === "object" && body !== null ? (body as OpsAnswer) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Sends each operation to the live daemon as `POST /api/v1/ops {op, input}`,
 * so the daemon stays the database's one writer and the output is the same
 * as in-process. The daemon's MaestroError comes back with its code and hint.
 */
export function createRemoteClient(runtime: Runtime, daemon: Discovery): OperationClient {
  return {
    async call(op, input) {
      let res: HttpReply;
      try {
        res = await runtime.postJson(`${daemon.url}/api/v1/ops`, { authorization: `Bearer ${daemon.token}` }, JSON.stringify({ op, input }));
      } catch (err) {
        throw unavailable(
          `Cannot reach the Maestro daemon for this database at ${daemon.url}${daemon.pid ? ` (pid ${daemon.pid})` : ""}: ${(err as Error).message}`,
          "it may be shutting down; retry, or stop it and run the command again",
        );
      }
      const body = parseAnswer(res.body);
      if (res.status >= 200 && res.status < 300 && body && "result" in body) return body.result;
      const e = body?.error;
      const code = CODES.has(e?.code as ErrorCode) ? (e!.code as ErrorCode) : "unavailable";
      throw new MaestroError(code, e?.message ?? `The daemon answered ${res.status} ${res.statusText}`, e?.hint);
    },
    close() {},
  };
}
