// One stdout line of the app-server, classified by its keys (codex-app-server.md §1):
// method + id is a server request (its ids are a counter of their own that collides
// with ours), method alone a notification, id + result|error our response.

export type JsonObject = Record<string, unknown>;

export type Incoming =
  | { kind: "request"; id: number | string; method: string; params: JsonObject }
  | { kind: "notification"; method: string; params: JsonObject }
  | { kind: "response"; id: number | string; result?: unknown; error?: { code?: number; message: string } }
  | { kind: "malformed"; line: string };

const isObject = (v: unknown): v is JsonObject => typeof v === "object" && v !== null && !Array.isArray(v);
const isId = (v: unknown): v is number | string => typeof v === "number" || typeof v === "string";

/** Decodes one line leniently: unknown keys are ignored, anything else that is not JSON-RPC is `malformed`. */
export function parseLine(line: string): Incoming {
  let msg: unknown;
  try {
    msg = JSON.parse(line);
  } catch {
    return { kind: "malformed", line };
  }
  if (!isObject(msg)) return { kind: "malformed", line };
  const params = isObject(msg.params) ? msg.params : {};
  if (typeof msg.method === "string") {
    return isId(msg.id) ? { kind: "request", id: msg.id, method: msg.method, params } : { kind: "notification", method: msg.method, params };
  }
  if (isId(msg.id) && ("result" in msg || "error" in msg)) {
    if ("error" in msg && msg.error !== null && msg.error !== undefined) {
      const e = isObject(msg.error) ? msg.error : {};
      const message = typeof e.message === "string" ? e.message : JSON.stringify(msg.error);
      return { kind: "response", id: msg.id, error: { code: typeof e.code === "number" ? e.code : undefined, message } };
    }
    return { kind: "response", id: msg.id, result: msg.result };
  }
  return { kind: "malformed", line };
}

export const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
export const obj = (v: unknown): JsonObject => (isObject(v) ? v : {});
