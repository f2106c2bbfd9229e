import { suite } from "uvu";
import * as assert from "uvu/assert";
import { isMaestroError } from "../../lib/errors.ts";
import {
  initSettingsOf,
  DEFAULT_PROMPT,
  INIT_CHOICES,
  INIT_DEFAULTS,
  type InitSettings,
  initWorkflowText,
  parseWorkflow,
  resolveChoice,
  type Workflow,
} from "../../lib/workflow/mod.ts";

const test = suite("workflow init");

const ENV: Record<string, string> = { TREES: "/mnt/trees" };
const parse = (text: string) => parseWorkflow(text, { path: "/repo/WORKFLOW.md", env: (n) => ENV[n], homeDir: "/home/u" });

/** The init settings as they read back from a parsed file, but the workspace root (checked on its own). */
function settingsOf(w: Workflow): Omit<InitSettings, "workspace_root"> {
  const { workspace_root: _root, ...rest } = initSettingsOf(w);
  return rest;
}

const { workspace_root: _root, ...rest } = INIT_DEFAULTS;

test("init text with the defaults parses back to exactly those settings, with no warnings", () => {
  const w = parse(initWorkflowText(INIT_DEFAULTS));
  assert.equal(w.warnings, []);
  assert.equal(settingsOf(w), rest);
  assert.is(w.config.codex.approval_policy, "never");
  assert.is(w.config.workspace.root, "/home/u/.maestro/worktrees");
  // The rest of what init writes: the runtime defaults, the built-in prompt, shorter phase prompts.
  assert.equal(w.config.tracker, { kind: "kanban", active_states: ["ready", "in_progress", "in_review"], terminal_states: ["done", "cancelled"] });
  assert.equal(w.config.hooks, { after_create: "", before_run: "", after_run: "", before_remove: "", timeout_ms: 60000 });
  assert.is(w.config.polling.interval_ms, 10000);
  assert.is(w.config.agent.max_retry_backoff_ms, 60000);
  assert.equal([w.config.codex.turn_timeout_ms, w.config.codex.read_timeout_ms, w.config.codex.stall_timeout_ms], [1800000, 10000, 300000]);
  assert.is(w.prompt, DEFAULT_PROMPT);
  assert.ok(w.config.phases.review.enabled && w.config.phases.done.enabled);
  assert.match(w.config.phases.review.prompt, /^Review the work on issue \{\{ issue\.identifier \}\} in this workspace\./);
  assert.match(w.config.phases.done.prompt, /^Finish issue \{\{ issue\.identifier \}\} from this workspace\./);
});

test("init text with other settings, including values YAML must quote, parses back to them", () => {
  const cases: InitSettings[] = [
    {
      workspace_root: "$TREES/maestro",
      codex_command: "codex --config 'model: o3' app-server # not a comment",
      agent_mode: "stdio",
      dispatch_mode: "per_project_serial",
      max_concurrent_agents: 7,
      max_turns: 30,
      max_automatic_retries: 1,
      approval_policy: "on-failure",
      initial_collaboration_mode: "plan",
    },
    { ...INIT_DEFAULTS, workspace_root: "../my trees: all", codex_command: "\"quoted\" codex", approval_policy: "untrusted" },
    { ...INIT_DEFAULTS, workspace_root: "~", approval_policy: "on-request", initial_collaboration_mode: "plan" },
  ];
  const roots = ["/mnt/trees/maestro", "/my trees: all", "/home/u"];
  cases.forEach((settings, i) => {
    const w = parse(initWorkflowText(settings));
    assert.equal(w.warnings, [], settings.workspace_root);
    const { workspace_root: _, ...expected } = settings;
    assert.equal(settingsOf(w), expected);
    assert.is(w.config.workspace.root, roots[i]);
  });
});

test("init refuses settings a WORKFLOW.md could not hold", () => {
  const fails = (settings: InitSettings, message: string) => {
    try {
      initWorkflowText(settings);
      assert.unreachable(message);
    } catch (err) {
      if (!isMaestroError(err)) throw err;
      assert.is(err.code, "invalid_input");
      assert.is(err.message, message);
    }
  };
  fails({ ...INIT_DEFAULTS, max_turns: 0 }, "max_turns: expected a positive integer, got 0");
  fails({ ...INIT_DEFAULTS, max_concurrent_agents: 1.5 }, "max_concurrent_agents: expected a positive integer, got 1.5");
  fails({ ...INIT_DEFAULTS, codex_command: " " }, `codex_command: expected a non-empty value, got ""`);
  fails({ ...INIT_DEFAULTS, dispatch_mode: "fast" as InitSettings["dispatch_mode"] }, `dispatch_mode: expected one of parallel, per_project_serial, got "fast"`);
});

test("resolveChoice takes a menu number, the value, an alias or a unique prefix", () => {
  assert.is(resolveChoice("agent_mode", "1"), "app_server");
  assert.is(resolveChoice("agent_mode", "2"), "stdio");
  assert.is(resolveChoice("agent_mode", "3"), undefined);
  assert.is(resolveChoice("agent_mode", " STDIO "), "stdio");
  assert.is(resolveChoice("dispatch_mode", "per_project"), "per_project_serial");
  assert.is(resolveChoice("dispatch_mode", "pa"), "parallel");
  assert.is(resolveChoice("approval_policy", "u"), "untrusted");
  assert.is(resolveChoice("approval_policy", "on-f"), "on-failure");
  assert.is(resolveChoice("initial_collaboration_mode", "pl"), "plan");
  assert.is(resolveChoice("initial_collaboration_mode", ""), undefined);
  assert.is(resolveChoice("initial_collaboration_mode", "later"), undefined);
});

test("resolveChoice reports a prefix several choices share as ambiguous", () => {
  assert.equal(resolveChoice("dispatch_mode", "p"), { ambiguous: ["parallel", "per_project_serial"] });
  assert.equal(resolveChoice("approval_policy", "on"), { ambiguous: ["on-request", "on-failure"] });
  // "per" is an alias, so it is exact, not a prefix of "per-project-serial".
  assert.is(resolveChoice("dispatch_mode", "per"), "per_project_serial");
});

test("every alias of the init menus resolves to its value", () => {
  const aliases: [keyof typeof INIT_CHOICES, string, string][] = [
    ["agent_mode", "app", "app_server"],
    ["agent_mode", "server", "app_server"],
    ["agent_mode", "app-server", "app_server"],
    ["agent_mode", "std", "stdio"],
    ["agent_mode", "exec", "stdio"],
    ["dispatch_mode", "par", "parallel"],
    ["dispatch_mode", "serial", "per_project_serial"],
    ["dispatch_mode", "pps", "per_project_serial"],
    ["dispatch_mode", "per-project-serial", "per_project_serial"],
    ["approval_policy", "req", "on-request"],
    ["approval_policy", "request", "on-request"],
    ["approval_policy", "on_request", "on-request"],
    ["approval_policy", "fail", "on-failure"],
    ["approval_policy", "failure", "on-failure"],
    ["approval_policy", "on_failure", "on-failure"],
    ["approval_policy", "never", "never"],
    ["initial_collaboration_mode", "def", "default"],
  ];
  for (const [kind, alias, value] of aliases) assert.is(resolveChoice(kind, alias), value, `${kind} ${alias}`);
  assert.equal(INIT_CHOICES.approval_policy.map((c) => c.value), ["never", "on-request", "on-failure", "untrusted"]);
});

test.run();
