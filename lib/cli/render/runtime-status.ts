import type { Printer } from "../printer.ts";
import { dueIn, formatDuration, shorten } from "./durations.ts";
import type { RuntimeSnapshot } from "../../orchestrator/mod.ts";
import { cell } from "./cells.ts";

/** The orchestrator part of `maestro status`: what runs, what waits for a retry, what is paused, and interrupts. */
export function printRuntimeStatus(out: Printer, s: RuntimeSnapshot, now: number): void {
  const t = s.totals;
  out.line();
  out.line(`Orchestrator: ${s.status} since ${s.started_at}; ${t.runs} runs, ${t.succeeded} succeeded, ${t.failed} failed, ${t.tokens} tokens`);
  if (s.running.length > 0) {
    out.line();
    out.line(`Running (${s.running.length})`);
    out.table(
      ["ISSUE", "PHASE", "ATTEMPT", "ELAPSED", "TOKENS", "LAST MESSAGE"],
      s.running.map((r) => [r.identifier, r.phase, r.attempt, formatDuration(r.elapsed_ms), r.tokens.total_tokens, shorten(r.last_message, 60)]),
    );
  }
  if (s.retrying.length > 0) {
    out.line();
    out.line(`Retrying (${s.retrying.length})`);
    out.table(
      ["ISSUE", "ATTEMPT", "DUE", "DELAY", "ERROR"],
      s.retrying.map((r) => [r.identifier, r.attempt, dueIn(r.due_at, now), r.delay_type, shorten(r.error)]),
    );
  }
  if (s.paused.length > 0) {
    out.line();
    out.line(`Paused (${s.paused.length})`);
    out.table(
      ["ISSUE", "REASON", "FIX", "ERROR"],
      s.paused.map((p) => [p.identifier, p.reason, `maestro issue retry ${p.identifier}`, cell(p.error && shorten(p.error))]),
    );
  }
  if (s.counts.interrupts > 0) {
    out.line();
    out.line(`Interrupts: ${s.counts.interrupts} pending (list them: maestro interrupts)`);
  }
}
