import type { Printer } from "../printer.ts";
import { ago, shorten } from "./durations.ts";
import type { SessionView } from "../../orchestrator/mod.ts";
import { printTranscript } from "./transcript.ts";

/** "1/2": turns completed of turns started. */
export const turnsCell = (s: SessionView) => `${s.turns_completed}/${s.turns_started}`;

/** Live sessions as a table: ISSUE PHASE TURNS TOKENS LAST EVENT UPDATED. */
export function printSessionTable(out: Printer, sessions: SessionView[], now: number): void {
  out.table(
    ["ISSUE", "PHASE", "TURNS", "TOKENS", "LAST EVENT", "UPDATED"],
    sessions.map((s) => [s.identifier, s.phase, turnsCell(s), s.tokens.total_tokens, s.last_event ?? "-", ago(s.last_event_at, now)]),
  );
}

/** One session: its ids and counters, then its transcript. */
export function printSession(out: Printer, s: SessionView, source: string, now: number): void {
  out.fields([
    ["Issue", s.identifier],
    ["Source", source === "live" ? "live session" : "last session (persisted)"],
    ["Phase", s.phase],
    ["Attempt", s.attempt],
    ["Thread", s.thread_id],
    ["Session", s.session_id],
    ["Turns", `${s.turns_completed} completed of ${s.turns_started} started`],
    ["Tokens", `${s.tokens.total_tokens} (input ${s.tokens.input_tokens}, output ${s.tokens.output_tokens})`],
    ["Last Event", s.last_event ? `${s.last_event} (${ago(s.last_event_at, now)})` : undefined],
    ["Last Message", s.last_message ? shorten(s.last_message, 200) : undefined],
  ]);
  out.line();
  printTranscript(out, s.history);
}
