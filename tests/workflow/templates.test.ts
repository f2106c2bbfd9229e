import { suite } from "uvu";
import * as assert from "uvu/assert";
import { isMaestroError } from "../../lib/errors.ts";
import { parseWorkflow, type Phase, type PromptVars, renderPrompt, type Workflow } from "../../lib/workflow/mod.ts";

const test = suite("workflow templates");

const PATH = "/repo/WORKFLOW.md";
const load = (text: string): Workflow => parseWorkflow(text, { path: PATH, env: () => undefined, homeDir: "/home/u" });
/** A file whose whole text is the implementation template (no front matter). */
const template = (body: string) => load(body);

const issue = {
  id: "iss_1",
  identifier: "MAE-12",
  title: "Fix the board",
  description: "It flickers.",
  state: "in_progress",
  priority: 2,
  labels: ["bug", "ui"],
  blocked_by: ["MAE-9"],
  branch_name: null,
  pr_url: null,
  comments: [
    { body: "First look", author: { type: "user", name: "ann" } },
    { body: "Repro attached", author: { type: "agent", name: "codex" } },
  ],
};
const vars = (extra: Partial<PromptVars> = {}): PromptVars => ({
  issue,
  project: { id: "prj_1", name: "Maestro", description: "" },
  attempt: null,
  workspace: { path: "/trees/maestro/MAE-12" },
  ...extra,
});
const render = (w: Workflow, v: PromptVars = vars(), phase: Phase = "implementation") => renderPrompt(w, phase, v);

function failsWith(fn: () => unknown, message: string): void {
  try {
    fn();
  } catch (err) {
    if (!isMaestroError(err)) throw err;
    assert.is(err.code, "invalid_input");
    assert.is(err.message, message);
    return;
  }
  assert.unreachable(`expected: ${message}`);
}

const LIQUID = `Issue {{ issue.identifier }} ({{ issue.state }}) in {{ project.name }}
{% if attempt %}Attempt {{ attempt }}{% else %}First attempt{% endif %}
{%- if project.description %} about {{ project.description }}{% endif %}
Labels: {{ issue.labels }}
{% for c in issue.comments %}- {{ c.author.name }}: {{ c.body }}
{% endfor %}Phase {{ phase }} at {{ workspace.path }}; plan {{ plan_mode }}; branch "{{ issue.branch_name }}"`;

const ETA = `Issue <%= it.issue.identifier %> (<%= it.issue.state %>) in <%= it.project.name %>
<% if (it.attempt) { %>Attempt <%= it.attempt %><% } else { %>First attempt<% } %>
<%_ if (it.project.description) { %> about <%= it.project.description %><% } %>
Labels: <%~ it.issue.labels %>
<% for (const c of it.issue.comments) { %>- <%= c.author.name %>: <%= c.body %>
<% } %>Phase <%= it.phase %> at <%= it.workspace.path %>; plan <%= it.plan_mode %>; branch "<%= it.issue.branch_name %>"`;

test("the Liquid subset and the eta dialect render the same text", () => {
  for (const v of [vars(), vars({ attempt: 3, project: { id: "p", name: "Maestro", description: "the orchestrator" }, plan_mode: true })]) {
    assert.is(render(template(LIQUID), v), render(template(ETA), v));
  }
  assert.is(
    render(template(LIQUID)),
    `Issue MAE-12 (in_progress) in Maestro
First attempt
Labels: bug, ui
- ann: First look
- codex: Repro attached
Phase implementation at /trees/maestro/MAE-12; plan false; branch ""`,
  );
  assert.is(
    render(template(ETA), vars({ attempt: 3, project: { id: "p", name: "Maestro", description: "the orchestrator" } })).split("\n")[1],
    "Attempt 3 about the orchestrator",
  );
});

test("values print plainly: lists joined, null empty, numbers and maps as text", () => {
  const w = template(`[{{ issue.labels }}] [{{ issue.pr_url }}] [{{ issue.priority }}] [{{ attempt }}] [{{ issue.comments }}]`);
  assert.is(
    render(w, vars({ issue: { ...issue, comments: [{ body: "x" }] } })),
    `[bug, ui] [] [2] [] [{"body":"x"}]`,
  );
});

test("text around tags passes through untouched: quotes, backslashes, braces and percent signs", () => {
  const text = `It's "C:\\path\\n" { not a tag } 100% %> done \${x} \`tick\``;
  assert.is(render(template(`${text} {{ issue.identifier }}`)), `${text} MAE-12`);
});

test("if is false for null, false, blank text, 0 and empty lists or maps", () => {
  const w = template(`{% if issue.v %}yes{% else %}no{% endif %}`);
  const check = (v: unknown) => render(w, vars({ issue: { v } }));
  for (const v of [null, false, "", "  \n", 0, [], {}]) assert.is(check(v), "no", JSON.stringify(v));
  for (const v of [true, "x", 1, -1, ["a"], { a: 1 }]) assert.is(check(v), "yes", JSON.stringify(v));
});

test("an unknown field fails the render with its name and WORKFLOW.md line", () => {
  const text = [
    "---", // 1
    "agent:", // 2
    "  max_turns: 3", // 3
    "phases:", // 4
    "  review:", // 5
    "    prompt: |", // 6
    "      Review {{ issue.identifier }}", // 7
    "      by {{ issue.reviewer }}", // 8
    "---", // 9
    "", // 10
    "Work on {{ issue.identifier }}", // 11
    "Title: {{ issue.titel }}", // 12
  ].join("\n");
  const w = load(text);
  failsWith(() => render(w), `template error in ${PATH} line 12: unknown variable "issue.titel"`);
  failsWith(() => render(w, vars(), "review"), `template error in ${PATH} line 8: unknown variable "issue.reviewer"`);
  failsWith(() => render(template(`{% for c in issue.comments %}\n{{ c.bodyy }}{% endfor %}`)), `template error in ${PATH} line 2: unknown variable "c.bodyy"`);
  failsWith(() => render(template(`<%= it.issue.title.length %>`)), `template error in ${PATH} line 1: unknown variable "issue.title.length"`);
  failsWith(() => render(template(`x\n{% for l in issue.title %}{{ l }}{% endfor %}`)), `template error in ${PATH} line 2: cannot loop over "issue.title": it is not a list`);
  // A field the caller did not pass is unknown too, even on the built-in prompt.
  failsWith(() => render(load(""), vars({ issue: { identifier: "MAE-1", title: "t" } })), `template error in the built-in prompt line 4: unknown variable "issue.state"`);
});

test("data is printed, never compiled or run", () => {
  const sneaky = "{{ issue.id }} <%= it.issue.id %> <% throw new Error('ran') %> ${process.exit(1)}";
  const w = template(`{{ issue.title }}|<%= it.issue.title %>`);
  assert.is(render(w, vars({ issue: { title: sneaky } })), `${sneaky}|${sneaky}`);
  // Fields are own properties only: nothing is reached through prototypes.
  failsWith(() => render(template(`{{ issue.constructor }}`)), `template error in ${PATH} line 1: unknown variable "issue.constructor"`);
  failsWith(() => render(template(`{{ issue.__proto__ }}`)), `template error in ${PATH} line 1: unknown variable "issue.__proto__"`);
});

test("eta tags outside the dialect are syntax errors, so a template runs no JavaScript", () => {
  const forms = "(use <%= it.path %>, <% if (it.path) { %>, <% } else { %>, <% for (const x of it.path) { %> or <% } %>)";
  failsWith(() => template(`a\n<% while (true) {} %>`), `${PATH}: prompt: unsupported tag "<% while (true) {} %>" ${forms} (line 2)`);
  failsWith(() => template(`<% layout("x") %>`), `${PATH}: prompt: unsupported tag "<% layout("x") %>" ${forms} (line 1)`);
  failsWith(() => template(`<%= it.issue.title + 1 %>`), `${PATH}: prompt: unsupported expression "it.issue.title + 1" (print a variable such as <%= it.issue.title %>) (line 1)`);
  failsWith(() => template(`<%~ include("other") %>`), `${PATH}: prompt: unsupported expression "include("other")" (print a variable such as <%= it.issue.title %>) (line 1)`);
  failsWith(() => template(`<%= issue.title %>`), `${PATH}: prompt: unknown variable "issue.title" (eta templates read variables through it., e.g. it.issue.title) (line 1)`);
  failsWith(() => template(`<%= it %>`), `${PATH}: prompt: "it" alone is not a variable (name one, e.g. it.issue.title) (line 1)`);
  failsWith(() => template(`<%= it.process %>`), `${PATH}: prompt: unknown variable "process" (known: issue, project, attempt, phase, workspace, plan_mode) (line 1)`);
  failsWith(() => template(`x <%= it.issue.title`), `${PATH}: prompt: unclosed "<%" (close it with "%>") (line 1)`);
  failsWith(() => template(`<% } %>`), `${PATH}: prompt: "<% } %>" closes nothing (line 1)`);
  failsWith(() => template(`<% } else { %>`), `${PATH}: prompt: "<% } else { %>" outside an "if" (line 1)`);
  failsWith(() => template(`\n<% for (const x of it.issue.labels) { %>`), `${PATH}: prompt: "for" is never closed (add <% } %>) (line 2)`);
  failsWith(() => template(`<% for (const it of it.issue.labels) { %><% } %>`), `${PATH}: prompt: "it" cannot name a loop variable (line 1)`);
});

test("Liquid beyond the subset is a syntax error naming what it found", () => {
  const cases: [string, string][] = [
    [`{{ }}`, `empty "{{ }}" (name a variable such as issue.title) (line 1)`],
    [`{{ issue.title | upcase }}`, `unknown filter "upcase" (templates have no filters) (line 1)`],
    [`{{ issue.title | truncate: 5 }}`, `unknown filter "truncate" (templates have no filters) (line 1)`],
    [`{{ "text" }}`, `unsupported expression ""text"" (only a variable such as issue.title) (line 1)`],
    [`{% if attempt > 1 %}x{% endif %}`, `unsupported condition "attempt > 1" (only a variable such as attempt: no comparisons, and, or) (line 1)`],
    [`{% if %}x{% endif %}`, `empty condition in "{% if %}" (name a variable such as attempt) (line 1)`],
    [`{% if attempt %}a{% elsif phase %}b{% endif %}`, `unknown tag "elsif" (use if, else, endif, for or endfor) (line 1)`],
    [`{% raw %}`, `unknown tag "raw" (use if, else, endif, for or endfor) (line 1)`],
    [`{% for x in issue.labels limit: 2 %}{% endfor %}`, `"{% for x in issue.labels limit: 2 %}" is not "for name in list" (line 1)`],
    [`{% else %}`, `"else" outside an "if" (line 1)`],
    [`{% if attempt %}{% else %}{% else %}{% endif %}`, `second "else" in the "if" from line 1 (line 1)`],
    [`{% endif x %}`, `"endif" takes nothing after it, got "x" (line 1)`],
    [`x\n{% endfor %}`, `"endfor" closes nothing (line 2)`],
    [`Title {{ issue.title`, `unclosed "{{" (close it with "}}") (line 1)`],
    [`a\nb\n{% if attempt`, `unclosed "{%" (close it with "%}") (line 3)`],
  ];
  for (const [body, reason] of cases) failsWith(() => template(body), `${PATH}: prompt: ${reason}`);
});

test("whitespace trim markers work in both spellings and a tag spanning lines keeps later line numbers", () => {
  assert.is(render(template(`a   {{- issue.identifier -}}   b`)), "aMAE-12b");
  assert.is(render(template(`a   <%_= it.issue.identifier _%>   b`)), "aMAE-12b");
  const lines = template(`a\n<% if (it.attempt) { -%>\nx\n<% } -%>\nb`);
  assert.is(render(lines), "a\nb");
  assert.is(render(lines, vars({ attempt: 1 })), "a\nx\nb");
  const w = template(`{{\n  issue.identifier\n}}\n{{ issue.nope }}`);
  assert.is(render(w, vars({ issue: { identifier: "MAE-1", nope: "ok" } })), "MAE-1\nok");
  failsWith(() => render(w), `template error in ${PATH} line 4: unknown variable "issue.nope"`);
});

test("both spellings may share a template; loop variables shadow roots inside their loop", () => {
  const w = template(`{% for issue in issue.comments %}{{ issue.body }};{% endfor %}<%= it.issue.identifier %>`);
  assert.is(render(w), "First look;Repro attached;MAE-12");
});

test("phase is the phase rendered; each phase has its own template", () => {
  const w = load(`---\nphases:\n  review:\n    prompt: "R {{ phase }}"\n  done:\n    prompt: "D <%= it.phase %>"\n---\nI {{ phase }}`);
  assert.equal((["implementation", "review", "done"] as const).map((p) => render(w, vars(), p)), ["I implementation", "R review", "D done"]);
});

test("the built-in prompts render from issue fields, project and attempt", () => {
  const w = load("");
  const first = render(w);
  assert.ok(first.startsWith("You are working on issue MAE-12: Fix the board\n\nCurrent phase: implementation\nState: in_progress\n\nDescription:\nIt flickers."), first);
  assert.not.match(first, /Continuation attempt/);
  const again = render(w, vars({ attempt: 2, project: { id: "p", name: "M", description: "Local-first" } }));
  assert.match(again, /Continuation attempt: 2\./);
  assert.match(again, /Project context:\nLocal-first\n/);
  assert.match(render(w, vars({ issue: { ...issue, description: "" } })), /Description:\nNo description provided\./);
  assert.match(render(w, vars(), "review"), /^You are reviewing the work on issue MAE-12: Fix the board/);
  assert.match(render(w, vars(), "done"), /^You are finishing issue MAE-12: Fix the board/);
});

test.run();
