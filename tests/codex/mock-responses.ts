/**
 * A loopback mock of the OpenAI Responses API for driving the real
 * `codex app-server` offline (shared/reference/codex-app-server.md §12).
 * Codex POSTs `<base_url>/responses` and reads SSE; the script is chosen by a
 * marker in the last user message:
 *
 * - `MOCK:write-file` — first a `function_call` of the shell tool Codex
 *   advertises (`exec_command` on 0.169.0) that writes MOCK_FILE in the
 *   workspace; once the call's output comes back, the final message
 *   MOCK_REPLY. Each response carries usage (CALL_USAGE, then REPLY_USAGE).
 * - `MOCK:fail` — `response.failed` with MOCK_FAILURE.
 * - anything else — the final message `ok` with REPLY_USAGE.
 */
import * as http from "node:http";
import type { AddressInfo } from "node:net";

export const MOCK_FILE = "codex-output.txt";
export const MOCK_FILE_TEXT = "hello from the mock model";
export const MOCK_REPLY = "Done: wrote codex-output.txt";
export const MOCK_FAILURE = "mock upstream failure";
export const CALL_USAGE = { input: 100, output: 10 };
export const REPLY_USAGE = { input: 120, output: 7 };

// deno-lint-ignore no-explicit-any
type Json = any;

export interface MockResponses {
  /** e.g. "http://127.0.0.1:PORT/v1": the provider's base_url. */
  baseUrl: string;
  /** Every POST body received, parsed. */
  requests: Json[];
  close(): Promise<void>;
}

const usage = (u: { input: number; output: number }) => ({
  input_tokens: u.input, input_tokens_details: { cached_tokens: 0 }, output_tokens: u.output,
  output_tokens_details: { reasoning_tokens: 0 }, total_tokens: u.input + u.output,
});

function sse(res: http.ServerResponse, events: Json[]): void {
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  for (const e of events) res.write(`event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`);
  res.end();
}

function finalMessage(id: string, text: string): Json[] {
  const item = { type: "message", role: "assistant", id: `msg_${id}`, content: [{ type: "output_text", text }] };
  return [
    { type: "response.created", response: { id } },
    { type: "response.output_item.added", item: { ...item, content: [] } },
    { type: "response.output_text.delta", delta: text },
    { type: "response.output_item.done", item },
    { type: "response.completed", response: { id, usage: usage(REPLY_USAGE) } },
  ];
}

/** The shell tool's name and arguments for a command, from the tools the request offers. */
function shellCall(tools: Json[], command: string): { name: string; args: Json } {
  const names = tools.map((t) => t?.name).filter((n) => typeof n === "string");
  if (names.includes("exec_command")) return { name: "exec_command", args: { cmd: command, yield_time_ms: 5000 } };
  if (names.includes("shell_command")) return { name: "shell_command", args: { command } };
  return { name: "shell", args: { command: ["bash", "-lc", command] } };
}

function lastUserText(input: Json[]): string {
  const user = [...input].reverse().find((i) => i?.type === "message" && i.role === "user");
  return JSON.stringify(user?.content ?? "");
}

function answer(body: Json, n: number, res: http.ServerResponse): void {
  const input: Json[] = Array.isArray(body.input) ? body.input : [];
  const id = `resp_${n}`;
  const text = lastUserText(input);
  if (text.includes("MOCK:fail")) {
    return sse(res, [
      { type: "response.created", response: { id } },
      { type: "response.failed", response: { id, error: { code: "server_error", message: MOCK_FAILURE } } },
    ]);
  }
  if (text.includes("MOCK:write-file") && input.at(-1)?.type !== "function_call_output") {
    const call = shellCall(Array.isArray(body.tools) ? body.tools : [], `printf '%s\\n' '${MOCK_FILE_TEXT}' > ${MOCK_FILE} && cat ${MOCK_FILE}`);
    return sse(res, [
      { type: "response.created", response: { id } },
      { type: "response.output_item.done", item: { type: "function_call", call_id: `call_${n}`, name: call.name, arguments: JSON.stringify(call.args) } },
      { type: "response.completed", response: { id, usage: usage(CALL_USAGE) } },
    ]);
  }
  return sse(res, finalMessage(id, text.includes("MOCK:write-file") ? MOCK_REPLY : "ok"));
}

/** Starts the mock on 127.0.0.1 with a free port. */
export async function startMockResponses(): Promise<MockResponses> {
  const requests: Json[] = [];
  const server = http.createServer((req, res) => {
    let raw = "";
    req.setEncoding("utf8");
    req.on("data", (c: string) => (raw += c));
    req.on("end", () => {
      if (req.method === "GET" && req.url?.endsWith("/models")) {
        res.writeHead(200, { "content-type": "application/json" });
        return res.end('{"models":[]}');
      }
      if (req.method !== "POST" || !req.url?.endsWith("/responses")) {
        res.writeHead(404);
        return res.end();
      }
      let body: Json;
      try {
        body = JSON.parse(raw);
      } catch {
        res.writeHead(400);
        return res.end();
      }
      requests.push(body);
      answer(body, requests.length, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
