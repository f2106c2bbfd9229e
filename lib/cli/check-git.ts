// Git readiness: installed, the repository is a work tree, worktrees work
// (Maestro gives every issue its own `git worktree`).
import type { Runtime } from "../runtime/mod.ts";
import { type Check, failed, firstLine, passed } from "./readiness-check.ts";

const GIT_TIMEOUT_MS = 10_000;

/** git, git_repo and git_worktree checks; a failed one ends the list (the next would fail for the same reason). */
export async function checkGit(runtime: Runtime, repo: string): Promise<Check[]> {
  const git = (args: string[]) => runtime.runProcess(["git", ...args], { cwd: repo, timeoutMs: GIT_TIMEOUT_MS });
  const version = await git(["--version"]);
  if (version.notFound || version.code !== 0) {
    return [failed("git", "git: not installed", "install git with your package manager")];
  }
  const checks = [passed("git", `git ${version.stdout.trim().replace(/^git version /, "")} installed`)];
  const inside = await git(["rev-parse", "--is-inside-work-tree"]);
  if (inside.code !== 0 || inside.stdout.trim() !== "true") {
    checks.push(failed("git_repo", `git repository: ${repo} is not a git work tree`, `run: git init ${repo}`));
    return checks;
  }
  checks.push(passed("git_repo", `${repo} is a git work tree`));
  const worktrees = await git(["worktree", "list"]);
  checks.push(
    worktrees.code === 0
      ? passed("git_worktree", "git worktrees work (git worktree list)")
      : failed("git_worktree", `git worktrees: "git worktree list" failed: ${firstLine(worktrees.stderr) || `exit ${worktrees.code}`}`, "upgrade git to 2.5 or later"),
  );
  return checks;
}
