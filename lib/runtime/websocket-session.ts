import type { WebSocketConnection, WebSocketHandlers } from "./types.ts";

/** Largest text message accepted, on both runtimes (ws enforces it natively on Node). */
/** What both the `ws` package's socket and the web WebSocket (Deno) offer. */
interface SendingSocket {
  readonly readyState: number;
  readonly OPEN: number;
  readonly bufferedAmount: number;
  send(text: string): void;
  close(code?: number, reason?: string): void;
}

/**
 * The four-member connection handlers see. Sending before the handshake is
 * done or after close is dropped, as the web WebSocket does after close
 * (instead of throwing).
 */
export function socketConnection(socket: SendingSocket): WebSocketConnection {
  return {
    send(text) {
      if (socket.readyState === socket.OPEN) socket.send(text);
    },
    close: (code, reason) => socket.close(code, reason),
    get bufferedAmount() {
      return socket.bufferedAmount;
    },
  };
}

export const MAX_MESSAGE_BYTES = 1024 * 1024;

/** The events an adapter forwards from its native socket; the app's handlers are called through these. */
export interface WebSocketSession {
  open(): void;
  message(data: string | ArrayBuffer | Uint8Array | Blob | unknown): void;
  closed(code: number): void;
}

/**
 * Wraps app handlers so both adapters apply the same rules: binary messages
 * close with 1003, oversize ones with 1009, and a throwing handler closes its
 * socket with 1011 instead of escaping into the runtime's event loop.
 */
export function createWebSocketSession(
  conn: WebSocketConnection,
  handlers: WebSocketHandlers,
  report: (err: unknown) => void,
): WebSocketSession {
  let isClosed = false;
  const guard = (fn: () => void) => {
    try {
      fn();
    } catch (err) {
      report(err);
      if (!isClosed) closeQuietly(conn, 1011, "internal error");
    }
  };
  return {
    open: () => guard(() => handlers.onOpen?.(conn)),
    message(data) {
      if (typeof data !== "string") return closeQuietly(conn, 1003, "text messages only");
      // UTF-16 length is a lower bound on UTF-8 bytes, so only near-limit messages are encoded.
      if (data.length * 3 > MAX_MESSAGE_BYTES && new TextEncoder().encode(data).length > MAX_MESSAGE_BYTES) {
        return closeQuietly(conn, 1009, "message too big");
      }
      guard(() => handlers.onMessage?.(conn, data));
    },
    closed(code) {
      if (isClosed) return;
      isClosed = true;
      guard(() => handlers.onClose?.(conn, code));
    },
  };
}

function closeQuietly(conn: WebSocketConnection, code: number, reason: string): void {
  try {
    conn.close(code, reason);
  } catch {
    // Already closed: nothing left to tell the peer.
  }
}
