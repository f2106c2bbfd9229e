// list_changes: the change_events log read back by sequence number, so a
// client that missed live events can catch up from the last seq it saw.
import { z } from "zod";
import type { TrackerContext } from "./context.ts";
import { limit, sequence } from "./schemas.ts";
import type { ChangeEvent, EntityType } from "./types.ts";

export const listChangesInput = z.strictObject({
  since: sequence().default(0),
  limit: limit(100, 1000),
});
export type ListChangesInput = z.output<typeof listChangesInput>;

export interface ChangeLog {
  since: number;
  /** The newest seq in the log (0 when empty), even when items stop short of it. */
  last_seq: number;
  items: ChangeEvent[];
}

interface ChangeRow {
  seq: number;
  entity_type: EntityType;
  entity_id: string;
  action: string;
  event_ts: string;
  payload_json: string;
}

/** Change events with seq greater than `since`, oldest first. */
export function listChanges(ctx: TrackerContext, input: ListChangesInput): ChangeLog {
  return ctx.store.read((q) => {
    const rows = q.all<ChangeRow>(
      `SELECT seq, entity_type, entity_id, action, event_ts, payload_json FROM change_events
       WHERE seq > ? ORDER BY seq LIMIT ?`,
      [input.since, input.limit],
    );
    const last = q.get<{ seq: number | null }>(`SELECT MAX(seq) AS seq FROM change_events`)?.seq ?? 0;
    return {
      since: input.since,
      last_seq: last,
      items: rows.map(({ payload_json, ...row }) => ({ ...row, payload: JSON.parse(payload_json) })),
    };
  });
}
