// Hot reload: the last good workflow, and the current file's problem if any.
import { isMaestroError } from "../errors.ts";
import { missingWorkflow, readWorkflowText, type LoadOptions, type WorkflowFiles } from "./load-workflow.ts";
import { parseWorkflow } from "./parse-workflow.ts";
import type { Workflow } from "./types.ts";

export interface WorkflowState {
  /** The last workflow that loaded cleanly; absent until one has. */
  workflow?: Workflow;
  /** What is wrong with the file on disk now; absent while it is fine. */
  error?: string;
  /** When `workflow` was loaded (ms since the epoch); null until one has. */
  loadedAt: number | null;
  /** True on the one current() call that loaded a new workflow. */
  changed: boolean;
}

export interface WorkflowSourceOptions extends LoadOptions {
  files: WorkflowFiles;
  path: string;
  now?: () => number;
}

export interface WorkflowSource {
  current(): WorkflowState;
}

// Files up to this size are also compared by content when mtime and size
// are unchanged (an edit within the clock's resolution keeps both).
const COMPARE_LIMIT = 1 << 20;

export function createWorkflowSource(opts: WorkflowSourceOptions): WorkflowSource {
  const { files, path } = opts;
  const now = opts.now ?? Date.now;
  let good: Workflow | undefined;
  let loadedAt: number | null = null;
  let error: string | undefined;
  let seen: { mtimeMs?: number; size: number; text: string } | undefined;

  const state = (changed: boolean): WorkflowState => ({
    ...(good ? { workflow: good } : {}),
    ...(error !== undefined ? { error } : {}),
    loadedAt,
    changed,
  });

  return {
    current() {
      const stat = files.stat(path);
      if (!stat) {
        seen = undefined;
        error = missingWorkflow(path).line;
        return state(false);
      }
      const sameStamp = seen !== undefined && seen.mtimeMs !== undefined && seen.mtimeMs === stat.mtimeMs && seen.size === stat.size;
      if (sameStamp && stat.size > COMPARE_LIMIT) return state(false);
      let text: string;
      try {
        text = readWorkflowText(files, path);
      } catch (err) {
        if (!isMaestroError(err)) throw err;
        seen = undefined;
        error = err.line;
        return state(false);
      }
      if (seen?.text === text) {
        seen = { ...stat, text };
        return state(false);
      }
      seen = { ...stat, text };
      try {
        good = parseWorkflow(text, { path, env: opts.env, homeDir: opts.homeDir });
      } catch (err) {
        if (!isMaestroError(err)) throw err;
        error = err.line;
        return state(false);
      }
      error = undefined;
      loadedAt = now();
      return state(true);
    },
  };
}
