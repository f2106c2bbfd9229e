import type { Runtime } from "../../runtime/mod.ts";
import type { Scenario } from "./scenario.ts";
import { ActiveTurn, type Answer, FakeExit, runTurn, type TurnHost } from "./turn-runner.ts";
import { CLI_VERSION, INVALID_REQUEST, sandboxPolicy, threadObject, type TokenBreakdown, turnObject } from "./wire.ts";

type Message = Record<string, unknown>;
type Id = string | number;

interface PendingRequest {
  turn: ActiveTurn;
  resolve(answer: Answer | undefined): void;
}

/**
 * One app-server connection over stdio: answers the client's requests, plays
 * the scenario's turns and routes the client's answers to server requests.
 * Resolves to the exit code of a crash; after a clean end (stdin closed) it
 * never resolves and leaves nothing running, so the process exits 0 by itself.
 */
export function serveFakeCodex(runtime: Runtime, scenario: Scenario): Promise<number> {
  return new Promise<number>((finish) => {
    const threads = new Map<string, { cwd: string }>();
    const pending = new Map<Id, PendingRequest>();
    let initialized = false;
    let ended = false;
    let active: ActiveTurn | undefined;
    let threadCount = 0;
    let turnCount = 0;
    let itemCount = 0;
    let serverRequestId = 0;
    let done = false;
    const exit = (code: number) => {
      if (done) return;
      done = true;
      // At a clean end the process is left to end by itself: Node then writes out
      // what a full pipe still holds, which an explicit exit would drop.
      if (code !== 0) finish(code);
      else if (active) active.interrupt();
    };

    const stamp = (m: Message): Message => (scenario.emittedAtMs && "method" in m && !("id" in m) ? { ...m, emittedAtMs: Date.now() } : m);
    // Once the end is decided nothing more is written (a cut-short turn winds down silently).
    const send = (m: Message) => void (done || runtime.stdout.write(`${JSON.stringify(stamp(m))}\n`));
    const reply = (id: Id, result: unknown) => send({ id, result });
    const fail = (id: Id, message: string) => send({ id, error: { code: INVALID_REQUEST, message } });

    const host: TurnHost = {
      runtime,
      scenario,
      send,
      sendMany: (ms) => void (done || runtime.stdout.write(ms.map((m) => `${JSON.stringify(stamp(m))}\n`).join(""))),
      nextItemId: () => `item-${++itemCount}`,
      tokens: new Map<string, TokenBreakdown>(),
      request(turn, method, params) {
        // With stdin closed nobody can answer: stop as codex does at EOF.
        if (ended) return Promise.reject(new FakeExit(0));
        const id = serverRequestId++;
        return new Promise<Answer | undefined>((resolve) => {
          const forget = turn.onInterrupt(() => {
            pending.delete(id);
            send({ method: "serverRequest/resolved", params: { threadId: turn.threadId, requestId: id } });
            resolve(undefined);
          });
          pending.set(id, {
            turn,
            resolve(answer) {
              forget();
              resolve(answer);
            },
          });
          send({ method, id, params });
        });
      },
    };

    async function playTurn(turn: ActiveTurn) {
      const plan = scenario.turns[Math.min(turnCount - 1, scenario.turns.length - 1)]!;
      try {
        const outcome = await runTurn(host, turn, plan);
        send({ method: "turn/completed", params: { threadId: turn.threadId, turn: turnObject(turn.turnId, outcome.status, outcome.error) } });
      } catch (err) {
        if (err instanceof FakeExit) return exit(err.code);
        runtime.stderr.write(`fake-codex: ${(err as Error).stack ?? String(err)}\n`);
        return exit(70);
      }
      active = undefined;
      if (ended) exit(0);
    }

    function startTurn(id: Id, params: Message) {
      const threadId = String(params.threadId ?? "");
      const thread = threads.get(threadId);
      if (!thread) return fail(id, `thread not found: ${threadId}`);
      if (active) return fail(id, `a turn is already running on thread ${active.threadId}: ${active.turnId}`);
      turnCount++;
      const turn = new ActiveTurn(threadId, `turn-${turnCount}`, typeof params.cwd === "string" ? params.cwd : thread.cwd);
      active = turn;
      reply(id, { turn: turnObject(turn.turnId, "inProgress") });
      send({ method: "turn/started", params: { threadId, turn: turnObject(turn.turnId, "inProgress") } });
      const input = Array.isArray(params.input) ? params.input : [];
      const item = { type: "userMessage", id: host.nextItemId(), content: input };
      send({ method: "item/started", params: { item, threadId, turnId: turn.turnId } });
      send({ method: "item/completed", params: { item, threadId, turnId: turn.turnId } });
      void playTurn(turn);
    }

    function startThread(id: Id, params: Message, resumeId?: string) {
      const threadId = resumeId ?? `thread-${++threadCount}`;
      const cwd = typeof params.cwd === "string" ? params.cwd : runtime.cwd();
      threads.set(threadId, { cwd });
      const thread = threadObject(threadId, cwd);
      reply(id, {
        thread, model: typeof params.model === "string" ? params.model : "fake-model", modelProvider: "fake", serviceTier: null, cwd,
        approvalPolicy: params.approvalPolicy ?? "never", approvalsReviewer: "user", sandbox: sandboxPolicy(params.sandbox), reasoningEffort: null,
      });
      if (!resumeId) send({ method: "thread/started", params: { thread } });
    }

    function interrupt(id: Id, params: Message) {
      if (!active || (params.turnId !== undefined && params.turnId !== active.turnId)) return fail(id, "no active turn to interrupt");
      reply(id, {});
      active.interrupt();
    }

    // MAESTRO_FAKE_TRACE=FILE appends "<epoch ms> <method>" per request received: the bench times
    // dispatch to the moment turn/start arrives. It is a side file, so stdout stays deterministic.
    const tracePath = runtime.env("MAESTRO_FAKE_TRACE");
    const trace = tracePath ? runtime.fs.openAppend(tracePath) : undefined;
    // One "<epoch ms> start" line stamped with the process's own start (performance.timeOrigin), so the
    // bench can split dispatch into the orchestrator's part (up to the spawn) and the agent's start-up.
    trace?.append(new TextEncoder().encode(`${Math.round(performance.timeOrigin)} start\n`));

    function onRequest(id: Id, method: string, params: Message) {
      trace?.append(new TextEncoder().encode(`${Date.now()} ${method}\n`));
      if (method === "initialize") {
        if (initialized) return fail(id, "Already initialized");
        initialized = true;
        const name = String((params.clientInfo as Message | undefined)?.name ?? "client");
        const unix = runtime.platform !== "win32";
        return reply(id, { userAgent: `${name}/${CLI_VERSION} (maestro fake-codex)`, codexHome: "fake-codex-home", platformFamily: unix ? "unix" : "windows", platformOs: runtime.platform === "darwin" ? "macos" : runtime.platform });
      }
      if (!initialized) return fail(id, "Not initialized");
      switch (method) {
        case "thread/start":
          return startThread(id, params);
        case "thread/resume":
          return typeof params.threadId === "string" ? startThread(id, params, params.threadId) : fail(id, "Invalid request: missing field `threadId`");
        case "thread/name/set":
          reply(id, {});
          return send({ method: "thread/name/updated", params: { threadId: params.threadId, threadName: params.name } });
        case "turn/start":
          return startTurn(id, params);
        case "turn/interrupt":
          return interrupt(id, params);
        default:
          return fail(id, `Invalid request: unknown variant \`${method}\``);
      }
    }

    function onLine(line: string) {
      if (line.trim() === "") return;
      let m: unknown;
      try {
        m = JSON.parse(line);
      } catch {
        m = undefined;
      }
      if (typeof m !== "object" || m === null || Array.isArray(m)) {
        runtime.stderr.write(`fake-codex: Failed to deserialize JSONRPCMessage: ${line.slice(0, 200)}\n`);
        return;
      }
      const msg = m as Message;
      const id = typeof msg.id === "number" || typeof msg.id === "string" ? msg.id : undefined;
      const params = (typeof msg.params === "object" && msg.params !== null ? msg.params : {}) as Message;
      if (typeof msg.method === "string") {
        if (id !== undefined) onRequest(id, msg.method, params);
        return;
      }
      const waiting = id === undefined ? undefined : pending.get(id);
      if (!waiting) {
        runtime.stderr.write(`fake-codex: an answer to no pending request: ${line.slice(0, 200)}\n`);
        return;
      }
      pending.delete(id!);
      send({ method: "serverRequest/resolved", params: { threadId: waiting.turn.threadId, requestId: id } });
      waiting.resolve({ result: msg.result, error: msg.error });
    }

    function onEnd() {
      ended = true;
      // A turn that needs the client can never go on; one that does not finishes first.
      if (!active || pending.size > 0) return exit(0);
      active.endInput();
    }

    void readLines(runtime, onLine).then(onEnd, (err) => {
      runtime.stderr.write(`fake-codex: reading stdin failed: ${String(err)}\n`);
      exit(1);
    });
  });
}

async function readLines(runtime: Runtime, onLine: (line: string) => void): Promise<void> {
  const decoder = new TextDecoder();
  let buffer = "";
  for await (const chunk of runtime.stdinChunks()) {
    buffer += decoder.decode(chunk, { stream: true });
    let nl: number;
    while ((nl = buffer.indexOf("\n")) >= 0) {
      const line = buffer.slice(0, nl).replace(/\r$/, "");
      buffer = buffer.slice(nl + 1);
      onLine(line);
    }
  }
  buffer += decoder.decode();
  if (buffer) onLine(buffer);
}
