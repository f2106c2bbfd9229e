/**
 * Per-issue git worktrees, path safety and hooks (DESIGN.md: workspace/;
 * SPEC-9, SPEC-5.3.4; shared/reference/maestro-inventory.md §6.8–6.10).
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
 * Runs one hook with `sh -lc <script>` in `path`, environment plus `env` and
 * WORKSPACE_PATH=<path>; "" is no hook. Throws WorkspaceHookError (code
 * unavailable): `Workspace hook "<name>" timed out after N ms`, `Workspace
 * hook "<name>" failed with exit code N: <last 20 lines / 2 KB of stdout and
 * stderr>`, or cannot run (path not a folder, no sh).
 */
export { runHook } from "./run-hook.ts";

/** A hook that failed, timed out or could not run: code "unavailable", `hook` says which. */
export { WorkspaceHookError } from "./hook-error.ts";

