// The in-process bus: the tracker's committed changes and the orchestrator's
// runtime events fan out to subscribers (WebSocket clients, the loop) at once,
// so nothing inside the process polls (DESIGN.md rule 6).
import { RingBuffer } from "./ring-buffer.ts";
import type { ChangeNotice, EventBus, EventBusOptions, Notice, RuntimeEvent, RuntimeFields, RuntimePage } from "./types.ts";

const DEFAULT_RING = 500;

function pickFields(fields: RuntimeFields): RuntimeFields {
  const out: RuntimeFields = {};
  if (fields.issue_id !== undefined) out.issue_id = fields.issue_id;
  if (fields.identifier !== undefined) out.identifier = fields.identifier;
  if (fields.message !== undefined) out.message = fields.message;
  if (fields.payload !== undefined) out.payload = fields.payload;
  return out;
}

export function createEventBus(opts: EventBusOptions = {}): EventBus {
  const now = opts.now ?? (() => new Date());
  const ring = new RingBuffer<RuntimeEvent>(opts.ringSize ?? DEFAULT_RING);
  const subscribers = new Set<(n: Notice) => void>();
  let runtimeSeq = 0;
  let changeSeq = opts.changeSeq ?? 0;

  const notify = (notice: Notice) => {
    // A copy, so a subscriber may unsubscribe (itself or another) while we deliver.
    for (const fn of [...subscribers]) {
      if (!subscribers.has(fn)) continue;
      try {
        fn(notice);
      } catch (err) {
        try {
          opts.onSubscriberError?.(err);
        } catch {
          // The error reporter failing must not stop delivery either.
        }
      }
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
      notify({ kind: "runtime", seq: event.seq, at: event.ts });
      return event;
    },
    runtimeSince(since: number, limit: number): RuntimePage {
      const after = ring.toArray().filter((e) => e.seq > since);
      const take = Math.max(0, Math.floor(limit));
      return { since, last_seq: runtimeSeq, events: take === 0 ? [] : after.slice(-take) };
    },
    subscribe(fn: (n: Notice) => void) {
      subscribers.add(fn);
      return () => {
        subscribers.delete(fn);
      };
    },
    changeSeq: () => changeSeq,
  };
}
