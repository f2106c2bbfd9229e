// Projects: create, update, start/stop and delete (inventory §1.5, §4.3).
import { z } from "zod";
import { conflict, invalidInput } from "../errors.ts";
import type { Tx } from "../store/mod.ts";
import { removeIssueFiles } from "./asset-paths.ts";
import type { TrackerContext } from "./context.ts";
import { findProject } from "./lookup.ts";
import { mutate } from "./mutation.ts";
import { absolutePath, name, oneOf, optionalPath, permissionProfile, ref, text } from "./schemas.ts";
import type { Project } from "./types.ts";
import { PROJECT_STATES } from "./vocabulary.ts";

const projectRef = () => ref("a project id or name");

export const createProjectInput = z.strictObject({
  name: name(),
  description: text().optional(),
  repo_path: absolutePath(),
  workflow_path: optionalPath(),
  permission_profile: permissionProfile().optional(),
});
export type CreateProjectInput = z.output<typeof createProjectInput>;

export const updateProjectInput = z.strictObject({
  id: projectRef(),
  name: name().optional(),
  description: text().optional(),
  repo_path: absolutePath().optional(),
  workflow_path: optionalPath(),
  permission_profile: permissionProfile().optional(),
});
export type UpdateProjectInput = z.output<typeof updateProjectInput>;

export const setProjectStateInput = z.strictObject({ id: projectRef(), state: oneOf(PROJECT_STATES) });
export type SetProjectStateInput = z.output<typeof setProjectStateInput>;

export const deleteProjectInput = z.strictObject({ id: projectRef() });
export type DeleteProjectInput = z.output<typeof deleteProjectInput>;

function cleanPath(path: string): string {
  return path.length > 1 ? path.replace(/[\\/]+$/, "") : path;
}

const defaultWorkflowPath = (repo: string) => `${repo}/WORKFLOW.md`;

/** Throws conflict when another project already owns the repo (the unique index would say it less clearly). */
function assertRepoFree(tx: Tx, repo: string, action: string, selfId?: string): void {
  const owner = tx.get<{ id: string; name: string }>(`SELECT id, name FROM projects WHERE repo_path = ?`, [repo]);
  if (owner && owner.id !== selfId) {
    throw conflict(`${action}: repo "${repo}" already belongs to project "${owner.name}"`, "use that project or another repo path");
  }
}

/** Creates a stopped project; workflow_path defaults to `<repo_path>/WORKFLOW.md`. Throws conflict for a repo already in use. */
export function createProject(ctx: TrackerContext, input: CreateProjectInput): Project {
  return mutate(ctx, (m) => {
    const repo = cleanPath(input.repo_path);
    assertRepoFree(m.tx, repo, `Cannot create project "${input.name}"`);
    const project: Project = {
      id: m.newId("proj"),
      name: input.name,
      description: input.description ?? "",
      state: "stopped",
      repo_path: repo,
      workflow_path: input.workflow_path ? cleanPath(input.workflow_path) : defaultWorkflowPath(repo),
      permission_profile: input.permission_profile ?? "default",
      created_at: m.now,
      updated_at: m.now,
    };
    m.tx.run(
      `INSERT INTO projects(id, name, description, state, repo_path, workflow_path, permission_profile, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [project.id, project.name, project.description, project.state, project.repo_path, project.workflow_path,
        project.permission_profile, m.now, m.now],
    );
    m.emit("project", project.id, "created", { name: project.name });
    return project;
  });
}

/** Changes only the given fields. A workflow path left at its default follows a new repo path. */
export function updateProject(ctx: TrackerContext, input: UpdateProjectInput): Project {
  const { id, ...changes } = input;
  if (Object.values(changes).every((v) => v === undefined)) {
    throw invalidInput("No updates specified", "pass at least one of name, description, repo_path, workflow_path, permission_profile");
  }
  return mutate(ctx, (m) => {
    const before = findProject(m.tx, id);
    const repo = changes.repo_path === undefined ? before.repo_path : cleanPath(changes.repo_path);
    if (repo !== before.repo_path) assertRepoFree(m.tx, repo, `Cannot update project "${before.name}"`, before.id);
    const followsRepo = before.workflow_path === defaultWorkflowPath(before.repo_path);
    const workflow = changes.workflow_path !== undefined
      ? cleanPath(changes.workflow_path)
      : followsRepo ? defaultWorkflowPath(repo) : before.workflow_path;
    const after: Project = {
      ...before,
      name: changes.name ?? before.name,
      description: changes.description ?? before.description,
      repo_path: repo,
      workflow_path: workflow,
      permission_profile: changes.permission_profile ?? before.permission_profile,
      updated_at: m.now,
    };
    m.tx.run(
      `UPDATE projects SET name = ?, description = ?, repo_path = ?, workflow_path = ?, permission_profile = ?, updated_at = ?
       WHERE id = ?`,
      [after.name, after.description, after.repo_path, after.workflow_path, after.permission_profile, m.now, after.id],
    );
    m.emit("project", after.id, "updated", { name: after.name });
    return after;
  });
}

/** Starts or stops dispatch for a project: new projects are stopped until started. */
export function setProjectState(ctx: TrackerContext, input: SetProjectStateInput): Project {
  return mutate(ctx, (m) => {
    const before = findProject(m.tx, input.id);
    if (before.state === input.state) return before;
    m.tx.run(`UPDATE projects SET state = ?, updated_at = ? WHERE id = ?`, [input.state, m.now, before.id]);
    m.emit("project", before.id, "state_changed", { name: before.name, state: input.state });
    return { ...before, state: input.state, updated_at: m.now };
  });
}

/** Deletes a project with its epics, issues, comments and, after the commit, their files. */
export function deleteProject(ctx: TrackerContext, input: DeleteProjectInput): { id: string; deleted: true } {
  return mutate(ctx, (m) => {
    const project = findProject(m.tx, input.id);
    const issueIds = m.tx.all<{ id: string }>(`SELECT id FROM issues WHERE project_id = ?`, [project.id]).map((r) => r.id);
    m.tx.run(`DELETE FROM projects WHERE id = ?`, [project.id]);
    m.emit("project", project.id, "deleted", { name: project.name, issue_count: issueIds.length });
    for (const issueId of issueIds) m.afterCommit(() => removeIssueFiles(ctx, issueId));
    return { id: project.id, deleted: true as const };
  });
}
