import { suite } from "uvu";
import * as assert from "uvu/assert";
import { createEventBus, type EventBus, type RuntimeSeriesBucket } from "../../lib/events/mod.ts";
import { withLogFixture } from "./fixture.ts";

const test = suite("runtime series");
const NOW = new Date("2026-03-02T09:30:00.000Z");

// Places events in four hours (and one just before them) through a bus whose clock `setAt` moves.
function publishDay(bus: EventBus, setAt: (iso: string) => void): void {
  const at = (iso: string, kind: string, total_tokens?: number) => {
    setAt(iso);
    bus.publishRuntime(kind, total_tokens === undefined ? {} : { payload: { total_tokens } });
  };
  at("2026-03-02T05:59:59.999Z", "run_started");
  at("2026-03-02T06:10:00.000Z", "run_started");
  at("2026-03-02T06:40:00.000Z", "run_started");
  at("2026-03-02T06:50:00.000Z", "tick");
  at("2026-03-02T08:05:00.000Z", "run_started", 50);
  at("2026-03-02T08:10:00.000Z", "run_completed", 100);
  at("2026-03-02T08:20:00.000Z", "run_failed", 30);
  at("2026-03-02T08:30:00.000Z", "run_unsuccessful", 5);
  at("2026-03-02T08:40:00.000Z", "run_interrupted", 7);
  at("2026-03-02T08:50:00.000Z", "retry_scheduled", 999);
  at("2026-03-02T09:20:00.000Z", "run_completed", 1);
}

const EXPECTED: RuntimeSeriesBucket[] = [
  { bucket: "06:00", start: "2026-03-02T06:00:00.000Z", started: 2, completed: 0, failed: 0, retries: 0, tokens: 0 },
  { bucket: "07:00", start: "2026-03-02T07:00:00.000Z", started: 0, completed: 0, failed: 0, retries: 0, tokens: 0 },
  { bucket: "08:00", start: "2026-03-02T08:00:00.000Z", started: 1, completed: 1, failed: 3, retries: 1, tokens: 142 },
  { bucket: "09:00", start: "2026-03-02T09:00:00.000Z", started: 0, completed: 1, failed: 0, retries: 0, tokens: 1 },
];

test("runtimeSeries counts per UTC hour from the table, oldest first, empty hours included", () =>
  withLogFixture({}, async (fx) => {
    publishDay(fx.bus, (iso) => (fx.at = new Date(iso)));
    assert.equal(fx.bus.runtimeSeries(4, NOW), EXPECTED, "unflushed events count too");
    await fx.restart();
    assert.equal(fx.bus.runtimeSeries(4, NOW), EXPECTED);
    fx.at = NOW;
    assert.equal(fx.bus.runtimeSeries(4), EXPECTED, "now defaults to the bus's clock");
    assert.equal(fx.bus.runtimeSeries(1, NOW), EXPECTED.slice(3));
    assert.is(fx.bus.runtimeSeries(24, NOW).length, 24);
  }));

test("without a log, runtimeSeries gives the same buckets from the ring", () => {
  let at = NOW;
  const bus = createEventBus({ now: () => at });
  publishDay(bus, (iso) => (at = new Date(iso)));
  assert.equal(bus.runtimeSeries(4, NOW), EXPECTED);
});

test("runtimeSeries refuses hours outside 1..720 with a RangeError", () => {
  const bus = createEventBus();
  for (const hours of [0, -1, 1.5, 721, Number.NaN]) assert.throws(() => bus.runtimeSeries(hours, NOW), RangeError);
  assert.is(bus.runtimeSeries(720, NOW).length, 720);
});

test.run();
