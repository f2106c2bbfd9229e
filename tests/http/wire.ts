/**
 * Sends a bad-input case to a live daemon over a real socket: through fetch,
 * or byte for byte over a socket of its own when fetch cannot send it.
 * Shared by the e2e bad-input suite and the fault suite's malformed-HTTP case.
 */
import * as net from "node:net";
import type { Case } from "./bad-input-cases.ts";
import { type Reply, requestInit, type RequestOptions, toReply } from "./fixture.ts";

/**
 * Why a case goes over a raw socket of its own instead of fetch, or undefined:
 * fetch sets Host itself (no forging it) and computes Content-Length from the
 * body (no declaring a bigger one). A body the daemon refuses as too large
 * also gets a connection of its own: under Node, after a 413 answered before
 * the body was read, the keep-alive connection fetch pools is reset on a
 * later request (ECONNRESET, seen on the second request after the 413), so
 * the case would break an unrelated case after it.
 */
export function rawReason(c: Case, opts: RequestOptions | undefined): string | undefined {
  const names = Object.keys(opts?.headers ?? {}).map((h) => h.toLowerCase());
  if (names.includes("host") || opts?.noHost === true) return "forges or leaves out Host";
  if (names.includes("content-length")) return "declares its own Content-Length";
  if (c.code === "payload_too_large") return "a refused oversized body: keep it off the pooled connection";
  return undefined;
}

/** `c` sent to `origin` with `opts`, over fetch or a raw socket (see rawReason). */
export async function sendCase(origin: string, c: Case, opts?: RequestOptions): Promise<Reply> {
  return rawReason(c, opts) ? await sendRaw(origin, c.method, c.path, opts) : await sendFetch(origin, c.method, c.path, opts);
}

export async function sendFetch(origin: string, method: string, url: string, opts: RequestOptions = {}): Promise<Reply> {
  return await toReply(await fetch(new URL(url, origin), requestInit(method, opts)));
}

/** One HTTP/1.1 request written byte for byte to a socket, `Connection: close`. */
export async function sendRaw(origin: string, method: string, url: string, opts: RequestOptions = {}): Promise<Reply> {
  const { host, hostname, port } = new URL(origin);
  const headers: Record<string, string> = opts.noHost ? {} : { host };
  let body: Uint8Array = new Uint8Array(0);
  if (opts.json !== undefined) {
    headers["content-type"] = "application/json";
    body = new TextEncoder().encode(JSON.stringify(opts.json));
  } else if (typeof opts.body === "string") {
    body = new TextEncoder().encode(opts.body);
  } else if (opts.body instanceof Uint8Array) {
    body = opts.body;
  } else if (opts.body !== undefined && opts.body !== null) {
    throw new Error("sendRaw sends only string, Uint8Array or JSON bodies");
  }
  if (body.length > 0 || method === "POST" || method === "PUT" || method === "PATCH") headers["content-length"] = String(body.length);
  for (const [k, v] of Object.entries(opts.headers ?? {})) headers[k.toLowerCase()] = v;
  headers.connection = "close";
  const target = new URL(url, "http://x");
  const head = `${method} ${target.pathname}${target.search} HTTP/1.1\r\n` + Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join("") + "\r\n";
  const data = await new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = net.connect(Number(port), hostname.replace(/^\[|\]$/g, ""), () => {
      socket.write(head);
      if (body.length > 0) socket.write(body);
    });
    socket.setTimeout(15_000, () => socket.destroy(new Error(`no answer to raw ${method} ${url}`)));
    socket.on("data", (d: Buffer) => chunks.push(d));
    socket.on("end", () => resolve(Buffer.concat(chunks)));
    // A server may answer before reading a body it refuses, then reset: keep what arrived.
    socket.on("error", (err) => (chunks.length > 0 ? resolve(Buffer.concat(chunks)) : reject(err)));
  });
  const split = data.indexOf("\r\n\r\n");
  if (split <= 0) throw new Error(`not an HTTP response to raw ${method} ${url}: ${data.toString("latin1").slice(0, 200)}`);
  const [statusLine, ...lines] = data.subarray(0, split).toString("latin1").split("\r\n");
  const status = Number(statusLine!.match(/^HTTP\/1\.[01] (\d{3})/)?.[1]);
  const replyHeaders = new Headers();
  for (const line of lines) {
    const i = line.indexOf(":");
    replyHeaders.append(line.slice(0, i).trim(), line.slice(i + 1).trim());
  }
  let rest = data.subarray(split + 4);
  if (/chunked/i.test(replyHeaders.get("transfer-encoding") ?? "")) {
    const parts: Buffer[] = [];
    for (;;) {
      const eol = rest.indexOf("\r\n");
      const size = parseInt(rest.subarray(0, eol).toString("latin1"), 16);
      if (!(size > 0)) break;
      parts.push(rest.subarray(eol + 2, eol + 2 + size));
      rest = rest.subarray(eol + 2 + size + 2);
    }
    rest = Buffer.concat(parts);
  } else if (replyHeaders.has("content-length")) {
    rest = rest.subarray(0, Number(replyHeaders.get("content-length")));
  }
  const text = rest.toString("utf8");
  let parsed: unknown;
  try {
    parsed = text === "" ? undefined : JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status, headers: replyHeaders, text, body: parsed };
}
