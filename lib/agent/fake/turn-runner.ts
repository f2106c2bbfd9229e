import { dirName, resolvePath, type Runtime } from "../../runtime/mod.ts";
import type { Scenario, ScenarioTurn, Step } from "./scenario.ts";
import { addTokens, commandItem, fileChangeItem, type TokenBreakdown, type TurnError, type TurnStatus, ZERO_TOKENS } from "./wire.ts";

/** Ends the process from inside a turn (a `crash` step, or the client gone while it was needed). */
export class FakeExit {
  constructor(readonly code: number) {}
}

/** What the turn runner needs from the connection. */
export interface TurnHost {
  runtime: Runtime;
  scenario: Scenario;
  /** Writes one JSON message as a line on stdout. */
  send(message: Record<string, unknown>): void;
  /** Writes several JSON messages with one write. */
  sendMany(messages: Record<string, unknown>[]): void;
  nextItemId(): string;
  /** Sends a server request and waits for the client's answer; undefined when the turn was interrupted. */
  request(turn: ActiveTurn, method: string, params: Record<string, unknown>): Promise<Answer | undefined>;
  /** The thread's absolute token totals, updated by `tokens` steps. */
  tokens: Map<string, TokenBreakdown>;
}

/** A client's answer to a server request. */
export interface Answer {
  result?: unknown;
  error?: unknown;
}

/** The turn in progress: its ids and the interrupt signal every wait listens to. */
export class ActiveTurn {
  interrupted = false;
  /** Set at stdin EOF: a wait only the client could end becomes the end of the process. */
  private inputEnded = false;
  private readonly forever = new Set<() => void>();
  private readonly wakers = new Set<() => void>();
  constructor(readonly threadId: string, readonly turnId: string, readonly cwd: string) {}

  /** Marks the turn interrupted and ends every wait at once. */
  interrupt(): void {
    this.interrupted = true;
    for (const wake of this.wakers) wake();
    this.wakers.clear();
  }

  /** Stdin is closed: ends the process from every wait that only the client could end. */
  endInput(): void {
    this.inputEnded = true;
    for (const stop of this.forever) stop();
    this.forever.clear();
  }

  /** Calls `fn` when the turn is interrupted; returns a function that forgets it. */
  onInterrupt(fn: () => void): () => void {
    this.wakers.add(fn);
    return () => void this.wakers.delete(fn);
  }

  /** Waits `ms` (or until interrupted; "forever" waits only for that). */
  wait(ms: number | "forever"): Promise<void> {
    if (this.interrupted) return Promise.resolve();
    if (ms === "forever" && this.inputEnded) return Promise.reject(new FakeExit(0));
    return new Promise((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const forget = this.onInterrupt(() => {
        if (timer !== undefined) clearTimeout(timer);
        resolve();
      });
      if (ms === "forever") {
        this.forever.add(() => {
          forget();
          reject(new FakeExit(0));
        });
      } else {
        timer = setTimeout(() => {
          forget();
          resolve();
        }, ms);
      }
    });
  }
}

/** How a turn ended. */
export interface TurnOutcome {
  status: TurnStatus;
  error: TurnError | null;
}

const DELTA_CHUNK = 500;
const accepted = (decision: unknown) =>
  decision === "accept" || decision === "acceptForSession" || (typeof decision === "object" && decision !== null);

/** Plays one scenario turn; resolves to its outcome or throws FakeExit. */
export async function runTurn(host: TurnHost, turn: ActiveTurn, plan: ScenarioTurn): Promise<TurnOutcome> {
  for (const step of plan.steps) {
    if (plan.delayMs > 0) await turn.wait(plan.delayMs);
    if (turn.interrupted) break;
    const outcome = await runStep(host, turn, step);
    if (outcome) return outcome;
    if (turn.interrupted) break;
  }
  return turn.interrupted ? { status: "interrupted", error: null } : { status: "completed", error: null };
}

function base(turn: ActiveTurn): { threadId: string; turnId: string } {
  return { threadId: turn.threadId, turnId: turn.turnId };
}

async function runStep(host: TurnHost, turn: ActiveTurn, step: Step): Promise<TurnOutcome | undefined> {
  const ids = base(turn);
  switch (step.kind) {
    case "message":
      return await message(host, turn, step.deltas);
    case "command":
      return await command(host, turn, step.command, step.approval);
    case "fileChange":
      return await fileChange(host, turn, step.path, step.content, step.approval);
    case "tokens": {
      const last: TokenBreakdown = {
        totalTokens: step.input + step.output, inputTokens: step.input, cachedInputTokens: step.cachedInput,
        outputTokens: step.output, reasoningOutputTokens: step.reasoning,
      };
      const total = addTokens(host.tokens.get(turn.threadId) ?? ZERO_TOKENS, last);
      host.tokens.set(turn.threadId, total);
      host.send({ method: "thread/tokenUsage/updated", params: { ...ids, tokenUsage: { total, last, modelContextWindow: 258400 } } });
      return undefined;
    }
    case "userInput":
      return await userInput(host, turn, step.questions);
    case "notify":
      host.send({ method: step.method, params: placeholders(step.params, turn) });
      return undefined;
    case "raw":
      host.runtime.stdout.write(`${placeholders(step.line, turn) as string}\n`);
      return undefined;
    case "stderr":
      host.runtime.stderr.write(`${step.line}\n`);
      return undefined;
    case "stall":
      await turn.wait(step.ms);
      // The one line a client can watch to see the quiet period end (stdout stays silent).
      if (!turn.interrupted) host.runtime.stderr.write(`fake-codex: stall of ${step.ms} ms over\n`);
      return undefined;
    case "fail": {
      const error: TurnError = { message: step.message, codexErrorInfo: step.codexErrorInfo, additionalDetails: null };
      host.send({ method: "error", params: { error, willRetry: false, ...ids } });
      return { status: "failed", error };
    }
    case "crash":
      host.runtime.stderr.write(`${step.stderr}\n`);
      throw new FakeExit(step.code);
  }
}

async function message(host: TurnHost, turn: ActiveTurn, deltas: string[]): Promise<undefined> {
  const itemId = host.nextItemId();
  const ids = base(turn);
  host.send({ method: "item/started", params: { item: { type: "agentMessage", id: itemId, text: "", phase: null }, ...ids } });
  let sent = 0;
  while (sent < deltas.length) {
    const chunk = deltas.slice(sent, sent + DELTA_CHUNK);
    host.sendMany(chunk.map((delta) => ({ method: "item/agentMessage/delta", params: { ...ids, itemId, delta } })));
    sent += chunk.length;
    // Long streams give a turn/interrupt the chance to arrive between chunks.
    if (sent < deltas.length) await new Promise((resolve) => setTimeout(resolve, 0));
    if (turn.interrupted) break;
  }
  const text = deltas.slice(0, sent).join("");
  host.send({ method: "item/completed", params: { item: { type: "agentMessage", id: itemId, text, phase: null }, ...ids } });
  return undefined;
}

/** Asks for approval when the step wants it; returns the client's verdict. */
async function approve(host: TurnHost, turn: ActiveTurn, method: string, params: Record<string, unknown>): Promise<"accept" | "decline" | "cancel"> {
  const answer = await host.request(turn, method, params);
  if (!answer) return "cancel";
  const decision = (answer.result as { decision?: unknown } | undefined)?.decision;
  if (decision === "cancel") return "cancel";
  return accepted(decision) ? "accept" : "decline";
}

async function command(host: TurnHost, turn: ActiveTurn, cmd: string, approval: string | undefined): Promise<TurnOutcome | undefined> {
  const itemId = host.nextItemId();
  const ids = base(turn);
  host.send({ method: "item/started", params: { item: commandItem(itemId, cmd, turn.cwd, "inProgress", null, null), ...ids } });
  if (approval !== undefined) {
    const verdict = await approve(host, turn, "item/commandExecution/requestApproval", {
      kind: "command", ...ids, itemId, startedAtMs: 0, environmentId: "local", command: cmd, cwd: turn.cwd,
      commandActions: [{ type: "unknown", command: cmd }], ...(approval ? { reason: approval } : {}),
      availableDecisions: ["accept", "acceptForSession", "decline", "cancel"],
    });
    if (verdict !== "accept") {
      host.send({ method: "item/completed", params: { item: commandItem(itemId, cmd, turn.cwd, "declined", null, null), ...ids } });
      if (verdict === "cancel") turn.interrupt();
      return undefined;
    }
  }
  const r = await host.runtime.runProcess(["sh", "-c", cmd], { cwd: turn.cwd, timeoutMs: 600_000 });
  const output = r.stdout + r.stderr;
  if (output) host.send({ method: "item/commandExecution/outputDelta", params: { ...ids, itemId, delta: output } });
  const status = r.code === 0 ? "completed" : "failed";
  host.send({ method: "item/completed", params: { item: commandItem(itemId, cmd, turn.cwd, status, r.code ?? -1, output), ...ids } });
  return undefined;
}

async function fileChange(host: TurnHost, turn: ActiveTurn, path: string, content: string, approval: string | undefined): Promise<TurnOutcome | undefined> {
  const itemId = host.nextItemId();
  const ids = base(turn);
  host.send({ method: "item/started", params: { item: fileChangeItem(itemId, path, content, "inProgress"), ...ids } });
  if (approval !== undefined) {
    const verdict = await approve(host, turn, "item/fileChange/requestApproval", { ...ids, itemId, startedAtMs: 0, ...(approval ? { reason: approval } : {}) });
    if (verdict !== "accept") {
      host.send({ method: "item/completed", params: { item: fileChangeItem(itemId, path, content, "declined"), ...ids } });
      if (verdict === "cancel") turn.interrupt();
      return undefined;
    }
  }
  const target = resolvePath(turn.cwd, path);
  host.runtime.fs.mkdirp(dirName(target));
  host.runtime.fs.writeAtomic(target, content);
  host.send({ method: "item/completed", params: { item: fileChangeItem(itemId, path, content, "completed"), ...ids } });
  return undefined;
}

async function userInput(host: TurnHost, turn: ActiveTurn, questions: unknown[]): Promise<undefined> {
  const itemId = host.nextItemId();
  const answer = await host.request(turn, "item/tool/requestUserInput", { ...base(turn), itemId, questions, isBlocking: true });
  if (!answer) return undefined;
  // Goes on per the answer: the next agent message repeats it.
  const answers = (answer.result as { answers?: Record<string, { answers?: unknown }> } | undefined)?.answers;
  const text = answers
    ? `Answers: ${Object.entries(answers).map(([id, a]) => `${id}=${Array.isArray(a?.answers) ? a.answers.join("|") : ""}`).join(", ")}`
    : `No answer: ${JSON.stringify(answer.error ?? null)}`;
  await message(host, turn, [text]);
  return undefined;
}

/** Replaces "$threadId" and "$turnId" in every string of a scenario value. */
function placeholders(value: unknown, turn: ActiveTurn): unknown {
  if (typeof value === "string") return value.replaceAll("$threadId", turn.threadId).replaceAll("$turnId", turn.turnId);
  if (Array.isArray(value)) return value.map((v) => placeholders(v, turn));
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, placeholders(v, turn)]));
  }
  return value;
}
