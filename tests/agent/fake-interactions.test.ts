import * as fs from "node:fs";
import * as path from "node:path";
import * as assert from "uvu/assert";
import { runtimes } from "../helpers/bundle.ts";
import { fakeSuite, type Json, scenarioFile, shape } from "./fake-harness.ts";

const OUTPUT = "fake-codex-output.txt";

for (const rt of runtimes) {
  const { test, world } = fakeSuite(`fake-codex interactions (${rt.name})`);

  /** Starts the approval scenario up to its request; returns the request. */
  async function approvalRequest(): Promise<{ threadId: string; turnId: string; request: Json }> {
    const fake = world.start(rt, "approval");
    const threadId = await fake.handshake(world.dir);
    const turnId = await fake.startTurn(threadId, 3);
    const started = await fake.next();
    assert.equal([started.method, started.params.item.type, started.params.item.status], ["item/started", "commandExecution", "inProgress"]);
    const request = await fake.next();
    return { threadId, turnId, request };
  }

  test("approval accepted: the request waits for the answer, then the command runs and the turn completes", async () => {
    const { threadId, turnId, request } = await approvalRequest();
    assert.is(request.method, "item/commandExecution/requestApproval");
    assert.is(request.id, 0);
    assert.is(request.params.threadId, threadId);
    assert.is(request.params.turnId, turnId);
    assert.is(request.params.reason, "fake-codex wants to write a file");
    assert.is(request.params.cwd, world.dir);
    // Nothing happens until the client answers: the file is not there yet.
    assert.not.ok(fs.existsSync(path.join(world.dir, OUTPUT)));
    world.fake!.send({ id: 0, result: { decision: "acceptForSession" } });
    const lines = await world.fake!.until((m) => m.method === "turn/completed");
    assert.equal(lines.map(shape), [
      "serverRequest/resolved", "item/commandExecution/outputDelta", "item/completed",
      "item/started", "item/agentMessage/delta", "item/agentMessage/delta", "item/agentMessage/delta", "item/completed",
      "thread/tokenUsage/updated", "turn/completed",
    ]);
    assert.equal(lines[0].params, { threadId, requestId: 0 });
    assert.is(lines[2].params.item.status, "completed");
    assert.is(fs.readFileSync(path.join(world.dir, OUTPUT), "utf8"), "written by fake-codex\n");
    assert.is(lines.at(-1).params.turn.status, "completed");
    assert.is((await world.fake!.close()).code, 0);
  });

  test("approval declined: the command is declined and never runs; the turn goes on and completes", async () => {
    await approvalRequest();
    world.fake!.send({ id: 0, result: { decision: "decline" } });
    const lines = await world.fake!.until((m) => m.method === "turn/completed");
    assert.equal(lines.slice(0, 2).map(shape), ["serverRequest/resolved", "item/completed"]);
    assert.is(lines[1].params.item.status, "declined");
    assert.is(lines.at(-1).params.turn.status, "completed");
    assert.not.ok(fs.existsSync(path.join(world.dir, OUTPUT)));
  });

  test("approval cancelled: the command is declined and the turn ends interrupted", async () => {
    await approvalRequest();
    world.fake!.send({ id: 0, result: { decision: "cancel" } });
    const lines = await world.fake!.until((m) => m.method === "turn/completed");
    assert.equal(lines.map(shape), ["serverRequest/resolved", "item/completed", "turn/completed"]);
    assert.is(lines[2].params.turn.status, "interrupted");
    assert.not.ok(fs.existsSync(path.join(world.dir, OUTPUT)));
  });

  test("file-change approval: the file is written only after accept", async () => {
    const file = scenarioFile(world.dir, "patch", { steps: [{ fileChange: { path: "a.txt", content: "A\n" }, approval: true }] });
    const fake = world.start(rt, file);
    const threadId = await fake.handshake(world.dir);
    await fake.startTurn(threadId, 3);
    assert.is((await fake.next()).params.item.type, "fileChange");
    const request = await fake.next();
    assert.equal([request.method, request.id, request.params.itemId], ["item/fileChange/requestApproval", 0, "item-2"]);
    assert.not.ok(fs.existsSync(path.join(world.dir, "a.txt")));
    fake.send({ id: 0, result: { decision: "accept" } });
    const lines = await fake.until((m) => m.method === "turn/completed");
    assert.equal(lines.map(shape), ["serverRequest/resolved", "item/completed", "turn/completed"]);
    assert.is(fs.readFileSync(path.join(world.dir, "a.txt"), "utf8"), "A\n");
  });

  test("user input: the question goes out as a server request and the answer comes back in the next message", async () => {
    const fake = world.start(rt, "input");
    const threadId = await fake.handshake(world.dir);
    await fake.startTurn(threadId, 3);
    const request = await fake.next();
    assert.is(request.method, "item/tool/requestUserInput");
    assert.is(request.params.questions[0].id, "strategy");
    assert.equal(request.params.questions[0].options.map((o: Json) => o.label), ["Option A", "Option B"]);
    fake.send({ id: request.id, result: { answers: { strategy: { answers: ["Option B"] } } } });
    const lines = await fake.until((m) => m.method === "turn/completed");
    const texts = lines.filter((m: Json) => m.method === "item/completed").map((m: Json) => m.params.item.text);
    assert.equal(texts, ["Answers: strategy=Option B", "Going ahead"]);
  });

  test("stall: no line at all until the client interrupts; then the answer and turn/completed interrupted", async () => {
    const fake = world.start(rt, "stall");
    const threadId = await fake.handshake(world.dir);
    const turnId = await fake.startTurn(threadId, 3);
    assert.equal((await fake.until((m) => m.method === "item/completed")).map(shape), ["item/started", "item/agentMessage/delta", "item/completed"]);
    fake.send({ method: "turn/interrupt", id: 4, params: { threadId, turnId } });
    // The very next lines answer the interrupt: nothing was sent during the stall.
    assert.equal(await fake.next(), { id: 4, result: {} });
    const done = await fake.next();
    assert.equal([done.method, done.params.turn.id, done.params.turn.status], ["turn/completed", turnId, "interrupted"]);
    fake.send({ method: "turn/interrupt", id: 5, params: { threadId, turnId } });
    assert.equal(await fake.next(), { id: 5, error: { code: -32600, message: "no active turn to interrupt" } });
    assert.is((await fake.close()).code, 0);
  });

  test("a timed stall: silence on stdout, the fake reports on stderr when it resumes, then the turn goes on", async () => {
    const file = scenarioFile(world.dir, "pause", { steps: [{ stall: 150 }, { message: "after the pause" }] });
    const fake = world.start(rt, file);
    const threadId = await fake.handshake(world.dir);
    await fake.startTurn(threadId, 3);
    await fake.stderrHas("fake-codex: stall of 150 ms over\n");
    const lines = await fake.until((m) => m.method === "turn/completed");
    assert.equal(lines.map(shape), ["item/started", "item/agentMessage/delta", "item/completed", "turn/completed"]);
    assert.is(lines[2].params.item.text, "after the pause");
  });

  test("an interrupt while an approval is pending clears the request and ends the turn interrupted", async () => {
    const { threadId, turnId } = await approvalRequest();
    world.fake!.send({ method: "turn/interrupt", id: 4, params: { threadId, turnId } });
    const lines = await world.fake!.until((m) => m.method === "turn/completed");
    assert.equal(lines.map(shape), ["response:4", "serverRequest/resolved", "item/completed", "turn/completed"]);
    assert.is(lines[2].params.item.status, "declined");
    assert.is(lines[3].params.turn.status, "interrupted");
    assert.not.ok(fs.existsSync(path.join(world.dir, OUTPUT)));
  });

  test("stdin closed while the fake waits for the client (stall, approval): exit 0 and nothing more on stdout", async () => {
    const fake = world.start(rt, "stall");
    await fake.startTurn(await fake.handshake(world.dir), 3);
    await fake.until((m) => m.method === "item/completed");
    const stalled = await fake.close();
    assert.equal([stalled.code, stalled.rest], [0, []]);
    await approvalRequest();
    const waiting = await world.fake!.close();
    assert.equal([waiting.code, waiting.rest], [0, []]);
    assert.not.ok(fs.existsSync(path.join(world.dir, OUTPUT)));
  });

  test.run();
}
