/** A client WebSocket reduced to what Maestro's CLI needs: text in, close out. */
export interface WebSocketClient {
  close(): void;
}

export interface WebSocketClientHandlers {
  onMessage(text: string): void;
  /** Called once, when the connection ends for any reason (or could not be made). */
  onClose(reason: string): void;
}

interface MinimalSocket {
  onmessage: ((e: { data: unknown }) => void) | null;
  onclose: ((e: { code: number; reason: string }) => void) | null;
  onerror: ((e: unknown) => void) | null;
  close(): void;
}

/**
 * Connects to a WebSocket server. Deno has a WebSocket client built in; Node
 * 20 does not (only behind a flag), so it uses the `ws` package, loaded on
 * first use. Resolves once connected; rejects when the connection fails.
 */
export async function connectWebSocket(url: string, headers: Record<string, string>, handlers: WebSocketClientHandlers): Promise<WebSocketClient> {
  const native = (globalThis as { Deno?: unknown; WebSocket?: new (url: string) => MinimalSocket }).WebSocket;
  const isDeno = (globalThis as { Deno?: unknown }).Deno !== undefined;
  let socket: MinimalSocket;
  if (isDeno && native) {
    socket = new native(url);
  } else {
    const { WebSocket } = await import("ws");
    socket = new WebSocket(url, { headers }) as unknown as MinimalSocket;
  }
  return await new Promise((resolve, reject) => {
    let open = false;
    let closed = false;
    const finish = (reason: string) => {
      if (closed) return;
      closed = true;
      if (open) handlers.onClose(reason);
      else reject(new Error(reason));
    };
    (socket as unknown as { onopen: (() => void) | null }).onopen = () => {
      open = true;
      resolve({ close: () => socket.close() });
    };
    socket.onmessage = (e) => handlers.onMessage(typeof e.data === "string" ? e.data : String(e.data));
    socket.onerror = () => finish("connection error");
    socket.onclose = (e) => finish(e.reason || `closed (${e.code})`);
  });
}
