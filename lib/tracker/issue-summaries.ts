// Reading issue summaries: one SELECT for the rows, then one query each for
// the labels and blockers of exactly those rows, so a page costs three
// queries however large the table is.
import type { Query } from "../store/mod.ts";
import type { IssueSummary } from "./types.ts";

/** SQL true when issue `i` waits on a blocker that is neither done nor cancelled. */
export const HAS_OPEN_BLOCKER = `EXISTS (SELECT 1 FROM issue_blockers ob JOIN issues obi ON obi.id = ob.blocker_id
  WHERE ob.issue_id = i.id AND obi.state NOT IN ('done', 'cancelled'))`;

/** SQL selecting the ids of every issue that waits on an open blocker. */
export const OPEN_BLOCKED_IDS = `SELECT ob.issue_id FROM issue_blockers ob JOIN issues obi ON obi.id = ob.blocker_id
  WHERE obi.state NOT IN ('done', 'cancelled')`;

/** Selects summary rows from `issues i` joined to their project `p` and epic `e`; append WHERE/ORDER BY. */
export const SUMMARY_SELECT = `SELECT i.id, i.identifier, i.project_id, p.name AS project_name, i.epic_id,
  e.name AS epic_name, i.title, i.state, i.workflow_phase, i.issue_type, i.priority, i.branch_name, i.pr_url,
  i.total_tokens_spent, i.created_at, i.updated_at, ${HAS_OPEN_BLOCKER} AS is_blocked
  FROM issues i JOIN projects p ON p.id = i.project_id LEFT JOIN epics e ON e.id = i.epic_id`;

export type SummaryRow = Omit<IssueSummary, "labels" | "blocked_by" | "is_blocked"> & { is_blocked: number };

type Pair = { issue_id: string; value: string };

function groupBy(rows: Pair[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const row of rows) {
    const list = out.get(row.issue_id);
    if (list) list.push(row.value);
    else out.set(row.issue_id, [row.value]);
  }
  return out;
}

/** Adds labels and blocker identifiers to rows selected with SUMMARY_SELECT. */
export function hydrateSummaries(q: Query, rows: SummaryRow[]): IssueSummary[] {
  if (rows.length === 0) return [];
  const ids = JSON.stringify(rows.map((r) => r.id));
  const labels = groupBy(q.all<Pair>(
    `SELECT issue_id, label AS value FROM issue_labels
     WHERE issue_id IN (SELECT value FROM json_each(?)) ORDER BY label`,
    [ids],
  ));
  const blockers = groupBy(q.all<Pair>(
    `SELECT b.issue_id, bi.identifier AS value FROM issue_blockers b JOIN issues bi ON bi.id = b.blocker_id
     WHERE b.issue_id IN (SELECT value FROM json_each(?)) ORDER BY bi.rowid`,
    [ids],
  ));
  return rows.map((row) => ({
    ...row,
    labels: labels.get(row.id) ?? [],
    blocked_by: blockers.get(row.id) ?? [],
    is_blocked: row.is_blocked === 1,
  }));
}

/** One issue's summary, or undefined when the id is unknown. */
export function loadSummary(q: Query, issueId: string): IssueSummary | undefined {
  const row = q.get<SummaryRow>(`${SUMMARY_SELECT} WHERE i.id = ?`, [issueId]);
  return row ? hydrateSummaries(q, [row])[0] : undefined;
}
