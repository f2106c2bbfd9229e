// set_blockers and remove_blockers: the operations over blockers.ts's rules.
import { z } from "zod";
import { assertNoCycle, currentBlockers, replaceBlockers, resolveBlockers } from "./blockers.ts";
import type { TrackerContext } from "./context.ts";
import { loadDetail } from "./issue-detail.ts";
import { findIssue, type IssueCore } from "./lookup.ts";
import { type Mutation, mutate } from "./mutation.ts";
import { issueRef, textList } from "./schemas.ts";
import type { IssueDetail } from "./types.ts";

export const setBlockersInput = z.strictObject({
  identifier: issueRef(),
  blocked_by: textList("a list of issue identifiers"),
});
export type SetBlockersInput = z.output<typeof setBlockersInput>;

export const removeBlockersInput = setBlockersInput;
export type RemoveBlockersInput = SetBlockersInput;

function save(m: Mutation, issue: IssueCore, blockers: IssueCore[]): IssueDetail {
  replaceBlockers(m.tx, issue.id, blockers, m.now);
  m.tx.run(`UPDATE issues SET updated_at = ? WHERE id = ?`, [m.now, issue.id]);
  m.emit("issue", issue.id, "blockers_changed", {
    identifier: issue.identifier,
    blocked_by: blockers.map((b) => b.identifier),
  });
  return loadDetail(m.tx, issue.id);
}

/**
 * Replaces the issue's blockers ([] clears them). Throws not_found for a
 * missing blocker; invalid_input for itself, another project's issue or a cycle.
 */
export function setBlockers(ctx: TrackerContext, input: SetBlockersInput): IssueDetail {
  return mutate(ctx, (m) => {
    const issue = findIssue(m.tx, input.identifier);
    const blockers = resolveBlockers(m.tx, issue, input.blocked_by);
    assertNoCycle(m.tx, issue, blockers);
    return save(m, issue, blockers);
  });
}

/** Removes the listed blockers; listing an issue that is not a blocker is harmless, listing a missing one is not_found. */
export function removeBlockers(ctx: TrackerContext, input: RemoveBlockersInput): IssueDetail {
  return mutate(ctx, (m) => {
    const issue = findIssue(m.tx, input.identifier);
    const gone = new Set(input.blocked_by.filter((r) => r.trim() !== "").map((r) => findIssue(m.tx, r).id));
    const kept = currentBlockers(m.tx, issue.id).filter((b) => !gone.has(b.id));
    return save(m, issue, kept);
  });
}
