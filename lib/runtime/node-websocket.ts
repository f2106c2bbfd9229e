import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import type { WebSocket, WebSocketServer } from "ws";
import type { WebSocketHandlers } from "./types.ts";
import { createWebSocketSession, MAX_MESSAGE_BYTES, socketConnection } from "./websocket-session.ts";

// Node 20 has no WebSocket server, so the `ws` package does the protocol; this file adapts it.

/**
 * Loads `ws` on first use: it stays out of the startup path of one-shot CLI
 * commands and is never evaluated under Deno.
 */
export async function createWebSocketServer(): Promise<WebSocketServer> {
  const { WebSocketServer } = await import("ws");
  return new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES, clientTracking: true });
}

// Deno.upgradeWebSocket pings every 30 s and drops a peer that does not answer; do the same here so a
// vanished client (sleeping laptop, dead network) does not hold a socket open forever on Node either.
const HEARTBEAT_MS = 30_000;

/** Pings every client each 30 s and terminates those that missed the previous ping; returns a stop function. */
export function startHeartbeat(wss: WebSocketServer): () => void {
  const waiting = new WeakSet<WebSocket>();
  const timer = setInterval(() => {
    for (const ws of wss.clients) {
      if (waiting.has(ws)) {
        ws.terminate();
        continue;
      }
      waiting.add(ws);
      ws.once("pong", () => waiting.delete(ws));
      ws.ping();
    }
  }, HEARTBEAT_MS);
  // The heartbeat alone must not keep the process alive.
  timer.unref();
  return () => clearInterval(timer);
}


/** Completes the handshake on `socket` and wires the app's handlers to the new socket. */
export function acceptWebSocket(
  wss: WebSocketServer,
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  handlers: WebSocketHandlers,
  report: (err: unknown) => void,
): void {
  wss.handleUpgrade(req, socket, head, (ws) => {
    const session = createWebSocketSession(socketConnection(ws), handlers, report);
    ws.on("message", (data, isBinary) => session.message(isBinary ? data : data.toString()));
    ws.on("close", (code) => session.closed(code));
    // ws closes the socket itself after a protocol error; the listener only keeps the error from being unhandled.
    ws.on("error", () => {});
    session.open();
  });
}
