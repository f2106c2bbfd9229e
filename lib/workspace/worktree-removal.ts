import type { Runtime } from "../runtime/mod.ts";
import { unavailable } from "../errors.ts";
import { git } from "./git.ts";
import type { Repo } from "./repo.ts";

/**
 * Removes the worktree at `path` (already checked to lie inside the root):
 * `git worktree remove --force`, or, when git refuses, the folder itself and
 * then `git worktree prune`. Call it under the repository lock.
 */
export async function removeWorktree(runtime: Runtime, repo: Repo, path: string): Promise<void> {
  const r = await git(runtime, repo.path, ["worktree", "remove", "--force", "--", path]);
  if (r.ok) return;
  try {
    runtime.fs.removeTree(path);
  } catch (err) {
    throw unavailable(`Cannot remove workspace "${path}": ${r.error}; then: ${String(err)}`, "check the folder's permissions");
  }
  await git(runtime, repo.path, ["worktree", "prune"]);
}
