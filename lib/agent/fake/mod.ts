/**
 * The fake Codex app-server (DESIGN.md: agent/, "the fake app-server used by
 * tests and the demo"): `maestro fake-codex --scenario NAME|FILE` speaks the
 * app-server protocol of codex 0.169.0 over stdio (shared/reference/
 * codex-app-server.md §1-§9) and plays a scripted scenario, deterministically
 * and without network. README.md beside this file documents the scenario
 * format and the built-in scenarios.
 */
import { invalidInput } from "../../errors.ts";
import type { Runtime } from "../../runtime/mod.ts";
import { BUILTIN_NAMES, builtinScenario } from "./builtin-scenarios.ts";
import { parseScenario, type Scenario } from "./scenario.ts";
import { serveFakeCodex } from "./server.ts";

export type { Question, Scenario, ScenarioTurn, Step } from "./scenario.ts";
/** Scenario JSON text → a checked Scenario; throws invalid_input naming the bad field. */
export { parseScenario } from "./scenario.ts";
/** The built-in scenarios by name (`stream:N` included), and the file `success`/`approval` write. */
export { BUILTIN_NAMES, builtinScenario, FAKE_OUTPUT_FILE } from "./builtin-scenarios.ts";

/**
 * A built-in scenario name or a path to a scenario JSON file (relative to the
 * cwd). Throws invalid_input when it is neither, or the file is not a valid
 * scenario.
 */
export function loadScenario(runtime: Runtime, nameOrPath: string): Scenario {
  const builtin = builtinScenario(nameOrPath);
  if (builtin) return builtin;
  if (!runtime.fs.stat(nameOrPath)?.isFile) {
    throw invalidInput(`Cannot load scenario "${nameOrPath}": no such file and no built-in of that name (built-ins: ${BUILTIN_NAMES.join(", ")})`);
  }
  return parseScenario(runtime.fs.readText(nameOrPath));
}

/**
 * Serves the app-server protocol on stdin/stdout until stdin closes (exit 0)
 * or the scenario crashes (its exit code). Resolves to the exit code.
 */
export function runFakeCodex(runtime: Runtime, scenario: Scenario): Promise<number> {
  return serveFakeCodex(runtime, scenario);
}
