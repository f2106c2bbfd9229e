import type { CommandSpec } from "../command.ts";

/** `maestro fake-codex`: a stand-in for `codex app-server` in tests, benchmarks and the demo (hidden from help). */
export const fakeCodexCommand: CommandSpec = {
  name: "fake-codex",
  hidden: true,
  summary: "Serve a scripted fake of `codex app-server` on stdio (tests, benchmarks, demo)",
  details: [
    "Speaks the app-server JSON-RPC protocol over stdin/stdout and plays a scenario:",
    "a built-in name (success, approval, input, fail, stall, crash, slow, noise, stream:N)",
    "or a JSON file (format: lib/agent/fake/README.md). Exits 0 when stdin closes.",
  ].join("\n"),
  longRunning: true,
  flags: [
    { name: "scenario", type: "string", value: "NAME|FILE", required: true, description: "a built-in scenario or a scenario JSON file" },
  ],
  async run(ctx) {
    // Loaded here: the fake is no cost of the other commands.
    const { loadScenario, runFakeCodex } = await import("../../agent/mod.ts");
    const scenario = loadScenario(ctx.runtime, String(ctx.flags.scenario));
    return await runFakeCodex(ctx.runtime, scenario);
  },
};
