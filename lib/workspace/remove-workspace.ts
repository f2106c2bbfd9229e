import { conflict } from "../errors.ts";
import { containedPath } from "./contained-path.ts";
import { openRepo } from "./repo.ts";
import { withRepoLock } from "./repo-lock.ts";
import { runHook } from "./run-hook.ts";
import type { WorkspaceConfig, WorkspaceTarget } from "./types.ts";
import { workspacePath } from "./workspace-path.ts";
import { workspaceState } from "./workspace-state.ts";
import { removeWorktree } from "./worktree-removal.ts";

/**
 * Terminal cleanup (inventory §6.10): before_remove, then the worktree goes;
 * the branch stays. Nothing at the path: done. Only a worktree of the
 * repository (or an empty folder) inside the root is ever deleted.
 */
export async function removeWorkspace(config: WorkspaceConfig, target: WorkspaceTarget): Promise<void> {
  const { runtime } = config;
  const path = workspacePath(config.root, target.project, target.identifier);
  const real = await containedPath(runtime, config.root, path, false);
  if (real === undefined) return;
  const action = `Cannot remove workspace "${path}"`;
  const repo = await openRepo(runtime, target.repoPath, action);
  const state = await workspaceState(runtime, repo, real);
  if (state === "foreign") {
    throw conflict(`${action}: the folder is not a git worktree of "${repo.path}"`, "nothing was deleted; remove the folder yourself if it is not needed");
  }
  if (state === "worktree") await runHook(config, "before_remove", path);
  await withRepoLock(repo.commonDir, () => removeWorktree(runtime, repo, path));
}
