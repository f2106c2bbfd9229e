// Finding projects, epics and issues from what a caller typed: an id, an
// identifier (any case) or, for projects and epics, an unambiguous name.
import { invalidInput, notFound } from "../errors.ts";
import type { Query } from "../store/mod.ts";
import type { Epic, Project } from "./types.ts";
import type { IssueState, IssueType } from "./vocabulary.ts";

export const PROJECT_COLUMNS =
  "id, name, description, state, repo_path, workflow_path, permission_profile, created_at, updated_at";
export const EPIC_COLUMNS = "id, project_id, name, description, created_at, updated_at";

/** The fields of an issue that rules look at, without its relations. */
export interface IssueCore {
  id: string;
  identifier: string;
  project_id: string;
  epic_id: string | null;
  state: IssueState;
  issue_type: IssueType;
}

const ISSUE_CORE = "SELECT id, identifier, project_id, epic_id, state, issue_type FROM issues";

function pickOne<T extends { id: string }>(matches: T[], what: string, ref: string): T | undefined {
  if (matches.length > 1) {
    throw invalidInput(
      `${what} name "${ref}" matches ${matches.length} ${what.toLowerCase()}s`,
      `use an id instead: ${matches.map((m) => m.id).join(", ")}`,
    );
  }
  return matches[0];
}

/** Finds a project by id or exact name (case-insensitive); throws not_found or, for a shared name, invalid_input. */
export function findProject(q: Query, ref: string): Project {
  const byId = q.get<Project>(`SELECT ${PROJECT_COLUMNS} FROM projects WHERE id = ?`, [ref]);
  if (byId) return byId;
  const byName = pickOne(
    q.all<Project>(`SELECT ${PROJECT_COLUMNS} FROM projects WHERE name = ? COLLATE NOCASE ORDER BY created_at`, [ref]),
    "Project",
    ref,
  );
  if (!byName) throw notFound(`Project "${ref}" not found`, "check the project id or name");
  return byName;
}

/** Finds an epic by id or exact name (case-insensitive), within a project when one is given. */
export function findEpic(q: Query, ref: string, projectId?: string): Epic {
  const byId = q.get<Epic>(`SELECT ${EPIC_COLUMNS} FROM epics WHERE id = ?`, [ref]);
  if (byId) return byId;
  const matches = projectId
    ? q.all<Epic>(`SELECT ${EPIC_COLUMNS} FROM epics WHERE project_id = ? AND name = ? COLLATE NOCASE`, [projectId, ref])
    : q.all<Epic>(`SELECT ${EPIC_COLUMNS} FROM epics WHERE name = ? COLLATE NOCASE`, [ref]);
  const byName = pickOne(matches, "Epic", ref);
  if (!byName) throw notFound(`Epic "${ref}" not found`, "check the epic id or name");
  return byName;
}

/** Finds an issue by identifier (case-insensitive) or id, or undefined. */
export function lookupIssue(q: Query, ref: string): IssueCore | undefined {
  const key = ref.trim();
  return q.get<IssueCore>(`${ISSUE_CORE} WHERE identifier = ?`, [key.toUpperCase()]) ??
    q.get<IssueCore>(`${ISSUE_CORE} WHERE id = ?`, [key]);
}

/** Finds an issue by identifier or id; throws not_found naming it. */
export function findIssue(q: Query, ref: string): IssueCore {
  const issue = lookupIssue(q, ref);
  if (!issue) throw notFound(`Issue "${ref}" not found`, "check the identifier, e.g. DEMO-3");
  return issue;
}

/** Finds the epic for an issue of `project`; throws invalid_input when it belongs to another project. */
export function findEpicFor(q: Query, ref: string, project: Project): Epic {
  const epic = findEpic(q, ref, project.id);
  if (epic.project_id !== project.id) {
    const owner = q.get<{ name: string }>(`SELECT name FROM projects WHERE id = ?`, [epic.project_id]);
    throw invalidInput(
      `Epic "${epic.name}" belongs to project "${owner?.name ?? epic.project_id}", not "${project.name}"`,
      `pick an epic of project "${project.name}"`,
    );
  }
  return epic;
}
