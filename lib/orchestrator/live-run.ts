// One running attempt as the scheduler holds it: the issue, the phase, the
// Codex session once it exists, tokens not yet added to the issue, and the
// way to stop it.
import { addTokens, noTokens, type AgentEvent, type AgentSession, type PendingInterrupt, type SessionState, type TokenTotals } from "../agent/mod.ts";
import type { RunnableIssue } from "../tracker/mod.ts";
import type { Phase, Workflow } from "../workflow/mod.ts";

export interface RunHooks {
  onEvent(run: LiveRun, event: AgentEvent): void;
  onInterrupt(run: LiveRun, interrupt: PendingInterrupt): void;
}

export class LiveRun {
  workspacePath = "";
  /** Why it is being stopped (a person, reconciliation, shutdown); set once. */
  cancelled: string | undefined;
  session: AgentSession | undefined;
  /** Tokens of this attempt, and the part not yet added to the issue's total. */
  tokens: TokenTotals = noTokens();
  unflushedTokens = 0;
  lastFlushAt: number;
  lastSavedAt = 0;
  lastLiveAt = 0;
  /** The last snapshot of the session, kept after it closes. */
  lastState: SessionState | undefined;

  constructor(
    readonly issue: RunnableIssue,
    readonly workflow: Workflow,
    readonly phase: Phase,
    readonly attempt: number,
    readonly startedAt: number,
    readonly resumeThreadId: string | undefined,
    readonly tokenBaseline: Record<string, TokenTotals> | undefined,
    readonly hooks: RunHooks,
  ) {
    this.lastFlushAt = startedAt;
  }

  attach(session: AgentSession): void {
    this.session = session;
    if (this.cancelled) void session.close();
  }

  /** Stops the attempt: the Codex process group is closed and the attempt ends as cancelled. */
  cancel(why: string): void {
    if (this.cancelled) return;
    this.cancelled = why;
    void this.session?.close();
  }

  /** The live session state, or the last one seen. */
  state(): SessionState | undefined {
    if (this.session) this.lastState = this.session.state();
    return this.lastState;
  }

  onAgentEvent(event: AgentEvent): void {
    if (event.type === "tokens") {
      this.tokens = addTokens(this.tokens, event.delta);
      this.unflushedTokens += event.delta.totalTokens;
    }
    this.hooks.onEvent(this, event);
  }

  onInterrupt(interrupt: PendingInterrupt): void {
    this.hooks.onInterrupt(this, interrupt);
  }
}
