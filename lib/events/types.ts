// The shapes the bus speaks: runtime events (kept in a ring buffer) and the
// notices subscribers hear. Wire names are snake_case.

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
 * seq of a committed batch; a "runtime" notice carries the runtime event's seq.
 */
export type Notice =
  | { kind: "change"; seq: number; at: string }
  | { kind: "runtime"; seq: number; at: string };

/** The minimum of a tracker change event the bus reads (the tracker's ChangeEvent fits). */
export interface ChangeNotice {
  seq: number;
}

export interface EventBus {
  /** Announces a committed batch of change events (wire it to createTracker({ onChange })). */
  publishChanges(events: readonly ChangeNotice[]): void;
  /** Records a runtime event in the ring buffer and announces it; returns the stored event. */
  publishRuntime(kind: string, fields?: RuntimeFields): RuntimeEvent;
  /** The newest `limit` runtime events with seq greater than `since`, oldest first. */
  runtimeSince(since: number, limit: number): RuntimePage;
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
}
