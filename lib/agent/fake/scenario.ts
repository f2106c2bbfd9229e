import { invalidInput } from "../../errors.ts";

/**
 * What the fake app-server does, turn by turn (README.md beside this file has
 * the full format with examples). The Nth `turn/start` of a process plays
 * `turns[N]`; turns past the end replay the last one.
 */
export interface Scenario {
  turns: ScenarioTurn[];
  /** Adds 0.169's top-level `emittedAtMs` (the wall clock) to every notification. */
  emittedAtMs: boolean;
}

export interface ScenarioTurn {
  steps: Step[];
  /** A pause before every step: a slow turn. */
  delayMs: number;
}

/** One user-input question, as `item/tool/requestUserInput` sends it. */
export interface Question {
  id: string;
  header: string;
  question: string;
  options?: { label: string; description: string }[];
}

/** One thing a turn does; exactly one kind key per step. */
export type Step =
  | { kind: "message"; deltas: string[] }
  | { kind: "command"; command: string; approval?: string }
  | { kind: "fileChange"; path: string; content: string; approval?: string }
  | { kind: "tokens"; input: number; cachedInput: number; output: number; reasoning: number }
  | { kind: "userInput"; questions: Question[] }
  | { kind: "notify"; method: string; params: unknown }
  | { kind: "raw"; line: string }
  | { kind: "stderr"; line: string }
  | { kind: "stall"; ms: number | "forever" }
  | { kind: "fail"; message: string; codexErrorInfo: unknown }
  | { kind: "crash"; code: number; stderr: string };

export const STEP_KINDS = ["message", "command", "fileChange", "tokens", "userInput", "notify", "raw", "stderr", "stall", "fail", "crash"] as const;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

function bad(where: string, what: string): never {
  throw invalidInput(`Invalid fake-codex scenario: ${where}: ${what}`);
}

function str(v: unknown, where: string): string {
  if (typeof v !== "string") bad(where, `expected a string, got ${JSON.stringify(v)}`);
  return v;
}

function count(v: unknown, where: string, fallback?: number): number {
  if (v === undefined && fallback !== undefined) return fallback;
  if (typeof v !== "number" || !Number.isInteger(v) || v < 0) bad(where, `expected a whole number >= 0, got ${JSON.stringify(v)}`);
  return v;
}

/** `true` asks with no reason; a string is the reason shown to the operator. */
function approval(v: unknown, where: string): string | undefined {
  if (v === undefined || v === false) return undefined;
  if (v === true) return "";
  return str(v, where);
}

function questions(v: unknown, where: string): Question[] {
  const list = isObj(v) ? v.questions : v;
  if (!Array.isArray(list) || list.length === 0) bad(where, "expected a non-empty list of questions");
  return list.map((q, i) => {
    const at = `${where}[${i}]`;
    if (!isObj(q)) bad(at, "expected an object {id, header, question, options?}");
    const options = q.options === undefined ? undefined : Array.isArray(q.options)
      ? q.options.map((o, j) => ({ label: str(isObj(o) ? o.label : o, `${at}.options[${j}].label`), description: isObj(o) && typeof o.description === "string" ? o.description : "" }))
      : bad(`${at}.options`, "expected a list");
    return { id: str(q.id, `${at}.id`), header: typeof q.header === "string" ? q.header : "", question: str(q.question, `${at}.question`), ...(options ? { options } : {}) };
  });
}

function parseStep(s: unknown, where: string): Step {
  if (!isObj(s)) bad(where, "expected an object with one step key");
  // `stderr` is also an option of `crash`, so crash is looked for first.
  const kinds = STEP_KINDS.filter((k) => k in s && !(k === "stderr" && "crash" in s));
  if (kinds.length !== 1) bad(where, `expected exactly one step key of ${STEP_KINDS.join(", ")}, got ${JSON.stringify(Object.keys(s))}`);
  const kind = kinds[0]!;
  const v = s[kind];
  const at = `${where}.${kind}`;
  switch (kind) {
    case "message": {
      const deltas = typeof v === "string" ? [v] : Array.isArray(v) ? v.map((d, i) => str(d, `${at}[${i}]`)) : bad(at, "expected a string or a list of delta strings");
      return { kind, deltas };
    }
    case "command":
      return { kind, command: str(v, at), approval: approval(s.approval, `${where}.approval`) };
    case "fileChange": {
      if (!isObj(v)) bad(at, "expected {path, content}");
      return { kind, path: str(v.path, `${at}.path`), content: str(v.content, `${at}.content`), approval: approval(s.approval, `${where}.approval`) };
    }
    case "tokens": {
      if (!isObj(v)) bad(at, "expected {input, output, cachedInput?, reasoning?}");
      return { kind, input: count(v.input, `${at}.input`), output: count(v.output, `${at}.output`), cachedInput: count(v.cachedInput, `${at}.cachedInput`, 0), reasoning: count(v.reasoning, `${at}.reasoning`, 0) };
    }
    case "userInput":
      return { kind, questions: questions(v, at) };
    case "notify":
      if (!isObj(v)) bad(at, "expected {method, params?}");
      return { kind, method: str(v.method, `${at}.method`), params: v.params ?? {} };
    case "raw":
      return { kind, line: str(v, at) };
    case "stderr":
      return { kind, line: str(v, at) };
    case "stall":
      return { kind, ms: v === "forever" ? "forever" : count(v, at) };
    case "fail":
      return { kind, message: str(v, at), codexErrorInfo: s.codexErrorInfo ?? "other" };
    case "crash":
      return { kind, code: count(v, at), stderr: typeof s.stderr === "string" ? s.stderr : `fake-codex: crashed with exit code ${String(v)}` };
  }
}

function parseTurn(t: unknown, where: string): ScenarioTurn {
  if (!isObj(t) || !Array.isArray(t.steps)) bad(where, "expected {steps: [...], delayMs?}");
  return { steps: t.steps.map((s, i) => parseStep(s, `${where}.steps[${i}]`)), delayMs: count(t.delayMs, `${where}.delayMs`, 0) };
}

/** Checks a scenario given as JSON text; throws invalid_input naming the bad field. */
export function parseScenario(text: string): Scenario {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    bad("JSON", (err as Error).message);
  }
  if (!isObj(data)) bad("top level", "expected an object {turns: [...]} or {steps: [...]}");
  const turns = Array.isArray(data.turns) ? data.turns.map((t, i) => parseTurn(t, `turns[${i}]`)) : [parseTurn(data, "top level")];
  if (turns.length === 0) bad("turns", "expected at least one turn");
  return { turns, emittedAtMs: data.emittedAtMs === true };
}
