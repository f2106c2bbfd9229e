import type { Runtime } from "../runtime/mod.ts";
import { git } from "./git.ts";
import { realDir } from "./real-dir.ts";
import type { Repo } from "./repo.ts";
import { readWorktreeLink } from "./worktree-link.ts";

/** What is at a workspace path: nothing, an empty folder, a worktree of the repository, or anything else (user data). */
export type WorkspaceState = "missing" | "empty" | "worktree" | "foreign";

/** Tells them apart; `realPath` is the path's real path from containedPath (undefined: nothing there). */
export async function workspaceState(runtime: Runtime, repo: Repo, realPath: string | undefined): Promise<WorkspaceState> {
  if (realPath === undefined) return "missing";
  if (runtime.fs.readDir(realPath).length === 0) return "empty";
  // The usual case, a worktree we made, is read from its .git file; anything else is left to git.
  if (readWorktreeLink(runtime, realPath)?.commonDir === repo.commonDir) return "worktree";
  const r = await git(runtime, realPath, ["rev-parse", "--path-format=absolute", "--git-common-dir", "--show-toplevel"]);
  if (!r.ok) return "foreign";
  const [commonDir = "", topLevel = ""] = r.stdout.trim().split("\n");
  const [realCommon, realTop] = await Promise.all([realDir(runtime, commonDir), realDir(runtime, topLevel)]);
  return realCommon === repo.commonDir && realTop === realPath ? "worktree" : "foreign";
}
