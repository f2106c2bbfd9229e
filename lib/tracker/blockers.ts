// Blockers (inventory §4.5): an issue waits for other issues of the same
// project. Stored by issue id so identifiers can change. Unlike the Go
// version, a set that would close a cycle is refused: a cycle can never be
// started, so it is always a mistake.
import { invalidInput, notFound } from "../errors.ts";
import type { Query, Tx } from "../store/mod.ts";
import { type IssueCore, lookupIssue } from "./lookup.ts";

/** The issue receiving blockers (a new issue is inserted before its blockers are checked). */
export interface BlockedIssue {
  id: string;
  identifier: string;
  project_id: string;
}

function projectName(q: Query, projectId: string): string {
  return q.get<{ name: string }>(`SELECT name FROM projects WHERE id = ?`, [projectId])?.name ?? projectId;
}

/**
 * Resolves blocker references (identifiers or ids) for `issue`: drops blanks
 * and duplicates; throws not_found for a missing blocker and invalid_input
 * for the issue itself or an issue of another project.
 */
export function resolveBlockers(q: Query, issue: BlockedIssue, refs: readonly string[]): IssueCore[] {
  const found = new Map<string, IssueCore>();
  for (const raw of refs) {
    const ref = raw.trim();
    if (ref === "") continue;
    const blocker = lookupIssue(q, ref);
    if (!blocker) throw notFound(`Cannot block "${issue.identifier}": blocker "${ref}" not found`, "check the identifier");
    if (blocker.id === issue.id) throw invalidInput(`Cannot block "${issue.identifier}" by itself`);
    if (blocker.project_id !== issue.project_id) {
      throw invalidInput(
        `Cannot block "${issue.identifier}" by "${blocker.identifier}": it belongs to project "${projectName(q, blocker.project_id)}", not "${projectName(q, issue.project_id)}"`,
        "blockers must be in the same project",
      );
    }
    found.set(blocker.id, blocker);
  }
  return [...found.values()];
}

/** The chain blocker -> ... -> issue when `blocker` already waits (transitively) on `issue`, else undefined. */
function pathBack(q: Query, blocker: IssueCore, issueId: string): string[] | undefined {
  const parent = new Map<string, { from: string; identifier: string }>([[blocker.id, { from: "", identifier: blocker.identifier }]]);
  const queue = [blocker.id];
  while (queue.length > 0) {
    const node = queue.shift()!;
    const next = q.all<{ id: string; identifier: string }>(
      `SELECT b.blocker_id AS id, i.identifier FROM issue_blockers b JOIN issues i ON i.id = b.blocker_id WHERE b.issue_id = ?`,
      [node],
    );
    for (const edge of next) {
      if (parent.has(edge.id)) continue;
      parent.set(edge.id, { from: node, identifier: edge.identifier });
      if (edge.id === issueId) {
        const chain: string[] = [];
        for (let at = edge.id; at !== ""; at = parent.get(at)!.from) chain.unshift(parent.get(at)!.identifier);
        return chain;
      }
      queue.push(edge.id);
    }
  }
  return undefined;
}

/** Throws invalid_input naming the cycle when making `issue` wait on `blockers` would close one. */
export function assertNoCycle(q: Query, issue: BlockedIssue, blockers: readonly IssueCore[]): void {
  for (const blocker of blockers) {
    const chain = pathBack(q, blocker, issue.id);
    if (chain) {
      const cycle = [issue.identifier, ...chain].map((i) => `"${i}"`).join(" -> ");
      throw invalidInput(
        `Cannot block "${issue.identifier}" by "${blocker.identifier}": that makes a cycle ${cycle}`,
        "remove one of those blockers first",
      );
    }
  }
}

/** Replaces the issue's blockers with `blockers` (already resolved and checked). */
export function replaceBlockers(tx: Tx, issueId: string, blockers: readonly IssueCore[], ts: string): void {
  tx.run(`DELETE FROM issue_blockers WHERE issue_id = ?`, [issueId]);
  for (const b of blockers) {
    tx.run(`INSERT INTO issue_blockers(issue_id, blocker_id, created_at) VALUES (?, ?, ?)`, [issueId, b.id, ts]);
  }
}

/** Current blockers of an issue, oldest first. */
export function currentBlockers(q: Query, issueId: string): IssueCore[] {
  return q.all<IssueCore>(
    `SELECT i.id, i.identifier, i.project_id, i.epic_id, i.state, i.issue_type
     FROM issue_blockers b JOIN issues i ON i.id = b.blocker_id WHERE b.issue_id = ? ORDER BY b.rowid`,
    [issueId],
  );
}

/** Identifiers of the blockers that are neither done nor cancelled. */
export function openBlockers(q: Query, issueId: string): string[] {
  return currentBlockers(q, issueId)
    .filter((b) => b.state !== "done" && b.state !== "cancelled")
    .map((b) => b.identifier);
}

/** Identifiers of issues that wait on `issueId`. */
export function dependents(q: Query, issueId: string): string[] {
  return q.all<{ identifier: string }>(
    `SELECT i.identifier FROM issue_blockers b JOIN issues i ON i.id = b.issue_id WHERE b.blocker_id = ? ORDER BY i.rowid`,
    [issueId],
  ).map((r) => r.identifier);
}
