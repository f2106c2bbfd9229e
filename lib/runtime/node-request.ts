import type { IncomingMessage } from "node:http";
import { isValidHostHeader } from "./host-header.ts";

// IncomingMessage -> web Request for the Node adapter.

const BODY_HIGH_WATER_MARK = 64 * 1024;

/**
 * A Request whose signal is made on first use. Most handlers never look at
 * it, and a signal handed to the Request constructor is followed through an
 * extra AbortController and a finalization registry, which cost more than
 * the rest of the Request; here the adapter aborts this one directly.
 */
export class NodeRequest extends Request {
  #controller: AbortController | undefined;
  #isAborted = false;
  #reason: unknown;

  override get signal(): AbortSignal {
    if (this.#controller === undefined) {
      this.#controller = new AbortController();
      if (this.#isAborted) this.#controller.abort(this.#reason);
    }
    return this.#controller.signal;
  }

  /** Aborts the signal, whether it was made already or is made later. */
  abortSignal(reason: unknown): void {
    if (this.#isAborted) return;
    this.#isAborted = true;
    this.#reason = reason;
    this.#controller?.abort(reason);
  }
}

/** Builds a Request whose body streams from `req`; throws TypeError on a bad Host or target. */
export function toRequest(req: IncomingMessage, fallbackHost: string): NodeRequest {
  const headers = new Headers();
  const raw = req.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) headers.append(raw[i]!, raw[i + 1]!);
  const host = req.headers.host ?? fallbackHost;
  if (!isValidHostHeader(host)) throw new TypeError(`invalid Host header "${host}"`);
  const method = req.method ?? "GET";
  const hasBody = method !== "GET" && method !== "HEAD";
  return new NodeRequest(requestUrl(req.url ?? "/", host), {
    method,
    headers,
    body: hasBody ? bodyStream(req) : null,
    // Node's fetch requires this for streaming request bodies.
    duplex: "half",
  } as RequestInit);
}

function requestUrl(target: string, host: string): string {
  if (target.startsWith("/")) return `http://${host}${target}`;
  // Absolute-form targets ("GET http://host/path") are legal HTTP/1.1; "*" (OPTIONS) maps to the root.
  if (/^https?:\/\//i.test(target)) return target;
  return `http://${host}/`;
}

/**
 * A pull-based stream over the request body: reading pauses the socket when
 * the consumer lags (backpressure). Cancelling does not destroy the socket,
 * as Readable.toWeb would, so the app can still answer (e.g. 413); the rest
 * of the body is read and dropped so the connection can be reused.
 */
function bodyStream(req: IncomingMessage): ReadableStream<Uint8Array> {
  let isDone = false;
  const onData = (chunk: Buffer, c: ReadableStreamDefaultController<Uint8Array>) => {
    c.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    if ((c.desiredSize ?? 0) <= 0) req.pause();
  };
  return new ReadableStream<Uint8Array>(
    {
      start(c) {
        req.on("data", (chunk: Buffer) => {
          if (!isDone) onData(chunk, c);
        });
        req.once("end", () => {
          if (!isDone) (isDone = true), c.close();
        });
        req.once("error", (err) => {
          if (!isDone) (isDone = true), c.error(err);
        });
        // 'aborted' covers a client that disconnects mid-upload without an 'error' on every Node version.
        req.once("aborted", () => {
          if (!isDone) (isDone = true), c.error(new DOMException("client disconnected", "AbortError"));
        });
        req.pause();
      },
      pull() {
        req.resume();
      },
      cancel() {
        isDone = true;
        req.resume();
      },
    },
    { highWaterMark: BODY_HIGH_WATER_MARK, size: (chunk) => chunk.byteLength },
  );
}
