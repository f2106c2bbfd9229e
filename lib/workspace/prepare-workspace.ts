import { conflict } from "../errors.ts";
import { git } from "./git.ts";
import { branchFor } from "./branch-name.ts";
import { containedPath } from "./contained-path.ts";
import { createWorktree, type NewWorktree } from "./create-worktree.ts";
import { openRepo, type Repo } from "./repo.ts";
import { withRepoLock } from "./repo-lock.ts";
import { runHook } from "./run-hook.ts";
import { switchBranch } from "./switch-branch.ts";
import type { PreparedWorkspace, WorkspaceConfig, WorkspaceTarget } from "./types.ts";
import { workspacePath } from "./workspace-path.ts";
import { workspaceState } from "./workspace-state.ts";
import { removeWorktree } from "./worktree-removal.ts";

/**
 * Creates the worktree, or reuses the worktree of the same repository
 * already there (put on the branch). after_create runs only for a new one; when
 * it fails the new worktree (and a branch made for it) is removed again, so the
 * next attempt starts clean. Git work is serialized per repository; the hook
 * runs outside that lock.
 */
export async function prepareWorkspace(config: WorkspaceConfig, target: WorkspaceTarget): Promise<PreparedWorkspace> {
  const path = workspacePath(config.root, target.project, target.identifier);
  const action = `Cannot prepare workspace "${path}"`;
  const repo = await openRepo(config.runtime, target.repoPath, action);
  const branch = await branchFor(config.runtime, repo.path, target, action);
  const made = await withRepoLock(repo.commonDir, () => placeWorktree(config, repo, path, branch));
  if (made === undefined) return { path, branch, created: false, baseRef: undefined };
  try {
    await runHook(config, "after_create", path);
  } catch (err) {
    await withRepoLock(repo.commonDir, () => discard(config, repo, path, made.createdBranch ? branch : undefined));
    throw err;
  }
  return { path, branch, created: true, baseRef: made.baseRef };
}

/** Reuses (undefined) or creates the worktree; refuses anything else at the path. */
async function placeWorktree(config: WorkspaceConfig, repo: Repo, path: string, branch: string): Promise<NewWorktree | undefined> {
  const { runtime } = config;
  const real = await containedPath(runtime, config.root, path, true);
  const state = await workspaceState(runtime, repo, real);
  if (state === "foreign") {
    throw conflict(
      `Cannot prepare workspace "${path}": the folder exists and is not a git worktree of "${repo.path}"`,
      "nothing was deleted; move the folder away or remove it yourself",
    );
  }
  if (state === "worktree") {
    await switchBranch(runtime, path, branch);
    return undefined;
  }
  return createWorktree(runtime, repo, path, branch);
}

async function discard(config: WorkspaceConfig, repo: Repo, path: string, branch: string | undefined): Promise<void> {
  await removeWorktree(config.runtime, repo, path);
  if (branch !== undefined) await git(config.runtime, repo.path, ["branch", "-D", "--", branch]);
}
