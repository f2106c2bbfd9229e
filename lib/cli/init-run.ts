// What `maestro workflow init` does; commands/workflow-init.ts declares it.
import { invalidInput } from "../errors.ts";
import { INIT_DEFAULTS, type InitSettings, initWorkflowText } from "../workflow/mod.ts";
import { baseName, joinPath } from "../runtime/mod.ts";
import type { CommandContext } from "./command.ts";
import { askSettings, confirmOverwrite, type PromptIo } from "./init-prompts.ts";
import { settingsFromFlags } from "./init-settings.ts";
import { createLineReader } from "./line-reader.ts";
import { checkReadiness, printReadiness } from "./readiness.ts";
import { repoDir } from "./repo-dir.ts";

/** A word for a shell command line, quoted only when it needs to be. */
const shellWord = (s: string) => (/^[\w@%+=:,./~-]+$/.test(s) ? s : `'${s.replaceAll("'", `'\\''`)}'`);

/** The settings to write: flags, then answers (interactive) or the init defaults. Null when the user keeps the file. */
async function chooseSettings(ctx: CommandContext, path: string, exists: boolean, interactive: boolean): Promise<InitSettings | null> {
  const given = settingsFromFlags(ctx);
  const force = ctx.flags.force === true;
  if (!interactive) {
    if (exists && !force) throw invalidInput(`WORKFLOW.md already exists at ${path}; rerun with --force to overwrite`);
    return { ...INIT_DEFAULTS, ...given };
  }
  const { runtime } = ctx;
  const io: PromptIo = { out: runtime.stdout, lines: createLineReader(runtime.stdinChunks()), echo: !runtime.isStdinTerminal() };
  try {
    if (exists && !force && !(await confirmOverwrite(io, path))) return null;
    return await askSettings(io, given);
  } finally {
    io.lines.close();
  }
}

function printNextSteps(ctx: CommandContext, repo: string, ok: boolean): void {
  const db = ctx.global.db === undefined ? "" : ` --db ${shellWord(ctx.global.db)}`;
  const name = shellWord(baseName(repo));
  ctx.out.line();
  ctx.out.line(ok ? "Next steps:" : `Next steps (fix the ✗ checks first; check again with: maestro verify ${shellWord(repo)}):`);
  ctx.out.line(`  maestro project create ${name} --repo ${shellWord(repo)}${db}   # register the project`);
  ctx.out.line(`  maestro run${db}   # start the daemon (dashboard, orchestrator)`);
  ctx.out.line(`  maestro project start ${name}${db}   # let the orchestrator pick up its ready issues`);
}

/** `workflow init` (inventory §1.4): loaded when the command runs, with workflow/ (yaml, eta). */
export async function runInit(ctx: CommandContext): Promise<number> {
  const { runtime } = ctx;
  if (ctx.flags.defaults === true && ctx.flags.interactive === true) {
    throw invalidInput("Cannot combine --defaults with --interactive", "pick one");
  }
  const repo = repoDir(ctx);
  const path = joinPath(repo, "WORKFLOW.md");
  const exists = runtime.fs.stat(path) !== undefined;
  const interactive = ctx.flags.defaults !== true &&
    (ctx.flags.interactive === true || (runtime.isStdinTerminal() && runtime.stdout.isTerminal));
  const settings = await chooseSettings(ctx, path, exists, interactive);
  if (!settings) throw invalidInput(`Cancelled: kept the existing ${path}`, "rerun with --force to overwrite it");
  runtime.fs.writeAtomic(path, initWorkflowText(settings), 0o644);
  const report = await checkReadiness(runtime, repo, { doctor: false });
  if (ctx.global.json) {
    ctx.out.json({ path, settings, verification: report });
    return 0;
  }
  if (interactive) ctx.out.line();
  ctx.out.line(`Initialized ${path}`);
  ctx.out.line();
  printReadiness(ctx.out, "Verification", report);
  printNextSteps(ctx, repo, report.ok);
  return 0;
}

