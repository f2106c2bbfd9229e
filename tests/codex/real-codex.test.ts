/**
 * The real `codex app-server` (@openai/codex pinned in scripts/codex-cache.ts,
 * installed into .cache/codex) driven offline through Maestro's client
 * (lib/agent: startSession → runTurn → close): CODEX_HOME in a temp dir whose
 * config points the model provider at a loopback mock of the Responses API
 * (mock-responses.ts; codex-app-server.md §12), a temp git repo as the
 * workspace. The client starts codex.command through `sh -lc` as it does in
 * production; a tap on the runtime's stdout lines only observes the wire.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { tempDir } from "../helpers/bundle.ts";
import { startSession, type AgentEvent, type AgentSession, type AskForApproval, type PendingInterrupt, type SessionOptions, type TokenTotals } from "../../lib/agent/mod.ts";
import { detectRuntime } from "../../lib/runtime/mod.ts";
import { CALL_USAGE, MOCK_FAILURE, MOCK_FILE, MOCK_FILE_TEXT, MOCK_REPLY, type MockResponses, REPLY_USAGE, startMockResponses } from "./mock-responses.ts";

// Relative to the repository root, where npm test and npm run test:codex run.
const CODEX_JS = path.resolve(".cache", "codex", "node_modules", "@openai", "codex", "bin", "codex.js");
const runtime = detectRuntime(import.meta.url);
const quote = (s: string) => `'${s.replaceAll("'", "'\\''")}'`;

function writeConfig(home: string, baseUrl: string): void {
  fs.mkdirSync(home, { recursive: true });
  fs.writeFileSync(path.join(home, "config.toml"), [
    `model = "mock-model"`,
    `model_provider = "mock"`,
    `approval_policy = "never"`,
    `sandbox_mode = "workspace-write"`,
    ``,
    `[model_providers.mock]`,
    `name = "Loopback mock"`,
    `base_url = "${baseUrl}"`,
    `wire_api = "responses"`,
    `request_max_retries = 0`,
    `stream_max_retries = 0`,
    `stream_idle_timeout_ms = 60000`,
    ``,
  ].join("\n"));
}

function gitRepo(dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  const git = (...args: string[]) => {
    const r = spawnSync("git", args, { cwd: dir, encoding: "utf8" });
    if (r.status !== 0) throw new Error(`git ${args.join(" ")}: ${r.stderr}`);
  };
  git("init", "-q", "-b", "main");
  fs.writeFileSync(path.join(dir, "README.md"), "# workspace\n");
  git("add", "README.md");
  git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "init");
}

interface Codex {
  session: AgentSession;
  mock: MockResponses;
  ws: string;
  /** Every event the client emitted. */
  events: AgentEvent[];
  /** Every interrupt handed to onInterrupt. */
  interrupts: PendingInterrupt[];
  /** Every stdout line of the process, parsed (a tap on the runtime; the client reads the same lines). */
  // deno-lint-ignore no-explicit-any
  wire: Record<string, any>[];
}

/** A mock, a CODEX_HOME pointing at it, a git workspace and a client session past thread/start; torn down after `fn`. */
async function withCodex(approvalPolicy: AskForApproval, fn: (codex: Codex) => Promise<void>): Promise<void> {
  assert.ok(fs.existsSync(CODEX_JS), `codex is not installed in .cache/codex: run node scripts/run-ts.mjs scripts/codex-cache.ts`);
  const mock = await startMockResponses();
  const { dir, cleanup } = tempDir("maestro-codex-");
  let session: AgentSession | undefined;
  try {
    const root = fs.realpathSync(dir);
    const home = path.join(root, "home");
    const ws = path.join(root, "ws");
    writeConfig(home, mock.baseUrl);
    gitRepo(ws);
    const events: AgentEvent[] = [];
    const interrupts: PendingInterrupt[] = [];
    // deno-lint-ignore no-explicit-any
    const wire: Record<string, any>[] = [];
    const tapped: SessionOptions["runtime"] = {
      fs: runtime.fs,
      spawnProcess: (argv, opts) =>
        runtime.spawnProcess(argv, {
          ...opts,
          onLine: (line) => {
            try {
              wire.push(JSON.parse(line));
            } catch {
              // Not JSON: the client counts it as malformed.
            }
            opts.onLine(line);
          },
        }),
    };
    session = await startSession({
      runtime: tapped,
      command: [process.execPath, CODEX_JS, "app-server"].map(quote).join(" "),
      workspace: ws,
      env: { HOME: root, CODEX_HOME: home, RUST_LOG: "error", NO_COLOR: "1", NO_PROXY: "127.0.0.1,localhost", no_proxy: "127.0.0.1,localhost" },
      approvalPolicy,
      sandbox: "workspace-write",
      model: "mock-model",
      // The real binary starts in a second or two; a slow CI host gets room.
      readTimeoutMs: 30_000,
      turnTimeoutMs: 120_000,
      stallTimeoutMs: 60_000,
      onEvent: (e) => void events.push(e),
      onInterrupt: approvalPolicy === "never" ? undefined : (i) => void interrupts.push(i),
    });
    assert.ok(session.threadId);
    await fn({ session, mock, ws, events, interrupts, wire });
  } finally {
    // Idempotent after the test's own close: a failed test still leaves no process group behind.
    await session?.close().catch(() => undefined);
    await mock.close();
    cleanup();
  }
}

async function until(cond: () => boolean, what: string, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const tokenTotals = (events: AgentEvent[]): TokenTotals[] => events.flatMap((e) => (e.type === "tokens" ? [e.total] : []));

test("real codex app-server through Maestro's client against the mock model: a shell call writes a file, the final message and token totals arrive, turn completed; a failing model response fails the next turn (turn_failed); clean exit on close", async () => {
  await withCodex("never", async ({ session, mock, ws, events }) => {
    const threadId = session.threadId;
    // Turn 1: exec_command writes the file, then the final message.
    const first = await session.runTurn({ text: "MOCK:write-file please" });
    const turnId = session.state().turnId;
    assert.ok(turnId);
    assert.equal(first, { ok: true, threadId, turnId, lastMessage: MOCK_REPLY });
    assert.is(fs.readFileSync(path.join(ws, MOCK_FILE), "utf8"), `${MOCK_FILE_TEXT}\n`);
    const state = session.state();
    const command = state.history.find((h) => h.kind === "command");
    assert.ok(command?.kind === "command", `no commandExecution item: ${JSON.stringify(state.history)}`);
    assert.equal([command.status, command.exitCode], ["completed", 0]);
    assert.match(command.outputTail, MOCK_FILE_TEXT);
    const messages = state.history.filter((h) => h.kind === "agent_message");
    assert.is(messages.at(-1)?.kind === "agent_message" && messages.at(-1)?.text, MOCK_REPLY);
    // thread/tokenUsage/updated carries absolute totals; the client counts them once.
    const callTotal = CALL_USAGE.input + CALL_USAGE.output;
    const replyTotal = REPLY_USAGE.input + REPLY_USAGE.output;
    const totals = tokenTotals(events);
    assert.equal(totals.map((t) => t.totalTokens), [callTotal, callTotal + replyTotal]);
    const input = CALL_USAGE.input + REPLY_USAGE.input;
    const output = CALL_USAGE.output + REPLY_USAGE.output;
    assert.equal([totals.at(-1)?.inputTokens, totals.at(-1)?.outputTokens], [input, output]);
    assert.equal([state.tokens.totalTokens, state.tokens.inputTokens, state.tokens.outputTokens], [callTotal + replyTotal, input, output]);
    assert.is(state.threadTotals[threadId]?.totalTokens, callTotal + replyTotal);
    assert.equal([state.turnsStarted, state.turnsCompleted], [1, 1]);
    // The second POST carried the call's output back.
    assert.is(mock.requests.length, 2);
    assert.is(mock.requests[1].input.at(-1).type, "function_call_output");

    // Turn 2 on the same thread: the model's response.failed fails the turn.
    const second = await session.runTurn({ text: "MOCK:fail now" });
    assert.ok(!second.ok, JSON.stringify(second));
    assert.equal([second.reason, second.threadId], ["turn_failed", threadId]);
    assert.match(second.message, MOCK_FAILURE);
    assert.ok(second.turnId && second.turnId !== turnId);

    const end = await session.close();
    assert.equal(end, { code: 0, signal: null });
  });
});

test("real codex under approval policy untrusted through Maestro's client: item/commandExecution/requestApproval (the fields fake-codex sends too) becomes a pending interrupt; the command waits, and runs after accept", async () => {
  await withCodex("untrusted", async ({ session, ws, events, interrupts, wire }) => {
    const threadId = session.threadId;
    const turn = session.runTurn({ text: "MOCK:write-file please" });
    await until(() => interrupts.length > 0, "the approval request");
    const asked = interrupts[0]!;
    assert.is(asked.method, "item/commandExecution/requestApproval");
    assert.is(asked.kind, "command_approval");
    for (const key of ["kind", "threadId", "turnId", "itemId", "startedAtMs", "environmentId", "command", "cwd", "commandActions", "availableDecisions"]) {
      assert.ok(key in asked.params, `requestApproval has no ${key}: ${JSON.stringify(asked.params)}`);
    }
    const turnId = session.state().turnId;
    assert.ok(turnId);
    assert.equal([asked.threadId, asked.turnId, asked.params.cwd], [threadId, turnId, ws]);
    // The JSON-RPC request id (the last part of the interrupt id) is Codex's first server request: 0.
    assert.is(asked.id.split(":").at(-1), "0");
    assert.match(asked.summary, MOCK_FILE);
    assert.not.ok(fs.existsSync(path.join(ws, MOCK_FILE)));
    assert.is(asked.answer({ decision: "accept" }), true);
    const result = await turn;
    assert.equal(result, { ok: true, threadId, turnId, lastMessage: MOCK_REPLY });
    assert.ok(events.some((e) => e.type === "interrupt_resolved" && e.id === asked.id && e.how === "answered"));
    // Codex acknowledged the answer on the wire.
    assert.ok(wire.some((m) => m.method === "serverRequest/resolved" && m.params?.requestId === 0), "no serverRequest/resolved for request 0");
    assert.is(fs.readFileSync(path.join(ws, MOCK_FILE), "utf8"), `${MOCK_FILE_TEXT}\n`);
    assert.equal(await session.close(), { code: 0, signal: null });
  });
});

test.run();
