import type { HttpClient, HttpReply } from "./types.ts";

/**
 * POST on Node. Every CLI command sent to the daemon is one POST, and its
 * latency is a target (≤ 1.4× `node -e 0`): Node 20's fetch loads undici and
 * compiles its WASM parser on first use (tens of ms), and node:http's client
 * costs ~8 ms more to load and set up than a node:net socket. So plain http:
 * goes over a socket with a deliberately small HTTP/1.1 exchange, answered
 * as soon as the whole answer is in; https: (an `--api-url` through a proxy)
 * keeps node:https, where that cost is small next to TLS.
 */
export async function postJsonNode(url: string, headers: Record<string, string>, body: string): Promise<HttpReply> {
  return await exchange(url, headers, body, undefined);
}

/**
 * Node: idle sockets are kept per host:port and closed after `idleMs`,
 * well before a server's keep-alive timeout (Node's default is 5 s), so a
 * request is never written to a socket the server is closing.
 */
export function createNodeHttpClient(idleMs = 2000): HttpClient {
  const pool: Pool = { idle: new Map(), idleMs };
  return {
    postJson: (url, headers, body) => exchange(url, headers, body, pool),
    close() {
      for (const parked of [...pool.idle.values()].flat()) {
        parked.unpark();
        parked.socket.destroy();
      }
      pool.idle.clear();
    },
  };
}

/** Fetch keeps connections open by itself. */
export function createFetchHttpClient(): HttpClient {
  return { postJson: postJsonFetch, close() {} };
}

type NetSocket = import("node:net").Socket;

interface Parked {
  socket: NetSocket;
  /** Takes it out of the pool: no idle timer, no close watch. */
  unpark(): void;
}

interface Pool {
  idle: Map<string, Parked[]>;
  idleMs: number;
}

async function exchange(url: string, headers: Record<string, string>, body: string, pool: Pool | undefined): Promise<HttpReply> {
  const target = new URL(url);
  if (target.protocol === "https:") return await postJsonHttps(target, headers, body);
  if (target.protocol !== "http:") throw new Error(`unsupported URL scheme ${target.protocol} (use http: or https:)`);
  const bytes = Buffer.from(body, "utf8");
  const head = [`POST ${target.pathname}${target.search} HTTP/1.1`, `Host: ${target.host}`, pool ? "Connection: keep-alive" : "Connection: close"];
  for (const [name, value] of Object.entries({ ...headers, "content-type": "application/json" })) {
    if (/[\r\n]/.test(name + value)) throw new Error(`header ${name} holds a line break`);
    head.push(`${name}: ${value}`);
  }
  head.push(`Content-Length: ${bytes.length}`, "", "");
  const request = Buffer.concat([Buffer.from(head.join("\r\n"), "latin1"), bytes]);
  const host = target.hostname.replace(/^\[(.*)\]$/, "$1");
  const port = Number(target.port || 80);
  const key = `${host}:${port}`;
  const parked = pool?.idle.get(key)?.at(-1);
  parked?.unpark();
  const reused = parked?.socket;
  const socket = reused ?? (await import("node:net")).connect({ host, port, noDelay: true });
  const answer = await new Promise<{ reply: HttpReply; keepAlive: boolean }>((resolve, reject) => {
    let received: Buffer = Buffer.alloc(0);
    const fail = (err: Error) => {
      cleanup();
      socket.destroy();
      reject(err);
    };
    const onData = (chunk: Buffer) => {
      received = received.length === 0 ? chunk : Buffer.concat([received, chunk]);
      let done: ReturnType<typeof readAnswer>;
      try {
        done = readAnswer(received, false);
      } catch (err) {
        return fail(err as Error);
      }
      if (done) {
        cleanup();
        resolve(done);
      }
    };
    const onEnd = () => {
      try {
        const done = readAnswer(received, true);
        cleanup();
        resolve({ reply: done!.reply, keepAlive: false });
      } catch (err) {
        fail(err as Error);
      }
    };
    const cleanup = () => {
      socket.off("data", onData);
      socket.off("end", onEnd);
      socket.off("error", fail);
    };
    socket.on("data", onData);
    socket.on("end", onEnd);
    socket.on("error", fail);
    if (reused) socket.write(request);
    else if (pool) socket.once("connect", () => socket.write(request));
    else socket.once("connect", () => socket.end(request));
  });
  if (pool && answer.keepAlive && !socket.destroyed) park(pool, key, socket);
  else if (!pool) socket.destroy();
  else socket.end();
  return answer.reply;
}

/** Keeps a socket for the next request until it idles out or the server closes it. */
function park(pool: Pool, key: string, socket: NetSocket): void {
  const list = pool.idle.get(key) ?? [];
  pool.idle.set(key, list);
  const drop = () => {
    unpark();
    socket.destroy();
  };
  const timer = setTimeout(drop, pool.idleMs);
  const unpark = () => {
    clearTimeout(timer);
    socket.off("close", drop);
    socket.off("error", drop);
    const at = list.indexOf(parked);
    if (at >= 0) list.splice(at, 1);
    socket.ref();
  };
  const parked: Parked = { socket, unpark };
  list.push(parked);
  socket.once("close", drop);
  socket.once("error", drop);
  // An idle connection does not keep the process alive.
  socket.unref();
}

/**
 * The answer in `raw` once it is whole, else undefined (or, at the end of
 * the stream, an error saying what is missing). Knows Content-Length,
 * chunked, and read-to-close bodies.
 */
function readAnswer(raw: Buffer, ended: boolean): { reply: HttpReply; keepAlive: boolean } | undefined {
  const incomplete = () => {
    if (ended) throw new Error("the connection closed before the whole answer arrived");
    return undefined;
  };
  const headEnd = raw.indexOf("\r\n\r\n");
  if (headEnd < 0) return incomplete();
  const [statusLine = "", ...fields] = raw.subarray(0, headEnd).toString("latin1").split("\r\n");
  const status = /^HTTP\/1\.[01] (\d{3})(?: (.*))?$/.exec(statusLine);
  if (!status) throw new Error(`not an HTTP answer: ${JSON.stringify(statusLine.slice(0, 80))}`);
  const header = (name: string) => {
    const field = fields.find((f) => f.slice(0, f.indexOf(":")).trim().toLowerCase() === name);
    return field?.slice(field.indexOf(":") + 1).trim();
  };
  const rest = raw.subarray(headEnd + 4);
  const reply = (payload: Buffer) => ({ status: Number(status[1]), statusText: status[2] ?? "", body: payload.toString("utf8") });
  const keepAlive = statusLine.startsWith("HTTP/1.1") && !/close/i.test(header("connection") ?? "");
  if (/chunked/i.test(header("transfer-encoding") ?? "")) {
    const payload = decodeChunked(rest);
    return payload ? { reply: reply(payload), keepAlive } : incomplete();
  }
  const declared = header("content-length");
  if (declared !== undefined) {
    const length = Number(declared);
    if (!Number.isSafeInteger(length) || length < 0) throw new Error(`bad Content-Length ${declared}`);
    return rest.length >= length ? { reply: reply(rest.subarray(0, length)), keepAlive } : incomplete();
  }
  return ended ? { reply: reply(rest), keepAlive: false } : undefined;
}

/** The body of a whole chunked payload, or undefined while chunks are missing. */
function decodeChunked(data: Buffer): Buffer | undefined {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = data.indexOf("\r\n", at);
    if (lineEnd < 0) return undefined;
    const size = parseInt(data.subarray(at, lineEnd).toString("latin1").split(";")[0]!.trim(), 16);
    if (!Number.isSafeInteger(size) || size < 0) throw new Error("bad chunk size in the answer");
    if (size === 0) return data.indexOf("\r\n\r\n", lineEnd) >= 0 || data.length >= lineEnd + 4 ? Buffer.concat(parts) : undefined;
    const start = lineEnd + 2;
    if (data.length < start + size + 2) return undefined;
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
