// A runtime event as a runtime_events row and back. The table has no message
// column: the message rides in payload_json under "message" (so a payload's
// own "message" key is read back as the event's message). Columns that the
// dashboard and the series query (title, attempt, delay_type, error, tokens)
// are copied from payload fields of the same names.
import type { RuntimeEvent } from "./types.ts";

/** One runtime_events row, as inserted and as read. */
export interface RuntimeRow {
  seq: number;
  kind: string;
  issue_id: string | null;
  identifier: string | null;
  title: string | null;
  attempt: number | null;
  delay_type: string | null;
  input_tokens: number;
  output_tokens: number;
  total_tokens: number;
  error: string | null;
  event_ts: string;
  payload_json: string;
}

/** The columns in RuntimeRow order, for SELECT and INSERT. */
export const RUNTIME_COLUMNS = "seq, kind, issue_id, identifier, title, attempt, delay_type, input_tokens, output_tokens, total_tokens, error, event_ts, payload_json";

const text = (v: unknown): string | null => (typeof v === "string" ? v : null);
const count = (v: unknown): number => (typeof v === "number" && Number.isFinite(v) ? Math.trunc(v) : 0);

function payloadJson(event: RuntimeEvent): string {
  const body = event.message === undefined ? { ...event.payload } : { ...event.payload, message: event.message };
  try {
    return JSON.stringify(body);
  } catch (err) {
    // A cycle or a BigInt must not cost the batch its other events: keep the message and say why the rest is gone.
    return JSON.stringify({ message: event.message, payload_error: (err as Error).message });
  }
}

/** The total_tokens an event carries in its payload (0 when none). */
export const totalTokensOf = (event: RuntimeEvent): number => count(event.payload?.total_tokens);

export function toRow(event: RuntimeEvent): RuntimeRow {
  const p = event.payload ?? {};
  return {
    seq: event.seq,
    kind: event.kind,
    issue_id: event.issue_id ?? null,
    identifier: event.identifier ?? null,
    title: text(p.title),
    attempt: typeof p.attempt === "number" && Number.isInteger(p.attempt) ? p.attempt : null,
    delay_type: text(p.delay_type),
    input_tokens: count(p.input_tokens),
    output_tokens: count(p.output_tokens),
    total_tokens: count(p.total_tokens),
    error: text(p.error),
    event_ts: event.ts,
    payload_json: payloadJson(event),
  };
}

/** The event a row was made from (fields absent rather than null, as the bus hands them out). */
export function fromRow(row: RuntimeRow): RuntimeEvent {
  const event: RuntimeEvent = { seq: row.seq, kind: row.kind, ts: row.event_ts };
  if (row.issue_id !== null) event.issue_id = row.issue_id;
  if (row.identifier !== null) event.identifier = row.identifier;
  const parsed: unknown = JSON.parse(row.payload_json);
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) return event;
  const { message, ...rest } = parsed as { [key: string]: unknown };
  if (typeof message === "string") event.message = message;
  const payload = message === undefined || typeof message === "string" ? rest : { ...rest, message };
  if (Object.keys(payload).length > 0) event.payload = payload;
  return event;
}
