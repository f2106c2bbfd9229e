import type { Runtime } from "../runtime/mod.ts";

/** The four lifecycle hooks (WORKFLOW.md `hooks`): shell scripts, "" = no hook. */
export interface HookConfig {
  after_create: string;
  before_run: string;
  after_run: string;
  before_remove: string;
  timeout_ms: number;
}

export type HookName = "after_create" | "before_run" | "after_run" | "before_remove";

export interface WorkspaceConfig {
  runtime: Runtime;
  /** Absolute workspace.root. */
  root: string;
  hooks: HookConfig;
}

/** The issue whose workspace is meant, and the repository it belongs to. */
export interface WorkspaceTarget {
  /** The project's name (slugged for the folder: lower-case, runs of non [a-z0-9] → "-", trimmed, fallback "project"). */
  project: string;
  /** The issue identifier, e.g. "MAE-12" (folder key: [^A-Za-z0-9._-]+ → "_", fallback "issue"; "." and ".." are refused). */
  identifier: string;
  /** Absolute path of the git repository the worktree belongs to. */
  repoPath: string;
  /** Branch for the worktree; default `maestro/<identifier>`. Must be a valid git branch name. */
  branch?: string;
}

/** A workspace ready for a run. */
export interface PreparedWorkspace {
  path: string;
  branch: string;
  /** True when this call created the worktree (and ran after_create). */
  created: boolean;
  /** What a new branch was started from; undefined when the branch or the worktree already existed. */
  baseRef: string | undefined;
}
