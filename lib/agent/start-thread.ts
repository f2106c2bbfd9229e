import { type Connection, ConnectionFailure } from "./connection.ts";
import { obj, str } from "./json-rpc.ts";
import type { ThreadStartParams } from "./protocol/v2/thread-start-params.ts";

/** thread/start; resolves with the new thread's id. */
export async function startThread(conn: Connection, params: ThreadStartParams, readTimeoutMs: number): Promise<string> {
  const id = threadIdOf(await conn.request("thread/start", params, readTimeoutMs));
  if (!id) throw new ConnectionFailure("response_error", "Codex answered thread/start without a thread id");
  return id;
}

/** `result.thread.id` of a thread/start or thread/resume response. */
export const threadIdOf = (result: unknown): string | undefined => str(obj(obj(result).thread).id);
