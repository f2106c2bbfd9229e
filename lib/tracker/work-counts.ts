// Per-state counts for project and epic summaries, for a whole page of
// owners in one GROUP BY. Only standard issues count: recurring issues are
// schedules, not work on the board (inventory §4.3).
import type { Query } from "../store/mod.ts";
import type { WorkCounts } from "./types.ts";
import { ACTIVE_STATES, emptyStateCounts, type IssueState, TERMINAL_STATES } from "./vocabulary.ts";

export function emptyWork(): WorkCounts {
  return { counts: emptyStateCounts(), total_count: 0, active_count: 0, terminal_count: 0 };
}

/** Counts standard issues per state for each owner id (a project or an epic). */
export function countWork(q: Query, owner: "project_id" | "epic_id", ids: string[]): Map<string, WorkCounts> {
  const out = new Map<string, WorkCounts>(ids.map((id) => [id, emptyWork()]));
  if (ids.length === 0) return out;
  const rows = q.all<{ owner: string; state: IssueState; n: number }>(
    `SELECT ${owner} AS owner, state, COUNT(*) AS n FROM issues
     WHERE issue_type = 'standard' AND ${owner} IN (SELECT value FROM json_each(?))
     GROUP BY ${owner}, state`,
    [JSON.stringify(ids)],
  );
  for (const row of rows) {
    const work = out.get(row.owner);
    if (!work) continue;
    work.counts[row.state] = row.n;
    work.total_count += row.n;
    if (ACTIVE_STATES.includes(row.state)) work.active_count += row.n;
    if (TERMINAL_STATES.includes(row.state)) work.terminal_count += row.n;
  }
  return out;
}

/** Tokens spent per project, over every issue (recurring runs cost tokens too). */
export function tokensByProject(q: Query, ids: string[]): Map<string, number> {
  if (ids.length === 0) return new Map();
  const rows = q.all<{ project_id: string; tokens: number }>(
    `SELECT project_id, SUM(total_tokens_spent) AS tokens FROM issues
     WHERE project_id IN (SELECT value FROM json_each(?)) GROUP BY project_id`,
    [JSON.stringify(ids)],
  );
  return new Map(rows.map((r) => [r.project_id, r.tokens]));
}
