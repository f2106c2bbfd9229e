import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { authority } from "./authority.ts";
import { errorReporter, errorResponse, internalError, isWebSocketUpgrade } from "./error-response.ts";
import { type NodeRequest, toRequest } from "./node-request.ts";
import { writeRawResponse, writeResponse } from "./node-response.ts";
import { acceptWebSocket, createWebSocketServer, startHeartbeat } from "./node-websocket.ts";
import type { ClientInfo, HttpServer, ServeOptions, WebSocketHandlers } from "./types.ts";

/** runtime.serve on Node: node:http for requests, `ws` for upgrades. */
/** Unread request bodies up to this size are drained after an early answer; larger ones close the connection. */
const DRAIN_LIMIT = 8 * 1024 * 1024;
const DRAIN_WAIT_MS = 10_000;

const hasUnreadBody = (req: IncomingMessage) => !req.complete && req.method !== "GET" && req.method !== "HEAD";

/** Reads the rest of a request body and drops it; gives up after DRAIN_WAIT_MS (a stalled client). */
function drain(req: IncomingMessage): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, DRAIN_WAIT_MS);
    function done() {
      clearTimeout(timer);
      resolve();
    }
    req.removeAllListeners("data");
    req.once("end", done).once("close", done).once("error", done);
    req.resume();
  });
}

function declaredLength(req: IncomingMessage): number {
  const value = req.headers["content-length"];
  return value === undefined ? Number.POSITIVE_INFINITY : Number(value);
}

export async function serveNode(opts: ServeOptions): Promise<HttpServer> {
  const wss = await createWebSocketServer();
  const report = errorReporter(opts);
  const server = createServer();
  const inFlight = new Set<ServerResponse>();
  const upgrading = new Set<Duplex>();
  let isClosing = false;
  let onSettle = () => {};
  let host = "";

  const settle = () => {
    if (!isClosing) return;
    // A connection whose request just finished is idle now: close it instead of keeping it alive.
    server.closeIdleConnections();
    onSettle();
  };

  async function handleRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    inFlight.add(res);
    let request: NodeRequest | undefined;
    res.once("close", () => {
      if (!res.writableFinished) request?.abortSignal(new DOMException("client disconnected", "AbortError"));
      inFlight.delete(res);
      settle();
    });
    try {
      request = toRequest(req, host);
    } catch (err) {
      return writeResponse(res, errorResponse(400, "invalid_input", `Cannot read request: ${(err as Error).message}`), false, report);
    }
    const webRequest = request;
    const response = await callApp(() => opts.fetch(webRequest, info(req)), report);
    // During shutdown, tell keep-alive clients not to send another request on this connection.
    if (isClosing) res.setHeader("connection", "close");
    // An error answered before the request body was read (e.g. an early 413): a body of known, modest
    // size is read to its end first, so a client still sending is not reset (even on a connection that
    // closes after this answer) and a keep-alive connection stays usable. Beyond that, or of unknown
    // length, the connection closes after the answer. A 2xx may still stream from the body (an echo),
    // so its rest is only dropped after the answer.
    else if (hasUnreadBody(req) && !(declaredLength(req) <= DRAIN_LIMIT)) res.setHeader("connection", "close");
    else if (hasUnreadBody(req) && response.status >= 400) await drain(req);
    await writeResponse(res, response, req.method === "HEAD", report);
    if (hasUnreadBody(req)) {
      req.removeAllListeners("data");
      req.resume();
    }
  }

  async function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    // Without a listener a reset on this bare socket would be an uncaught 'error' event.
    socket.on("error", () => socket.destroy());
    upgrading.add(socket);
    socket.once("close", () => {
      upgrading.delete(socket);
      settle();
    });
    let request: NodeRequest;
    try {
      request = toRequest(req, host);
    } catch (err) {
      return writeRawResponse(socket, errorResponse(400, "invalid_input", `Cannot read request: ${(err as Error).message}`));
    }
    socket.once("close", () => request.abortSignal(new DOMException("client disconnected", "AbortError")));
    const upgrade = opts.upgrade;
    // Other upgrades (h2c, ...) and apps without WebSockets get an ordinary answer from fetch.
    if (!upgrade || !isWebSocketUpgrade(request.headers)) {
      return writeRawResponse(socket, await callApp(() => opts.fetch(request, info(req)), report));
    }
    let outcome: WebSocketHandlers | Response;
    try {
      outcome = await upgrade(request, info(req));
    } catch (err) {
      report(err);
      outcome = internalError();
    }
    if (outcome instanceof Response) return writeRawResponse(socket, outcome);
    if (socket.destroyed) return;
    if (isClosing) return writeRawResponse(socket, errorResponse(503, "unavailable", "Cannot open a WebSocket: the server is shutting down"));
    if (!req.headers["sec-websocket-key"]) {
      return writeRawResponse(socket, errorResponse(400, "invalid_input", "Cannot upgrade: missing Sec-WebSocket-Key header"));
    }
    upgrading.delete(socket);
    acceptWebSocket(wss, req, socket, head, outcome, report);
  }

  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    handleRequest(req, res).catch((err) => {
      report(err);
      res.destroy();
    });
  });
  // A request node:http cannot parse (headers over its 16 KiB limit, a broken request line) never
  // reaches the app: answer it in the same JSON envelope instead of Node's bare 431/400.
  server.on("clientError", (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (!socket.writable) return void socket.destroy();
    const response = err.code === "HPE_HEADER_OVERFLOW"
      ? errorResponse(431, "invalid_input", "Cannot read request: its headers are over 16 KiB")
      : errorResponse(400, "invalid_input", `Cannot read request: ${err.message}`);
    void writeRawResponse(socket, response);
  });
  server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    handleUpgrade(req, socket, head).catch((err) => {
      report(err);
      socket.destroy();
    });
  });

  const port = await listen(server, opts);
  host = authority(opts.hostname, port);
  const stopHeartbeat = startHeartbeat(wss);
  // Errors after binding (rare: e.g. EMFILE on accept) are reported, never thrown at the process.
  server.on("error", report);

  let shutdownPromise: Promise<void> | undefined;
  const shutdown = async (graceMs: number) => {
    isClosing = true;
    stopHeartbeat();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    for (const ws of wss.clients) ws.close(1001, "server shutting down");
    const isQuiet = () => inFlight.size === 0 && upgrading.size === 0 && wss.clients.size === 0;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(finish, graceMs);
      function finish() {
        clearTimeout(timer);
        onSettle = () => {};
        resolve();
      }
      onSettle = () => isQuiet() && finish();
      for (const ws of wss.clients) ws.once("close", () => queueMicrotask(settle));
      if (isQuiet()) finish();
    });
    server.closeAllConnections();
    for (const ws of wss.clients) ws.terminate();
    for (const socket of upgrading) socket.destroy();
    await closed;
  };

  return {
    hostname: opts.hostname,
    port,
    url: `http://${host}`,
    shutdown: (graceMs) => (shutdownPromise ??= shutdown(graceMs)),
  };
}

const info = (req: IncomingMessage): ClientInfo => ({ remoteAddress: req.socket.remoteAddress ?? "" });

/** Runs an app callback; any throw, rejection or non-Response becomes a 500 JSON response. */
async function callApp(fn: () => Response | Promise<Response>, report: (err: unknown) => void): Promise<Response> {
  try {
    const response = await fn();
    if (response instanceof Response) return response;
    throw new TypeError(`fetch handler returned ${typeof response}, not a Response`);
  } catch (err) {
    report(err);
    return internalError();
  }
}

function listen(server: ReturnType<typeof createServer>, opts: ServeOptions): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    server.once("error", onError);
    server.listen(opts.port, opts.hostname, () => {
      server.off("error", onError);
      const addr = server.address();
      resolve(typeof addr === "object" && addr !== null ? addr.port : opts.port);
    });
  });
}
