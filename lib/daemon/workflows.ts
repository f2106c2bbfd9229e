// Each project's WORKFLOW.md as the daemon sees it: reloaded when the file
// changes, the last good one kept while an edit is broken, and every change
// of health told once as a runtime event.
import type { Runtime } from "../runtime/mod.ts";
import { joinPath } from "../runtime/mod.ts";
import { createWorkflowSource, type Workflow, type WorkflowSource } from "../workflow/mod.ts";

/** One project's workflow, as `status` and GET /api/v1/state show it. */
export interface WorkflowHealth {
  project_id: string;
  project_name: string;
  path: string;
  /** The file on disk loads cleanly. */
  ok: boolean;
  /** What is wrong with the file on disk, while it is wrong. */
  error: string | null;
  warnings: string[];
  /** When the workflow in use was loaded; null when none has loaded yet. */
  loaded_at: string | null;
  /** A good workflow is in use (the last good one while the file is broken). */
  in_use: boolean;
}

export interface WorkflowMonitor {
  /** Re-checks these projects' files and answers their health; forgets projects not listed. */
  check(projects: readonly ProjectRow[]): WorkflowHealth[];
  /** The workflow in use for a project (the last good one), if any. */
  workflowFor(projectId: string): Workflow | undefined;
  /** The project was looked at by a check (its file may still be missing or broken). */
  knows(projectId: string): boolean;
}

export interface WorkflowMonitorOptions {
  runtime: Runtime;
  /** `run --workflow PATH`: this file for every project. */
  override?: string;
  /** Hears workflow_reloaded, workflow_invalid and workflow_fixed. */
  onEvent?: (kind: string, message: string, payload: Record<string, unknown>) => void;
}

interface Entry {
  path: string;
  source: WorkflowSource;
  lastError?: string;
  workflow?: Workflow;
  loadedAt: number | null;
}

/** What the monitor needs of a project (a ProjectSummary has it). */
export interface ProjectRow {
  id: string;
  name: string;
  repo_path: string;
  workflow_path: string | null;
}

/** The file a project's workflow comes from. */
export function workflowPathOf(project: ProjectRow, override?: string): string {
  return override ?? (project.workflow_path || joinPath(project.repo_path, "WORKFLOW.md"));
}

export function createWorkflowMonitor(opts: WorkflowMonitorOptions): WorkflowMonitor {
  const { runtime } = opts;
  const entries = new Map<string, Entry>();
  const loadOptions = { env: (name: string) => runtime.env(name), homeDir: runtime.homeDir() };

  function refresh(project: ProjectRow): WorkflowHealth {
    const path = workflowPathOf(project, opts.override);
    let entry = entries.get(project.id);
    if (!entry || entry.path !== path) {
      entry = { path, source: createWorkflowSource({ files: runtime.fs, path, ...loadOptions }), loadedAt: null };
      entries.set(project.id, entry);
    }
    const state = entry.source.current();
    const payload = { project_id: project.id, path };
    if (state.changed && entry.workflow) {
      opts.onEvent?.("workflow_reloaded", `${project.name}: ${path}`, payload);
    }
    if (state.error !== entry.lastError) {
      if (state.error !== undefined) {
        const kept = state.workflow ? " (the last good version stays in use)" : "";
        opts.onEvent?.("workflow_invalid", `${project.name}: ${state.error}${kept}`, { ...payload, error: state.error });
      } else if (entry.lastError !== undefined) {
        opts.onEvent?.("workflow_fixed", `${project.name}: ${path}`, payload);
      }
    }
    entry.lastError = state.error;
    entry.workflow = state.workflow;
    entry.loadedAt = state.loadedAt;
    return {
      project_id: project.id,
      project_name: project.name,
      path,
      ok: state.error === undefined,
      error: state.error ?? null,
      warnings: state.workflow && state.error === undefined ? state.workflow.warnings.map((w) => w.message) : [],
      loaded_at: state.loadedAt === null ? null : new Date(state.loadedAt).toISOString(),
      in_use: state.workflow !== undefined,
    };
  }

  return {
    check(projects) {
      const health = projects.map(refresh);
      const listed = new Set(projects.map((p) => p.id));
      for (const id of entries.keys()) if (!listed.has(id)) entries.delete(id);
      return health;
    },
    workflowFor(projectId) {
      return entries.get(projectId)?.workflow;
    },
    knows(projectId) {
      return entries.has(projectId);
    },
  };
}
