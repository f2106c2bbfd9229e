// Recurring issues (inventory §6.12): a due slot queues an idle recurring
// issue (state ready) or, while it is busy, records one owed rerun; extra
// slots coalesce; after downtime the missed slots make one catch-up run.
import { conflict } from "../errors.ts";
import type { Tracker } from "../tracker/mod.ts";

/** What the recurring rules need from the scheduler. */
export interface RecurringHost {
  tracker: Tracker;
  now(): number;
  /** Running, retrying, paused, queued or in its done phase: a recurring run now would collide. */
  isBusy(issueId: string, state: string, phase: string): boolean;
  publish(kind: string, issue: { id: string; identifier: string }): void;
  wake(): void;
}

/** Queues the recurring issues due now (or owed a rerun) when idle, or owes them a run when busy. */
export function processRecurring(host: RecurringHost): void {
  const now = host.now();
  for (const due of host.tracker.recurringDue(new Date(now))) {
    const busy = host.isBusy(due.id, due.state, due.workflow_phase);
    const isDue = due.next_run_at !== null && Date.parse(due.next_run_at) <= now;
    if (busy && !isDue) continue;
    // Extra slots while a rerun is already owed coalesce into it, silently.
    if (!host.tracker.enqueueRecurring(due.id, busy ? "defer" : "run")) continue;
    const late = isDue && now - Date.parse(due.next_run_at!) >= 60_000;
    const kind = busy
      ? "recurring_pending_rerun_recorded"
      : due.pending_rerun && !isDue
      ? "recurring_pending_rerun_enqueued"
      : late
      ? "recurring_catch_up_enqueued"
      : "recurring_enqueued";
    host.publish(kind, due);
  }
}

/** Run-now: a recurring issue is queued at once, or owed a run when it is busy; throws conflict otherwise. */
export function runRecurringNow(host: RecurringHost, identifier: string): { status: string; identifier: string; enqueued_at?: string } {
  const issue = host.tracker.getIssue({ identifier });
  if (issue.issue_type !== "recurring") {
    throw conflict(`Cannot run "${issue.identifier}" now: it is not a recurring issue`, "use retry for standard issues");
  }
  if (issue.state === "cancelled") throw conflict(`Cannot run "${issue.identifier}" now: it is cancelled`, "move it to backlog or ready first");
  if (host.isBusy(issue.id, issue.state, issue.workflow_phase)) {
    if (issue.pending_rerun) return { status: "pending_rerun_already_set", identifier: issue.identifier };
    host.tracker.enqueueRecurring(issue.id, "defer");
    host.publish("recurring_pending_rerun_recorded", issue);
    return { status: "pending_rerun_recorded", identifier: issue.identifier };
  }
  host.tracker.enqueueRecurring(issue.id, "run");
  host.publish("recurring_manual_run_now_enqueued", issue);
  host.wake();
  return { status: "queued_now", identifier: issue.identifier, enqueued_at: new Date(host.now()).toISOString() };
}
