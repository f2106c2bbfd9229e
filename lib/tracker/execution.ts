// What the orchestrator reads and writes about runs (inventory §6): which
// issues may be dispatched, the per-issue execution record that survives a
// restart, tokens spent, the issue's worktree and branch, and the phase
// moves it makes. These are the tracker's rules too, so they live here and
// not in the orchestrator; they are not in the operations table because no
// person or agent calls them directly.
import type { TrackerContext } from "./context.ts";
import { nextCronRun, parseCron } from "./cron.ts";
import { loadDetail } from "./issue-detail.ts";
import { moveIssue } from "./issue-state.ts";
import { findIssue, PROJECT_COLUMNS } from "./lookup.ts";
import { mutate } from "./mutation.ts";
import type { IssueDetail, Project } from "./types.ts";
import type { IssueState, IssueType, ProjectState, WorkflowPhase } from "./vocabulary.ts";

/** One issue as the scheduler sees it: its state, its project's and how many open blockers it has. */
export interface RunnableIssue {
  id: string;
  identifier: string;
  title: string;
  state: IssueState;
  workflow_phase: WorkflowPhase;
  issue_type: IssueType;
  priority: number;
  created_at: string;
  branch_name: string | null;
  project_id: string;
  project_name: string;
  project_state: ProjectState;
  repo_path: string;
  workflow_path: string;
  /** Blockers that are neither done nor cancelled. */
  open_blockers: number;
}

const RUNNABLE_COLUMNS = `i.id, i.identifier, i.title, i.state, i.workflow_phase, i.issue_type, i.priority, i.created_at,
    i.branch_name, i.project_id, p.name AS project_name, p.state AS project_state, p.repo_path, p.workflow_path,
    (SELECT COUNT(*) FROM issue_blockers b JOIN issues bi ON bi.id = b.blocker_id
      WHERE b.issue_id = i.id AND bi.state NOT IN ('done', 'cancelled')) AS open_blockers`;
const RUNNABLE = `SELECT ${RUNNABLE_COLUMNS} FROM issues i JOIN projects p ON p.id = i.project_id`;
const DISPATCH_ORDER = "(priority = 0), priority, created_at, identifier";
const DISPATCH_ORDER_I = "(i.priority = 0), i.priority, i.created_at, i.identifier";

/** Which of a running project's issues may need an agent: the states its workflow dispatches, and whether its done phase runs. */
export interface RunnableScope {
  project_id: string;
  states: readonly IssueState[];
  done_phase: boolean;
}

/**
 * One page of the issues in `scopes` that may need an agent, in dispatch
 * order (priority 1 is the most urgent and 0 means "none", so 0 sorts last;
 * then oldest first): issues in the scope's states, plus, when its done phase
 * runs, done issues whose done phase has not run yet. Blocked ones are
 * included (the caller says why they wait).
 *
 * Every committed change runs this, so its cost must not grow with the
 * issues that cannot be dispatched: each scope reads its states through the
 * (project_id, state) index and its pending done phases through the
 * (state, workflow_phase) one; the page is chosen on ids and sort keys, and
 * only its rows get their blockers counted.
 */
export function listRunnable(ctx: TrackerContext, scopes: readonly RunnableScope[], limit: number, offset: number): RunnableIssue[] {
  const parts: string[] = [];
  const params: (string | number)[] = [];
  for (const scope of scopes) {
    if (scope.states.length > 0) {
      parts.push(`SELECT id, priority, created_at, identifier FROM issues WHERE project_id = ? AND state IN (${scope.states.map(() => "?").join(", ")})`);
      params.push(scope.project_id, ...scope.states);
    }
    if (scope.done_phase) {
      parts.push(`SELECT id, priority, created_at, identifier FROM issues WHERE state = 'done' AND workflow_phase = 'done' AND project_id = ?`);
      params.push(scope.project_id);
    }
  }
  if (parts.length === 0) return [];
  return ctx.store.read((q) =>
    q.all<RunnableIssue>(
      `SELECT ${RUNNABLE_COLUMNS}
         FROM (SELECT id FROM (${parts.join(" UNION ALL ")}) ORDER BY ${DISPATCH_ORDER} LIMIT ? OFFSET ?) page
         JOIN issues i ON i.id = page.id JOIN projects p ON p.id = i.project_id
        WHERE p.state = 'running'
        ORDER BY ${DISPATCH_ORDER_I}`,
      [...params, limit, offset],
    )
  );
}

/**
 * Every project's row, without the per-state counts list_projects adds: the
 * daemon reads this every few seconds to watch each project's WORKFLOW.md,
 * and counting the issues each time would cost more the more issues there are.
 */
export function projectRows(ctx: TrackerContext): Project[] {
  return ctx.store.read((q) => q.all<Project>(`SELECT ${PROJECT_COLUMNS} FROM projects ORDER BY name COLLATE NOCASE, created_at`));
}

/** The same view of particular issues (running ones being reconciled); missing ids are left out. */
export function runnableByIds(ctx: TrackerContext, ids: readonly string[]): RunnableIssue[] {
  if (ids.length === 0) return [];
  return ctx.store.read((q) => q.all<RunnableIssue>(`${RUNNABLE} WHERE i.id IN (${ids.map(() => "?").join(", ")})`, [...ids]));
}

/** The persisted record of an issue's latest run (issue_execution_sessions). */
export interface ExecutionRecord {
  issue_id: string;
  identifier: string;
  phase: string;
  attempt: number;
  /** running | completed | failed | retry_scheduled | paused | stopped | interrupted */
  run_kind: string;
  error: string | null;
  resume_eligible: boolean;
  /** "" | graceful_shutdown */
  stop_reason: string;
  updated_at: string;
  /** The orchestrator's own detail (session, retry, pause, streaks): opaque here. */
  session: Record<string, unknown>;
}

type ExecutionRow = Omit<ExecutionRecord, "resume_eligible" | "session"> & { resume_eligible: number; session_json: string };

const EXECUTION_COLUMNS = "issue_id, identifier, phase, attempt, run_kind, error, resume_eligible, stop_reason, updated_at, session_json";

function parseSession(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const toRecord = (row: ExecutionRow): ExecutionRecord => ({
  issue_id: row.issue_id,
  identifier: row.identifier,
  phase: row.phase,
  attempt: row.attempt,
  run_kind: row.run_kind,
  error: row.error,
  resume_eligible: row.resume_eligible === 1,
  stop_reason: row.stop_reason,
  updated_at: row.updated_at,
  session: parseSession(row.session_json),
});

/** Writes an issue's execution record (one durable write); a deleted issue is ignored. */
export function saveExecution(ctx: TrackerContext, record: Omit<ExecutionRecord, "updated_at">): void {
  ctx.store.write((tx) => {
    if (!tx.get(`SELECT 1 FROM issues WHERE id = ?`, [record.issue_id])) return;
    tx.run(
      `INSERT INTO issue_execution_sessions(${EXECUTION_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(issue_id) DO UPDATE SET identifier = excluded.identifier, phase = excluded.phase, attempt = excluded.attempt,
         run_kind = excluded.run_kind, error = excluded.error, resume_eligible = excluded.resume_eligible,
         stop_reason = excluded.stop_reason, updated_at = excluded.updated_at, session_json = excluded.session_json`,
      [
        record.issue_id,
        record.identifier,
        record.phase,
        record.attempt,
        record.run_kind,
        record.error,
        record.resume_eligible ? 1 : 0,
        record.stop_reason,
        ctx.now().toISOString(),
        JSON.stringify(record.session),
      ],
    );
  });
}

/** One issue's execution record, if it ever ran. */
export function getExecution(ctx: TrackerContext, issueId: string): ExecutionRecord | undefined {
  const row = ctx.store.read((q) => q.get<ExecutionRow>(`SELECT ${EXECUTION_COLUMNS} FROM issue_execution_sessions WHERE issue_id = ?`, [issueId]));
  return row && toRecord(row);
}

/** Records in one of `kinds` (e.g. what a restarted daemon must pick up again). */
export function listExecutions(ctx: TrackerContext, kinds: readonly string[]): ExecutionRecord[] {
  if (kinds.length === 0) return [];
  return ctx.store.read((q) =>
    q.all<ExecutionRow>(
      `SELECT ${EXECUTION_COLUMNS} FROM issue_execution_sessions WHERE run_kind IN (${kinds.map(() => "?").join(", ")}) ORDER BY updated_at`,
      [...kinds],
    )
  ).map(toRecord);
}

/**
 * Adds tokens an agent spent on an issue to its total; the change event
 * lets open boards refresh the figure. Zero or a deleted issue: nothing.
 */
export function addTokensSpent(ctx: TrackerContext, issueId: string, tokens: number): void {
  if (!(tokens > 0)) return;
  mutate(ctx, (m) => {
    const row = m.tx.get<{ identifier: string; total: number }>(`SELECT identifier, total_tokens_spent AS total FROM issues WHERE id = ?`, [issueId]);
    if (!row) return;
    const total = row.total + Math.round(tokens);
    m.tx.run(`UPDATE issues SET total_tokens_spent = ? WHERE id = ?`, [total, issueId]);
    m.emit("issue", issueId, "tokens_spent", { identifier: row.identifier, total_tokens_spent: total, added: Math.round(tokens) });
  });
}

/**
 * The orchestrator's move after a run: state and phase together, in one
 * write, with the state's side rules (timestamps, blockers, recurrence).
 * A state that is already current is left alone; only the phase changes.
 * Throws what set_issue_state throws (not_found, blocked).
 */
export function advanceIssue(ctx: TrackerContext, issueId: string, state: IssueState, phase: WorkflowPhase): IssueDetail {
  return mutate(ctx, (m) => {
    const issue = findIssue(m.tx, issueId);
    if (issue.state !== state) moveIssue(m, issue, state);
    const current = m.tx.get<{ workflow_phase: string }>(`SELECT workflow_phase FROM issues WHERE id = ?`, [issue.id]);
    if (current?.workflow_phase !== phase) {
      m.tx.run(`UPDATE issues SET workflow_phase = ?, updated_at = ? WHERE id = ?`, [phase, m.now, issue.id]);
      m.emit("issue", issue.id, "phase_changed", { identifier: issue.identifier, workflow_phase: phase });
    }
    return loadDetail(m.tx, issue.id);
  });
}

/** Remembers where an issue's worktree is and which branch it is on (branch_name is set once, when empty). */
export function recordWorkspace(ctx: TrackerContext, issueId: string, path: string, branch: string): void {
  mutate(ctx, (m) => {
    const row = m.tx.get<{ identifier: string; branch_name: string | null }>(`SELECT identifier, branch_name FROM issues WHERE id = ?`, [issueId]);
    if (!row) return;
    m.tx.run(
      `INSERT INTO workspaces(issue_id, path, created_at, last_run_at, run_count) VALUES (?, ?, ?, ?, 1)
       ON CONFLICT(issue_id) DO UPDATE SET path = excluded.path, last_run_at = excluded.last_run_at, run_count = run_count + 1`,
      [issueId, path, m.now, m.now],
    );
    if (row.branch_name !== branch) {
      m.tx.run(`UPDATE issues SET branch_name = ?, updated_at = ? WHERE id = ?`, [branch, m.now, issueId]);
      m.emit("issue", issueId, "updated", { identifier: row.identifier, fields: ["branch_name"] });
    }
  });
}

/** The recorded worktree path of an issue, if it has one. */
export function workspaceOf(ctx: TrackerContext, issueId: string): string | undefined {
  return ctx.store.read((q) => q.get<{ path: string }>(`SELECT path FROM workspaces WHERE issue_id = ?`, [issueId]))?.path;
}

/** Forgets an issue's worktree after cleanup. */
export function forgetWorkspace(ctx: TrackerContext, issueId: string): void {
  ctx.store.write((tx) => void tx.run(`DELETE FROM workspaces WHERE issue_id = ?`, [issueId]));
}

/** Terminal issues (phase complete) that still have a recorded worktree: what cleanup at startup looks at. */
export function finishedWithWorkspace(ctx: TrackerContext): { id: string; identifier: string; path: string }[] {
  return ctx.store.read((q) =>
    q.all<{ id: string; identifier: string; path: string }>(
      `SELECT i.id, i.identifier, w.path FROM workspaces w JOIN issues i ON i.id = w.issue_id
       WHERE i.state IN ('done', 'cancelled') AND i.workflow_phase = 'complete'`,
    )
  );
}

/** A recurring issue whose schedule says it should run, or that waits for a rerun. */
export interface RecurringDue {
  id: string;
  identifier: string;
  state: IssueState;
  workflow_phase: WorkflowPhase;
  next_run_at: string | null;
  pending_rerun: number;
}

const RECURRING = `SELECT i.id, i.identifier, i.state, i.workflow_phase, r.next_run_at, r.pending_rerun
  FROM issue_recurrences r JOIN issues i ON i.id = r.issue_id
  WHERE r.enabled = 1 AND i.state <> 'cancelled'`;

/** Enabled recurring issues that are due at `now` or have a rerun pending (at most 200, earliest first). */
export function recurringDue(ctx: TrackerContext, now: Date): RecurringDue[] {
  return ctx.store.read((q) =>
    q.all<RecurringDue>(`${RECURRING} AND (r.next_run_at <= ? OR r.pending_rerun = 1) ORDER BY r.next_run_at LIMIT 200`, [now.toISOString()])
  );
}

/** The earliest next run of any enabled schedule, for the scheduler's timer. */
export function nextRecurringAt(ctx: TrackerContext): string | undefined {
  return ctx.store.read((q) => q.get<{ at: string | null }>(`SELECT MIN(r.next_run_at) AS at FROM issue_recurrences r WHERE r.enabled = 1`))?.at ??
    undefined;
}

/**
 * Queues a recurring issue (inventory §6.12): `run` re-arms it (state ready,
 * phase implementation, last_enqueued_at now, pending rerun cleared);
 * `defer` only records that a run is owed because the issue is busy. Both
 * move a due schedule to its next slot after now, so any number of missed
 * slots yields one run. True when something new was queued or owed
 * (false: a rerun was already owed).
 */
export function enqueueRecurring(ctx: TrackerContext, issueId: string, how: "run" | "defer"): boolean {
  return mutate(ctx, (m) => {
    const issue = findIssue(m.tx, issueId);
    const r = m.tx.get<{ cron: string; next_run_at: string | null; pending_rerun: number }>(
      `SELECT cron, next_run_at, pending_rerun FROM issue_recurrences WHERE issue_id = ?`,
      [issue.id],
    );
    if (!r) return false;
    const next = r.next_run_at === null || r.next_run_at <= m.now ? nextCronRun(parseCron(r.cron), m.at)?.toISOString() ?? null : r.next_run_at;
    if (how === "defer") {
      m.tx.run(`UPDATE issue_recurrences SET pending_rerun = 1, next_run_at = ?, updated_at = ? WHERE issue_id = ?`, [next, m.now, issue.id]);
      if (r.pending_rerun === 1) return false;
      m.emit("issue", issue.id, "rerun_pending", { identifier: issue.identifier });
      return true;
    }
    if (issue.state !== "ready") moveIssue(m, issue, "ready");
    m.tx.run(`UPDATE issues SET workflow_phase = 'implementation', started_at = NULL, completed_at = NULL, updated_at = ? WHERE id = ?`, [m.now, issue.id]);
    m.tx.run(
      `UPDATE issue_recurrences SET pending_rerun = 0, last_enqueued_at = ?, next_run_at = ?, updated_at = ? WHERE issue_id = ?`,
      [m.now, next, m.now, issue.id],
    );
    m.emit("issue", issue.id, "enqueued", { identifier: issue.identifier, next_run_at: next });
    return true;
  });
}
