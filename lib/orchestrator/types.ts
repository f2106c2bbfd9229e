import type { Clock, TokenTotals } from "../agent/mod.ts";
import type { EventBus } from "../events/mod.ts";
import type { Runtime } from "../runtime/mod.ts";
import type { Tracker } from "../tracker/mod.ts";
import type { Workflow } from "../workflow/mod.ts";
import type { SessionView } from "./wire.ts";
import type { LiveRun } from "./live-run.ts";

/** What the daemon hands the orchestrator. */
export interface OrchestratorOptions {
  runtime: Runtime;
  tracker: Tracker;
  bus: EventBus;
  /** The database path: agents reach Maestro's tools through `maestro mcp --db` with it. */
  dbPath: string;
  /** The good WORKFLOW.md in use for a project, if any (the daemon's monitor keeps them fresh). */
  workflowFor(projectId: string): Workflow | undefined;
  /** Runs at once across all projects (each project's WORKFLOW.md limits its own too); default 16. */
  maxAgents?: number;
  /** Timers and timestamps; tests pass a manual clock. */
  clock?: Clock;
  /** Hears failures of the orchestrator's own bookkeeping (a full disk): logged, never thrown. */
  onError?(err: unknown, context: string): void;
}

/** What an attempt needs besides its run (internal). */
export interface OrchestratorDeps {
  runtime: Runtime;
  tracker: Tracker;
  clock: Clock;
  dbPath: string;
  publish(kind: string, run: LiveRun, payload?: Record<string, unknown>, message?: string): void;
}

/** How an attempt ended. `failure` is an agent FailureReason or one of Maestro's own classes. */
export type AttemptOutcome =
  | { kind: "succeeded"; threadId: string }
  | { kind: "failed"; failure: string; error: string; threadId?: string }
  | { kind: "cancelled"; why: string; threadId?: string };

/** The orchestrator's per-issue record, kept in memory and persisted as the issue's execution record. */
export interface Execution {
  issueId: string;
  identifier: string;
  phase: string;
  attempt: number;
  status: "running" | "completed" | "failed" | "retry_scheduled" | "paused" | "stopped" | "interrupted";
  error: string | null;
  failure: string | null;
  threadId: string | null;
  /** The Codex process of the latest run (its group leader), for stopping one a crashed daemon left behind. */
  pid: number | null;
  threadTotals: Record<string, TokenTotals>;
  resumeEligible: boolean;
  stopReason: string;
  retry: RetryPlan | null;
  pause: PauseInfo | null;
  /** Consecutive timeouts/interruptions, and automatic retries since the last person's word or clean finish. */
  streak: { interrupted: number; automatic: number };
  /** The last session snapshot (history included), so a finished run can still be read. */
  session: SessionView | null;
  startedAt: string | null;
  finishedAt: string | null;
  /** Tokens of the latest run. */
  runTokens: number;
}

export interface RetryPlan {
  attempt: number;
  dueAt: number;
  /** failure | continuation | manual | recovery */
  delayType: string;
  resumeThreadId: string | null;
}

export interface PauseInfo {
  reason: string;
  at: string;
  /** The issue's state and phase when it paused: a change by anyone lifts the pause. */
  state: string;
  phase: string;
}
