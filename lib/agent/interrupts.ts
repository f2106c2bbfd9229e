import type { Clock } from "./clock.ts";
import type { Connection } from "./connection.ts";
import { obj, str, type JsonObject } from "./json-rpc.ts";
import type { JsonValue } from "./protocol/serde_json/json-value.ts";
import type { AgentEvent, InterruptKind, PendingInterrupt } from "./types.ts";

interface Entry {
  interrupt: PendingInterrupt;
  settle(how: "answered" | "timed_out" | "cleared", result?: JsonValue): boolean;
}

type Emit = (e: Extract<AgentEvent, { type: "interrupt_requested" | "interrupt_resolved" }> extends infer E ? (E extends unknown ? Omit<E, "at" | "pid"> : never) : never) => void;

/**
 * Server requests waiting for a human. Each is answered once: by the caller,
 * by the timeout (with its kind's decline), or dropped when Codex resolves it
 * itself (serverRequest/resolved), the turn ends or the process dies.
 */
export class Interrupts {
  readonly #open = new Map<string, Entry>();

  constructor(
    readonly conn: Connection,
    readonly clock: Clock,
    readonly timeoutMs: number,
    readonly emit: Emit,
    /** Called with the number still pending after each change. */
    readonly onChange: (pending: number) => void,
  ) {}

  get pending(): number {
    return this.#open.size;
  }

  open(requestId: number | string, method: string, params: JsonObject, kind: InterruptKind, summary: string, decline: JsonValue): PendingInterrupt {
    const key = String(requestId);
    const threadId = str(params.threadId);
    const turnId = str(params.turnId);
    const id = [threadId, turnId, str(params.itemId), key].filter(Boolean).join(":");
    let settled = false;
    let cancelTimer = () => {};
    const settle = (how: "answered" | "timed_out" | "cleared", result?: JsonValue) => {
      if (settled) return false;
      settled = true;
      cancelTimer();
      this.#open.delete(key);
      if (result !== undefined) this.conn.respond(requestId, result);
      this.emit({ type: "interrupt_resolved", id, how });
      this.onChange(this.#open.size);
      return true;
    };
    const interrupt: PendingInterrupt = {
      id,
      kind,
      method,
      summary,
      params,
      threadId,
      turnId,
      requestedAt: this.clock.now(),
      answer: (result) => settle("answered", result),
      decline: () => settle("answered", decline),
    };
    this.#open.set(key, { interrupt, settle });
    if (this.timeoutMs > 0) cancelTimer = this.clock.setTimer(this.timeoutMs, () => void settle("timed_out", decline));
    this.emit({ type: "interrupt_requested", interrupt });
    this.onChange(this.#open.size);
    return interrupt;
  }

  /** serverRequest/resolved: Codex no longer waits for this request. */
  resolvedByServer(requestId: unknown): void {
    this.#open.get(String(requestId ?? obj(requestId)))?.settle("cleared");
  }

  /** Drops every pending interrupt without answering (turn over, process gone). */
  clearAll(): void {
    for (const e of [...this.#open.values()]) e.settle("cleared");
  }
}
