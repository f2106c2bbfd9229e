/**
 * Golden WORKFLOW.md files: each tests/workflow/golden/<case>.md is parsed as
 * /repo/WORKFLOW.md and checked against <case>.json: either the exact error
 * ({error: {code, message}}), or the exact warnings, the prompt source
 * ("builtin" for the built-in one), the listed config values and optionally
 * one render.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { isMaestroError } from "../../lib/errors.ts";
import {
  DEFAULT_APPROVAL_POLICY,
  DEFAULT_DONE_PROMPT,
  DEFAULT_PROMPT,
  DEFAULT_REVIEW_PROMPT,
  parseWorkflow,
  type Phase,
  type PromptVars,
  renderPrompt,
  type WorkflowConfig,
} from "../../lib/workflow/mod.ts";
import { repoRoot } from "../helpers/bundle.ts";

const test = suite("workflow golden files");

const dir = path.join(repoRoot, "tests", "workflow", "golden");
const ENV: Record<string, string> = { MAESTRO_HOME: "/srv/maestro", EMPTY: "" };
const opts = { path: "/repo/WORKFLOW.md", env: (name: string) => ENV[name], homeDir: "/home/u" };

interface Expected {
  error?: { code: string; message: string };
  warnings?: { code: string; message: string }[];
  prompt?: string;
  config?: Record<string, unknown>;
  render?: { phase: Phase; vars: PromptVars; output: string };
}

/** Every key of `expected` (recursively, for maps) has that value in `actual`. */
function assertSubset(actual: unknown, expected: unknown, at: string): void {
  if (typeof expected === "object" && expected !== null && !Array.isArray(expected)) {
    assert.type(actual, "object", at);
    for (const [key, value] of Object.entries(expected)) {
      assertSubset((actual as Record<string, unknown>)[key], value, `${at}.${key}`);
    }
    return;
  }
  assert.equal(actual, expected, at);
}

const cases = fs.readdirSync(dir).filter((f) => f.endsWith(".md")).sort();

test("every golden file has its expectation, with at least 15 valid and 15 invalid files", () => {
  const json = fs.readdirSync(dir).filter((f) => f.endsWith(".json")).sort();
  assert.equal(json, cases.map((f) => f.replace(/\.md$/, ".json")));
  const kinds = cases.map((f) => (JSON.parse(fs.readFileSync(path.join(dir, f.replace(/\.md$/, ".json")), "utf8")) as Expected).error ? "invalid" : "valid");
  assert.ok(kinds.filter((k) => k === "valid").length >= 15);
  assert.ok(kinds.filter((k) => k === "invalid").length >= 15);
});

for (const file of cases) {
  const name = file.replace(/\.md$/, "");
  test(`golden ${name}`, () => {
    const text = fs.readFileSync(path.join(dir, file), "utf8");
    const expected = JSON.parse(fs.readFileSync(path.join(dir, `${name}.json`), "utf8")) as Expected;
    if (expected.error) {
      try {
        parseWorkflow(text, opts);
      } catch (err) {
        if (!isMaestroError(err)) throw err;
        assert.is(err.code, expected.error.code);
        assert.is(err.message, expected.error.message);
        return;
      }
      assert.unreachable(`${name} should fail with: ${expected.error.message}`);
    }
    const workflow = parseWorkflow(text, opts);
    assert.equal(workflow.warnings, expected.warnings ?? []);
    if (expected.prompt !== undefined) assert.is(workflow.prompt, expected.prompt === "builtin" ? DEFAULT_PROMPT : expected.prompt);
    if (expected.config) assertSubset(workflow.config, expected.config, "config");
    if (expected.render) assert.is(renderPrompt(workflow, expected.render.phase, expected.render.vars), expected.render.output);
  });
}

test("the repository's own WORKFLOW.md loads without warnings", () => {
  const file = path.join(repoRoot, "WORKFLOW.md");
  const w = parseWorkflow(fs.readFileSync(file, "utf8"), { path: file, env: () => undefined, homeDir: "/home/u" });
  assert.equal(w.warnings, []);
  assert.is(w.config.agent.dispatch_mode, "per_project_serial");
  assert.is(w.config.codex.approval_policy, "on-request");
  const prompt = renderPrompt(w, "implementation", {
    issue: { identifier: "MAE-3", title: "Add the workflow module", description: "See the brief." },
    project: { id: "p", name: "Maestro", description: "" },
    attempt: null,
    workspace: { path: "/w" },
  });
  assert.ok(prompt.startsWith("You are working on MAE-3: Add the workflow module in the Maestro repository"), prompt);
});

test("a file without settings gets every runtime default", () => {
  const expected: WorkflowConfig = {
    tracker: { kind: "kanban", active_states: ["ready", "in_progress", "in_review"], terminal_states: ["done", "cancelled"] },
    polling: { interval_ms: 10000 },
    workspace: { root: "/home/u/.maestro/worktrees" },
    hooks: { after_create: "", before_run: "", after_run: "", before_remove: "", timeout_ms: 60000 },
    agent: {
      max_concurrent_agents: 3,
      max_turns: 4,
      max_retry_backoff_ms: 60000,
      max_automatic_retries: 8,
      mode: "app_server",
      dispatch_mode: "parallel",
      max_concurrent_agents_by_state: {},
    },
    codex: {
      command: "codex app-server",
      approval_policy: DEFAULT_APPROVAL_POLICY,
      initial_collaboration_mode: "default",
      turn_timeout_ms: 1800000,
      read_timeout_ms: 10000,
      stall_timeout_ms: 300000,
      thread_sandbox: null,
      turn_sandbox_policy: null,
    },
    phases: { review: { enabled: true, prompt: DEFAULT_REVIEW_PROMPT }, done: { enabled: true, prompt: DEFAULT_DONE_PROMPT } },
  };
  assert.equal(parseWorkflow("Just a prompt", opts).config, expected);
  assert.equal(DEFAULT_APPROVAL_POLICY, { granular: { sandbox_approval: true, rules: true, mcp_elicitations: true, request_permissions: false } });
});

test("Windows line endings and a byte-order mark read like plain newlines", () => {
  const text = "\uFEFF---\r\nagent:\r\n  max_turns: ten\r\n---\r\nHello {{ issue.title }}\r\n";
  try {
    parseWorkflow(text, opts);
    assert.unreachable("max_turns: ten must fail");
  } catch (err) {
    if (!isMaestroError(err)) throw err;
    assert.is(err.message, `/repo/WORKFLOW.md:3:14: agent.max_turns: expected a positive integer, got "ten"`);
  }
  const w = parseWorkflow(text.replace("ten", "5"), opts);
  assert.is(w.config.agent.max_turns, 5);
  assert.is(w.prompt, "Hello {{ issue.title }}");
});

test.run();
