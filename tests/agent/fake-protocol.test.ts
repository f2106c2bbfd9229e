import * as assert from "uvu/assert";
import { runMaestro, runtimes } from "../helpers/bundle.ts";
import { fakeSuite, scenarioFile } from "./fake-harness.ts";

for (const rt of runtimes) {
  const { test, world } = fakeSuite(`fake-codex protocol (${rt.name})`);

  test("handshake rules: requests before initialize, a second initialize, unknown methods and unknown threads are errors", async () => {
    const fake = world.start(rt, "success");
    fake.send({ method: "thread/start", id: 1, params: {} });
    assert.equal(await fake.next(), { id: 1, error: { code: -32600, message: "Not initialized" } });
    fake.send({ method: "initialize", id: 2, params: { clientInfo: { name: "probe", version: "1" } } });
    const init = await fake.next();
    assert.equal(init.result.userAgent, "probe/0.169.0 (maestro fake-codex)");
    assert.equal(Object.keys(init.result).sort(), ["codexHome", "platformFamily", "platformOs", "userAgent"]);
    fake.send({ method: "initialize", id: 3, params: { clientInfo: { name: "probe", version: "1" } } });
    assert.equal(await fake.next(), { id: 3, error: { code: -32600, message: "Already initialized" } });
    fake.send({ method: "initialized", params: {} });
    fake.send({ method: "thread/frobnicate", id: 4, params: {} });
    assert.equal(await fake.next(), { id: 4, error: { code: -32600, message: "Invalid request: unknown variant `thread/frobnicate`" } });
    fake.send({ method: "turn/start", id: 5, params: { threadId: "nope", input: [] } });
    assert.equal(await fake.next(), { id: 5, error: { code: -32600, message: "thread not found: nope" } });
    assert.is((await fake.close()).code, 0);
    assert.is(fake.stderr, "");
  });

  test("an unparseable client line is logged on stderr and answered with nothing; string ids are echoed", async () => {
    const fake = world.start(rt, "success");
    fake.send("{not json");
    fake.send({ method: "initialize", id: "a", params: { clientInfo: { name: "probe", version: "1" } } });
    assert.is((await fake.next()).id, "a");
    await fake.stderrHas("fake-codex: Failed to deserialize JSONRPCMessage: {not json\n");
    assert.is((await fake.close()).code, 0);
  });

  test("thread/start echoes cwd, model and sandbox; thread/name/set answers {} and notifies", async () => {
    const fake = world.start(rt, "success");
    await fake.handshake(world.dir);
    fake.send({ method: "thread/start", id: 3, params: { cwd: world.dir, model: "m1", sandbox: "workspace-write", approvalPolicy: "untrusted" } });
    const r = (await fake.next()).result;
    assert.equal([r.thread.id, r.cwd, r.model, r.sandbox, r.approvalPolicy], ["thread-2", world.dir, "m1", { type: "workspaceWrite" }, "untrusted"]);
    assert.is((await fake.next()).method, "thread/started");
    fake.send({ method: "thread/name/set", id: 4, params: { threadId: "thread-2", name: "ABC-1: Fix it" } });
    assert.equal(await fake.next(), { id: 4, result: {} });
    assert.equal(await fake.next(), { method: "thread/name/updated", params: { threadId: "thread-2", threadName: "ABC-1: Fix it" } });
    fake.send({ method: "thread/resume", id: 5, params: { threadId: "thread-1" } });
    assert.is((await fake.next()).result.thread.id, "thread-1");
    assert.is((await fake.close()).code, 0);
  });

  test("a second turn/start while a turn runs is refused", async () => {
    const fake = world.start(rt, "stall");
    const threadId = await fake.handshake(world.dir);
    await fake.startTurn(threadId, 3);
    await fake.until((m) => m.method === "item/completed");
    fake.send({ method: "turn/start", id: 4, params: { threadId, input: [] } });
    assert.equal(await fake.next(), { id: 4, error: { code: -32600, message: "a turn is already running on thread thread-1: turn-1" } });
  });

  test("a bad scenario file or name exits 2 with one line naming the field or the built-ins", () => {
    const file = scenarioFile(world.dir, "bad", { turns: [{ steps: [{ message: "ok" }, { tokens: { input: -1, output: 2 } }] }] });
    const r = runMaestro(rt, ["fake-codex", "--scenario", file], { cwd: world.dir });
    assert.is(r.code, 2, r.stderr);
    assert.is(r.stderr, "maestro: Invalid fake-codex scenario: turns[0].steps[1].tokens.input: expected a whole number >= 0, got -1\n");
    const unknown = runMaestro(rt, ["fake-codex", "--scenario", "nope"], { cwd: world.dir });
    assert.is(unknown.code, 2);
    assert.match(unknown.stderr, /Cannot load scenario "nope": no such file and no built-in of that name \(built-ins: success, approval, input, fail, stall, crash, slow, noise, stream:N\)/);
    const two = scenarioFile(world.dir, "two", { steps: [{ message: "a", fail: "b" }] });
    assert.match(runMaestro(rt, ["fake-codex", "--scenario", two], { cwd: world.dir }).stderr, /steps\[0\]: expected exactly one step key/);
  });

  test("fake-codex is hidden from `maestro --help` but has its own help", () => {
    assert.not.match(runMaestro(rt, ["--help"]).stdout, /fake-codex/);
    const help = runMaestro(rt, ["fake-codex", "--help"]);
    assert.is(help.code, 0);
    assert.match(help.stdout, /--scenario NAME\|FILE/);
  });

  test.run();
}
