/**
 * The real `codex app-server` (@openai/codex pinned in scripts/codex-cache.ts,
 * installed into .cache/codex) driven offline: CODEX_HOME in a temp dir whose
 * config points the model provider at a loopback mock of the Responses API
 * (mock-responses.ts; codex-app-server.md §12), a temp git repo as the
 * workspace, and raw JSON-RPC lines on stdio.
 */
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { tempDir } from "../helpers/bundle.ts";
import { FakeCodex as LineClient, type Json } from "../agent/fake-harness.ts";
import { CALL_USAGE, MOCK_FAILURE, MOCK_FILE, MOCK_FILE_TEXT, MOCK_REPLY, type MockResponses, REPLY_USAGE, startMockResponses } from "./mock-responses.ts";

// Relative to the repository root, where npm test and npm run test:codex run.
const CODEX_JS = path.resolve(".cache", "codex", "node_modules", "@openai", "codex", "bin", "codex.js");

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

/** Sends a request and reads lines until its answer; notifications on the way are returned too. */
async function request(client: LineClient, id: number, method: string, params: Json): Promise<{ answer: Json; seen: Json[] }> {
  client.send({ method, id, params });
  const seen = await client.until((m) => m.id === id && m.method === undefined);
  const answer = seen.at(-1);
  if (answer.error) throw new Error(`${method} failed: ${JSON.stringify(answer.error)}`);
  return { answer, seen };
}

interface Codex {
  client: LineClient;
  mock: MockResponses;
  ws: string;
  threadId: string;
}

/** A mock, a CODEX_HOME pointing at it, a git workspace and `codex app-server` past thread/start; torn down after `fn`. */
async function withCodex(approvalPolicy: string, fn: (codex: Codex) => Promise<void>): Promise<void> {
  assert.ok(fs.existsSync(CODEX_JS), `codex is not installed in .cache/codex: run node scripts/run-ts.mjs scripts/codex-cache.ts`);
  const mock = await startMockResponses();
  const { dir, cleanup } = tempDir("maestro-codex-");
  let group: number | undefined;
  try {
    const home = path.join(dir, "home");
    const ws = path.join(dir, "ws");
    writeConfig(home, mock.baseUrl);
    gitRepo(ws);
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: dir, CODEX_HOME: home, RUST_LOG: "error", NO_COLOR: "1" };
    // Its own process group: the launcher starts the native binary, and a failed test kills both.
    const proc = spawn(process.execPath, [CODEX_JS, "app-server"], { cwd: ws, env, stdio: ["pipe", "pipe", "pipe"], detached: true });
    group = proc.pid;
    const client = new LineClient(proc);
    await request(client, 1, "initialize", { clientInfo: { name: "maestro_real_codex_test", title: "test", version: "0.0.1" }, capabilities: { experimentalApi: true } });
    client.send({ method: "initialized", params: {} });
    const { answer } = await request(client, 2, "thread/start", { cwd: ws, approvalPolicy, sandbox: "workspace-write", model: "mock-model" });
    const threadId: string = answer.result.thread.id;
    assert.ok(threadId);
    await fn({ client, mock, ws, threadId });
  } finally {
    try {
      if (group !== undefined) process.kill(-group, "SIGKILL");
    } catch {
      // Already gone: the clean path.
    }
    await mock.close();
    cleanup();
  }
}

test("real codex app-server against the mock model: a shell call writes a file, the final message and token totals arrive, turn completed; a failing model response fails the next turn; clean exit at EOF", async () => {
  await withCodex("never", async ({ client, mock, ws, threadId }) => {
    // Turn 1: exec_command writes the file, then the final message.
    const { answer: turn1 } = await request(client, 3, "turn/start", { threadId, input: [{ type: "text", text: "MOCK:write-file please" }], cwd: ws });
    const turnId: string = turn1.result.turn.id;
    const events = await client.until((m) => m.method === "turn/completed" && m.params.turn.id === turnId);
    const done = events.at(-1);
    assert.is(done.params.turn.status, "completed", JSON.stringify(done));
    assert.is(fs.readFileSync(path.join(ws, MOCK_FILE), "utf8"), `${MOCK_FILE_TEXT}\n`);
    const command = events.find((m) => m.method === "item/completed" && m.params.item.type === "commandExecution")?.params.item;
    assert.ok(command, "no commandExecution item");
    assert.equal([command.status, command.exitCode], ["completed", 0]);
    assert.match(command.aggregatedOutput, MOCK_FILE_TEXT);
    const messages = events.filter((m) => m.method === "item/completed" && m.params.item.type === "agentMessage");
    assert.is(messages.at(-1).params.item.text, MOCK_REPLY);
    const totals = events.filter((m) => m.method === "thread/tokenUsage/updated").map((m) => m.params.tokenUsage.total);
    const callTotal = CALL_USAGE.input + CALL_USAGE.output;
    const replyTotal = REPLY_USAGE.input + REPLY_USAGE.output;
    assert.equal(totals.map((t) => t.totalTokens), [callTotal, callTotal + replyTotal]);
    assert.equal([totals.at(-1).inputTokens, totals.at(-1).outputTokens], [CALL_USAGE.input + REPLY_USAGE.input, CALL_USAGE.output + REPLY_USAGE.output]);
    // The second POST carried the call's output back.
    assert.is(mock.requests.length, 2);
    assert.is(mock.requests[1].input.at(-1).type, "function_call_output");

    // Turn 2 on the same thread: the model's response.failed fails the turn.
    const { answer: turn2 } = await request(client, 4, "turn/start", { threadId, input: [{ type: "text", text: "MOCK:fail now" }], cwd: ws });
    const failed = (await client.until((m) => m.method === "turn/completed" && m.params.turn.id === turn2.result.turn.id)).at(-1);
    assert.is(failed.params.turn.status, "failed");
    assert.match(failed.params.turn.error.message, MOCK_FAILURE);

    const end = await client.close();
    assert.is(end.code, 0, client.stderr);
  });
});

test("real codex under approval policy untrusted: the command waits for item/commandExecution/requestApproval (the fields fake-codex sends too), runs after accept", async () => {
  await withCodex("untrusted", async ({ client, ws, threadId }) => {
    const { answer } = await request(client, 3, "turn/start", { threadId, input: [{ type: "text", text: "MOCK:write-file please" }], cwd: ws });
    const turnId: string = answer.result.turn.id;
    const asked = (await client.until((m) => m.method === "item/commandExecution/requestApproval")).at(-1);
    for (const key of ["kind", "threadId", "turnId", "itemId", "startedAtMs", "environmentId", "command", "cwd", "commandActions", "availableDecisions"]) {
      assert.ok(key in asked.params, `requestApproval has no ${key}: ${JSON.stringify(asked.params)}`);
    }
    assert.equal([asked.id, asked.params.threadId, asked.params.turnId, asked.params.cwd], [0, threadId, turnId, ws]);
    assert.not.ok(fs.existsSync(path.join(ws, MOCK_FILE)));
    client.send({ id: asked.id, result: { decision: "accept" } });
    const events = await client.until((m) => m.method === "turn/completed" && m.params.turn.id === turnId);
    assert.ok(events.some((m) => m.method === "serverRequest/resolved" && m.params.requestId === 0));
    assert.is(events.at(-1).params.turn.status, "completed");
    assert.is(fs.readFileSync(path.join(ws, MOCK_FILE), "utf8"), `${MOCK_FILE_TEXT}\n`);
    assert.is((await client.close()).code, 0, client.stderr);
  });
});

test.run();
