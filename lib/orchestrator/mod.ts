/**
 * The orchestrator (DESIGN.md: orchestrator/; inventory §6, SPEC §7–§9,
 * §14): inside `maestro run`, it turns runnable issues into git worktrees
 * and Codex sessions and keeps them moving.
 *
 * Event-driven: every committed tracker change wakes it at once (a moved
 * issue, a resolved blocker, a started project), so does a due retry or
 * recurring slot; `polling.interval_ms` is only the safety net. Each pass
 * reconciles running issues with what people did (a run whose issue was
 * cancelled, moved back or whose project stopped is stopped at once), queues
 * due recurring issues, and dispatches runnable issues by priority then age
 * within the limits: `--max-agents` overall, each project's
 * `agent.max_concurrent_agents` (1 for `per_project_serial`) and its
 * per-state limits. Never two runs for one issue.
 *
 * After an attempt: success follows the phase table (implementation →
 * review → done, rules.ts) with a continuation 1 s later when something
 * moved, a pause (`no_state_transition`) when nothing did; failure retries
 * with backoff (10 s doubling, capped by `agent.max_retry_backoff_ms`),
 * pauses at once for what a retry cannot fix (workspace bootstrap, missing
 * Codex, a question nobody can answer), after three timeouts in a row, or
 * after `agent.max_automatic_retries`. `retryIssue` lifts a pause.
 *
 * Every step is written to the execution record, so a restarted
 * daemon finds runs that were live (interrupted: retried at once, resuming
 * the Codex thread), retries and pauses; graceful shutdown records running
 * sessions as resumable.
 */
export { Orchestrator } from "./orchestrator.ts";
export type { OrchestratorOptions } from "./types.ts";
/** The answers' shapes, for the CLI and the dashboard (type-only imports). */
export type {
  ExecutionView,
  HistoryEntry,
  InterruptView,
  RunningView,
  RuntimeSeries,
  RuntimeSnapshot,
  SessionsAnswer,
  SessionView,
} from "./wire.ts";
/** The runtime operations (snapshot, sessions, execution, retry, run-now, interrupts) every surface calls. */
export { getRuntimeOperation, runRuntimeOperation, runtimeOperations, type RuntimeOperation } from "./operations.ts";
