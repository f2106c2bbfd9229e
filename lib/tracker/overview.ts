// Whole-tracker views: the board (issues by state) and the status counts.
import { z } from "zod";
import type { TrackerContext } from "./context.ts";
import { queryIssues } from "./issue-list.ts";
import { findProject } from "./lookup.ts";
import { ref } from "./schemas.ts";
import type { IssueSummary, StateCounts } from "./types.ts";
import { emptyStateCounts, ISSUE_STATES, type IssueState } from "./vocabulary.ts";

export const boardOverviewInput = z.strictObject({ project_id: ref("a project id or name").optional() });
export type BoardOverviewInput = z.output<typeof boardOverviewInput>;

export const getStatusInput = z.strictObject({});
export type GetStatusInput = z.output<typeof getStatusInput>;

export interface BoardOverview {
  project_id: string | null;
  /** Standard issues in scope, all of them, even past the 500 on the board. */
  total: number;
  counts: StateCounts;
  columns: Array<{ state: IssueState; issues: IssueSummary[] }>;
}

export interface TrackerStatus {
  projects: number;
  epics: number;
  issues: StateCounts;
  total: number;
}

/** How many issues the board loads, most recently updated first. */
const BOARD_LIMIT = 500;

/** The board: standard issues (at most 500) in one column per state. Throws not_found for an unknown project. */
export function boardOverview(ctx: TrackerContext, input: BoardOverviewInput): BoardOverview {
  return ctx.store.read((q) => {
    const projectId = input.project_id === undefined ? null : findProject(q, input.project_id).id;
    const counts = emptyStateCounts();
    // Two spellings rather than `? IS NULL OR project_id = ?`, which no index can serve.
    const rows = q.all<{ state: IssueState; n: number }>(
      projectId
        ? `SELECT state, COUNT(*) AS n FROM issues WHERE project_id = ? AND issue_type = 'standard' GROUP BY state`
        : `SELECT state, COUNT(*) AS n FROM issues WHERE issue_type = 'standard' GROUP BY state`,
      projectId ? [projectId] : [],
    );
    for (const row of rows) counts[row.state] = row.n;
    const page = queryIssues(q, {
      ...(projectId ? { project_id: projectId } : {}),
      issue_type: "standard",
      sort: "updated_desc",
      limit: BOARD_LIMIT,
      offset: 0,
    });
    return {
      project_id: projectId,
      total: page.total,
      counts,
      columns: ISSUE_STATES.map((state) => ({ state, issues: page.items.filter((i) => i.state === state) })),
    };
  });
}

/** Counts of projects, epics and issues by state. */
export function getStatus(ctx: TrackerContext, _input: GetStatusInput): TrackerStatus {
  return ctx.store.read((q) => {
    const issues = emptyStateCounts();
    let total = 0;
    for (const row of q.all<{ state: IssueState; n: number }>(`SELECT state, COUNT(*) AS n FROM issues GROUP BY state`)) {
      issues[row.state] = row.n;
      total += row.n;
    }
    const count = (table: "projects" | "epics") => q.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`)?.n ?? 0;
    return { projects: count("projects"), epics: count("epics"), issues, total };
  });
}
