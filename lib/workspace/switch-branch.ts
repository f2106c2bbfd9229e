import { conflict } from "../errors.ts";
import type { Runtime } from "../runtime/mod.ts";
import { git } from "./git.ts";
import { readWorktreeLink } from "./worktree-link.ts";

/**
 * Puts an existing worktree on `branch`: nothing when it is already there,
 * `git switch` when the branch exists, `git switch -c` (from the worktree's
 * current commit, so no work is lost) when it does not.
 */
export async function switchBranch(runtime: Runtime, path: string, branch: string): Promise<void> {
  if (readWorktreeLink(runtime, path)?.branch === branch) return;
  const current = await git(runtime, path, ["symbolic-ref", "--quiet", "--short", "HEAD"]);
  if (current.ok && current.stdout.trim() === branch) return;
  const exists = await git(runtime, path, ["show-ref", "--verify", "--quiet", `refs/heads/${branch}`]);
  const r = await git(runtime, path, exists.ok ? ["switch", branch] : ["switch", "-c", branch]);
  if (!r.ok) {
    throw conflict(`Cannot switch workspace "${path}" to branch "${branch}": ${r.error}`, "commit or stash the changes there, or finish its rebase");
  }
}
