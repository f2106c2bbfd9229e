import { invalidInput, unavailable } from "../errors.ts";
import type { Runtime } from "../runtime/mod.ts";
import { parseRefList, pickBaseRef } from "./base-ref.ts";
import { git } from "./git.ts";
import type { Repo } from "./repo.ts";

/** A worktree this call made: `baseRef` is undefined when the branch already existed. */
export interface NewWorktree {
  baseRef: string | undefined;
  createdBranch: boolean;
}

/**
 * `git worktree add <path> <branch>` when the branch exists, else
 * `git worktree add -b <branch> <path> <baseRef>`. Call it under the
 * repository lock, with nothing (or an empty folder) at `path`.
 */
export async function createWorktree(runtime: Runtime, repo: Repo, path: string, branch: string): Promise<NewWorktree> {
  const listed = await git(runtime, repo.path, ["for-each-ref", "--format=%(refname) %(symref)", "refs/heads", "refs/remotes/origin"]);
  const refs = parseRefList(listed.stdout);
  const action = `Cannot prepare workspace "${path}"`;
  if (refs.heads.has(branch)) {
    await add(runtime, repo, ["--", path, branch], action);
    return { baseRef: undefined, createdBranch: false };
  }
  const baseRef = pickBaseRef(refs, branch) ?? (await headCommit(runtime, repo, action));
  await add(runtime, repo, ["-b", branch, "--", path, baseRef], action);
  return { baseRef, createdBranch: true };
}

async function add(runtime: Runtime, repo: Repo, args: string[], action: string): Promise<void> {
  let r = await git(runtime, repo.path, ["worktree", "add", ...args]);
  // A worktree whose folder vanished stays registered and blocks `add` at its path: prune it, once.
  if (!r.ok && /already registered|missing but|'prune'/.test(r.error)) {
    await git(runtime, repo.path, ["worktree", "prune"]);
    r = await git(runtime, repo.path, ["worktree", "add", ...args]);
  }
  if (!r.ok) throw unavailable(`${action}: git worktree add failed: ${r.error}`, `check the repository "${repo.path}"`);
}

async function headCommit(runtime: Runtime, repo: Repo, action: string): Promise<string> {
  const r = await git(runtime, repo.path, ["rev-parse", "--verify", "--quiet", "HEAD^{commit}"]);
  if (!r.ok) throw invalidInput(`${action}: repository "${repo.path}" has no commits`, "make a first commit there");
  return r.stdout.trim();
}
