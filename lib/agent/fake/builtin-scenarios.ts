import { invalidInput } from "../../errors.ts";
import { parseScenario, type Scenario } from "./scenario.ts";

/** The file the `success` and `approval` scenarios write in the turn's cwd. */
export const FAKE_OUTPUT_FILE = "fake-codex-output.txt";

const writeFile = `printf 'written by fake-codex\\n' > ${FAKE_OUTPUT_FILE} && cat ${FAKE_OUTPUT_FILE}`;
const done = { message: ["Done: ", "wrote ", FAKE_OUTPUT_FILE] };

// Each is the JSON a scenario file would hold, so the built-ins also exercise the parser.
const BUILTINS: Record<string, unknown> = {
  success: {
    steps: [
      { message: ["Looking ", "at the ", "workspace"] },
      { command: writeFile },
      { tokens: { input: 120, output: 7 } },
      done,
      { tokens: { input: 110, output: 17 } },
    ],
  },
  approval: {
    steps: [
      { command: writeFile, approval: "fake-codex wants to write a file" },
      done,
      { tokens: { input: 100, output: 10 } },
    ],
  },
  input: {
    steps: [
      { userInput: [{ id: "strategy", header: "Strategy", question: "Which strategy should I use?", options: [{ label: "Option A", description: "the first" }, { label: "Option B", description: "the second" }] }] },
      { message: "Going ahead" },
    ],
  },
  fail: {
    steps: [{ message: "Trying" }, { tokens: { input: 50, output: 2 } }, { fail: "stream disconnected before completion: fake upstream failure" }],
  },
  stall: { steps: [{ message: "Thinking" }, { stall: "forever" }] },
  crash: { steps: [{ message: "Working" }, { crash: 1, stderr: "fake-codex: panicked mid-turn (scenario crash)" }] },
  slow: {
    delayMs: 250,
    steps: [{ message: "One" }, { message: "Two" }, { message: "Three" }, { tokens: { input: 30, output: 3 } }],
  },
  noise: {
    emittedAtMs: true,
    steps: [
      { raw: "this is not JSON" },
      { notify: { method: "warning", params: { message: "Model metadata for `fake-model` not found" } } },
      { raw: "{\"broken\": " },
      { stderr: "fake-codex: a log line on stderr" },
      { message: "Still fine" },
    ],
  },
};

/** The names `--scenario` accepts besides a file path (`stream:N` too). */
export const BUILTIN_NAMES = [...Object.keys(BUILTINS), "stream:N"];

/** `stream:N`: one agent message of N deltas, for benchmarks and the demo. */
function streamScenario(n: number): Scenario {
  const deltas = Array.from({ length: n }, (_, i) => `d${i} `);
  return parseScenario(JSON.stringify({ steps: [{ message: deltas }, { tokens: { input: n, output: n } }] }));
}

/** A built-in scenario by name, or undefined when `name` is not one. */
export function builtinScenario(name: string): Scenario | undefined {
  const stream = /^stream:(\d+)$/.exec(name);
  if (stream) {
    const n = Number(stream[1]);
    if (n > 1_000_000) throw invalidInput(`Invalid scenario "${name}": at most 1000000 deltas`);
    return streamScenario(n);
  }
  const data = Object.hasOwn(BUILTINS, name) ? BUILTINS[name] : undefined;
  return data === undefined ? undefined : parseScenario(JSON.stringify(data));
}
