import type { ProcessExit } from "../runtime/mod.ts";
import type { Clock } from "./clock.ts";
import { type Connection, ConnectionFailure } from "./connection.ts";
import { obj, str, type Incoming, type JsonObject } from "./json-rpc.ts";
import type { ThreadStartParams } from "./protocol/v2/thread-start-params.ts";
import type { TurnStartParams } from "./protocol/v2/turn-start-params.ts";
import type { UserInput } from "./protocol/v2/user-input.ts";
import { decideRequest } from "./server-requests.ts";
import { copyState, newSessionState, recordItem } from "./session-state.ts";
import { Interrupts } from "./interrupts.ts";
import { startThread } from "./start-thread.ts";
import { addTokens, readTotals, TokenLedger } from "./token-ledger.ts";
import type { AgentEvent, SessionOptions, SessionState, TurnInput, TurnResult } from "./types.ts";

/** A running Codex app-server session: one process, one thread, turns one after another. */
export interface AgentSession {
  readonly pid: number;
  /** The thread the next turn runs on. */
  readonly threadId: string;
  /** A snapshot of the live state. */
  state(): SessionState;
  /**
   * Runs one turn on the thread (the first with the issue prompt, later ones
   * with continuation guidance, SPEC-10.2-c) and resolves when it ends; never
   * rejects. Anything but `turn/completed` with status completed is a failure;
   * timeouts, an exit or too much garbage also end the session (the process
   * group is killed), so later turns fail at once.
   */
  runTurn(input: TurnInput): Promise<TurnResult>;
  /**
   * Asks Codex to stop the running turn (turn/interrupt); the turn then ends
   * as turn_cancelled through its turn/completed. False when no turn is
   * running or Codex refused (the turn had just ended). For cancellation,
   * follow with `close` (codex-app-server.md §8.1).
   */
  interrupt(): Promise<boolean>;
  /** Closes stdin, waits briefly, then SIGTERM and SIGKILL the process group. Resolves when it has exited. */
  close(): Promise<ProcessExit>;
}

type Outcome = Extract<TurnResult, { ok: false }> | { ok: true };

interface ActiveTurn {
  turnId: string | undefined;
  finish(outcome: Outcome): void;
}

export class Session implements AgentSession {
  readonly #state: SessionState;
  readonly #ledger: TokenLedger;
  readonly #interrupts: Interrupts;
  #threadParams: ThreadStartParams = {};
  #turn: ActiveTurn | undefined;
  /** turn/completed seen before we knew our turn id (a reordered stream). */
  readonly #early = new Map<string, JsonObject>();
  #cancelStall = () => {};
  #cancelDeadline = () => {};
  #closing = false;

  constructor(
    readonly conn: Connection,
    readonly opts: SessionOptions,
    readonly command: string,
    readonly clock: Clock,
  ) {
    this.#state = newSessionState(conn.child.pid);
    this.#ledger = new TokenLedger(opts.tokenBaseline);
    // Before thread/resume is sent: the replayed total may come in the same read as its response.
    if (opts.resumeThreadId) this.#ledger.seedOnFirst(opts.resumeThreadId);
    this.#interrupts = new Interrupts(conn, clock, opts.interruptTimeoutMs ?? 3_600_000, (e) => this.#emit(e), (pending) => this.#onInterruptsChanged(pending));
    conn.handlers = {
      onMessage: (m) => this.#onMessage(m),
      onActivity: () => this.#armStall(),
      onMalformed: (line, count) => this.#emit({ type: "malformed", line: line.slice(0, 500), count }),
      onFailure: (f) => this.#onFailure(f),
    };
  }

  get pid(): number {
    return this.conn.child.pid;
  }

  get threadId(): string {
    return this.#state.threadId ?? "";
  }

  /** Called once the thread is open: later exits are turn failures, not handshake ones. */
  begin(threadId: string, resumed: boolean, threadParams: ThreadStartParams): void {
    this.#threadParams = threadParams;
    this.#state.threadId = threadId;
    this.conn.describeExit = (exit) => this.#exitFailure(exit);
    this.#emit({ type: "session_started", threadId, resumed });
  }

  state(): SessionState {
    const s = copyState(this.#state);
    s.threadTotals = this.#ledger.totals();
    return s;
  }

  async runTurn(input: TurnInput): Promise<TurnResult> {
    if (this.#turn) throw new TypeError("runTurn: a turn is already running on this session");
    const threadId = this.threadId;
    const dead = this.conn.failure;
    if (dead) return { ok: false, reason: dead.reason === "session_closed" ? "session_closed" : dead.reason, message: dead.message, threadId };
    let turn: ActiveTurn = { turnId: undefined, finish: () => {} };
    const outcome = new Promise<Outcome>((resolve) => {
      turn = { turnId: undefined, finish: (o) => resolve(o) };
    });
    this.#turn = turn;
    this.#startTurn(input, true).catch((err: unknown) => this.#finish({ ok: false, reason: "response_error", message: `Codex turn could not start: ${String(err)}` }));
    const result = await outcome;
    this.#stopTimers();
    const turnId = turn.turnId;
    this.#turn = undefined;
    this.#interrupts.clearAll();
    const final: TurnResult = result.ok
      ? { ok: true, threadId: this.threadId, turnId: turnId ?? "", lastMessage: this.#state.lastMessage }
      : { ...result, threadId: this.threadId, ...(turnId ? { turnId } : {}) };
    if (turnId) this.#emit({ type: "turn_ended", threadId: this.threadId, turnId, result: final });
    return final;
  }

  async interrupt(): Promise<boolean> {
    const turnId = this.#turn?.turnId;
    if (!turnId) return false;
    try {
      await this.conn.request("turn/interrupt", { threadId: this.threadId, turnId }, this.opts.readTimeoutMs ?? 5000);
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<ProcessExit> {
    this.#closing = true;
    const child = this.conn.child;
    child.closeStdin();
    const waitFor = (ms: number) =>
      Promise.race([child.exited.then(() => true), new Promise<boolean>((res) => this.clock.setTimer(ms, () => res(false)))]);
    if (!(await waitFor(500))) {
      child.killGroup("SIGTERM");
      if (!(await waitFor(100))) child.killGroup("SIGKILL");
    }
    const exit = await child.exited;
    child.killGroup("SIGKILL"); // whatever it left behind in its group
    return exit;
  }

  async #startTurn(input: TurnInput, retryOnMissingThread: boolean): Promise<void> {
    const readTimeoutMs = this.opts.readTimeoutMs ?? 5000;
    const items: UserInput[] = [{ type: "text", text: input.text, text_elements: [] }];
    for (const path of input.images ?? []) items.push({ type: "localImage", path });
    const params: TurnStartParams = { threadId: this.threadId, input: items, cwd: this.opts.workspace };
    if (this.opts.approvalPolicy !== undefined) params.approvalPolicy = this.opts.approvalPolicy;
    if (this.opts.sandboxPolicy !== undefined) params.sandboxPolicy = this.opts.sandboxPolicy;
    let result: unknown;
    try {
      result = await this.conn.request("turn/start", params, readTimeoutMs);
    } catch (err) {
      if (!(err instanceof ConnectionFailure)) throw err;
      if (err.reason === "response_error" && retryOnMissingThread && /thread not found/i.test(err.detail ?? "")) {
        return this.#restartThread(input, readTimeoutMs);
      }
      if (err.reason === "response_timeout") this.conn.fail(err);
      return this.#finish({ ok: false, reason: err.reason, message: err.message });
    }
    const turnId = str(obj(obj(result).turn).id);
    if (!turnId) return this.#finish({ ok: false, reason: "response_error", message: "Codex answered turn/start without a turn id" });
    this.#turnStarted(turnId);
    const early = this.#early.get(turnId);
    if (early) this.#turnCompleted(early);
  }

  /** turn/start said the thread is gone (SPEC: fall back to a fresh thread once). */
  async #restartThread(input: TurnInput, readTimeoutMs: number): Promise<void> {
    try {
      const threadId = await startThread(this.conn, this.#threadParams, readTimeoutMs);
      Object.assign(this.#state, { threadId, turnId: undefined, sessionId: undefined, turnsStarted: 0, turnsCompleted: 0, history: [], lastMessage: undefined });
      this.#emit({ type: "session_started", threadId, resumed: false });
    } catch (err) {
      const f = err instanceof ConnectionFailure ? err : new ConnectionFailure("response_error", String(err));
      return this.#finish({ ok: false, reason: f.reason, message: f.message });
    }
    return this.#startTurn(input, false);
  }

  #turnStarted(turnId: string): void {
    const turn = this.#turn;
    if (!turn || turn.turnId === turnId) return;
    if (turn.turnId === undefined) turn.turnId = turnId;
    else return;
    this.#state.turnId = turnId;
    this.#state.sessionId = `${this.threadId}-${turnId}`;
    this.#state.turnsStarted++;
    this.#emit({ type: "turn_started", threadId: this.threadId, turnId });
    this.#armDeadline();
    this.#armStall();
  }

  #turnCompleted(params: JsonObject): void {
    const t = obj(params.turn);
    const id = str(t.id) ?? "";
    const turn = this.#turn;
    if (!turn) return;
    if (turn.turnId === undefined) {
      this.#early.set(id, params);
      return;
    }
    if (id !== turn.turnId) return;
    this.#state.turnsCompleted++;
    const error = str(obj(t.error).message);
    if (t.status === "completed") return this.#finish({ ok: true });
    if (t.status === "interrupted") return this.#finish({ ok: false, reason: "turn_cancelled", message: `Codex turn was interrupted${error ? `: ${error}` : ""}` });
    this.#finish({ ok: false, reason: "turn_failed", message: `Codex turn failed: ${error ?? `status ${JSON.stringify(t.status)}`}` });
  }

  #finish(outcome: Outcome): void {
    this.#turn?.finish(outcome);
  }

  #onMessage(msg: Extract<Incoming, { kind: "request" | "notification" }>): void {
    const at = this.clock.now();
    this.#state.lastEvent = { method: msg.method, at };
    if (msg.kind === "request") return this.#onRequest(msg.id, msg.method, msg.params);
    const p = msg.params;
    switch (msg.method) {
      case "turn/started":
        return this.#turnStarted(str(obj(p.turn).id) ?? "");
      case "turn/completed":
        return this.#turnCompleted(p);
      case "item/completed":
        return recordItem(this.#state, obj(p.item), at);
      case "thread/tokenUsage/updated":
        return this.#onTokens(str(p.threadId) ?? this.threadId, obj(p.tokenUsage).total);
      case "account/rateLimits/updated":
        this.#state.rateLimits = p.rateLimits;
        return;
      case "serverRequest/resolved":
        return this.#interrupts.resolvedByServer(p.requestId);
      default:
        if (!msg.method.includes("/delta") && !msg.method.endsWith("Delta")) this.#emit({ type: "notification", method: msg.method });
    }
  }

  #onTokens(threadId: string, total: unknown): void {
    const totals = readTotals(total);
    if (!totals) return;
    const delta = this.#ledger.record(threadId, totals);
    if (!delta) return;
    this.#state.tokens = addTokens(this.#state.tokens, delta);
    this.#emit({ type: "tokens", threadId, delta, total: totals });
  }

  #onRequest(id: number | string, method: string, params: JsonObject): void {
    const decision = decideRequest(method, params, this.opts.approvalPolicy, Boolean(this.opts.onInterrupt));
    switch (decision.action) {
      case "answer":
        this.conn.respond(id, decision.result);
        return this.#emit({ type: "auto_answered", method, result: decision.result });
      case "error":
        return this.conn.respondError(id, decision.code, decision.message);
      case "fail":
        this.conn.fail(new ConnectionFailure(decision.reason, decision.message));
        return;
      case "ask": {
        const interrupt = this.#interrupts.open(id, method, params, decision.kind, decision.summary, decision.decline);
        this.opts.onInterrupt?.(interrupt);
      }
    }
  }

  /** While a human is asked, silence is expected: the stall and turn timers wait, and restart after the answer. */
  #onInterruptsChanged(pending: number): void {
    if (!this.#turn?.turnId) return;
    if (pending > 0) return this.#stopTimers();
    this.#armDeadline();
    this.#armStall();
  }

  #armStall(): void {
    this.#cancelStall();
    const ms = this.opts.stallTimeoutMs ?? 300_000;
    if (ms <= 0 || !this.#turn?.turnId || this.#interrupts.pending > 0) return;
    this.#cancelStall = this.clock.setTimer(ms, () => this.#timeout("stall_timeout", `Codex was silent for ${ms} ms during the turn`));
  }

  #armDeadline(): void {
    this.#cancelDeadline();
    const ms = this.opts.turnTimeoutMs ?? 3_600_000;
    if (ms <= 0 || this.#interrupts.pending > 0) return;
    this.#cancelDeadline = this.clock.setTimer(ms, () => this.#timeout("turn_timeout", `Codex turn ran longer than ${ms} ms`));
  }

  #stopTimers(): void {
    this.#cancelStall();
    this.#cancelDeadline();
  }

  #timeout(reason: "stall_timeout" | "turn_timeout", message: string): void {
    this.conn.fail(new ConnectionFailure(reason, message));
  }

  #onFailure(f: ConnectionFailure): void {
    this.#stopTimers();
    this.#interrupts.clearAll();
    this.#finish({ ok: false, reason: f.reason, message: f.message });
  }

  #exitFailure(exit: ProcessExit): ConnectionFailure {
    if (this.#closing) return new ConnectionFailure("session_closed", "Codex session was closed");
    const how = exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
    const tail = this.conn.child.stderrTail().trim().split("\n").slice(-3).join(" | ").slice(-500);
    const when = this.#turn ? "during the turn" : "between turns";
    return new ConnectionFailure("port_exit", `Codex ${how} ${when}${tail ? `: ${tail}` : ""}`);
  }

  #emit(event: DistributiveOmit<AgentEvent, "at" | "pid">): void {
    this.opts.onEvent?.({ ...event, at: this.clock.now(), pid: this.pid } as AgentEvent);
  }
}

type DistributiveOmit<T, K extends keyof never> = T extends unknown ? Omit<T, K> : never;
