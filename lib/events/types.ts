// The shapes the bus speaks: runtime events (kept in a ring buffer, and in
// the runtime_events table when a log is given) and the notices subscribers
// hear. Wire names are snake_case.

/** Fields a runtime event may carry besides its kind. */
export interface RuntimeFields {
  issue_id?: string;
  identifier?: string;
  message?: string;
  payload?: { [key: string]: unknown };
}

/** One runtime event (a run started, a turn finished, ...): `seq` is the bus's own counter, `ts` ISO-8601 UTC. */
export interface RuntimeEvent extends RuntimeFields {
  seq: number;
  kind: string;
  ts: string;
}

/** A page of runtime events after `since`, with the newest seq the bus has handed out. */
export interface RuntimePage {
  since: number;
  last_seq: number;
  events: RuntimeEvent[];
}

/**
 * What subscribers hear. A "change" notice carries the newest change_events
 * seq of a committed batch; a "runtime" notice carries the runtime event's seq;
 * a "live" notice says a running issue's session moved on (new transcript
 * items, tokens) without anything stored: watchers refetch that issue's execution.
 */
export type Notice =
  | { kind: "change"; seq: number; at: string }
  | { kind: "runtime"; seq: number; at: string }
  | { kind: "live"; issue_id: string; at: string };

/** The minimum of a tracker change event the bus reads (the tracker's ChangeEvent fits). */
export interface ChangeNotice {
  seq: number;
}

export interface EventBus {
  /** Announces a committed batch of change events (wire it to createTracker({ onChange })). */
  publishChanges(events: readonly ChangeNotice[]): void;
  /** Records a runtime event in the ring buffer and announces it; returns the stored event. */
  publishRuntime(kind: string, fields?: RuntimeFields): RuntimeEvent;
  /** Announces that a running issue's live session changed (nothing is stored; callers throttle). */
  publishLive(issueId: string): void;
  /** The newest `limit` runtime events with seq greater than `since`, oldest first (from the ring). */
  runtimeSince(since: number, limit: number): RuntimePage;
  /** Runtime events matching `query`, newest first: from the log (after a flush) when there is one, else from the ring. */
  runtimeHistory(query: RuntimeHistoryQuery): RuntimeEvent[];
  /** Hourly counts for the last `hours` hours up to `now` (default: the bus's clock), oldest first; RangeError outside 1..720. */
  runtimeSeries(hours: number, now?: Date): RuntimeSeriesBucket[];
  /** Persists the runtime events not yet written (shutdown calls it); never throws. A no-op without a log. */
  flush(): void;
  /** Failed log writes so far and the runtime events they lost (they stay in the ring). */
  logFailures(): { writes: number; events: number };
  /** Adds a subscriber; returns the function that removes it. */
  subscribe(fn: (n: Notice) => void): () => void;
  /** The newest change_events seq published (or given as `changeSeq` at creation). */
  changeSeq(): number;
}

export interface EventBusOptions {
  /** How many runtime events the ring keeps (default 500). */
  ringSize?: number;
  now?: () => Date;
  /** The change_events seq already in the database when the bus starts (the tracker's list_changes last_seq). */
  changeSeq?: number;
  /** Hears an error thrown by a subscriber; publishing carries on either way. */
  onSubscriberError?: (err: unknown) => void;
  /**
   * Persists runtime events: the ring is seeded with its newest events, seq
   * continues from its last, and each tick's events are written in one batch.
   */
  log?: RuntimeLog;
  /**
   * Hears a failed log write and how many events it lost; publishing carries
   * on. Events published from inside it wait for the next flush.
   */
  onLogError?: (err: unknown, lost: number) => void;
}

/** Which runtime events runtimeHistory returns. */
export interface RuntimeHistoryQuery {
  issueId?: string;
  /** Only these kinds; absent or empty: every kind. */
  kinds?: readonly string[];
  /** At most this many (newest first). */
  limit: number;
  /** Only events with a seq below this one: pass the last seq of a page to get the next (older) page. */
  before?: number;
}

/** One hour of the runtime series. */
export interface RuntimeSeriesBucket {
  /** "HH:MM" in UTC, the hour's start. */
  bucket: string;
  /** The hour's start, ISO-8601 UTC. */
  start: string;
  /** run_started events. */
  started: number;
  /** run_completed events. */
  completed: number;
  /** run_failed, run_unsuccessful and run_interrupted events. */
  failed: number;
  /** retry_scheduled events. */
  retries: number;
  /** Sum of total_tokens of the run-ending events (run_completed/failed/unsuccessful/interrupted). */
  tokens: number;
}

/** The runtime_events table as the bus uses it (createRuntimeLog; a test may stub it). */
export interface RuntimeLog {
  /** The highest seq ever stored (0 for none), so a new bus never reuses one, even after pruning. */
  lastSeq(): number;
  /** The newest `limit` events, oldest first. */
  recent(limit: number): RuntimeEvent[];
  /** Stores `events` (seq as given) in one write and prunes; throws what the store throws, storing nothing. */
  append(events: readonly RuntimeEvent[]): void;
  history(query: RuntimeHistoryQuery): RuntimeEvent[];
  series(hours: number, now: Date): RuntimeSeriesBucket[];
}
