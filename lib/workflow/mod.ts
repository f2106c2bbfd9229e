/**
 * workflow/: finding, parsing, validating and reloading WORKFLOW.md, its
 * defaults, rendering prompts, and the text `workflow init` writes.
 *
 * Implements maestro-inventory §5 (file format, every key with its runtime
 * and init defaults, legacy flat keys, advisories, templates, built-in
 * prompts) and §1.4 (init choices), and Symphony SPEC §5 (workflow file,
 * front matter, prompt template, error surface) and §6 (configuration,
 * `$VAR` and `~` in paths, dynamic reload keeping the last good config).
 *
 * Messages. Every failure is a MaestroError:
 * - YAML syntax: `<path>:<line>:<col>: <yaml's reason>`;
 * - a wrong value: `<path>:<line>:<col>: agent.max_turns: expected a positive integer, got "ten"`
 *   (enums list what is allowed: `expected one of parallel, per_project_serial, got "fast"`);
 * - a template that does not compile: `<path>: phases.review.prompt: unknown filter "upcase" (templates have no filters) (line 31)`;
 * - a render that fails: `template error in <path> line 12: unknown variable "issue.titel"`.
 * Lines are WORKFLOW.md lines. Unknown keys and the §5.3 advisories are
 * warnings (`workflow.warnings`), never errors.
 *
 * Templates. Two spellings of one small language, both compiled once at load
 * by eta with autoEscape and useWith off:
 * - Liquid, as older Maestro and Symphony files have it: `{{ issue.title }}`,
 *   `{% if attempt %}…{% else %}…{% endif %}`, `{% for label in issue.labels %}…{% endfor %}`,
 *   `{{-`/`-}}` to trim whitespace. Translated into eta at load.
 * - eta: `<%= it.issue.title %>` (or `<%~ %>`), `<% if (it.attempt) { %>`,
 *   `<% } else { %>`, `<% for (const label of it.issue.labels) { %>`, `<% } %>`,
 *   and eta's `-`/`_` trim markers.
 * Nothing else: no filters, JavaScript expressions, calls, strings, includes
 * or layouts (a syntax error names what it found). A template cannot run code
 * in the daemon, and data is only ever printed, never compiled. A variable
 * whose root is not issue, project, attempt, phase, workspace or plan_mode
 * fails at load; a missing field fails the render. Printing: text as is,
 * lists joined with ", ", null as "", maps as JSON. False in `if`: null,
 * false, blank text, 0, empty lists and maps. Mixing: a block opened in one
 * spelling must close in the same one; `<%` in a Liquid template and `{{`
 * in an eta one are tags.
 */
/**
 * The parsed file (Workflow: path, config, prompt, warnings, compiled
 * templates), its settings (WorkflowConfig, keys spelt as in the file) and
 * their enums, warnings with their codes, and what parseWorkflow needs.
 */
export type {
  AgentMode,
  ApprovalPolicy,
  ApprovalPolicyName,
  CollaborationMode,
  DispatchMode,
  GranularApproval,
  ParseOptions,
  Phase,
  PhaseConfig,
  WarningCode,
  Workflow,
  WorkflowConfig,
  WorkflowWarning,
} from "./types.ts";
/** A compiled template and where in WORKFLOW.md it came from (for messages). */
export type { PromptTemplate, TemplateOrigin } from "./template.ts";
/** The variables a render gets: issue, project, attempt, workspace, plan_mode (phase comes from renderPrompt). */
export type { PromptVars } from "./prompt-vars.ts";
/** The injected file access (lib/runtime's FileSystem fits) and loadWorkflow's options. */
export type { LoadOptions, WorkflowFiles } from "./load-workflow.ts";
/** Hot reload: the source, its options and the state current() answers. */
export type { WorkflowSource, WorkflowSourceOptions, WorkflowState } from "./workflow-source.ts";
/** The init menus: one choice, the menu kinds and the value type of each. */
export type { Choice, ChoiceKind, ChoiceValues } from "./init-choices.ts";
/** What `workflow init` asks for, in the file's spelling. */
export type { InitSettings } from "./init-text.ts";

/**
 * Parses WORKFLOW.md text into a validated Workflow: front matter between
 * leading `---` lines (none: the whole file is the prompt; an empty prompt
 * is the built-in one), every setting with its default, legacy flat keys
 * moved to their nested place (nested wins), `workspace.root` expanded
 * (`$VAR`, `${VAR}`, `~`, relative to the file's directory), the three
 * templates compiled. Pure: reads nothing but its arguments.
 * Throws MaestroError("invalid_input") for YAML errors, front matter that is
 * not a map, a wrong value, an unset variable in `workspace.root`, the
 * rejected legacy keys (tracker_api_token, tracker_project_slug,
 * tracker_assignee) and template syntax errors.
 */
export { parseWorkflow } from "./parse-workflow.ts";

/**
 * Reads the file at `path` through `files` and parses it.
 * Throws MaestroError("not_found") `No WORKFLOW.md at <path>` (hint: create
 * one with `maestro workflow init <dir>`), "unavailable" when the file cannot
 * be read, and whatever parseWorkflow throws.
 */
export { loadWorkflow } from "./load-workflow.ts";

/**
 * Renders the template of `phase` (implementation: the file's body; review
 * and done: phases.*.prompt) with `vars`, trimmed. `attempt` is null on the
 * first attempt; `plan_mode` defaults to false.
 * Throws MaestroError("invalid_input") `template error in <path> line N:
 * unknown variable "issue.titel"` for a field the vars lack, or `cannot loop
 * over "x": it is not a list`. The orchestrator fails only that attempt.
 */
export { renderPrompt } from "./render-prompt.ts";

/**
 * Hot reload. `current()` re-stats the file each call, re-reads it when mtime
 * or size changed and also compares the text of files up to 1 MiB when they
 * did not (edits within the clock's resolution), and re-parses only changed
 * text. An invalid or missing file keeps the last good workflow and sets
 * `error` (the message with its hint) until it is fixed; a fixed file clears
 * it. `changed` is true once per successful load. Never throws for a bad
 * file; only programmer errors escape.
 */
export { createWorkflowSource } from "./workflow-source.ts";

/**
 * The enum menus of `workflow init`, in menu order, with their aliases:
 * agent_mode, dispatch_mode, approval_policy, initial_collaboration_mode.
 */
export { INIT_CHOICES } from "./init-choices.ts";

/**
 * Reads a menu answer: its number, an alias, the full value or a unique
 * prefix of either (case-insensitive) → the value; a prefix several choices
 * share → `{ ambiguous: [values] }`; blank or unknown input → undefined.
 * Never throws.
 */
export { resolveChoice } from "./init-choices.ts";

/** The settings `workflow init --defaults` writes (approval_policy "never", unlike the runtime default). */
export { INIT_DEFAULTS } from "./init-text.ts";

/**
 * A commented WORKFLOW.md with `settings` filled in and the built-in prompts;
 * parseWorkflow reads it back to exactly those settings, without warnings.
 * Throws MaestroError("invalid_input") for a blank path or command, a
 * non-positive count or a value outside its menu.
 */
export { initWorkflowText } from "./init-text.ts";
/** initSettingsOf(workflow): the init settings a parsed workflow holds (init's output read back). */
export { initSettingsOf } from "./init-text.ts";

/** The built-in prompts (Liquid syntax): implementation, review and done. */
export { DEFAULT_DONE_PROMPT, DEFAULT_PROMPT, DEFAULT_REVIEW_PROMPT } from "./default-prompts.ts";

/** Codex approvals when the file names no policy: granular, requests queue for a person. */
export { DEFAULT_APPROVAL_POLICY } from "./approval-policy.ts";
