import type { HttpReply } from "./types.ts";

/**
 * POST on Node. Every CLI command sent to the daemon is one POST, and its
 * latency is a target (≤ 1.4× `node -e 0`): Node 20's fetch loads undici and
 * compiles its WASM parser on first use (tens of ms), and node:http's client
 * costs ~8 ms more to load and set up than a node:net socket. So plain http:
 * goes over a socket with a deliberately small HTTP/1.1 exchange (one request,
 * `Connection: close`, answer read to the end); https: (an `--api-url` through
 * a proxy) keeps node:https, where that cost is small next to TLS.
 */
export async function postJsonNode(url: string, headers: Record<string, string>, body: string): Promise<HttpReply> {
  const target = new URL(url);
  if (target.protocol === "https:") return await postJsonHttps(target, headers, body);
  if (target.protocol !== "http:") throw new Error(`unsupported URL scheme ${target.protocol} (use http: or https:)`);
  const bytes = Buffer.from(body, "utf8");
  const head = [`POST ${target.pathname}${target.search} HTTP/1.1`, `Host: ${target.host}`, "Connection: close"];
  for (const [name, value] of Object.entries({ ...headers, "content-type": "application/json" })) {
    if (/[\r\n]/.test(name + value)) throw new Error(`header ${name} holds a line break`);
    head.push(`${name}: ${value}`);
  }
  head.push(`Content-Length: ${bytes.length}`, "", "");
  const { connect } = await import("node:net");
  const host = target.hostname.replace(/^\[(.*)\]$/, "$1");
  const port = Number(target.port || 80);
  const raw = await new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect({ host, port, noDelay: true }, () => socket.end(Buffer.concat([Buffer.from(head.join("\r\n"), "latin1"), bytes])));
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.on("end", () => resolve(Buffer.concat(chunks)));
    socket.on("error", reject);
  });
  return parseAnswer(raw);
}

/** Reads a whole HTTP/1.1 answer (status line, headers, a Content-Length or chunked body). */
export function parseAnswer(raw: Buffer): HttpReply {
  const headEnd = raw.indexOf("\r\n\r\n");
  if (headEnd < 0) throw new Error("the connection closed before the whole answer arrived");
  const [statusLine = "", ...fields] = raw.subarray(0, headEnd).toString("latin1").split("\r\n");
  const status = /^HTTP\/1\.[01] (\d{3})(?: (.*))?$/.exec(statusLine);
  if (!status) throw new Error(`not an HTTP answer: ${JSON.stringify(statusLine.slice(0, 80))}`);
  const header = (name: string) => {
    const field = fields.find((f) => f.slice(0, f.indexOf(":")).trim().toLowerCase() === name);
    return field?.slice(field.indexOf(":") + 1).trim();
  };
  const rest = raw.subarray(headEnd + 4);
  let payload: Buffer;
  if (/chunked/i.test(header("transfer-encoding") ?? "")) {
    payload = decodeChunked(rest);
  } else if (header("content-length") !== undefined) {
    const length = Number(header("content-length"));
    if (!Number.isSafeInteger(length) || length < 0) throw new Error(`bad Content-Length ${header("content-length")}`);
    if (rest.length < length) throw new Error("the connection closed before the whole answer arrived");
    payload = rest.subarray(0, length);
  } else {
    payload = rest;
  }
  return { status: Number(status[1]), statusText: status[2] ?? "", body: payload.toString("utf8") };
}

function decodeChunked(data: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = data.indexOf("\r\n", at);
    if (lineEnd < 0) throw new Error("the connection closed before the whole answer arrived");
    const size = parseInt(data.subarray(at, lineEnd).toString("latin1").split(";")[0]!.trim(), 16);
    if (!Number.isSafeInteger(size) || size < 0) throw new Error("bad chunk size in the answer");
    if (size === 0) return Buffer.concat(parts);
    const start = lineEnd + 2;
    if (data.length < start + size + 2) throw new Error("the connection closed before the whole answer arrived");
    parts.push(data.subarray(start, start + size));
    at = start + size + 2;
  }
}

async function postJsonHttps(url: URL, headers: Record<string, string>, body: string): Promise<HttpReply> {
  const { request } = await import("node:https");
  const bytes = Buffer.from(body, "utf8");
  return await new Promise((resolve, reject) => {
    const req = request(url, {
      method: "POST",
      agent: false,
      headers: { ...headers, "content-type": "application/json", "content-length": String(bytes.length) },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("error", reject);
      res.on("close", () => {
        if (!res.complete) reject(new Error("the connection closed before the whole answer arrived"));
      });
      res.on("end", () => {
        resolve({ status: res.statusCode ?? 0, statusText: res.statusMessage ?? "", body: Buffer.concat(chunks).toString("utf8") });
      });
    });
    req.on("error", reject);
    req.end(bytes);
  });
}

/** POST with the built-in fetch: native and quick on Deno. */
export async function postJsonFetch(url: string, headers: Record<string, string>, body: string): Promise<HttpReply> {
  const res = await fetch(url, { method: "POST", headers: { ...headers, "content-type": "application/json" }, body });
  return { status: res.status, statusText: res.statusText, body: await res.text() };
}
