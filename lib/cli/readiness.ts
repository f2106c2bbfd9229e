// The readiness checks behind `maestro verify`, `doctor` and the end of
// `workflow init` (inventory §9.2): git, WORKFLOW.md, Codex, the workspace
// root and, for doctor, the database and the daemon. Nothing is created.
import { isMaestroError } from "../errors.ts";
import { INIT_DEFAULTS, loadWorkflow, type Workflow } from "../workflow/mod.ts";
import type { Runtime } from "../runtime/mod.ts";
import { joinPath } from "../runtime/mod.ts";
import { resolveDbPath } from "../store/mod.ts";
import { checkCodex } from "./check-codex.ts";
import { checkDatabase } from "./check-database.ts";
import { checkGit } from "./check-git.ts";
import { checkWritableDir } from "./check-paths.ts";
import type { Printer } from "./printer.ts";
import { type Check, failed, passed, type Readiness } from "./readiness-check.ts";

export type { Check, Readiness } from "./readiness-check.ts";

export interface ReadinessOptions {
  /** Also check the database and the daemon. */
  doctor: boolean;
  /** --db as given (doctor only). */
  dbFlag?: string;
}

/** Used when WORKFLOW.md does not load: what Maestro would run once it does. */
const DEFAULT_READ_TIMEOUT_MS = 10_000;

function checkWorkflow(runtime: Runtime, repo: string): { check: Check; workflow?: Workflow } {
  const path = joinPath(repo, "WORKFLOW.md");
  try {
    const workflow = loadWorkflow(runtime.fs, path, { env: (name) => runtime.env(name), homeDir: runtime.homeDir() });
    return { check: passed("workflow", `WORKFLOW.md valid: ${path}`), workflow };
  } catch (err) {
    if (!isMaestroError(err)) throw err;
    if (err.code === "not_found") return { check: failed("workflow", `WORKFLOW.md: missing at ${path}`, err.hint ?? `run: maestro workflow init ${repo}`) };
    return { check: failed("workflow", `WORKFLOW.md: ${err.message}`, err.hint ?? `fix it, then run: maestro verify ${repo}`) };
  }
}

/** Runs every check for the repository at `repo` (an absolute directory). */
export async function checkReadiness(runtime: Runtime, repo: string, opts: ReadinessOptions): Promise<Readiness> {
  const wf = checkWorkflow(runtime, repo);
  const config = wf.workflow?.config;
  const root = config?.workspace.root ?? joinPath(runtime.homeDir(), INIT_DEFAULTS.workspace_root.replace(/^~\//, ""));
  const [git, codex] = await Promise.all([
    checkGit(runtime, repo),
    checkCodex(runtime, repo, {
      command: config?.codex.command ?? INIT_DEFAULTS.codex_command,
      mode: config?.agent.mode ?? INIT_DEFAULTS.agent_mode,
      timeoutMs: config?.codex.read_timeout_ms ?? DEFAULT_READ_TIMEOUT_MS,
    }),
  ]);
  const checks = [
    ...git,
    wf.check,
    codex,
    checkWritableDir(runtime.fs, "workspace_root", "workspace root", root, "fix its permissions or set workspace.root in WORKFLOW.md"),
  ];
  if (opts.doctor) checks.push(...(await checkDatabase(runtime, resolveDbPath(runtime, opts.dbFlag), opts.dbFlag)));
  const warnings = (wf.workflow?.warnings ?? []).map((w) => ({ code: w.code, message: w.message }));
  return { ok: checks.every((c) => c.ok), checks, warnings };
}

/** The human report: a title line, one line per check (warnings after WORKFLOW.md's), a summary. */
export function printReadiness(out: Printer, title: string, report: Readiness): void {
  out.line(title);
  for (const c of report.checks) {
    out.line(c.ok ? `✓ ${c.message}` : `✗ ${c.message}${c.fix ? ` (${c.fix})` : ""}`);
    if (c.name === "workflow") for (const w of report.warnings) out.line(`! ${w.message}`);
  }
  const bad = report.checks.filter((c) => !c.ok).length;
  const warned = report.warnings.length ? `, ${report.warnings.length} warning${report.warnings.length === 1 ? "" : "s"}` : "";
  out.line(bad === 0 ? `All ${report.checks.length} checks passed${warned}` : `${bad} of ${report.checks.length} checks failed${warned}`);
}
