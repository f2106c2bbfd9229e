// The in-process bus: the tracker's committed changes and the orchestrator's
// runtime events fan out to subscribers (WebSocket clients, the loop) at once,
// so nothing inside the process polls (DESIGN.md rule 6). With a log, runtime
// events are also written to the runtime_events table, batched per tick.
import { RingBuffer } from "./ring-buffer.ts";
import { buildSeries, hourCountsOf } from "./runtime-series.ts";
import type { ChangeNotice, EventBus, EventBusOptions, Notice, RuntimeEvent, RuntimeFields, RuntimeHistoryQuery, RuntimePage } from "./types.ts";

const DEFAULT_RING = 500;

function pickFields(fields: RuntimeFields): RuntimeFields {
  const out: RuntimeFields = {};
  if (fields.issue_id !== undefined) out.issue_id = fields.issue_id;
  if (fields.identifier !== undefined) out.identifier = fields.identifier;
  if (fields.message !== undefined) out.message = fields.message;
  if (fields.payload !== undefined) out.payload = fields.payload;
  return out;
}

// runtimeHistory without a log: the same filter over the ring, newest first.
function ringHistory(events: RuntimeEvent[], query: RuntimeHistoryQuery): RuntimeEvent[] {
  const kinds = query.kinds && query.kinds.length > 0 ? new Set(query.kinds) : undefined;
  const limit = Math.max(0, Math.floor(query.limit));
  const match = (e: RuntimeEvent) =>
    (query.issueId === undefined || e.issue_id === query.issueId) &&
    (kinds === undefined || kinds.has(e.kind)) &&
    (query.before === undefined || e.seq < query.before);
  return events.filter(match).reverse().slice(0, limit);
}

// Calls a reporter; the reporter failing must not stop the bus either.
function report<A extends unknown[]>(fn: ((...args: A) => void) | undefined, ...args: A): void {
  try {
    fn?.(...args);
  } catch {
    // Nothing left to tell.
  }
}

export function createEventBus(opts: EventBusOptions = {}): EventBus {
  const now = opts.now ?? (() => new Date());
  const ring = new RingBuffer<RuntimeEvent>(opts.ringSize ?? DEFAULT_RING);
  const log = opts.log;
  const subscribers = new Set<(n: Notice) => void>();
  let runtimeSeq = 0;
  let changeSeq = opts.changeSeq ?? 0;
  let pending: RuntimeEvent[] = [];
  let scheduled = false;
  let reporting = false;
  const failures = { writes: 0, events: 0 };

  if (log) {
    for (const e of log.recent(ring.capacity)) ring.push(e);
    runtimeSeq = log.lastSeq();
  }

  const notify = (notice: Notice) => {
    // A copy, so a subscriber may unsubscribe (itself or another) while we deliver.
    for (const fn of [...subscribers]) {
      if (!subscribers.has(fn)) continue;
      try {
        fn(notice);
      } catch (err) {
        report(opts.onSubscriberError, err);
      }
    }
  };

  const flush = () => {
    scheduled = false;
    if (!log || pending.length === 0 || reporting) return;
    const batch = pending;
    pending = [];
    try {
      log.append(batch);
    } catch (err) {
      failures.writes += 1;
      failures.events += batch.length;
      // An event published by the reporter waits for the next flush, so a full disk cannot spin a flush loop.
      reporting = true;
      report(opts.onLogError, err, batch.length);
      reporting = false;
    }
  };

  return {
    publishChanges(events: readonly ChangeNotice[]) {
      if (events.length === 0) return;
      const seq = Math.max(...events.map((e) => e.seq));
      if (seq > changeSeq) changeSeq = seq;
      notify({ kind: "change", seq, at: now().toISOString() });
    },
    publishRuntime(kind: string, fields: RuntimeFields = {}) {
      runtimeSeq += 1;
      const event: RuntimeEvent = { seq: runtimeSeq, kind, ts: now().toISOString(), ...pickFields(fields) };
      ring.push(event);
      if (log) {
        pending.push(event);
        if (!scheduled && !reporting) {
          scheduled = true;
          queueMicrotask(flush);
        }
      }
      notify({ kind: "runtime", seq: event.seq, at: event.ts });
      return event;
    },
    publishLive(issueId: string) {
      notify({ kind: "live", issue_id: issueId, at: now().toISOString() });
    },
    runtimeSince(since: number, limit: number): RuntimePage {
      const after = ring.toArray().filter((e) => e.seq > since);
      const take = Math.max(0, Math.floor(limit));
      return { since, last_seq: runtimeSeq, events: take === 0 ? [] : after.slice(-take) };
    },
    runtimeHistory(query: RuntimeHistoryQuery) {
      if (!log) return ringHistory(ring.toArray(), query);
      flush();
      return log.history(query);
    },
    runtimeSeries(hours: number, at: Date = now()) {
      if (!log) return buildSeries(hours, at, hourCountsOf(ring.toArray()));
      flush();
      return log.series(hours, at);
    },
    flush,
    logFailures: () => ({ ...failures }),
    subscribe(fn: (n: Notice) => void) {
      subscribers.add(fn);
      return () => {
        subscribers.delete(fn);
      };
    },
    changeSeq: () => changeSeq,
  };
}
