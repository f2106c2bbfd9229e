import type { Printer } from "../printer.ts";
import { ago, dueIn, shorten } from "./durations.ts";
import type { ExecutionView, InterruptView } from "../../orchestrator/mod.ts";

/** Pending interrupts as a table: ID KIND ISSUE SUMMARY AGE. */
export function printInterruptTable(out: Printer, items: InterruptView[], now: number): void {
  out.table(
    ["ID", "KIND", "ISSUE", "SUMMARY", "AGE"],
    items.map((i) => [i.id, i.kind, i.identifier, shorten(i.summary), ago(i.requested_at, now).replace(/ ago$/, "")]),
  );
}

function retryLine(e: ExecutionView, now: number): string | undefined {
  return e.retry ? `attempt ${e.retry.attempt} due ${dueIn(e.retry.due_at, now)} (${e.retry.delay_type})` : undefined;
}

function sessionLine(e: ExecutionView): string | undefined {
  const s = e.session;
  if (!s) return undefined;
  return `${e.session_source}, thread ${s.thread_id ?? "-"}, ${s.turns_completed} of ${s.turns_started} turns completed (transcript: maestro sessions ${e.identifier})`;
}

/** An issue's execution: status, attempt, last result, retry or pause, workspace, tokens, session, interrupts, recent events. */
export function printExecution(out: Printer, e: ExecutionView, now: number): void {
  out.fields([
    ["Identifier", e.identifier],
    ["Status", `${e.status} (issue ${e.state})`],
    ["Phase", e.phase],
    ["Attempt", e.attempt],
    ["Last Result", e.last_result],
    ["Failure", e.failure],
    ["Error", e.error],
    ["Retry", retryLine(e, now)],
    ["Pause", e.pause ? `${e.pause.reason} since ${e.pause.at} (resume with: maestro issue retry ${e.identifier})` : undefined],
    ["Workspace", e.workspace_path],
    ["Tokens", e.tokens_spent],
    ["Session", sessionLine(e)],
  ]);
  if (e.pending_interrupts.length > 0) {
    out.line();
    out.line(`Pending interrupts (${e.pending_interrupts.length}; answer with: maestro interrupts answer ID)`);
    printInterruptTable(out, e.pending_interrupts, now);
  }
  if (e.runtime_events.length > 0) {
    out.line();
    out.line("Recent events");
    out.table(["SEQ", "TIME", "KIND", "MESSAGE"], e.runtime_events.map((ev) => [ev.seq, ev.ts, ev.kind, shorten(ev.message)]));
  }
}
