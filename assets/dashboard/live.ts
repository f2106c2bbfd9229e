// The live connection: one WebSocket to /api/v1/ws, reconnecting with
// backoff, and a hook that refetches a resource only when a notice concerns
// it. A "runtime" resource (orchestrator views) refetches on every notice; a
// "change" resource refetches when the change log since the last notice
// (GET /api/v1/app/changes) holds a change its `affects` test accepts, or
// when that log cannot be read. Components never poll.
import { useEffect, useRef, useState } from "preact/hooks";
import { api, APP, describeError } from "./api.ts";
import type { ChangeEvent } from "./types.ts";

export type Kind = "change" | "runtime";

interface Notice {
  change: boolean;
  /** What changed; undefined when unknown (after a reconnect, or the log could not be read). */
  changes?: ChangeEvent[];
  /** Running issues (ids) whose live session moved on: a transcript item, tokens. */
  live?: string[];
}

/** Which changes concern a resource. */
export type Affects = (c: ChangeEvent) => boolean;

type Listener = (n: Notice) => void;
type StatusListener = (connected: boolean, retryInMs: number | null) => void;

const listeners = new Set<Listener>();
const statusListeners = new Set<StatusListener>();
let connected = false;
let lastSeq: number | undefined;
let retryInMs: number | null = null;
let attempts = 0;
let changeSeq = 0;
let changeQueue: Promise<void> = Promise.resolve();
const CHANGE_PAGE = 500;
const RUNTIME_MIN_GAP_MS = 1000;
const HANDSHAKE_MS = 4000;

function setStatus(isConnected: boolean, retry: number | null) {
  connected = isConnected;
  retryInMs = retry;
  for (const l of statusListeners) l(connected, retryInMs);
}

function notify(n: Notice) {
  for (const l of listeners) l(n);
}

/** Reads the change log since the last seen seq (one read at a time, in order) and announces it. */
function announceChanges(seq: number, live: string[] | undefined): void {
  changeQueue = changeQueue.then(async () => {
    if (seq <= changeSeq) return;
    try {
      const log = await api.get<{ last_seq: number; items: ChangeEvent[] }>(`${APP}/changes?since=${changeSeq}&limit=${CHANGE_PAGE}`);
      const complete = log.items.length < CHANGE_PAGE;
      changeSeq = Math.max(changeSeq, log.last_seq);
      notify({ change: true, changes: complete ? log.items : undefined, live });
    } catch {
      changeSeq = seq;
      notify({ change: true, live });
    }
  });
}

/** Opens the stream; after a drop, waits 0.5 s doubling to 10 s (with jitter) and refetches everything on return. */
export function connect(): void {
  const url = new URL("/api/v1/ws", location.href);
  url.protocol = location.protocol === "https:" ? "wss:" : "ws:";
  if (lastSeq !== undefined) url.searchParams.set("since", String(lastSeq));
  const ws = new WebSocket(url);
  let opened = false;
  // A handshake that hangs is given up and retried.
  const handshake = setTimeout(() => ws.close(), HANDSHAKE_MS);
  ws.onmessage = (ev) => {
    const msg = JSON.parse(String(ev.data)) as { type: string; seq: number; runtime_only?: boolean; live_issues?: string[] };
    if (msg.type === "connected") {
      clearTimeout(handshake);
      const wasDown = attempts > 0;
      opened = true;
      attempts = 0;
      setStatus(true, null);
      // Anything may have happened while we were away.
      changeQueue = changeQueue.then(() => {
        changeSeq = msg.seq;
        if (wasDown) notify({ change: true });
      });
    } else if (msg.type === "invalidate") {
      if (msg.runtime_only === true) notify({ change: false, live: msg.live_issues });
      else announceChanges(msg.seq, msg.live_issues);
    }
    lastSeq = msg.seq;
  };
  ws.onclose = () => {
    clearTimeout(handshake);
    if (!opened && attempts === 0) attempts = 1;
    attempts += 1;
    const delay = Math.min(10_000, 250 * 2 ** Math.min(attempts, 6)) * (0.8 + Math.random() * 0.4);
    setStatus(false, Math.round(delay));
    setTimeout(connect, delay);
  };
}

/** Whether the stream is up, and when the next reconnect is due while it is not. */
export function useConnection(): { connected: boolean; retryInMs: number | null } {
  const [state, setState] = useState({ connected, retryInMs });
  useEffect(() => {
    const l: StatusListener = (c, r) => setState({ connected: c, retryInMs: r });
    statusListeners.add(l);
    // The socket may have answered between the first render and this effect.
    l(connected, retryInMs);
    return () => void statusListeners.delete(l);
  }, []);
  return state;
}

export interface Resource<T> {
  data: T | undefined;
  error: string | undefined;
  loading: boolean;
  reload: () => void;
}

/**
 * Fetches with `load` now and again on each notice that concerns it: any
 * notice for a "runtime" resource, a change `affects` accepts for a "change" one.
 * Overlapping notices coalesce into at most one request in flight plus one queued.
 */
export function useResource<T>(
  load: () => Promise<T>,
  deps: unknown[],
  kinds: Kind[] = ["change"],
  affects?: Affects,
  liveIssue?: string,
): Resource<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [loading, setLoading] = useState(true);
  const loadRef = useRef(load);
  loadRef.current = load;
  const affectsRef = useRef(affects);
  affectsRef.current = affects;
  const run = useRef<() => void>(() => {});

  useEffect(() => {
    let alive = true;
    let inFlight = false;
    let queued = false;
    const go = async () => {
      if (inFlight) {
        queued = true;
        return;
      }
      inFlight = true;
      try {
        const value = await loadRef.current();
        if (alive) {
          setData(value);
          setError(undefined);
        }
      } catch (err) {
        if (alive) setError(describeError(err));
      } finally {
        inFlight = false;
        if (alive) setLoading(false);
        if (queued && alive) {
          queued = false;
          void go();
        }
      }
    };
    run.current = () => void go();
    setLoading(true);
    void go();
    // Live notices come up to 4 times a second per run, and a runtime-only message cannot say
    // whether a runtime event rode along: runtime views refetch at most once a second (the last
    // notice always gets its refetch), except the one issue a live notice names, at once.
    let lastRun = 0;
    let trailing: ReturnType<typeof setTimeout> | undefined;
    const throttled = () => {
      if (trailing !== undefined) return;
      const wait = Math.max(0, lastRun + RUNTIME_MIN_GAP_MS - Date.now());
      trailing = setTimeout(() => {
        trailing = undefined;
        lastRun = Date.now();
        void go();
      }, wait);
    };
    const listener: Listener = (n) => {
      if (liveIssue !== undefined && n.live?.includes(liveIssue)) {
        lastRun = Date.now();
        return void go();
      }
      if (kinds.includes("runtime")) return n.change ? void go() : throttled();
      if (!n.change) return;
      const test = affectsRef.current;
      if (!test || !n.changes || n.changes.some(test)) void go();
    };
    listeners.add(listener);
    return () => {
      alive = false;
      if (trailing !== undefined) clearTimeout(trailing);
      listeners.delete(listener);
    };
  }, deps);

  return { data, error, loading, reload: () => run.current() };
}
