import { unavailable } from "../errors.ts";
import type { Runtime } from "../runtime/mod.ts";

// Inherited from a caller that is itself run by git (a hook, `git rebase -x`), these would
// point every command at the wrong repository. Runtime.runProcess can only add variables,
// so `env -u` removes them.
const REPO_VARIABLES = ["GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_COMMON_DIR", "GIT_PREFIX"];
const GIT_TIMEOUT_MS = 120_000;

export interface GitResult {
  ok: boolean;
  stdout: string;
  /** The last line git wrote to standard error (its "fatal: ..." line), or "". */
  error: string;
}

/** Runs `git <args>` in `cwd`; throws unavailable only when git cannot run or hangs. */
export async function git(runtime: Runtime, cwd: string, args: string[]): Promise<GitResult> {
  const argv = ["env", ...REPO_VARIABLES.flatMap((name) => ["-u", name]), "git", ...args];
  const r = await runtime.runProcess(argv, { cwd, timeoutMs: GIT_TIMEOUT_MS });
  if (r.notFound || r.code === 127) {
    throw unavailable(`Cannot run git in "${cwd}": ${lastLine(r.stderr) || "not found"}`, "install git and put it on PATH");
  }
  if (r.timedOut) throw unavailable(`Cannot run "git ${args.join(" ")}" in "${cwd}": no answer after ${GIT_TIMEOUT_MS} ms`);
  return { ok: r.code === 0, stdout: r.stdout, error: lastLine(r.stderr) };
}

function lastLine(text: string): string {
  return text.trim().split("\n").at(-1)?.trim() ?? "";
}
