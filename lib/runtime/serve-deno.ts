import { authority } from "./authority.ts";
import { errorReporter, errorResponse, internalError, isWebSocketUpgrade } from "./error-response.ts";
import type { ClientInfo, HttpServer, ServeOptions, WebSocketHandlers } from "./types.ts";
import { withCutOff } from "./cut-off.ts";
import { isValidHostHeader } from "./host-header.ts";
import { createWebSocketSession, socketConnection } from "./websocket-session.ts";

// After the hard stop, how long shutdown still waits for Deno to finish closing (e.g. a body stuck on a client
// that stopped reading, which nothing can cut) before resolving anyway.
const AFTER_CUT_WAIT_MS = 1000;

/** The slice of Deno's HTTP API this adapter uses (typed here: there is no Deno types package in the build). */
export interface DenoServeApi {
  serve(options: {
    hostname: string;
    port: number;
    onListen(addr: { hostname: string; port: number }): void;
    onError(err: unknown): Response | Promise<Response>;
    handler(req: Request, info: { remoteAddr: { hostname: string } }): Response | Promise<Response>;
  }): { readonly addr: { hostname: string; port: number }; readonly finished: Promise<void>; shutdown(): Promise<void> };
  upgradeWebSocket(req: Request): { socket: WebSocket; response: Response };
}


/** runtime.serve on Deno: Deno.serve for requests, Deno.upgradeWebSocket for upgrades. */
export async function serveDeno(deno: DenoServeApi, opts: ServeOptions): Promise<HttpServer> {
  const report = errorReporter(opts);
  const sockets = new Set<WebSocket>();
  // Fired when the grace period ends: pending handlers get a 503, live bodies are cut (see cut-off.ts).
  const cut = new AbortController();
  const cutResponse = new Promise<Response>((resolve) =>
    cut.signal.addEventListener("abort", () =>
      resolve(errorResponse(503, "unavailable", "Cannot finish the request: the server shut down")),
    ),
  );
  let isClosing = false;

  function accept(req: Request, handlers: WebSocketHandlers): Response {
    let upgraded: { socket: WebSocket; response: Response };
    try {
      upgraded = deno.upgradeWebSocket(req);
    } catch (err) {
      return errorResponse(400, "invalid_input", `Cannot upgrade: ${(err as Error).message}`);
    }
    const { socket, response } = upgraded;
    const session = createWebSocketSession(socketConnection(socket), handlers, report);
    sockets.add(socket);
    socket.onopen = () => session.open();
    socket.onmessage = (e) => session.message(e.data);
    socket.onclose = (e) => {
      sockets.delete(socket);
      session.closed(e.code);
    };
    // An 'error' event is always followed by 'close'; the handler keeps it from being logged as unhandled.
    socket.onerror = () => {};
    return response;
  }

  async function handle(req: Request, info: ClientInfo): Promise<Response> {
    const response = await Promise.race([respond(req, info), cutResponse]);
    // A 101 has no body, so accepted WebSockets pass through untouched. A body of declared length (the
    // app's JSON, built in memory) ends by itself; wrapping it would also cost Deno its one-write path for
    // bytes and force chunked encoding. Even if one stalled, shutdown still ends AFTER_CUT_WAIT_MS past the cut.
    if (response.headers.has("content-length")) return response;
    return withCutOff(response, cut.signal);
  }

  async function respond(req: Request, info: ClientInfo): Promise<Response> {
    const host = req.headers.get("host");
    if (host !== null && !isValidHostHeader(host)) {
      return errorResponse(400, "invalid_input", `Cannot read request: invalid Host header "${host}"`);
    }
    try {
      const upgrade = opts.upgrade;
      if (!upgrade || !isWebSocketUpgrade(req.headers)) return checked(await opts.fetch(req, info));
      const outcome = await upgrade(req, info);
      if (outcome instanceof Response) return outcome;
      if (isClosing) return errorResponse(503, "unavailable", "Cannot open a WebSocket: the server is shutting down");
      return accept(req, outcome);
    } catch (err) {
      report(err);
      return internalError();
    }
  }

  const server = deno.serve({
    hostname: opts.hostname,
    port: opts.port,
    onListen: () => {},
    onError(err) {
      report(err);
      return internalError();
    },
    handler: (req, info) => handle(req, { remoteAddress: info.remoteAddr.hostname }),
  });
  const port = server.addr.port;
  // `finished` rejects if Deno's accept loop dies; nobody else awaits it, so report instead of leaving it unhandled.
  const finished = server.finished.catch(report);

  let shutdownPromise: Promise<void> | undefined;
  const shutdown = async (graceMs: number) => {
    isClosing = true;
    for (const socket of sockets) socket.close(1001, "server shutting down");
    // A connection cut at the deadline can make shutdown() reject; the server is closed either way.
    const closed = Promise.race([server.shutdown().catch(() => {}), finished]);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = (ms: number) => new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
    if ((await Promise.race([closed.then(() => "closed"), deadline(graceMs)])) !== "closed") {
      cut.abort();
      await Promise.race([closed, deadline(AFTER_CUT_WAIT_MS)]);
    }
    clearTimeout(timer);
  };

  return {
    hostname: opts.hostname,
    port,
    url: `http://${authority(opts.hostname, port)}`,
    shutdown: (graceMs) => (shutdownPromise ??= shutdown(graceMs)),
  };
}

function checked(response: Response): Response {
  if (response instanceof Response) return response;
  throw new TypeError(`fetch handler returned ${typeof response}, not a Response`);
}
