// `maestro mcp`: relays newline-delimited JSON-RPC between an MCP client on
// stdio and the live daemon's private endpoint. It only relays: the daemon
// parses, validates and answers, so the bridge starts fast and never
// disagrees with the daemon about MCP.
import type { HttpReply, Runtime } from "../runtime/mod.ts";

/** Where the daemon's MCP endpoint is now. */
export interface BridgeTarget {
  url: string;
  token: string;
  pid: number;
}

export interface BridgeOptions {
  runtime: Runtime;
  dbPath: string;
  /** Reads the discovery file again: the live daemon's endpoint, or undefined. */
  discover(): BridgeTarget | undefined;
  /** How long to wait for a daemon to come back before answering with an error. */
  reconnectMs?: number;
  pollMs?: number;
}

/** Requests that change nothing, so sending them twice is harmless (the reference's list). */
const IDEMPOTENT = new Set([
  "initialize",
  "ping",
  "tools/list",
  "resources/list",
  "resources/templates/list",
  "resources/read",
  "prompts/list",
  "prompts/get",
  "roots/list",
  "completion/complete",
]);

/** Answers the bridge reads on the way through: the protocol version, the read-only tools. */
const LEARN_FROM = new Set(["initialize", "tools/list"]);

/** Lines longer than this are refused rather than buffered without end. */
const MAX_LINE_BYTES = 16 * 1024 * 1024;

interface JsonRpcMessage {
  jsonrpc?: unknown;
  id?: string | number | null;
  method?: unknown;
  params?: { name?: unknown };
  result?: { protocolVersion?: unknown; tools?: { name?: unknown; annotations?: { readOnlyHint?: unknown } }[] };
  error?: unknown;
}

const isRequest = (m: JsonRpcMessage) => typeof m.method === "string" && m.id !== undefined && m.id !== null;

/** True when the connection never reached the daemon, so even a tools/call was not delivered. */
function neverDelivered(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown; cause?: { code?: unknown; message?: unknown } } | undefined;
  const text = [e?.code, e?.message, e?.cause?.code, e?.cause?.message].map(String).join(" ");
  return /ECONNREFUSED|connection refused|EADDRNOTAVAIL/i.test(text);
}

/** Runs until stdin ends and every forwarded request is answered; resolves to the exit code. */
export async function runBridge(opts: BridgeOptions): Promise<number> {
  const { runtime } = opts;
  const reconnectMs = opts.reconnectMs ?? 5000;
  const pollMs = opts.pollMs ?? 100;
  const readOnlyTools = new Set<string>();
  let target = opts.discover();
  let protocolVersion: string | undefined;
  const pending = new Set<Promise<void>>();
  // One kept-open connection to the daemon instead of a new one per message.
  const http = runtime.httpClient();

  const write = (message: unknown) => runtime.stdout.write(`${JSON.stringify(message)}\n`);
  const log = (line: string) => runtime.stderr.write(`maestro mcp: ${line}\n`);
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const noDaemon = () => `no live Maestro daemon for ${opts.dbPath}; start it with: maestro run --db ${opts.dbPath}`;

  function replayable(messages: JsonRpcMessage[]): boolean {
    return messages.every((m) =>
      !isRequest(m) || IDEMPOTENT.has(m.method as string) ||
      (m.method === "tools/call" && typeof m.params?.name === "string" && readOnlyTools.has(m.params.name))
    );
  }

  /**
   * Sends one stdin line. When the daemon is lost it keeps looking (up to
   * reconnectMs) and resends what is safe to resend: anything the lost daemon
   * never received, and idempotent requests.
   */
  async function post(body: string, messages: JsonRpcMessage[]): Promise<HttpReply | string> {
    let lostAt: number | undefined;
    let lastError = "";
    for (;;) {
      if (lostAt !== undefined) {
        if (Date.now() - lostAt > reconnectMs) return `${noDaemon()} (${lastError})`;
        await sleep(pollMs);
      }
      const to = target ?? opts.discover();
      if (!to) {
        lostAt ??= Date.now();
        lastError ||= "its discovery file is gone";
        continue;
      }
      const headers: Record<string, string> = { accept: "application/json, text/event-stream", authorization: `Bearer ${to.token}` };
      if (protocolVersion) headers["mcp-protocol-version"] = protocolVersion;
      let reply: HttpReply;
      try {
        reply = await http.postJson(to.url, headers, body);
      } catch (err) {
        if (target === to) target = undefined;
        lastError = (err as Error).message;
        if (lostAt === undefined) log(`lost the daemon at ${to.url} (${lastError}); looking for it for ${reconnectMs / 1000} s`);
        lostAt ??= Date.now();
        if (neverDelivered(err) || replayable(messages)) continue;
        const method = messages.find(isRequest)?.method ?? "request";
        return `request "${String(method)}" may have been delivered before the daemon went away, so it was not sent again; check its effect before retrying`;
      }
      // A refused token means another daemon took the address: nothing ran, find the new one.
      if (reply.status === 401) {
        if (target === to) target = undefined;
        lostAt ??= Date.now();
        lastError = "the daemon refused the token";
        continue;
      }
      if (lostAt !== undefined) log(`reconnected to the daemon at ${to.url} (pid ${to.pid})`);
      target = to;
      return reply;
    }
  }

  function learn(sent: JsonRpcMessage[], answer: unknown): void {
    for (const a of Array.isArray(answer) ? answer as JsonRpcMessage[] : [answer as JsonRpcMessage]) {
      const request = sent.find((m) => m.id === a?.id);
      if (request?.method === "initialize" && typeof a.result?.protocolVersion === "string") protocolVersion = a.result.protocolVersion;
      if (request?.method === "tools/list") {
        for (const t of a.result?.tools ?? []) {
          if (typeof t.name === "string" && t.annotations?.readOnlyHint === true) readOnlyTools.add(t.name);
        }
      }
    }
  }

  async function relay(line: string): Promise<void> {
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      write({ jsonrpc: "2.0", id: null, error: { code: -32700, message: "Parse error: the line is not JSON" } });
      return;
    }
    const messages = (Array.isArray(parsed) ? parsed : [parsed]) as JsonRpcMessage[];
    const requests = messages.filter((m) => typeof m === "object" && m !== null && isRequest(m));
    const reply = await post(line, messages);
    const fail = (message: string) => {
      if (requests.length === 0) log(message);
      for (const r of requests) write({ jsonrpc: "2.0", id: r.id, error: { code: -32603, message } });
    };
    if (typeof reply === "string") return fail(reply);
    if (reply.status === 202 || reply.body.trim() === "") {
      if (reply.status >= 300) fail(`the daemon answered ${reply.status} ${reply.statusText}`);
      return;
    }
    // The usual answer passes through as the daemon wrote it (one line of JSON): no parsing
    // of a 50-issue page just to write it again.
    const body = reply.body.trim();
    if (reply.status === 200 && !body.includes("\n") && !messages.some((m) => LEARN_FROM.has(m.method as string))) {
      runtime.stdout.write(`${body}\n`);
      return;
    }
    let answer: unknown;
    try {
      answer = JSON.parse(reply.body);
    } catch {
      return fail(`the daemon answered ${reply.status} ${reply.statusText} with something other than JSON`);
    }
    const single = answer as JsonRpcMessage & { error?: { message?: unknown } };
    if (!Array.isArray(answer) && single?.jsonrpc !== "2.0") {
      const why = typeof single?.error?.message === "string" ? `: ${single.error.message}` : "";
      return fail(`the daemon answered ${reply.status} ${reply.statusText}${why}`);
    }
    // Transport-level refusals (406, 415, 400) carry id null: give them the request's id so the client can match them.
    if (!Array.isArray(answer) && single.error !== undefined && single.id === null && requests.length === 1) {
      single.id = requests[0]!.id;
    }
    learn(messages, answer);
    write(answer);
  }

  const decoder = new TextDecoder();
  let buffer = "";
  let skipping = false;
  const dispatch = (line: string) => {
    if (line.trim() === "") return;
    const task = relay(line).catch((err) => log(`relay failed: ${(err as Error).message}`));
    pending.add(task);
    void task.finally(() => pending.delete(task));
  };
  for await (const chunk of runtime.stdinChunks()) {
    buffer += decoder.decode(chunk, { stream: true });
    let newline = buffer.indexOf("\n");
    while (newline >= 0) {
      const line = buffer.slice(0, newline).replace(/\r$/, "");
      buffer = buffer.slice(newline + 1);
      if (skipping) skipping = false;
      else dispatch(line);
      newline = buffer.indexOf("\n");
    }
    if (buffer.length > MAX_LINE_BYTES) {
      write({ jsonrpc: "2.0", id: null, error: { code: -32600, message: `Invalid request: a message over ${MAX_LINE_BYTES} bytes` } });
      buffer = "";
      skipping = true;
    }
  }
  if (!skipping) dispatch(buffer + decoder.decode());
  while (pending.size > 0) await Promise.all([...pending]);
  http.close();
  return 0;
}
