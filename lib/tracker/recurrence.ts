// The schedule of a recurring issue (inventory §4.7): one issue_recurrences
// row per recurring issue, next_run_at stored in UTC. A standard issue has
// no row and accepts no cron/enabled; switching to standard drops the row.
import { invalidInput } from "../errors.ts";
import type { Query, Tx } from "../store/mod.ts";
import { nextCronRun, parseCron } from "./cron.ts";
import type { IssueType } from "./vocabulary.ts";

export interface Recurrence {
  cron: string;
  enabled: number;
  next_run_at: string | null;
  last_enqueued_at: string | null;
  pending_rerun: number;
}

export interface ScheduleInput {
  cron?: string | undefined;
  enabled?: boolean | undefined;
}

/** Normalizes a cron expression and proves it runs at least once; throws invalid_input otherwise. */
export function checkCron(expression: string, now: Date): string {
  const schedule = parseCron(expression);
  if (!nextCronRun(schedule, now)) {
    throw invalidInput(`Invalid cron "${schedule.source}": it never runs`, "check the day-of-month and month fields");
  }
  return schedule.source;
}

function nextRun(cron: string, now: Date): string | null {
  return nextCronRun(parseCron(cron), now)?.toISOString() ?? null;
}

export function loadRecurrence(q: Query, issueId: string): Recurrence | undefined {
  return q.get<Recurrence>(
    `SELECT cron, enabled, next_run_at, last_enqueued_at, pending_rerun FROM issue_recurrences WHERE issue_id = ?`,
    [issueId],
  );
}

/**
 * Makes the stored schedule match the issue's type after a create or update:
 * inserts, updates or deletes the row. next_run_at is recomputed when the
 * cron changes, when the schedule is new, or when it is re-enabled with a
 * next run already in the past.
 */
export function applySchedule(tx: Tx, issueId: string, type: IssueType, input: ScheduleInput, now: Date): void {
  const before = loadRecurrence(tx, issueId);
  if (type === "standard") {
    if (input.cron !== undefined || input.enabled !== undefined) {
      throw invalidInput(`Invalid "${input.cron !== undefined ? "cron" : "enabled"}": only recurring issues have a schedule`, 'set issue_type to "recurring"');
    }
    if (before) tx.run(`DELETE FROM issue_recurrences WHERE issue_id = ?`, [issueId]);
    return;
  }
  const cronText = input.cron ?? before?.cron;
  if (cronText === undefined) {
    throw invalidInput(`Missing required field "cron": recurring issues need a schedule`, 'e.g. "0 9 * * 1-5" for 09:00 on weekdays');
  }
  const cron = checkCron(cronText, now);
  const enabled = input.enabled ?? (before ? before.enabled === 1 : true);
  const ts = now.toISOString();
  if (!before) {
    tx.run(
      `INSERT INTO issue_recurrences(issue_id, cron, enabled, next_run_at, pending_rerun, created_at, updated_at)
       VALUES (?, ?, ?, ?, 0, ?, ?)`,
      [issueId, cron, enabled ? 1 : 0, enabled ? nextRun(cron, now) : null, ts, ts],
    );
    return;
  }
  const stale = before.next_run_at === null || before.next_run_at <= ts;
  const recompute = enabled && (cron !== before.cron || (before.enabled === 0 && stale) || before.next_run_at === null);
  const next = recompute ? nextRun(cron, now) : before.next_run_at;
  tx.run(
    `UPDATE issue_recurrences SET cron = ?, enabled = ?, next_run_at = ?, updated_at = ? WHERE issue_id = ?`,
    [cron, enabled ? 1 : 0, next, ts, issueId],
  );
}

/** Stops a schedule, e.g. when its issue is cancelled. */
export function disableRecurrence(tx: Tx, issueId: string, ts: string): void {
  tx.run(`UPDATE issue_recurrences SET enabled = 0, updated_at = ? WHERE issue_id = ? AND enabled = 1`, [ts, issueId]);
}
