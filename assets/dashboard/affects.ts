// Which changes concern which view (see live.ts). A change names its entity
// and, for issues, comments and assets, the issue's identifier.
import type { Affects } from "./live.ts";

const identifierOf = (payload: Record<string, unknown>) => (typeof payload.identifier === "string" ? payload.identifier : undefined);

/** Work views (board, list, counts): issues, projects and epics, not comments or assets. */
export const affectsWork: Affects = (c) => c.entity_type === "issue" || c.entity_type === "project" || c.entity_type === "epic";

/** Projects and epics with their counts: the same as work views. */
export const affectsCatalog: Affects = affectsWork;

/**
 * One issue's page: its own changes (fields, comments, assets), its
 * blockers' (they decide "blocked"), and project and epic renames.
 */
export function affectsIssue(identifier: string, blockersNow: () => readonly string[]): Affects {
  return (c) => {
    const blockers = blockersNow();
    if (c.entity_type === "project" || c.entity_type === "epic") return true;
    const id = identifierOf(c.payload);
    return id === identifier || (c.entity_type === "issue" && id !== undefined && blockers.includes(id));
  };
}

/** One issue's comments. */
export const affectsComments = (identifier: string): Affects => (c) =>
  c.entity_type === "issue_comment" && identifierOf(c.payload) === identifier;
