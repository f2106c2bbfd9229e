// list_issues: filters and sorts pushed into SQL (indexes, LIMIT/OFFSET,
// COUNT(*) with the same WHERE), so a page of 50 out of 100k stays cheap.
import { z } from "zod";
import type { Query, SqlValue } from "../store/mod.ts";
import type { TrackerContext } from "./context.ts";
import { HAS_OPEN_BLOCKER, hydrateSummaries, OPEN_BLOCKED_IDS, SUMMARY_SELECT, type SummaryRow } from "./issue-summaries.ts";
import { normalizeLabels } from "./labels.ts";
import { findEpic, findProject } from "./lookup.ts";
import { flag, limit, offset, oneOf, ref, text, textList } from "./schemas.ts";
import type { IssueSummary, Page } from "./types.ts";
import { ISSUE_SORTS, ISSUE_STATES, ISSUE_TYPES, type IssueSort } from "./vocabulary.ts";

export const listIssuesInput = z.strictObject({
  project_id: ref("a project id or name").optional(),
  project_name: text().optional(),
  epic_id: ref("an epic id or name").optional(),
  state: oneOf(ISSUE_STATES).optional(),
  issue_type: oneOf(ISSUE_TYPES).optional(),
  labels: textList().optional(),
  search: text().optional(),
  blocked: flag().optional(),
  sort: oneOf(ISSUE_SORTS).default("updated_desc"),
  limit: limit(200, 500),
  offset: offset(),
});
export type ListIssuesFilter = z.output<typeof listIssuesInput>;
export type IssuePage = Page<IssueSummary> & { sort: IssueSort };

const IDENT_PREFIX = `substr(i.identifier, 1, instr(i.identifier, '-') - 1)`;
const IDENT_NUMBER = `CAST(substr(i.identifier, instr(i.identifier, '-') + 1) AS INTEGER)`;
const STATE_RANK = `CASE i.state ${ISSUE_STATES.map((s, n) => `WHEN '${s}' THEN ${n}`).join(" ")} END`;

// rowid breaks ties, so pages never overlap when timestamps are equal.
const ORDER_BY: Record<IssueSort, string> = {
  updated_desc: "i.updated_at DESC, i.rowid DESC",
  updated_asc: "i.updated_at ASC, i.rowid ASC",
  created_asc: "i.created_at ASC, i.rowid ASC",
  created_desc: "i.created_at DESC, i.rowid DESC",
  // Positive priorities first (1 is most urgent), unprioritized (0) always last.
  priority_asc: "i.priority = 0, i.priority ASC, i.created_at ASC, i.rowid ASC",
  priority_desc: "i.priority = 0, i.priority DESC, i.created_at ASC, i.rowid ASC",
  identifier_asc: `${IDENT_PREFIX} ASC, ${IDENT_NUMBER} ASC`,
  identifier_desc: `${IDENT_PREFIX} DESC, ${IDENT_NUMBER} DESC`,
  state_asc: `${STATE_RANK} ASC, i.updated_at DESC, i.rowid DESC`,
  state_desc: `${STATE_RANK} DESC, i.updated_at DESC, i.rowid DESC`,
  project_asc: `p.name COLLATE NOCASE ASC, ${IDENT_PREFIX} ASC, ${IDENT_NUMBER} ASC`,
  project_desc: `p.name COLLATE NOCASE DESC, ${IDENT_PREFIX} ASC, ${IDENT_NUMBER} ASC`,
  epic_asc: `e.name IS NULL, e.name COLLATE NOCASE ASC, ${IDENT_PREFIX} ASC, ${IDENT_NUMBER} ASC`,
  epic_desc: `e.name IS NULL, e.name COLLATE NOCASE DESC, ${IDENT_PREFIX} ASC, ${IDENT_NUMBER} ASC`,
};

const likePattern = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

// Label and blocker filters are spelled two ways for the same set: the
// count builds the set once (`i.id IN (...)`), while the page probes EXISTS
// row by row along the sort index and stops after LIMIT rows.
type Purpose = "count" | "page";

/** Turns a filter into one WHERE clause over `issues i` and its parameters. */
function whereClause(q: Query, f: ListIssuesFilter, purpose: Purpose): { sql: string; params: SqlValue[] } {
  const parts: string[] = [];
  const params: SqlValue[] = [];
  const project = f.project_id === undefined ? undefined : findProject(q, f.project_id);
  const add = (sql: string, ...values: SqlValue[]) => {
    parts.push(sql);
    params.push(...values);
  };
  if (project) add("i.project_id = ?", project.id);
  if (f.project_name !== undefined) {
    add("i.project_id IN (SELECT id FROM projects WHERE name = ? COLLATE NOCASE)", f.project_name.trim());
  }
  if (f.epic_id !== undefined) add("i.epic_id = ?", findEpic(q, f.epic_id, project?.id).id);
  if (f.state) add("i.state = ?", f.state);
  if (f.issue_type) add("i.issue_type = ?", f.issue_type);
  for (const label of normalizeLabels(f.labels ?? [])) {
    add(
      purpose === "count"
        ? "i.id IN (SELECT l.issue_id FROM issue_labels l WHERE l.label = ?)"
        : "EXISTS (SELECT 1 FROM issue_labels l WHERE l.issue_id = i.id AND l.label = ?)",
      label,
    );
  }
  const search = f.search?.trim();
  if (search) {
    const pattern = likePattern(search);
    add(`(i.identifier LIKE ? ESCAPE '\\' OR i.title LIKE ? ESCAPE '\\' OR i.description LIKE ? ESCAPE '\\')`, pattern, pattern, pattern);
  }
  if (f.blocked !== undefined) {
    const blockedSql = purpose === "count" ? `i.id IN (${OPEN_BLOCKED_IDS})` : HAS_OPEN_BLOCKER;
    add(f.blocked ? blockedSql : `NOT ${blockedSql}`);
  }
  return { sql: parts.length > 0 ? `WHERE ${parts.join(" AND ")}` : "", params };
}

/** One page of issue summaries plus the total matching the same filter. Throws not_found for an unknown project or epic. */
export function queryIssues(q: Query, f: ListIssuesFilter): IssuePage {
  const counted = whereClause(q, f, "count");
  const total = q.get<{ n: number }>(`SELECT COUNT(*) AS n FROM issues i ${counted.sql}`, counted.params)?.n ?? 0;
  const where = whereClause(q, f, "page");
  const rows = q.all<SummaryRow>(
    `${SUMMARY_SELECT} ${where.sql} ORDER BY ${ORDER_BY[f.sort]} LIMIT ? OFFSET ?`,
    [...where.params, f.limit, f.offset],
  );
  return { items: hydrateSummaries(q, rows), total, limit: f.limit, offset: f.offset, sort: f.sort };
}

/** list_issues: see listIssuesInput for the filters; sorts default to updated_desc. */
export function listIssues(ctx: TrackerContext, input: ListIssuesFilter): IssuePage {
  return ctx.store.read((q) => queryIssues(q, input));
}
