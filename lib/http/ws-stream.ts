// The invalidation stream behind /api/v1/ws (inventory §3.6). Each client
// gets {"type":"connected","seq","at"} and then {"type":"invalidate","seq",
// "at","runtime_only"[,"live_issues"]} whenever the bus announces something
// (live_issues: running issues whose session moved on, e.g. a transcript line). Notices are
// coalesced: a client has at most one message pending, merged from every
// notice since its last one. `seq` is always the change_events seq, so a
// client can reconnect with ?since=<seq> (an invalidate follows at once
// unless that is the current seq); `runtime_only` is true when no
// change happened since the client's last message. A client that stops
// reading (over 1 MiB unsent) is closed with 1013.
import type { EventBus, Notice } from "../events/mod.ts";
import type { WebSocketConnection, WebSocketHandlers } from "./types.ts";

/** Unsent bytes past which a client is dropped (1013 "try again later"). */
export const MAX_BUFFERED_BYTES = 1024 * 1024;

export interface WsStreamOptions {
  bus: EventBus;
  /** The newest change_events seq in the database right now. */
  currentChangeSeq: () => number;
  now: () => Date;
}

interface Pending {
  seq: number;
  changed: boolean;
  /** Running issues whose live session moved on since the last message. */
  live: Set<string>;
}

/** The handlers for one client; `since` is the seq it saw last (from ?since=). */
export function streamHandlers(opts: WsStreamOptions, since: number | undefined): WebSocketHandlers {
  let unsubscribe: (() => void) | undefined;
  let sentSeq = 0;
  let pending: Pending | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const stop = () => {
    stopped = true;
    unsubscribe?.();
    unsubscribe = undefined;
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    pending = undefined;
  };

  const send = (ws: WebSocketConnection, message: object) => {
    try {
      ws.send(JSON.stringify(message));
    } catch {
      stop(); // the socket is gone; its onClose will follow
    }
  };

  const flush = (ws: WebSocketConnection) => {
    timer = undefined;
    const message = pending;
    pending = undefined;
    if (stopped || !message) return;
    if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      stop();
      ws.close(1013, "Client too slow: over 1 MiB of messages unsent");
      return;
    }
    sentSeq = message.seq;
    const live = message.live.size > 0 ? { live_issues: [...message.live] } : {};
    send(ws, { type: "invalidate", seq: message.seq, at: opts.now().toISOString(), runtime_only: !message.changed, ...live });
  };

  const hear = (ws: WebSocketConnection, notice: Notice) => {
    if (stopped) return;
    const base = pending ?? { seq: Math.max(sentSeq, opts.bus.changeSeq()), changed: false, live: new Set<string>() };
    if (notice.kind === "live") base.live.add(notice.issue_id);
    if (notice.kind === "change") {
      if (notice.seq <= sentSeq && !pending) return; // already told (e.g. counted in "connected")
      base.seq = Math.max(base.seq, notice.seq);
      base.changed = base.changed || notice.seq > sentSeq;
    }
    pending = base;
    // One timer per client: everything heard before it fires goes out as one message.
    timer ??= setTimeout(() => flush(ws), 0);
  };

  return {
    onOpen(ws) {
      sentSeq = opts.currentChangeSeq();
      send(ws, { type: "connected", seq: sentSeq, at: opts.now().toISOString() });
      // Behind: it missed changes. Ahead: its seq is from another database or a lost one; either way, refetch.
      if (since !== undefined && since !== sentSeq) {
        send(ws, { type: "invalidate", seq: sentSeq, at: opts.now().toISOString(), runtime_only: false });
      }
      if (!stopped) unsubscribe = opts.bus.subscribe((notice) => hear(ws, notice));
    },
    onMessage() {
      // Clients have nothing to say on this stream; their messages are ignored.
    },
    onClose() {
      stop();
    },
  };
}
