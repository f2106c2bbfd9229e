// One tracker mutation = one durable store.write holding its rows and its
// change_events rows. File removals and listeners run only after the commit,
// so a rolled-back write never loses a file or announces a change.
import type { Tx } from "../store/mod.ts";
import type { TrackerContext } from "./context.ts";
import type { ChangeEvent, EntityType, JsonValue } from "./types.ts";

export interface Mutation {
  tx: Tx;
  /** This mutation's timestamp: every row it touches gets the same one. */
  now: string;
  /** The same instant as a Date, for schedule arithmetic. */
  at: Date;
  newId: (prefix: string) => string;
  emit(entityType: EntityType, entityId: string, action: string, payload: { [key: string]: JsonValue }): void;
  /** Runs `effect` once the transaction is durable; failures there are ignored (an orphan file is harmless). */
  afterCommit(effect: () => void): void;
}

export function mutate<T>(ctx: TrackerContext, fn: (m: Mutation) => T): T {
  const events: ChangeEvent[] = [];
  const effects: Array<() => void> = [];
  const at = ctx.now();
  const now = at.toISOString();
  const result = ctx.store.write((tx) =>
    fn({
      tx,
      now,
      at,
      newId: ctx.newId,
      emit(entity_type, entity_id, action, payload) {
        const { lastInsertRowid } = tx.run(
          `INSERT INTO change_events(entity_type, entity_id, action, event_ts, payload_json) VALUES (?, ?, ?, ?, ?)`,
          [entity_type, entity_id, action, now, JSON.stringify(payload)],
        );
        events.push({ seq: lastInsertRowid, entity_type, entity_id, action, event_ts: now, payload });
      },
      afterCommit(effect) {
        effects.push(effect);
      },
    })
  );
  for (const effect of effects) {
    try {
      effect();
    } catch {
      // The database no longer points at the file; a leftover copy only costs disk.
    }
  }
  if (events.length > 0 && ctx.onChange) notify(ctx.onChange, events);
  return result;
}

function notify(listener: (events: ChangeEvent[]) => void, events: ChangeEvent[]): void {
  try {
    listener(events);
  } catch (err) {
    // The write is committed: the caller must hear success. A broken listener
    // is a programmer error, so it surfaces on its own instead of being lost.
    queueMicrotask(() => {
      throw err;
    });
  }
}
