// Creating, reading and deleting issues (inventory §1.7, §4.4).
import { z } from "zod";
import { removeIssueFiles } from "./asset-paths.ts";
import { dependents, replaceBlockers, resolveBlockers } from "./blockers.ts";
import type { TrackerContext } from "./context.ts";
import { nextIdentifier } from "./identifiers.ts";
import { loadDetail } from "./issue-detail.ts";
import { moveIssue } from "./issue-state.ts";
import { normalizeLabels, replaceLabels } from "./labels.ts";
import { findEpicFor, findIssue, findProject, type IssueCore } from "./lookup.ts";
import { mutate } from "./mutation.ts";
import { applySchedule } from "./recurrence.ts";
import { flag, issueRef, name, oneOf, permissionProfile, priority, ref, text, textList } from "./schemas.ts";
import type { IssueDetail } from "./types.ts";
import { ISSUE_STATES, ISSUE_TYPES } from "./vocabulary.ts";

export const createIssueInput = z.strictObject({
  title: name(),
  project_id: ref("a project id or name"),
  description: text().nullish(),
  epic_id: ref("an epic id or name").nullish(),
  issue_type: oneOf(ISSUE_TYPES).optional(),
  cron: text().optional(),
  enabled: flag().optional(),
  priority: priority().nullish(),
  labels: textList().nullish(),
  state: oneOf(ISSUE_STATES).optional(),
  blocked_by: textList("a list of issue identifiers").nullish(),
  branch_name: text().nullish(),
  pr_url: text().nullish(),
  agent_name: text().nullish(),
  agent_prompt: text().nullish(),
  permission_profile: permissionProfile().optional(),
});
export type CreateIssueInput = z.output<typeof createIssueInput>;

export const issueInput = z.strictObject({ identifier: issueRef() });
export type IssueInput = z.output<typeof issueInput>;

/** Blank optional text is stored as NULL, so "unset" has one spelling. */
export function optionalText(value: string | null | undefined): string | null {
  return value == null || value.trim() === "" ? null : value.trim();
}

/**
 * Creates an issue with the next identifier of its project's prefix, in
 * backlog unless `state` says otherwise; blockers are checked before the
 * state, so a blocked issue cannot be created in_progress. Throws not_found
 * for an unknown project, epic or blocker, invalid_input for a rule broken,
 * "blocked" for in_progress with open blockers.
 */
export function createIssue(ctx: TrackerContext, input: CreateIssueInput): IssueDetail {
  return mutate(ctx, (m) => {
    const project = findProject(m.tx, input.project_id);
    const epic = input.epic_id ? findEpicFor(m.tx, input.epic_id, project) : null;
    const id = m.newId("iss");
    const identifier = nextIdentifier(m.tx, project.name);
    const type = input.issue_type ?? "standard";
    m.tx.run(
      `INSERT INTO issues(id, project_id, epic_id, identifier, issue_type, title, description, state, workflow_phase,
         priority, permission_profile, agent_name, agent_prompt, branch_name, pr_url, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'backlog', 'implementation', ?, ?, ?, ?, ?, ?, ?, ?)`,
      [id, project.id, epic?.id ?? null, identifier, type, input.title, input.description ?? "", input.priority ?? 0,
        input.permission_profile ?? "default", optionalText(input.agent_name), optionalText(input.agent_prompt),
        optionalText(input.branch_name), optionalText(input.pr_url), m.now, m.now],
    );
    replaceLabels(m.tx, id, normalizeLabels(input.labels ?? []));
    applySchedule(m.tx, id, type, { cron: input.cron, enabled: input.enabled }, m.at);
    const issue: IssueCore = { id, identifier, project_id: project.id, epic_id: epic?.id ?? null, state: "backlog", issue_type: type };
    replaceBlockers(m.tx, id, resolveBlockers(m.tx, issue, input.blocked_by ?? []), m.now);
    m.emit("issue", id, "created", { identifier, project_id: project.id, state: "backlog" });
    if (input.state && input.state !== "backlog") moveIssue(m, issue, input.state);
    return loadDetail(m.tx, id);
  });
}

/** get_issue: the full detail. Throws not_found for an unknown identifier. */
export function getIssue(ctx: TrackerContext, input: IssueInput): IssueDetail {
  return ctx.store.read((q) => loadDetail(q, findIssue(q, input.identifier).id));
}

/**
 * Deletes an issue with its labels, blockers (both ways), schedule, comments
 * and assets; the files go after the commit.
 */
export function deleteIssue(ctx: TrackerContext, input: IssueInput): { identifier: string; id: string; deleted: true } {
  return mutate(ctx, (m) => {
    const issue = findIssue(m.tx, input.identifier);
    // Named in the event: these issues just lost a blocker, so views of them are stale too.
    const unblocked = dependents(m.tx, issue.id);
    m.tx.run(`DELETE FROM issues WHERE id = ?`, [issue.id]);
    m.emit("issue", issue.id, "deleted", { identifier: issue.identifier, project_id: issue.project_id, unblocked });
    m.afterCommit(() => removeIssueFiles(ctx, issue.id));
    return { identifier: issue.identifier, id: issue.id, deleted: true as const };
  });
}
