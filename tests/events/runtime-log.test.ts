import { suite } from "uvu";
import * as assert from "uvu/assert";
import { unavailable } from "../../lib/errors.ts";
import { createEventBus, type RuntimeEvent, type RuntimeLog } from "../../lib/events/mod.ts";
import { type LogFixture, withLogFixture } from "./fixture.ts";

const test = suite("runtime log");
const DAY_MS = 86_400_000;

const rowCount = (fx: LogFixture) =>
  fx.store.read((q) => Number(q.get<{ n: number }>("SELECT count(*) AS n FROM runtime_events")!.n));
const seqs = (events: RuntimeEvent[]) => events.map((e) => e.seq);

test("runtime events survive a restart: the ring is seeded, seq continues, message and payload come back", () =>
  withLogFixture({}, async (fx) => {
    const published = [
      fx.bus.publishRuntime("run_started", { issue_id: "iss_1", identifier: "DEMO-1", message: "go", payload: { attempt: 2, nested: { a: [1] } } }),
      fx.bus.publishRuntime("daemon_started", { message: "http://127.0.0.1:1" }),
      fx.bus.publishRuntime("tick"),
    ];
    await fx.restart();
    assert.equal(fx.bus.runtimeSince(0, 100), { since: 0, last_seq: 3, events: published });
    const next = fx.bus.publishRuntime("run_completed");
    assert.is(next.seq, 4);
    assert.equal(seqs(fx.bus.runtimeSince(3, 100).events), [4]);
  }));

test("the ring is seeded with the newest ringSize events only", () =>
  withLogFixture({ bus: { ringSize: 2 } }, async (fx) => {
    for (let i = 0; i < 5; i++) fx.bus.publishRuntime("tick");
    await fx.restart();
    const page = fx.bus.runtimeSince(0, 100);
    assert.equal(seqs(page.events), [4, 5]);
    assert.is(page.last_seq, 5);
  }));

test("seq never goes back, even when every row was deleted", () =>
  withLogFixture({}, async (fx) => {
    for (let i = 0; i < 3; i++) fx.bus.publishRuntime("tick");
    fx.bus.flush();
    fx.store.write((tx) => tx.run("DELETE FROM runtime_events"));
    await fx.restart();
    assert.equal(fx.bus.runtimeSince(0, 100), { since: 0, last_seq: 3, events: [] });
    assert.is(fx.bus.publishRuntime("tick").seq, 4);
  }));

test("the events of one tick are written in one store write after the tick", () =>
  withLogFixture({}, async (fx) => {
    const before = fx.store.stats().seq;
    fx.bus.publishRuntime("run_started");
    fx.bus.publishRuntime("run_completed");
    assert.is(rowCount(fx), 0, "nothing is written while the publisher runs");
    await Promise.resolve();
    assert.is(rowCount(fx), 2);
    assert.is(fx.store.stats().seq, before + 1, "one journaled write for the batch");
    fx.bus.publishRuntime("tick");
    fx.bus.flush();
    assert.is(rowCount(fx), 3, "flush writes at once");
    await Promise.resolve();
    assert.is(rowCount(fx), 3);
  }));

test("title, attempt, delay_type, error and token columns are copied from the payload", () =>
  withLogFixture({}, async (fx) => {
    fx.bus.publishRuntime("run_failed", {
      issue_id: "iss_1",
      identifier: "DEMO-1",
      message: "turn failed",
      payload: { title: "Fix it", attempt: 3, delay_type: "failure", error: "port_exit", input_tokens: 10, output_tokens: 5, total_tokens: 15 },
    });
    fx.bus.publishRuntime("retry_scheduled", { payload: { attempt: "3", total_tokens: "15", error: { code: 1 } } });
    fx.bus.flush();
    const rows = fx.store.read((q) => q.all("SELECT seq, kind, issue_id, identifier, title, attempt, delay_type, input_tokens, output_tokens, total_tokens, error, event_ts, payload_json FROM runtime_events ORDER BY seq"));
    assert.equal(rows[0], {
      seq: 1, kind: "run_failed", issue_id: "iss_1", identifier: "DEMO-1", title: "Fix it", attempt: 3, delay_type: "failure",
      input_tokens: 10, output_tokens: 5, total_tokens: 15, error: "port_exit", event_ts: "2026-03-02T09:00:00.000Z",
      payload_json: JSON.stringify({ title: "Fix it", attempt: 3, delay_type: "failure", error: "port_exit", input_tokens: 10, output_tokens: 5, total_tokens: 15, message: "turn failed" }),
    });
    assert.equal(rows[1], {
      seq: 2, kind: "retry_scheduled", issue_id: null, identifier: null, title: null, attempt: null, delay_type: null,
      input_tokens: 0, output_tokens: 0, total_tokens: 0, error: null, event_ts: "2026-03-02T09:00:00.000Z",
      payload_json: JSON.stringify({ attempt: "3", total_tokens: "15", error: { code: 1 } }),
    }, "fields of the wrong type stay in the payload only");
  }));

test("a payload that JSON cannot encode costs only that event its payload", () =>
  withLogFixture({}, async (fx) => {
    const cycle: { [key: string]: unknown } = {};
    cycle.self = cycle;
    fx.bus.publishRuntime("weird", { message: "kept", payload: cycle });
    fx.bus.publishRuntime("tick");
    await fx.restart();
    const [weird, tick] = fx.bus.runtimeSince(0, 10).events;
    assert.is(weird!.message, "kept");
    assert.type(weird!.payload?.payload_error, "string");
    assert.is(tick!.kind, "tick");
    assert.equal(fx.errors, []);
  }));

test("pruning keeps the newest maxRows once the table is 5% over", () =>
  withLogFixture({ log: { maxRows: 20 } }, async (fx) => {
    for (let i = 0; i < 21; i++) fx.bus.publishRuntime("tick");
    fx.bus.flush();
    assert.is(rowCount(fx), 21, "within the margin nothing is deleted");
    fx.bus.publishRuntime("tick");
    fx.bus.flush();
    const kept = fx.store.read((q) => q.all<{ seq: number }>("SELECT seq FROM runtime_events ORDER BY seq")).map((r) => r.seq);
    assert.equal(kept, Array.from({ length: 20 }, (_, i) => i + 3));
    await fx.restart();
    fx.bus.publishRuntime("tick");
    fx.bus.flush();
    assert.is(rowCount(fx), 21, "the count is read again after a restart");
  }));

const START = new Date("2026-03-01T00:00:00.000Z");

test("events older than maxAgeDays before the newest one are deleted", () =>
  withLogFixture({ at: START, log: { maxAgeDays: 30 } }, (fx) => {
    fx.bus.publishRuntime("old");
    fx.at = new Date(START.getTime() + 2 * DAY_MS);
    fx.bus.publishRuntime("recent");
    fx.bus.flush();
    fx.at = new Date(START.getTime() + 31 * DAY_MS);
    fx.bus.publishRuntime("new");
    fx.bus.flush();
    const kinds = fx.store.read((q) => q.all<{ kind: string }>("SELECT kind FROM runtime_events ORDER BY seq")).map((r) => r.kind);
    assert.equal(kinds, ["recent", "new"]);
  }));

test("a refused write never reaches the publisher: onLogError hears it and the ring keeps the events", () =>
  withLogFixture({}, async (fx) => {
    fx.bus.publishRuntime("kept");
    fx.bus.flush();
    fx.store.close();
    const event = fx.bus.publishRuntime("run_started", { message: "after close" });
    assert.is(event.seq, 2);
    await Promise.resolve();
    assert.is(fx.errors.length, 1);
    assert.is(fx.errors[0]!.lost, 1);
    assert.equal(fx.bus.logFailures(), { writes: 1, events: 1 });
    assert.equal(seqs(fx.bus.runtimeSince(0, 10).events), [1, 2]);
    assert.not.throws(() => fx.bus.flush());
  }));

test("a full disk does not loop: events the reporter publishes wait for the next flush", async () => {
  const appended: number[][] = [];
  const full: RuntimeLog = {
    lastSeq: () => 7,
    recent: () => [],
    append(events) {
      appended.push(seqs([...events]));
      throw unavailable("Write refused: journal write failed (ENOSPC), nothing was saved");
    },
    history: () => [],
    series: () => [],
  };
  const heard: number[] = [];
  const bus = createEventBus({
    log: full,
    onLogError: (_err, lost) => {
      heard.push(lost);
      bus.publishRuntime("runtime_log_failed");
    },
  });
  assert.is(bus.publishRuntime("run_started").seq, 8);
  await Promise.resolve();
  await Promise.resolve();
  assert.equal(appended, [[8]]);
  assert.equal(heard, [1]);
  bus.publishRuntime("run_completed");
  await Promise.resolve();
  assert.equal(appended, [[8], [9, 10]]);
  assert.equal(bus.logFailures(), { writes: 2, events: 3 });
  const quiet = createEventBus({
    log: full,
    onLogError: () => {
      throw new Error("reporter fails too");
    },
  });
  quiet.publishRuntime("tick");
  assert.not.throws(() => quiet.flush());
});

test("runtimeHistory filters by issue and kinds, newest first, pages with before, and sees unflushed events", () =>
  withLogFixture({}, async (fx) => {
    fx.bus.publishRuntime("run_started", { issue_id: "iss_1" }); // 1
    fx.bus.publishRuntime("run_started", { issue_id: "iss_2" }); // 2
    fx.bus.publishRuntime("turn_completed", { issue_id: "iss_1" }); // 3
    fx.bus.publishRuntime("run_completed", { issue_id: "iss_1", message: "done" }); // 4
    fx.bus.flush();
    fx.bus.publishRuntime("run_failed", { issue_id: "iss_1" }); // 5, not yet written
    const ofIssue = fx.bus.runtimeHistory({ issueId: "iss_1", limit: 10 });
    assert.equal(seqs(ofIssue), [5, 4, 3, 1]);
    assert.is(ofIssue[1]!.message, "done");
    assert.equal(seqs(fx.bus.runtimeHistory({ issueId: "iss_1", kinds: ["run_started", "run_completed"], limit: 10 })), [4, 1]);
    assert.equal(seqs(fx.bus.runtimeHistory({ limit: 2 })), [5, 4]);
    assert.equal(seqs(fx.bus.runtimeHistory({ limit: 2, before: 4 })), [3, 2]);
    assert.equal(seqs(fx.bus.runtimeHistory({ kinds: [], limit: 0 })), []);
    assert.equal(seqs(fx.bus.runtimeHistory({ kinds: [], limit: 100 })), [5, 4, 3, 2, 1], "an empty kinds list is every kind");
  }));

test("without a log, runtimeHistory answers the same query from the ring", () => {
  const bus = createEventBus();
  bus.publishRuntime("run_started", { issue_id: "iss_1" });
  bus.publishRuntime("run_started", { issue_id: "iss_2" });
  bus.publishRuntime("turn_completed", { issue_id: "iss_1" });
  bus.publishRuntime("run_completed", { issue_id: "iss_1" });
  assert.equal(seqs(bus.runtimeHistory({ issueId: "iss_1", kinds: ["run_started", "run_completed"], limit: 10 })), [4, 1]);
  assert.equal(seqs(bus.runtimeHistory({ limit: 2, before: 4 })), [3, 2]);
  assert.not.throws(() => bus.flush());
  assert.equal(bus.logFailures(), { writes: 0, events: 0 });
});

test.run();
