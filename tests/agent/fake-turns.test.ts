import * as fs from "node:fs";
import * as path from "node:path";
import * as assert from "uvu/assert";
import { runtimes } from "../helpers/bundle.ts";
import { fakeSuite, type Json, scenarioFile, shape } from "./fake-harness.ts";

const tokens = (input: number, output: number) => ({ totalTokens: input + output, inputTokens: input, cachedInputTokens: 0, outputTokens: output, reasoningOutputTokens: 0 });

for (const rt of runtimes) {
  const { test, world } = fakeSuite(`fake-codex turns (${rt.name})`);

  test("success: the documented line sequence, a real file in the cwd, absolute token totals, exit 0 at EOF", async () => {
    const fake = world.start(rt, "success");
    const threadId = await fake.handshake(world.dir);
    assert.is(threadId, "thread-1");
    const turnId = await fake.startTurn(threadId, 3);
    assert.is(turnId, "turn-1");
    const lines = await fake.until((m) => m.method === "turn/completed");
    assert.equal(lines.map(shape), [
      "item/started", "item/agentMessage/delta", "item/agentMessage/delta", "item/agentMessage/delta", "item/completed",
      "item/started", "item/commandExecution/outputDelta", "item/completed",
      "thread/tokenUsage/updated",
      "item/started", "item/agentMessage/delta", "item/agentMessage/delta", "item/agentMessage/delta", "item/completed",
      "thread/tokenUsage/updated",
      "turn/completed",
    ]);
    assert.is(fs.readFileSync(path.join(world.dir, "fake-codex-output.txt"), "utf8"), "written by fake-codex\n");
    const command = lines[7].params.item;
    assert.equal([command.type, command.status, command.exitCode, command.aggregatedOutput, command.cwd], ["commandExecution", "completed", 0, "written by fake-codex\n", world.dir]);
    assert.is(lines[6].params.delta, "written by fake-codex\n");
    assert.equal(lines[8].params, { threadId, turnId, tokenUsage: { total: tokens(120, 7), last: tokens(120, 7), modelContextWindow: 258400 } });
    assert.equal(lines[14].params.tokenUsage.total, tokens(230, 24));
    assert.equal(lines[14].params.tokenUsage.last, tokens(110, 17));
    assert.equal(lines[13].params.item, { type: "agentMessage", id: "item-4", text: "Done: wrote fake-codex-output.txt", phase: null });
    assert.equal(lines[15], {
      method: "turn/completed",
      params: { threadId, turn: { id: turnId, items: [], status: "completed", error: null, startedAt: null, completedAt: null, durationMs: null } },
    });
    const end = await fake.close();
    assert.equal([end.code, end.rest, fake.stderr], [0, [], ""]);
  });

  test("fail: an error notification, then turn/completed failed with the same error object", async () => {
    const fake = world.start(rt, "fail");
    const threadId = await fake.handshake(world.dir);
    const turnId = await fake.startTurn(threadId, 3);
    const lines = await fake.until((m) => m.method === "turn/completed");
    const error = { message: "stream disconnected before completion: fake upstream failure", codexErrorInfo: "other", additionalDetails: null };
    assert.equal(lines.slice(-2), [
      { method: "error", params: { error, willRetry: false, threadId, turnId } },
      { method: "turn/completed", params: { threadId, turn: { id: turnId, items: [], status: "failed", error, startedAt: null, completedAt: null, durationMs: null } } },
    ]);
    assert.is((await fake.close()).code, 0);
  });

  test("crash: the process exits mid-turn with the scenario's code and one stderr line, no turn/completed", async () => {
    const fake = world.start(rt, "crash");
    const threadId = await fake.handshake(world.dir);
    await fake.startTurn(threadId, 3);
    const end = await fake.exit();
    assert.is(end.code, 1);
    assert.equal(end.rest.map((l) => shape(JSON.parse(l))), ["item/started", "item/agentMessage/delta", "item/completed"]);
    assert.is(fake.stderr, "fake-codex: panicked mid-turn (scenario crash)\n");
  });

  test("a scenario file: two turns on one thread, per-turn steps, delays, totals cumulative across turns", async () => {
    const file = scenarioFile(world.dir, "two-turns", {
      turns: [
        { delayMs: 20, steps: [{ message: ["a", "b"] }, { tokens: { input: 10, output: 1, cachedInput: 4, reasoning: 2 } }] },
        { steps: [{ fileChange: { path: "notes/plan.md", content: "# Plan\nstep one\n" } }, { tokens: { input: 5, output: 5 } }] },
      ],
    });
    const fake = world.start(rt, file);
    const threadId = await fake.handshake(world.dir);
    await fake.startTurn(threadId, 3);
    const first = await fake.until((m) => m.method === "turn/completed");
    assert.equal(first.map(shape), ["item/started", "item/agentMessage/delta", "item/agentMessage/delta", "item/completed", "thread/tokenUsage/updated", "turn/completed"]);
    assert.equal(first[4].params.tokenUsage.total, { totalTokens: 11, inputTokens: 10, cachedInputTokens: 4, outputTokens: 1, reasoningOutputTokens: 2 });
    const turn2 = await fake.startTurn(threadId, 4);
    assert.is(turn2, "turn-2");
    const second = await fake.until((m) => m.method === "turn/completed");
    assert.equal(second.map(shape), ["item/started", "item/completed", "thread/tokenUsage/updated", "turn/completed"]);
    assert.equal(second[1].params.item, {
      type: "fileChange", id: "item-4", changes: [{ path: "notes/plan.md", kind: { type: "add" }, diff: "+# Plan\n+step one" }], status: "completed",
    });
    assert.is(fs.readFileSync(path.join(world.dir, "notes", "plan.md"), "utf8"), "# Plan\nstep one\n");
    assert.equal(second[2].params.tokenUsage.total, { totalTokens: 21, inputTokens: 15, cachedInputTokens: 4, outputTokens: 6, reasoningOutputTokens: 2 });
    assert.equal(second[2].params.tokenUsage.last, tokens(5, 5));
    // Turns past the end of the list replay the last one.
    await fake.startTurn(threadId, 5);
    const third = await fake.until((m) => m.method === "turn/completed");
    assert.is(third[2].params.tokenUsage.total.totalTokens, 31);
    assert.is((await fake.close()).code, 0);
  });

  test("stream:N sends exactly N deltas of one agent message; the completed text is their concatenation", async () => {
    const fake = world.start(rt, "stream:1500");
    const threadId = await fake.handshake(world.dir);
    await fake.startTurn(threadId, 3);
    const lines = await fake.until((m) => m.method === "turn/completed");
    const deltas = lines.filter((m: Json) => m.method === "item/agentMessage/delta");
    assert.is(deltas.length, 1500);
    assert.is(deltas[1499].params.delta, "d1499 ");
    const done = lines.find((m: Json) => m.method === "item/completed");
    assert.is(done.params.item.text, deltas.map((d: Json) => d.params.delta).join(""));
    assert.is(lines.at(-1).params.turn.status, "completed");
    assert.is((await fake.close()).code, 0);
  });

  test("noise: malformed stdout lines verbatim, 0.169 extras (emittedAtMs, warning), then a normal turn", async () => {
    const fake = world.start(rt, "noise");
    const threadId = await fake.handshake(world.dir);
    await fake.startTurn(threadId, 3);
    assert.is(await fake.nextLine(), "this is not JSON");
    const warning = await fake.next();
    assert.is(warning.method, "warning");
    assert.type(warning.emittedAtMs, "number");
    assert.is(await fake.nextLine(), "{\"broken\": ");
    const rest = await fake.until((m) => m.method === "turn/completed");
    assert.equal(rest.map(shape), ["item/started", "item/agentMessage/delta", "item/completed", "turn/completed"]);
    await fake.stderrHas("fake-codex: a log line on stderr");
    assert.is((await fake.close()).code, 0);
  });

  test("slow: the built-in slow turn completes with its three messages in order", async () => {
    const fake = world.start(rt, "slow");
    const threadId = await fake.handshake(world.dir);
    await fake.startTurn(threadId, 3);
    const lines = await fake.until((m) => m.method === "turn/completed");
    assert.equal(lines.filter((m: Json) => m.method === "item/completed").map((m: Json) => m.params.item.text), ["One", "Two", "Three"]);
    assert.is(lines.at(-1).params.turn.status, "completed");
    assert.is((await fake.close()).code, 0);
  });

  test.run();
}
