/**
 * Per-issue git worktrees, path safety and hooks (DESIGN.md: workspace/;
 * SPEC-9, SPEC-5.3.4; shared/reference/maestro-inventory.md §6.8–6.10).
 *
 * A workspace is a git worktree at `<root>/<project-slug>/<issue-key>` on the
 * branch `maestro/<IDENTIFIER>` (or the issue's own), started from the
 * repository's default branch. It never leaves the root: names are sanitized
 * and every existing level is resolved through its symlinks and checked
 * (SPEC-9.5-b/c). Nothing Maestro did not create is ever deleted: a folder at
 * the path that is not a worktree of the repository is refused, not replaced
 * (SPEC-9.2-b, documented choice). Git runs without the caller's GIT_DIR,
 * GIT_WORK_TREE, GIT_INDEX_FILE, GIT_COMMON_DIR and GIT_PREFIX (`env -u`:
 * Runtime.runProcess can only add variables), and worktree changes for one
 * repository go one at a time in this process.
 *
 * Dispatch is on the hot path, so the usual case starts no git process: a
 * worktree we made is recognised, and its branch read, from its `.git` file
 * (git is asked only when that file looks unusual); repositories and branch
 * names already checked are remembered; `worktree prune` runs only when
 * `worktree add` meets a stale registration. Creating costs two git runs.
 *
 * Hooks run with `sh -lc` in the workspace, WORKSPACE_PATH set, killed with
 * all they started after hooks.timeout_ms (SPEC-9.4). Which failures abort
 * what (SPEC-9.4-c) is the caller's decision: every failure throws
 * WorkspaceHookError.
 *
 * Every function needs POSIX `sh`, `env` and `git` on PATH.
 */
export type { HookConfig, HookName, PreparedWorkspace, WorkspaceConfig, WorkspaceTarget } from "./types.ts";

/**
 * `<root>/<project-slug>/<identifier-key>` (no I/O). Slug: lower-case, runs
 * outside [a-z0-9] → "-", trimmed, else "project". Key: runs outside
 * [A-Za-z0-9._-] → "_", else "issue". Throws invalid_input for a relative
 * root or a key of "." or "..".
 */
export { workspacePath } from "./workspace-path.ts";

/**
 * Creates the worktree (`git worktree add`, from origin/<branch> or
 * the default branch: origin/HEAD → main|master|trunk|develop → the only
 * local branch → HEAD; or on the branch when it exists) and runs after_create,
 * or reuses the worktree of the same repository at the path (switched to the
 * branch, after_create not run). A failing after_create removes the new
 * worktree and the branch made for it, then rethrows its WorkspaceHookError.
 * Throws MaestroError naming the path: invalid_input when repoPath is not a
 * git repository, the repository has no commits, the branch name is invalid,
 * or a symlink under the root leads out of it; conflict when the path holds
 * something other than a worktree of the repository (left untouched) or the
 * worktree cannot switch branch; unavailable when git is missing or
 * `git worktree add` fails (e.g. the branch is checked out elsewhere).
 */
export { prepareWorkspace } from "./prepare-workspace.ts";

/**
 * Runs one hook with `sh -lc <script>` in `path`, environment plus `env` and
 * WORKSPACE_PATH=<path>; "" is no hook. Throws WorkspaceHookError (code
 * unavailable): `Workspace hook "<name>" timed out after N ms`, `Workspace
 * hook "<name>" failed with exit code N: <last 20 lines / 2 KB of stdout and
 * stderr>`, or cannot run (path not a folder, no sh).
 */
export { runHook } from "./run-hook.ts";

/** A hook that failed, timed out or could not run: code "unavailable", `hook` says which. */
export { WorkspaceHookError } from "./hook-error.ts";

/**
 * Terminal cleanup: runs before_remove (its WorkspaceHookError aborts the
 * removal), then `git worktree remove --force` (fallback: delete the folder
 * and `git worktree prune`). Keeps the branch. Resolves when nothing is at
 * the path. Throws invalid_input for a symlink leading out of the root or a
 * repoPath that is not a git repository, conflict when the folder is not a
 * worktree of the repository (nothing deleted), unavailable when the folder
 * cannot be deleted.
 */
export { removeWorkspace } from "./remove-workspace.ts";
