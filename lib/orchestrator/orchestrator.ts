// The scheduler (inventory §6, SPEC §7–§9): wakes on every committed change,
// on due retries and on a safety-net poll; reconciles running issues with
// what people did; dispatches runnable issues in priority order within the
// limits; turns each attempt's outcome into the next step (continue, retry
// with backoff, pause, complete); and survives restarts through each issue's
// execution record.
import { answerFor, systemClock, type AgentEvent, type Clock, type InterruptResponse, type PendingInterrupt } from "../agent/mod.ts";
import { conflict, isMaestroError, notFound } from "../errors.ts";
import type { RunnableIssue, RunnableScope } from "../tracker/mod.ts";
import { removeWorkspace } from "../workspace/mod.ts";
import type { Workflow } from "../workflow/mod.ts";
import { runAttempt } from "./attempt.ts";
import { processRecurring, type RecurringHost, runRecurringNow } from "./recurring.ts";
import { emptyExecution, loadExecutions, saveExecution } from "./execution-store.ts";
import { LiveRun } from "./live-run.ts";
import {
  advanceAfterSuccess,
  CONTINUATION_DELAY_MS,
  dispatchStates,
  executionPhase,
  failureDelayMs,
  INTERRUPTED_PAUSE_THRESHOLD,
  notDispatchable,
  projectLimit,
} from "./rules.ts";
import type { AttemptOutcome, Execution, OrchestratorDeps, OrchestratorOptions } from "./types.ts";
import type { ExecutionView, InterruptView, RuntimeSeries, RuntimeSnapshot, SessionsAnswer, SessionView } from "./wire.ts";
import { executionView, interruptView, runView, sessionView } from "./views.ts";

const DEFAULT_MAX_AGENTS = 16;
const DEFAULT_POLL_MS = 30_000;
/** Runnable issues are read this many at a time, until the free slots are taken. */
const RUNNABLE_PAGE = 64;
/** Session snapshots are written at most this often while a run streams. */
const SAVE_EVERY_MS = 2000;
/** Watchers (the dashboard) hear that a run's session moved on at most this often. */
const LIVE_NOTICE_EVERY_MS = 250;
/** Tokens are added to the issue's total at most this often while a run streams. */
const FLUSH_TOKENS_EVERY_MS = 5000;
/** How long shutdown waits for running attempts to stop. */
const SHUTDOWN_WAIT_MS = 5000;
/** Runtime events an execution view shows (newest, oldest first). */
const EXECUTION_EVENTS = 50;

// Failures a retry cannot fix: they wait for a person (or a WORKFLOW.md / setup fix) instead.
const PAUSE_AT_ONCE = new Set([
  "workspace_bootstrap",
  "turn_input_required",
  "approval_required",
  "codex_not_found",
  "invalid_workspace_cwd",
  "prompt_failed",
]);
// Failures that say "it hung": three in a row pause the issue.
const INTERRUPTIONS = new Set(["stall_timeout", "turn_timeout", "response_timeout", "run_interrupted"]);

/** An interrupt's id as people see it: the issue first, since thread ids are only unique per Codex process. */
const interruptKey = (run: LiveRun, agentId: string) => `${run.issue.identifier}/${agentId}`;

interface OpenInterrupt {
  interrupt: PendingInterrupt;
  run: LiveRun;
}

export class Orchestrator {
  readonly #opts: OrchestratorOptions;
  readonly #deps: OrchestratorDeps;
  readonly #clock: Clock;
  readonly #running = new Map<string, LiveRun>();
  readonly #finishing = new Set<Promise<void>>();
  readonly #executions = new Map<string, Execution>();
  readonly #interrupts = new Map<string, OpenInterrupt>();
  /** Issues whose worktree is being removed: not dispatched until that is over. */
  readonly #cleaning = new Set<string>();
  #wakeQueued = false;
  #cancelTimer = () => {};
  #unsubscribe = () => {};
  #stopping = false;
  #started = false;
  readonly #startedAt: number;
  #lastTickAt: number | null = null;
  /** The safety-net poll: the shortest polling.interval_ms among the workflows the last pass looked at. */
  #pollMs = DEFAULT_POLL_MS;
  readonly #totals = { runs: 0, succeeded: 0, failed: 0, tokens: 0 };
  readonly #recurring: RecurringHost;

  constructor(opts: OrchestratorOptions) {
    this.#opts = opts;
    this.#clock = opts.clock ?? systemClock;
    this.#startedAt = this.#clock.now();
    this.#deps = {
      runtime: opts.runtime,
      tracker: opts.tracker,
      clock: this.#clock,
      dbPath: opts.dbPath,
      publish: (kind, run, payload, message) => this.#publish(kind, run.issue, payload, message),
    };
    this.#recurring = {
      tracker: opts.tracker,
      now: () => this.#clock.now(),
      isBusy: (id, state, phase) => this.#isBusy(id, state, phase),
      publish: (kind, issue) => this.#publish(kind, issue),
      wake: () => this.wake(),
    };
  }

  /** Restores what a previous daemon left (crashed runs, retries, pauses), cleans finished worktrees and starts listening. */
  start(): void {
    if (this.#started) return;
    this.#started = true;
    for (const exec of loadExecutions(this.#opts.tracker)) this.#recover(exec);
    void this.#cleanupFinished();
    this.#unsubscribe = this.#opts.bus.subscribe((notice) => {
      // Our own runtime events would wake us in a loop; changes and workflow news are what matter.
      if (notice.kind === "change") this.wake();
    });
    this.wake();
  }

  /** Asks for a scheduling pass as soon as the current task is done (coalesced). */
  wake(): void {
    if (this.#wakeQueued || this.#stopping) return;
    this.#wakeQueued = true;
    // A macrotask, not a microtask: the write that woke us answers its caller first.
    setTimeout(() => {
      this.#wakeQueued = false;
      this.#tick();
    }, 0);
  }

  /**
   * Stops every running attempt and records it as resumable, so the next
   * daemon picks the thread up again (graceful shutdown, §6.10).
   */
  async stop(): Promise<void> {
    this.#stopping = true;
    this.#unsubscribe();
    this.#cancelTimer();
    for (const run of this.#running.values()) run.cancel("shutdown");
    // Finishing runs may start cleanups: wait until nothing is left, or the grace is over.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const grace = new Promise<void>((r) => (timer = setTimeout(r, SHUTDOWN_WAIT_MS)));
    let over = false;
    void grace.then(() => (over = true));
    while (this.#finishing.size > 0 && !over) await Promise.race([Promise.all([...this.#finishing]), grace]);
    clearTimeout(timer);
  }

  // ---- scheduling ----

  #tick(): void {
    if (this.#stopping) return;
    this.#lastTickAt = this.#clock.now();
    try {
      const runningRows = this.#reconcile();
      processRecurring(this.#recurring);
      this.#dispatch(runningRows);
      this.#dropStaleRetries();
    } catch (err) {
      this.#opts.onError?.(err, "scheduling pass");
    }
    this.#armTimer();
  }

  /** The next wake-up: the earliest due retry, or the safety-net poll. */
  #armTimer(): void {
    this.#cancelTimer();
    const now = this.#clock.now();
    let next = now + this.#pollMs;
    for (const exec of this.#executions.values()) {
      // A retry already due that this pass did not start waits for a change (a move, a free slot), which wakes us anyway.
      if (exec.status === "retry_scheduled" && exec.retry && exec.retry.dueAt > now) next = Math.min(next, exec.retry.dueAt);
    }
    const recurring = this.#opts.tracker.nextRecurringAt();
    if (recurring) next = Math.min(next, Date.parse(recurring));
    // Anything still due after this pass could not be acted on: look again in a second, never in a hot loop.
    this.#cancelTimer = this.#clock.setTimer(next > now ? next - now : 1000, () => this.wake());
  }

  /**
   * Stops runs whose issue a person moved away, deleted, or whose project was stopped (§6.10).
   * Returns the running issues' rows as read, for the dispatch that follows.
   */
  #reconcile(): Map<string, RunnableIssue> {
    if (this.#running.size === 0) return new Map();
    const rows = new Map(this.#opts.tracker.runnableByIds([...this.#running.keys()]).map((r) => [r.id, r]));
    for (const [id, run] of this.#running) {
      const row = rows.get(id);
      const why = !row
        ? "issue_deleted"
        : row.project_state !== "running"
        ? "project_stopped"
        : row.state === "cancelled"
        ? "issue_cancelled"
        : row.state === "backlog" || (row.state !== "done" && !run.workflow.config.tracker.active_states.includes(row.state))
        ? "inactive_state"
        : row.open_blockers > 0 && run.phase !== "done"
        ? "blocked"
        : undefined;
      if (why) run.cancel(why);
    }
    return rows;
  }

  #dispatch(runningRows: Map<string, RunnableIssue>): void {
    const maxAgents = this.#opts.maxAgents ?? DEFAULT_MAX_AGENTS;
    if (this.#running.size >= maxAgents) return;
    const now = this.#clock.now();
    const perProject = new Map<string, number>();
    const perState = new Map<string, number>();
    // A run counts under its issue's state now (the attempt moves ready to in_progress, agents move it on).
    for (const run of this.#running.values()) {
      perProject.set(run.issue.project_id, (perProject.get(run.issue.project_id) ?? 0) + 1);
      const key = `${run.issue.project_id}\u0000${runningRows.get(run.issue.id)?.state ?? run.issue.state}`;
      perState.set(key, (perState.get(key) ?? 0) + 1);
    }
    let pollMs = DEFAULT_POLL_MS;
    for (const run of this.#running.values()) pollMs = Math.min(pollMs, run.workflow.config.polling.interval_ms);
    // Only running projects with a workflow and a free slot are asked for issues, each for the states its workflow dispatches.
    const workflows = new Map<string, Workflow>();
    const scopes: RunnableScope[] = [];
    for (const project of this.#opts.tracker.projectRows()) {
      if (project.state !== "running") continue;
      const workflow = this.#opts.workflowFor(project.id);
      if (!workflow) continue;
      pollMs = Math.min(pollMs, workflow.config.polling.interval_ms);
      if ((perProject.get(project.id) ?? 0) >= projectLimit(workflow.config)) continue;
      workflows.set(project.id, workflow);
      scopes.push({ project_id: project.id, states: dispatchStates(workflow.config), done_phase: workflow.config.phases.done.enabled });
    }
    this.#pollMs = Math.max(100, pollMs);
    if (scopes.length === 0) return;
    for (let offset = 0; ; offset += RUNNABLE_PAGE) {
      const page = this.#opts.tracker.listRunnable(scopes, RUNNABLE_PAGE, offset);
      for (const issue of page) {
        if (this.#running.size >= maxAgents) return;
        if (this.#running.has(issue.id) || this.#cleaning.has(issue.id)) continue;
        const exec = this.#executions.get(issue.id);
        if (exec?.status === "paused" && !this.#pauseLifted(exec, issue)) continue;
        if (exec?.status === "retry_scheduled" && exec.retry && exec.retry.dueAt > now) continue;
        const workflow = workflows.get(issue.project_id)!;
        if (notDispatchable(issue, workflow.config)) continue;
        if ((perProject.get(issue.project_id) ?? 0) >= projectLimit(workflow.config)) continue;
        // A ready issue is in_progress the moment its attempt starts: it takes an in_progress slot.
        const state = issue.state === "ready" ? "in_progress" : issue.state;
        const stateKey = `${issue.project_id}\u0000${state}`;
        const stateLimit = workflow.config.agent.max_concurrent_agents_by_state[state];
        if (stateLimit !== undefined && (perState.get(stateKey) ?? 0) >= stateLimit) continue;
        perProject.set(issue.project_id, (perProject.get(issue.project_id) ?? 0) + 1);
        perState.set(stateKey, (perState.get(stateKey) ?? 0) + 1);
        this.#startRun(issue, workflow, exec);
      }
      if (page.length < RUNNABLE_PAGE) return;
    }
  }

  /**
   * A due retry whose issue no longer wants a run (moved to backlog, finished,
   * cancelled, deleted) is dropped (§6.15); one waiting for a stopped project
   * or a free slot stays.
   */
  #dropStaleRetries(): void {
    const now = this.#clock.now();
    const due = [...this.#executions.values()].filter((e) => e.status === "retry_scheduled" && e.retry && e.retry.dueAt <= now && !this.#running.has(e.issueId));
    if (due.length === 0) return;
    const rows = new Map(this.#opts.tracker.runnableByIds(due.map((e) => e.issueId)).map((r) => [r.id, r]));
    for (const exec of due) {
      const row = rows.get(exec.issueId);
      if (!row) {
        this.#forget(exec.issueId);
        continue;
      }
      const workflow = this.#opts.workflowFor(row.project_id);
      const why = workflow && notDispatchable(row, workflow.config);
      if (why !== "inactive_state" && why !== "terminal_state") continue;
      exec.status = "stopped";
      exec.retry = null;
      this.#save(exec);
      this.#publishFor(exec, "retry_dropped", { reason: why, state: row.state }, `retry dropped: ${row.identifier} is ${row.state}`);
    }
  }

  /** Running, retrying, paused, queued or in its done phase: a recurring run now would collide. */
  #isBusy(issueId: string, state: string, phase: string): boolean {
    const status = this.#executions.get(issueId)?.status;
    return this.#running.has(issueId) || status === "retry_scheduled" || status === "paused" ||
      ["ready", "in_progress", "in_review"].includes(state) || phase === "done";
  }

  /** §6.12 run-now (recurring.ts). */
  runIssueNow(identifier: string): { status: string; identifier: string; enqueued_at?: string } {
    return runRecurringNow(this.#recurring, identifier);
  }

  /** A person changed the issue's state or phase since it paused: the pause is over. */
  #pauseLifted(exec: Execution, issue: RunnableIssue): boolean {
    if (!exec.pause || (exec.pause.state === issue.state && exec.pause.phase === issue.workflow_phase)) return false;
    exec.status = "stopped";
    exec.pause = null;
    exec.streak = { interrupted: 0, automatic: 0 };
    this.#save(exec);
    return true;
  }

  #startRun(issue: RunnableIssue, workflow: Workflow, previous: Execution | undefined): void {
    const phase = executionPhase(issue.state, issue.workflow_phase, workflow.config);
    if (phase === "complete") return;
    const retry = previous?.status === "retry_scheduled" ? previous.retry : null;
    const exec = previous ?? emptyExecution(issue);
    const attempt = retry?.attempt ?? 0;
    const resume = retry?.resumeThreadId ?? undefined;
    // Only a resumed thread has totals to continue from; a new thread starts at zero (ids may repeat across processes).
    const baseline = resume && exec.threadTotals[resume] ? { [resume]: exec.threadTotals[resume]! } : undefined;
    const run = new LiveRun(issue, workflow, phase, attempt, this.#clock.now(), resume, baseline, {
      onEvent: (r, e) => this.#onAgentEvent(r, e),
      onInterrupt: (r, i) => this.#onInterrupt(r, i),
    });
    Object.assign(exec, {
      identifier: issue.identifier,
      phase,
      attempt,
      status: "running",
      error: null,
      failure: null,
      retry: null,
      pause: null,
      resumeEligible: false,
      stopReason: "",
      startedAt: new Date(run.startedAt).toISOString(),
      finishedAt: null,
      runTokens: 0,
    } satisfies Partial<Execution>);
    this.#executions.set(issue.id, exec);
    this.#running.set(issue.id, run);
    this.#totals.runs += 1;
    this.#save(exec);
    const how = retry ? `${retry.delayType} retry${retry.resumeThreadId ? `, resuming ${retry.resumeThreadId}` : ""}` : "first run";
    this.#publish("run_started", issue, { phase, attempt, delay_type: retry?.delayType ?? null, resume_thread_id: retry?.resumeThreadId ?? null }, `${phase} phase, attempt ${attempt} (${how})`);
    const done = runAttempt(this.#deps, run)
      .catch((err): AttemptOutcome => ({ kind: "failed", failure: "run_failed", error: (err as Error)?.message ?? String(err) }))
      .then((outcome) => this.#finishRun(run, exec, outcome))
      .catch((err) => {
        // The outcome could not be applied (the issue's move was refused, the disk is full): the
        // issue waits for a person with the reason, rather than looking as if it still ran.
        this.#running.delete(issue.id);
        this.#opts.onError?.(err, `finishing the run of ${issue.identifier}`);
        const message = isMaestroError(err) ? err.line : (err as Error)?.message ?? String(err);
        this.#pause(exec, "run_bookkeeping_failed", `finishing the run failed: ${message}`, issue.state, issue.workflow_phase);
      })
      .finally(() => {
        this.#finishing.delete(done);
        this.wake();
      });
    this.#finishing.add(done);
  }

  // ---- outcomes ----

  #finishRun(run: LiveRun, exec: Execution, outcome: AttemptOutcome): void {
    this.#running.delete(run.issue.id);
    for (const [id, open] of this.#interrupts) if (open.run === run) this.#interrupts.delete(id);
    this.#flushTokens(run);
    const state = run.state();
    exec.threadId = outcome.threadId ?? state?.threadId ?? exec.threadId;
    if (state) {
      exec.threadTotals = { ...exec.threadTotals, ...state.threadTotals };
      exec.session = sessionView(run, state);
    }
    exec.runTokens = run.tokens.totalTokens;
    exec.finishedAt = new Date(this.#clock.now()).toISOString();
    const tokens = { input_tokens: run.tokens.inputTokens, output_tokens: run.tokens.outputTokens, total_tokens: run.tokens.totalTokens };

    if (outcome.kind === "cancelled") {
      if (outcome.why === "shutdown") {
        exec.status = "interrupted";
        exec.stopReason = "graceful_shutdown";
        exec.resumeEligible = exec.threadId !== null;
      } else {
        exec.status = "stopped";
        exec.error = outcome.why;
      }
      this.#save(exec);
      this.#publish("run_stopped", run.issue, { phase: run.phase, attempt: run.attempt, reason: outcome.why, ...tokens }, `stopped: ${outcome.why}`);
      if (outcome.why === "issue_cancelled") void this.#cleanup(run.issue.id, run.issue.identifier);
      // A deleted issue has no row left to find its worktree by: the run still knows it.
      if (outcome.why === "issue_deleted" && run.workspacePath) void this.#removeWorktree(run.issue, run.workflow, run.workspacePath);
      return;
    }

    const config = run.workflow.config;
    if (outcome.kind === "succeeded") {
      this.#totals.succeeded += 1;
      exec.streak.interrupted = 0;
      const row = this.#opts.tracker.runnableByIds([run.issue.id])[0];
      if (!row) return this.#forget(run.issue.id);
      const advance = advanceAfterSuccess(run.phase, row.state, row.workflow_phase, config);
      if (advance.state !== row.state || advance.phase !== row.workflow_phase) {
        this.#opts.tracker.advanceIssue(row.id, advance.state, advance.phase);
      }
      this.#publish("run_completed", run.issue, { phase: run.phase, attempt: run.attempt, next: advance.next, next_phase: advance.phase, state: advance.state, ...tokens },
        `${run.phase} phase done; ${advance.state}/${advance.phase}, next: ${advance.next}; ${tokens.total_tokens} tokens`);
      if (advance.next === "continue") {
        this.#scheduleRetry(exec, run.attempt + 1, CONTINUATION_DELAY_MS, "continuation", null, config.agent.max_automatic_retries, { state: advance.state, phase: advance.phase });
      } else if (advance.next === "pause") {
        this.#pause(exec, "no_state_transition", `the ${run.phase} phase ended with ${row.identifier} still ${row.state}; move it on, or retry`, row.state, row.workflow_phase);
      } else {
        exec.status = "completed";
        exec.streak = { interrupted: 0, automatic: 0 };
        this.#save(exec);
        if (advance.next === "complete") void this.#cleanup(row.id, row.identifier);
      }
      return;
    }

    this.#totals.failed += 1;
    exec.failure = outcome.failure;
    exec.error = outcome.error;
    this.#publish("run_failed", run.issue, { phase: run.phase, attempt: run.attempt, failure: outcome.failure, error: outcome.error, ...tokens }, `${outcome.failure}: ${outcome.error}`);
    const row = this.#opts.tracker.runnableByIds([run.issue.id])[0];
    if (!row) return this.#forget(run.issue.id);
    if (PAUSE_AT_ONCE.has(outcome.failure)) {
      return this.#pause(exec, outcome.failure, outcome.error, row.state, row.workflow_phase);
    }
    if (INTERRUPTIONS.has(outcome.failure)) {
      exec.streak.interrupted += 1;
      if (exec.streak.interrupted >= INTERRUPTED_PAUSE_THRESHOLD) {
        return this.#pause(exec, "consecutive_failures", `${exec.streak.interrupted} timeouts in a row; last: ${outcome.error}`, row.state, row.workflow_phase);
      }
    }
    // A failed review goes back to implementation (§6.6): the next run fixes what the review found.
    let at: { state: string; workflow_phase: string } = row;
    if (run.phase === "review" && row.state === "in_review") {
      this.#opts.tracker.advanceIssue(row.id, "in_progress", "implementation");
      // A pause must remember where the issue is now, or the next pass takes the move for a person's and lifts it.
      at = { state: "in_progress", workflow_phase: "implementation" };
    }
    const attempt = run.attempt + 1;
    this.#scheduleRetry(exec, attempt, failureDelayMs(attempt, config.agent.max_retry_backoff_ms), "failure", null, config.agent.max_automatic_retries, at);
  }

  #scheduleRetry(
    exec: Execution,
    attempt: number,
    delayMs: number,
    delayType: string,
    resumeThreadId: string | null,
    maxAutomatic: number,
    at: { state: string; workflow_phase?: string; phase?: string },
  ): void {
    exec.streak.automatic += 1;
    if (exec.streak.automatic > maxAutomatic) {
      const phase = at.workflow_phase ?? at.phase ?? exec.phase;
      const retries = `${maxAutomatic} automatic ${maxAutomatic === 1 ? "retry" : "retries"} in a row`;
      return this.#pause(exec, "retry_limit_reached", `${retries}${exec.error ? `; last error: ${exec.error}` : ""}`, at.state, phase);
    }
    const dueAt = this.#clock.now() + delayMs;
    exec.status = "retry_scheduled";
    exec.retry = { attempt, dueAt, delayType, resumeThreadId };
    this.#save(exec);
    this.#publishFor(exec, "retry_scheduled", { attempt, delay_type: delayType, delay_ms: delayMs, due_at: new Date(dueAt).toISOString(), error: exec.error });
  }

  #pause(exec: Execution, reason: string, error: string, state: string, phase: string): void {
    exec.status = "paused";
    exec.retry = null;
    exec.error = error;
    exec.pause = { reason, at: new Date(this.#clock.now()).toISOString(), state, phase };
    this.#save(exec);
    this.#publishFor(exec, "retry_paused", { reason, error, consecutive_failures: exec.streak.interrupted, pause_threshold: INTERRUPTED_PAUSE_THRESHOLD });
  }

  #forget(issueId: string): void {
    this.#executions.delete(issueId);
  }

  // ---- restart ----

  /** What a record left by the previous daemon means now (§6.10 orphan recovery, §6.17). */
  #recover(exec: Execution): void {
    this.#executions.set(exec.issueId, exec);
    if (exec.status === "running" || exec.status === "interrupted") {
      const pid = exec.pid ?? (typeof exec.session?.pid === "number" ? exec.session.pid : undefined);
      // The old Codex may still be working in the worktree; it must not race the new attempt.
      if (pid && this.#opts.runtime.isProcessAlive(pid)) this.#opts.runtime.killProcessGroup(pid);
      const graceful = exec.status === "interrupted" && exec.stopReason === "graceful_shutdown";
      if (!graceful) {
        this.#publishFor(exec, "run_interrupted", { phase: exec.phase, attempt: exec.attempt, error: "the daemon stopped while this run was live" });
        exec.streak.interrupted += 1;
        exec.error = "run_interrupted: the daemon stopped while this run was live";
      }
      const resume = exec.threadId && (!graceful || exec.resumeEligible) ? exec.threadId : null;
      if (exec.streak.interrupted >= INTERRUPTED_PAUSE_THRESHOLD) {
        // The pause remembers where the issue is now, so only a person's move lifts it.
        const row = this.#opts.tracker.runnableByIds([exec.issueId])[0];
        this.#pause(exec, "consecutive_failures", `${exec.streak.interrupted} interrupted runs in a row`, row?.state ?? "", row?.workflow_phase ?? "");
        return;
      }
      exec.status = "retry_scheduled";
      exec.retry = { attempt: exec.attempt + 1, dueAt: this.#clock.now(), delayType: "recovery", resumeThreadId: resume };
      exec.stopReason = "";
      this.#save(exec);
    }
  }

  // ---- cleanup ----

  async #cleanupFinished(): Promise<void> {
    try {
      for (const w of this.#opts.tracker.finishedWithWorkspace()) await this.#cleanup(w.id, w.identifier);
    } catch (err) {
      this.#opts.onError?.(err, "cleaning finished worktrees");
    }
  }

  /** Removes a finished issue's worktree (before_remove first; its failure keeps the worktree). */
  async #cleanup(issueId: string, identifier: string): Promise<void> {
    const { tracker } = this.#opts;
    const path = tracker.workspaceOf(issueId);
    if (!path || this.#running.has(issueId) || this.#cleaning.has(issueId)) return;
    const issue = tracker.runnableByIds([issueId])[0];
    const workflow = issue && this.#opts.workflowFor(issue.project_id);
    if (!issue || !workflow) return;
    if (!(await this.#removeWorktree({ ...issue, identifier }, workflow, path))) return;
    try {
      tracker.forgetWorkspace(issueId);
    } catch (err) {
      this.#opts.onError?.(err, `forgetting the worktree of ${identifier}`);
    }
  }

  /** before_remove, then the worktree goes (its branch stays); true when it is gone. stop() waits for it. */
  #removeWorktree(issue: RunnableIssue, workflow: Workflow, path: string): Promise<boolean> {
    const done = this.#removeWorktreeNow(issue, workflow, path);
    const tracked: Promise<void> = done.then(() => void this.#finishing.delete(tracked));
    this.#finishing.add(tracked);
    return done;
  }

  async #removeWorktreeNow(issue: RunnableIssue, workflow: Workflow, path: string): Promise<boolean> {
    this.#cleaning.add(issue.id);
    try {
      await removeWorkspace(
        { runtime: this.#opts.runtime, root: workflow.config.workspace.root, hooks: workflow.config.hooks },
        { project: issue.project_name, identifier: issue.identifier, repoPath: issue.repo_path, branch: issue.branch_name ?? undefined },
      );
      this.#publish("workspace_removed", issue, { path }, path);
      return true;
    } catch (err) {
      const error = isMaestroError(err) ? err.line : (err as Error).message;
      this.#publish("workspace_cleanup_failed", issue, { path, error }, error);
      return false;
    } finally {
      this.#cleaning.delete(issue.id);
      this.wake();
    }
  }

  // ---- live session ----

  #onAgentEvent(run: LiveRun, event: AgentEvent): void {
    const now = this.#clock.now();
    switch (event.type) {
      case "turn_started":
        this.#publish("turn_started", run.issue, { thread_id: event.threadId, turn_id: event.turnId, phase: run.phase }, `${event.threadId} ${event.turnId}`);
        break;
      case "turn_ended":
        this.#publish("turn_completed", run.issue, { thread_id: event.threadId, turn_id: event.turnId, ok: event.result.ok, reason: event.result.ok ? null : event.result.reason },
          event.result.ok ? `${event.turnId} completed` : `${event.turnId}: ${event.result.reason}: ${event.result.message}`);
        break;
      case "interrupt_resolved": {
        const key = interruptKey(run, event.id);
        if (this.#interrupts.delete(key)) this.#publish("interrupt_resolved", run.issue, { id: key, how: event.how });
        break;
      }
    }
    if (event.type === "session_started") {
      // Before the session is attached: the thread and the pid must be on disk now, for a crash a moment later.
      const exec = this.#executions.get(run.issue.id);
      if (exec) {
        exec.threadId = event.threadId;
        exec.pid = event.pid;
        this.#save(exec);
      }
    }
    if (now - run.lastFlushAt >= FLUSH_TOKENS_EVERY_MS) this.#flushTokens(run);
    if (now - run.lastLiveAt >= LIVE_NOTICE_EVERY_MS) {
      run.lastLiveAt = now;
      this.#opts.bus.publishLive(run.issue.id);
    }
    if (now - run.lastSavedAt >= SAVE_EVERY_MS || event.type === "turn_started" || event.type === "turn_ended") {
      run.lastSavedAt = now;
      const exec = this.#executions.get(run.issue.id);
      const state = run.state();
      if (exec && state) {
        exec.threadId = state.threadId ?? exec.threadId;
        exec.threadTotals = { ...exec.threadTotals, ...state.threadTotals };
        exec.session = sessionView(run, state);
        this.#save(exec);
      }
    }
  }

  #flushTokens(run: LiveRun): void {
    run.lastFlushAt = this.#clock.now();
    if (run.unflushedTokens <= 0) return;
    const n = run.unflushedTokens;
    run.unflushedTokens = 0;
    this.#totals.tokens += n;
    try {
      this.#opts.tracker.addTokensSpent(run.issue.id, n);
    } catch (err) {
      run.unflushedTokens += n;
      this.#opts.onError?.(err, `adding tokens to ${run.issue.identifier}`);
    }
  }

  #onInterrupt(run: LiveRun, interrupt: PendingInterrupt): void {
    const key = interruptKey(run, interrupt.id);
    this.#interrupts.set(key, { interrupt, run });
    this.#publish("interrupt_requested", run.issue, { id: key, kind: interrupt.kind, summary: interrupt.summary }, interrupt.summary);
  }

  // ---- persistence and events ----

  #save(exec: Execution): void {
    try {
      saveExecution(this.#opts.tracker, exec);
    } catch (err) {
      this.#opts.onError?.(err, `saving the execution record of ${exec.identifier}`);
    }
  }

  #publish(kind: string, issue: { id: string; identifier: string; title?: string }, payload: Record<string, unknown> = {}, message?: string): void {
    this.#opts.bus.publishRuntime(kind, { issue_id: issue.id, identifier: issue.identifier, message, payload: { title: issue.title, ...payload } });
  }

  #publishFor(exec: Execution, kind: string, payload: Record<string, unknown>, message?: string): void {
    this.#publish(kind, { id: exec.issueId, identifier: exec.identifier }, payload, message);
  }

  // ---- what people and agents call ----

  /** §6.11: a person asks for a run now (after a pause, a failure, or to re-open finished work). */
  retryIssue(identifier: string): { status: string; identifier: string; due_at?: string; waiting_for?: string } {
    const { tracker } = this.#opts;
    const issue = tracker.getIssue({ identifier });
    if (this.#running.has(issue.id)) return { status: "already_running", identifier: issue.identifier };
    if ((issue.state === "done" && issue.workflow_phase !== "done") || issue.state === "cancelled") {
      tracker.advanceIssue(issue.id, "ready", "implementation");
    }
    const exec = this.#executions.get(issue.id);
    let status = "refresh_requested";
    if (exec && (exec.status === "paused" || exec.status === "retry_scheduled")) {
      exec.status = "retry_scheduled";
      exec.pause = null;
      exec.retry = { attempt: exec.attempt + 1, dueAt: this.#clock.now(), delayType: "manual", resumeThreadId: exec.retry?.resumeThreadId ?? null };
      status = "queued_now";
    }
    if (exec) {
      exec.streak = { interrupted: 0, automatic: 0 };
      this.#save(exec);
    }
    this.#publish("manual_retry_requested", issue, { status });
    this.wake();
    const row = tracker.runnableByIds([issue.id])[0];
    const workflow = row && this.#opts.workflowFor(row.project_id);
    const waiting = !row ? undefined : !workflow ? "workflow_unavailable" : notDispatchable(row, workflow.config);
    return {
      status,
      identifier: issue.identifier,
      ...(status === "queued_now" ? { due_at: new Date(this.#clock.now()).toISOString() } : {}),
      ...(waiting ? { waiting_for: waiting } : {}),
    };
  }

  /** Pending interrupts, oldest first, with their issue. */
  listInterrupts(): { items: InterruptView[] } {
    return { items: [...this.#interrupts].map(([key, o]) => interruptView(key, o.interrupt, o.run)) };
  }

  /** Answers a pending interrupt; throws not_found, conflict (already answered) or invalid_input (a bad answer). */
  answerInterrupt(id: string, response: InterruptResponse): { id: string; status: "accepted"; identifier: string } {
    const open = this.#interrupts.get(id);
    if (!open) throw notFound(`Interrupt "${id}" not found`, "it may have been answered or timed out; list the pending ones");
    const result = answerFor(open.interrupt, response);
    if (!open.interrupt.answer(result)) throw conflict(`Interrupt "${id}" is no longer pending`, "it was answered or timed out");
    this.#interrupts.delete(id);
    this.#publish("interrupt_answered", open.run.issue, { id, response: response as Record<string, unknown> });
    return { id, status: "accepted", identifier: open.run.issue.identifier };
  }

  /** GET /api/v1/state's orchestrator part. */
  snapshot(): RuntimeSnapshot {
    const now = this.#clock.now();
    const running = [...this.#running.values()].map((run) => runView(run, now, this.#interrupts));
    const retrying = [...this.#executions.values()]
      .filter((e) => e.status === "retry_scheduled" && e.retry)
      .map((e) => ({ issue_id: e.issueId, identifier: e.identifier, phase: e.phase, attempt: e.retry!.attempt, due_at: new Date(e.retry!.dueAt).toISOString(), delay_type: e.retry!.delayType, error: e.error }));
    const paused = [...this.#executions.values()]
      .filter((e) => e.status === "paused" && e.pause)
      .map((e) => ({ issue_id: e.issueId, identifier: e.identifier, phase: e.phase, attempt: e.attempt, reason: e.pause!.reason, error: e.error, paused_at: e.pause!.at }));
    return {
      status: this.#stopping ? "stopping" : "running",
      started_at: new Date(this.#startedAt).toISOString(),
      last_tick_at: this.#lastTickAt === null ? null : new Date(this.#lastTickAt).toISOString(),
      counts: { running: running.length, retrying: retrying.length, paused: paused.length, interrupts: this.#interrupts.size },
      running,
      retrying,
      paused,
      totals: { runs: this.#totals.runs, succeeded: this.#totals.succeeded, failed: this.#totals.failed, tokens: this.#totals.tokens },
    };
  }

  /** Live sessions by identifier, or one issue's (live, else its last persisted one). */
  sessions(identifier?: string): SessionsAnswer {
    if (identifier === undefined) {
      const sessions: Record<string, SessionView> = {};
      for (const run of this.#running.values()) {
        const state = run.state();
        if (state) sessions[run.issue.identifier] = sessionView(run, state);
      }
      return { sessions };
    }
    const issue = this.#opts.tracker.getIssue({ identifier });
    const run = this.#running.get(issue.id);
    const state = run?.state();
    if (run && state) return { issue: issue.identifier, source: "live", session: sessionView(run, state) };
    const exec = this.#executions.get(issue.id) ?? loadExecutions(this.#opts.tracker, issue.id)[0];
    if (exec?.session) return { issue: issue.identifier, source: "persisted", session: exec.session };
    throw notFound(`No session for "${issue.identifier}"`, "it has not run yet");
  }

  /** One issue's execution: status, retry or pause, the session with its transcript, pending interrupts, recent events. */
  execution(identifier: string): ExecutionView {
    const issue = this.#opts.tracker.getIssue({ identifier });
    const run = this.#running.get(issue.id);
    const exec = this.#executions.get(issue.id) ?? loadExecutions(this.#opts.tracker, issue.id)[0];
    const events = this.#opts.bus.runtimeHistory({ issueId: issue.id, limit: EXECUTION_EVENTS }).reverse();
    return { ...executionView(issue, exec, run, this.#interrupts, this.#opts.tracker.workspaceOf(issue.id) ?? null), runtime_events: events };
  }

  /** Runs started, completed, failed, retries and tokens per hour for the last `hours` hours (UTC). */
  runtimeSeries(hours: number): RuntimeSeries {
    return { hours, buckets: this.#opts.bus.runtimeSeries(hours, new Date(this.#clock.now())) };
  }
}
