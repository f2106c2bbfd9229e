/**
 * Bench worker (run under Node by scripts/bench.ts): drives the Codex client
 * in lib/agent against the bundle's `maestro fake-codex` and prints one JSON
 * object: spawn-to-first-turn latency (median of ROUNDS sessions), and the
 * client's CPU per streamed event (one turn of N agent-message deltas).
 * Usage: agent-worker.mjs BUNDLE DIR [ROUNDS] [EVENTS]
 */
import { startSession } from "../../lib/agent/mod.ts";
import { detectRuntime } from "../../lib/runtime/mod.ts";

const runtime = detectRuntime(import.meta.url);
const [bundle, dir, roundsArg = "15", eventsArg = "100000"] = runtime.args();
const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
const fake = (scenario: string) => [process.execPath, bundle!, "fake-codex", "--scenario", scenario].map(quote).join(" ");
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const firstTurn: number[] = [];
for (let i = 0; i < Number(roundsArg); i++) {
  const started = performance.now();
  let firstTurnAt = 0;
  const session = await startSession({
    runtime,
    command: fake("success"),
    workspace: dir!,
    approvalPolicy: "never",
    onEvent: (e) => {
      if (e.type === "turn_started" && firstTurnAt === 0) firstTurnAt = performance.now();
    },
  });
  const result = await session.runTurn({ text: "bench" });
  if (!result.ok) throw new Error(`success scenario failed: ${result.message}`);
  firstTurn.push(firstTurnAt - started);
  await session.close();
}

const events = Number(eventsArg);
const session = await startSession({ runtime, command: fake(`stream:${events}`), workspace: dir!, approvalPolicy: "never" });
const cpuBefore = process.cpuUsage();
const wallBefore = performance.now();
const streamed = await session.runTurn({ text: "stream" });
const cpu = process.cpuUsage(cpuBefore);
const wall = performance.now() - wallBefore;
if (!streamed.ok) throw new Error(`stream scenario failed: ${streamed.message}`);
await session.close();
const cpuUsPerEvent = (cpu.user + cpu.system) / events;
console.log(JSON.stringify({
  first_turn_ms: Math.round(median(firstTurn) * 10) / 10,
  stream_events: events,
  stream_events_per_s: Math.round(events / (wall / 1000)),
  client_cpu_us_per_event: Math.round(cpuUsPerEvent * 100) / 100,
  // At 1,000 events/s the client spends this share of one core.
  client_cpu_percent_at_1000_per_s: Math.round(cpuUsPerEvent * 1000 / 1e6 * 100 * 100) / 100,
}));
