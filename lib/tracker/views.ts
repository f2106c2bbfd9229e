// Read views of projects and epics: summaries with per-state counts, and the
// "show" views that bundle a project or epic with its epics and issues.
import { z } from "zod";
import type { Query } from "../store/mod.ts";
import type { TrackerContext } from "./context.ts";
import { type IssuePage, queryIssues } from "./issue-list.ts";
import { EPIC_COLUMNS, findEpic, findProject, PROJECT_COLUMNS } from "./lookup.ts";
import { limit, offset, ref } from "./schemas.ts";
import type { Epic, EpicSummary, EpicView, Page, Project, ProjectSummary, ProjectView } from "./types.ts";
import { countWork, emptyWork, tokensByProject } from "./work-counts.ts";

export const getProjectInput = z.strictObject({ id: ref("a project id or name") });
export type GetProjectInput = z.output<typeof getProjectInput>;

export const listProjectsInput = z.strictObject({ limit: limit(200, 500), offset: offset() });
export type ListProjectsInput = z.output<typeof listProjectsInput>;

export const getEpicInput = z.strictObject({ id: ref("an epic id or name") });
export type GetEpicInput = z.output<typeof getEpicInput>;

export const listEpicsInput = z.strictObject({
  project_id: ref("a project id or name").optional(),
  limit: limit(200, 500),
  offset: offset(),
});
export type ListEpicsInput = z.output<typeof listEpicsInput>;

/** How many issues a project or epic view embeds (the Go CLI's `project show`). */
const VIEW_ISSUES = 200;

function summarizeProjects(q: Query, projects: Project[]): ProjectSummary[] {
  const ids = projects.map((p) => p.id);
  const work = countWork(q, "project_id", ids);
  const tokens = tokensByProject(q, ids);
  return projects.map((p) => ({ ...p, ...(work.get(p.id) ?? emptyWork()), total_tokens_spent: tokens.get(p.id) ?? 0 }));
}

function summarizeEpics(q: Query, epics: Epic[]): EpicSummary[] {
  const work = countWork(q, "epic_id", epics.map((e) => e.id));
  const names = new Map(
    q.all<{ id: string; name: string }>(
      `SELECT id, name FROM projects WHERE id IN (SELECT value FROM json_each(?))`,
      [JSON.stringify([...new Set(epics.map((e) => e.project_id))])],
    ).map((p) => [p.id, p.name]),
  );
  return epics.map((e) => ({ ...e, project_name: names.get(e.project_id) ?? "", ...(work.get(e.id) ?? emptyWork()) }));
}

function epicsOf(q: Query, projectId: string): Epic[] {
  return q.all<Epic>(`SELECT ${EPIC_COLUMNS} FROM epics WHERE project_id = ? ORDER BY name COLLATE NOCASE, created_at`, [projectId]);
}

function issuesWhere(q: Query, filter: { project_id: string; epic_id?: string }): IssuePage {
  return queryIssues(q, { ...filter, sort: "updated_desc", limit: VIEW_ISSUES, offset: 0 });
}

/** A project's summary, its epics and its 200 most recently updated issues. Throws not_found. */
export function getProject(ctx: TrackerContext, input: GetProjectInput): ProjectView {
  return ctx.store.read((q) => {
    const project = findProject(q, input.id);
    return {
      project: summarizeProjects(q, [project])[0]!,
      epics: summarizeEpics(q, epicsOf(q, project.id)),
      issues: issuesWhere(q, { project_id: project.id }),
    };
  });
}

/** Projects by name, with counts. */
export function listProjects(ctx: TrackerContext, input: ListProjectsInput): Page<ProjectSummary> {
  return ctx.store.read((q) => {
    const total = q.get<{ n: number }>(`SELECT COUNT(*) AS n FROM projects`)?.n ?? 0;
    const rows = q.all<Project>(
      `SELECT ${PROJECT_COLUMNS} FROM projects ORDER BY name COLLATE NOCASE, created_at, rowid LIMIT ? OFFSET ?`,
      [input.limit, input.offset],
    );
    return { items: summarizeProjects(q, rows), total, limit: input.limit, offset: input.offset };
  });
}

/** An epic's summary, its project, the project's other epics and the epic's issues. Throws not_found. */
export function getEpic(ctx: TrackerContext, input: GetEpicInput): EpicView {
  return ctx.store.read((q) => {
    const epic = findEpic(q, input.id);
    const project = findProject(q, epic.project_id);
    return {
      epic: summarizeEpics(q, [epic])[0]!,
      project,
      sibling_epics: summarizeEpics(q, epicsOf(q, project.id).filter((e) => e.id !== epic.id)),
      issues: issuesWhere(q, { project_id: project.id, epic_id: epic.id }),
    };
  });
}

/** Epics by name, of one project or all. Throws not_found for an unknown project. */
export function listEpics(ctx: TrackerContext, input: ListEpicsInput): Page<EpicSummary> {
  return ctx.store.read((q) => {
    const projectId = input.project_id === undefined ? undefined : findProject(q, input.project_id).id;
    const where = projectId ? "WHERE project_id = ?" : "";
    const params = projectId ? [projectId] : [];
    const total = q.get<{ n: number }>(`SELECT COUNT(*) AS n FROM epics ${where}`, params)?.n ?? 0;
    const rows = q.all<Epic>(
      `SELECT ${EPIC_COLUMNS} FROM epics ${where} ORDER BY name COLLATE NOCASE, created_at, rowid LIMIT ? OFFSET ?`,
      [...params, input.limit, input.offset],
    );
    return { items: summarizeEpics(q, rows), total, limit: input.limit, offset: input.offset };
  });
}
