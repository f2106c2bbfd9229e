import { WorkspaceHookError } from "./hook-error.ts";
import { outputTail } from "./output-tail.ts";
import type { HookName, WorkspaceConfig } from "./types.ts";

/**
 * Runs one hook with `sh -lc <script>` in `path` (SPEC-9.4), its environment
 * the daemon's plus `env` plus WORKSPACE_PATH. A hook that outlives
 * hooks.timeout_ms is killed with everything it started.
 */
export async function runHook(config: WorkspaceConfig, hook: HookName, path: string, env: Record<string, string> = {}): Promise<void> {
  const script = config.hooks[hook];
  if (script.trim() === "") return;
  const fix = `fix hooks.${hook} in WORKFLOW.md`;
  if (!config.runtime.fs.stat(path)?.isDirectory) {
    throw new WorkspaceHookError(hook, `Cannot run workspace hook "${hook}": "${path}" is not a folder`, "prepare the workspace first");
  }
  const timeoutMs = config.hooks.timeout_ms;
  const r = await config.runtime.runProcess(["sh", "-lc", script], { cwd: path, timeoutMs, env: { ...env, WORKSPACE_PATH: path } });
  if (r.notFound) throw new WorkspaceHookError(hook, `Cannot run workspace hook "${hook}": ${r.stderr}`, "install a POSIX sh on PATH");
  if (r.timedOut) {
    throw new WorkspaceHookError(hook, `Workspace hook "${hook}" timed out after ${timeoutMs} ms`, `raise hooks.timeout_ms or ${fix}`);
  }
  if (r.code === 0) return;
  const how = r.code === null ? `was ended by signal ${r.signal ?? "?"}` : `failed with exit code ${r.code}`;
  const tail = outputTail(r.stdout, r.stderr);
  throw new WorkspaceHookError(hook, `Workspace hook "${hook}" ${how}${tail === "" ? "" : `: ${tail}`}`, fix);
}
