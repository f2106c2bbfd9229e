import { STATUS_CODES, type ServerResponse } from "node:http";
import type { Duplex } from "node:stream";

// web Response -> the wire, for the Node adapter.

/** Headers as Node wants them: set-cookie kept as separate lines, everything else as one value. */
function headerRecord(headers: Headers): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of headers) if (name !== "set-cookie") out[name] = value;
  const cookies = headers.getSetCookie();
  if (cookies.length > 0) out["set-cookie"] = cookies;
  return out;
}

const hasNoBody = (status: number, isHead: boolean) => isHead || status === 204 || status === 304;

/**
 * Writes `response` to `res`, streaming the body with backpressure. A body
 * stream that errors midway cuts the connection so the client sees a
 * truncated response rather than a complete-looking one. Never rejects.
 */
export async function writeResponse(
  res: ServerResponse,
  response: Response,
  isHead: boolean,
  report: (err: unknown) => void,
): Promise<void> {
  const body = response.body;
  if (res.destroyed) return void body?.cancel().catch(() => {});
  try {
    res.writeHead(response.status, response.statusText || undefined, headerRecord(response.headers));
  } catch (err) {
    report(err);
    res.destroy();
    return void body?.cancel().catch(() => {});
  }
  if (body === null || hasNoBody(response.status, isHead)) {
    res.end();
    return void body?.cancel().catch(() => {});
  }
  await pipeBody(body, res, declaredLength(response.headers), report);
}

/** The Content-Length the app set, or -1. */
function declaredLength(headers: Headers): number {
  const value = headers.get("content-length");
  return value === null ? -1 : Number(value);
}

async function pipeBody(
  body: ReadableStream<Uint8Array>,
  res: ServerResponse,
  length: number,
  report: (err: unknown) => void,
): Promise<void> {
  const reader = body.getReader();
  // A client gone mid-stream must release a producer that may never emit again (e.g. an event stream).
  const onClose = () => void reader.cancel().catch(() => {});
  res.once("close", onClose);
  // Headers go out with the first chunk, or on the next turn if the first chunk is slow in coming.
  const flush = setImmediate(() => {
    if (!res.headersSent && !res.destroyed) res.flushHeaders();
  });
  try {
    for (let isFirst = true; ; isFirst = false) {
      const { done, value } = await reader.read();
      if (done || res.destroyed) break;
      // The common case, a body built in memory: its first chunk is all the app declared, so head and
      // body leave in one write and the stream is not read again.
      if (isFirst && value.byteLength === length) {
        res.end(value);
        return void reader.cancel().catch(() => {});
      }
      if (!res.write(value)) await drained(res);
    }
    if (!res.destroyed) res.end();
  } catch (err) {
    report(err);
    res.destroy();
    reader.cancel().catch(() => {});
  } finally {
    clearImmediate(flush);
    res.off("close", onClose);
  }
}

function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off("drain", done);
      res.off("close", done);
      resolve();
    };
    res.on("drain", done);
    res.on("close", done);
  });
}

/**
 * Answers a request that arrived as an upgrade (so Node gave us a bare socket)
 * with a complete HTTP/1.1 response, then closes the socket. Never rejects.
 */
export async function writeRawResponse(socket: Duplex, response: Response): Promise<void> {
  let body: Uint8Array;
  try {
    body = new Uint8Array(await response.arrayBuffer());
  } catch {
    return void socket.destroy();
  }
  if (socket.destroyed) return;
  const reason = response.statusText || STATUS_CODES[response.status] || "";
  const lines = [`HTTP/1.1 ${response.status} ${reason}`];
  for (const [name, value] of response.headers) {
    if (name !== "content-length" && name !== "connection" && name !== "transfer-encoding" && name !== "set-cookie") {
      lines.push(`${name}: ${value}`);
    }
  }
  for (const cookie of response.headers.getSetCookie()) lines.push(`set-cookie: ${cookie}`);
  lines.push(`content-length: ${body.byteLength}`, "connection: close", "", "");
  // Header values are ByteStrings, hence latin1.
  socket.end(Buffer.concat([Buffer.from(lines.join("\r\n"), "latin1"), body]), () => socket.destroy());
}
