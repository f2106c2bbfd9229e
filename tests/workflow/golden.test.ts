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
import { DEFAULT_PROMPT, parseWorkflow, type Phase, type PromptVars, renderPrompt } from "../../lib/workflow/mod.ts";
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

test.run();
