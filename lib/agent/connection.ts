import type { ProcessExit, SpawnedProcess } from "../runtime/mod.ts";
import type { Clock } from "./clock.ts";
import { parseLine, type Incoming, type JsonObject } from "./json-rpc.ts";
import type { FailureReason } from "./types.ts";

/** Why the connection can no longer be used, or a request did not get its answer. */
export class ConnectionFailure extends Error {
  constructor(
    readonly reason: FailureReason,
    message: string,
    /** For response errors: the server's JSON-RPC error message. */
    readonly detail?: string,
  ) {
    super(message);
  }
}

interface Pending {
  method: string;
  resolve(result: unknown): void;
  reject(err: ConnectionFailure): void;
  cancelTimer(): void;
}

export interface ConnectionHandlers {
  /** Every protocol line that is not a response to us: notifications and server requests. */
  onMessage(msg: Extract<Incoming, { kind: "request" | "notification" }>): void;
  /** Any stdout line at all (activity for the stall timer). */
  onActivity(): void;
  onMalformed(line: string, count: number): void;
  /** The connection died (exit, too much garbage); called once, after pending requests were rejected. */
  onFailure(failure: ConnectionFailure): void;
}

/**
 * JSON-RPC over one app-server process's stdin/stdout (codex-app-server.md
 * §1): our requests get ids 1, 2, ... and wait for their response for at most
 * the read timeout; lines that are not JSON-RPC are skipped and counted, and
 * past the limit the process is killed. The exit of the process fails every
 * waiting request.
 */
export class Connection {
  #nextId = 1;
  readonly #pending = new Map<number | string, Pending>();
  #malformed = 0;
  #failure: ConnectionFailure | undefined;
  handlers: ConnectionHandlers | undefined;

  constructor(
    readonly child: SpawnedProcess,
    readonly clock: Clock,
    readonly maxMalformed: number,
    /** Describes an exit for the message: e.g. `Codex exited with code 1 during the turn`. */
    public describeExit: (exit: ProcessExit) => ConnectionFailure,
  ) {
    void child.exited.then((exit) => this.fail(this.describeExit(exit)));
  }

  get failure(): ConnectionFailure | undefined {
    return this.#failure;
  }

  /** Handles one stdout line (wired to spawnProcess's onLine). */
  receive(line: string): void {
    if (this.#failure) return;
    if (line.trim() === "") return;
    this.handlers?.onActivity();
    const msg = parseLine(line);
    if (msg.kind === "malformed") {
      this.#malformed++;
      this.handlers?.onMalformed(line, this.#malformed);
      if (this.#malformed > this.maxMalformed) {
        this.fail(new ConnectionFailure("malformed_output", `Codex wrote ${this.#malformed} lines that are not JSON-RPC (last: ${JSON.stringify(line.slice(0, 200))})`));
      }
      return;
    }
    if (msg.kind === "response") {
      const p = this.#pending.get(msg.id);
      if (!p) return;
      this.#pending.delete(msg.id);
      p.cancelTimer();
      if (msg.error) p.reject(new ConnectionFailure("response_error", `Codex refused ${p.method}: ${msg.error.message}`, msg.error.message));
      else p.resolve(msg.result);
      return;
    }
    this.handlers?.onMessage(msg);
  }

  /** Sends a request; resolves with its result, rejects with a ConnectionFailure (error, timeout, exit). */
  request(method: string, params: JsonObject, timeoutMs: number): Promise<unknown> {
    if (this.#failure) return Promise.reject(this.#failure);
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      const cancelTimer = this.clock.setTimer(timeoutMs, () => {
        this.#pending.delete(id);
        reject(new ConnectionFailure("response_timeout", `Codex did not answer ${method} within ${timeoutMs} ms`));
      });
      this.#pending.set(id, { method, resolve, reject, cancelTimer });
      this.#send({ method, id, params });
    });
  }

  notify(method: string, params: JsonObject): void {
    this.#send({ method, params });
  }

  respond(id: number | string, result: unknown): void {
    this.#send({ id, result });
  }

  respondError(id: number | string, code: number, message: string): void {
    this.#send({ id, error: { code, message } });
  }

  /** Ends the connection: kills the process group and fails what waits. First failure wins. */
  fail(failure: ConnectionFailure): void {
    if (this.#failure) return;
    this.#failure = failure;
    this.child.killGroup("SIGKILL");
    for (const p of this.#pending.values()) {
      p.cancelTimer();
      p.reject(failure);
    }
    this.#pending.clear();
    this.handlers?.onFailure(failure);
  }

  #send(msg: JsonObject): void {
    if (!this.#failure) this.child.write(`${JSON.stringify(msg)}\n`);
  }
}
