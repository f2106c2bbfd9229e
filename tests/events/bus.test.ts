import { suite } from "uvu";
import * as assert from "uvu/assert";
import { createEventBus, type Notice } from "../../lib/events/mod.ts";

const test = suite("event bus");
const AT = new Date("2026-03-02T09:00:00.000Z");

test("publishRuntime numbers events from 1 and stores the given fields only", () => {
  const bus = createEventBus({ now: () => AT });
  const first = bus.publishRuntime("run_started", { issue_id: "iss_1", identifier: "DEMO-1", message: "go" });
  const second = bus.publishRuntime("tick");
  assert.equal(first, { seq: 1, kind: "run_started", ts: AT.toISOString(), issue_id: "iss_1", identifier: "DEMO-1", message: "go" });
  assert.equal(second, { seq: 2, kind: "tick", ts: AT.toISOString() });
  assert.equal(bus.runtimeSince(0, 100), { since: 0, last_seq: 2, events: [first, second] });
});

test("runtimeSince returns the newest `limit` events after `since`, oldest first", () => {
  const bus = createEventBus();
  for (let i = 0; i < 10; i++) bus.publishRuntime(`e${i + 1}`);
  const page = bus.runtimeSince(3, 4);
  assert.equal(page.events.map((e) => e.seq), [7, 8, 9, 10]);
  assert.is(page.last_seq, 10);
  assert.is(page.since, 3);
  assert.equal(bus.runtimeSince(10, 5).events, []);
  assert.equal(bus.runtimeSince(8, 100).events.map((e) => e.seq), [9, 10]);
});

test("the ring keeps the last 500 runtime events; seq keeps counting", () => {
  const bus = createEventBus();
  for (let i = 0; i < 620; i++) bus.publishRuntime("tick");
  const page = bus.runtimeSince(0, 1000);
  assert.is(page.events.length, 500);
  assert.is(page.events[0]!.seq, 121);
  assert.is(page.events.at(-1)!.seq, 620);
  assert.is(page.last_seq, 620);
});

test("ringSize bounds the buffer; a bad size is a RangeError", () => {
  const bus = createEventBus({ ringSize: 3 });
  for (let i = 0; i < 5; i++) bus.publishRuntime("tick");
  assert.equal(bus.runtimeSince(0, 10).events.map((e) => e.seq), [3, 4, 5]);
  assert.throws(() => createEventBus({ ringSize: 0 }), RangeError);
});

test("publishChanges announces the batch's newest seq and advances changeSeq", () => {
  const bus = createEventBus({ now: () => AT, changeSeq: 4 });
  const heard: Notice[] = [];
  bus.subscribe((n) => heard.push(n));
  assert.is(bus.changeSeq(), 4);
  bus.publishChanges([{ seq: 5 }, { seq: 7 }, { seq: 6 }]);
  bus.publishChanges([]);
  assert.equal(heard, [{ kind: "change", seq: 7, at: AT.toISOString() }]);
  assert.is(bus.changeSeq(), 7);
  bus.publishChanges([{ seq: 3 }]);
  assert.is(bus.changeSeq(), 7, "an older seq never moves it back");
});

test("runtime notices carry the runtime seq and do not touch changeSeq", () => {
  const bus = createEventBus({ now: () => AT });
  const heard: Notice[] = [];
  bus.subscribe((n) => heard.push(n));
  bus.publishRuntime("tick");
  assert.equal(heard, [{ kind: "runtime", seq: 1, at: AT.toISOString() }]);
  assert.is(bus.changeSeq(), 0);
});

test("a live notice names the issue, stores nothing and moves no seq", () => {
  const bus = createEventBus({ now: () => AT });
  const heard: Notice[] = [];
  bus.subscribe((n) => heard.push(n));
  bus.publishLive("iss_1");
  assert.equal(heard, [{ kind: "live", issue_id: "iss_1", at: AT.toISOString() }]);
  assert.equal(bus.runtimeSince(0, 10).events, []);
  assert.is(bus.runtimeSince(0, 10).last_seq, 0);
});

test("unsubscribe stops delivery, also from inside a delivery", () => {
  const bus = createEventBus();
  const a: number[] = [];
  const b: number[] = [];
  const offA = bus.subscribe((n) => {
    if (n.kind !== "live") a.push(n.seq);
    offA();
    offB();
  });
  const offB = bus.subscribe((n) => void (n.kind !== "live" && b.push(n.seq)));
  bus.publishRuntime("one");
  bus.publishRuntime("two");
  assert.equal(a, [1]);
  assert.equal(b, [], "removed during delivery, before its turn");
});

test("a throwing subscriber never breaks publishing or the others", () => {
  const errors: unknown[] = [];
  const bus = createEventBus({ onSubscriberError: (err) => errors.push(err) });
  const heard: number[] = [];
  bus.subscribe(() => {
    throw new Error("boom");
  });
  bus.subscribe((n) => void (n.kind !== "live" && heard.push(n.seq)));
  const event = bus.publishRuntime("tick");
  bus.publishChanges([{ seq: 9 }]);
  assert.is(event.seq, 1);
  assert.equal(heard, [1, 9]);
  assert.is(errors.length, 2);
  const quiet = createEventBus({
    onSubscriberError: () => {
      throw new Error("reporter fails too");
    },
  });
  quiet.subscribe(() => {
    throw new Error("boom");
  });
  assert.not.throws(() => quiet.publishRuntime("tick"));
});

test.run();
