// update_issue: partial, field by field. Absent = unchanged, null = cleared.
// Moving an issue to another project clears its epic and its own blockers
// unless valid ones are given, and is refused while other issues wait on it.
import { z } from "zod";
import { invalidInput } from "../errors.ts";
import type { SqlValue } from "../store/mod.ts";
import { assertNoCycle, dependents, replaceBlockers, resolveBlockers } from "./blockers.ts";
import type { TrackerContext } from "./context.ts";
import { loadDetail } from "./issue-detail.ts";
import { optionalText } from "./issues.ts";
import { normalizeLabels, replaceLabels } from "./labels.ts";
import { findEpicFor, findIssue, findProject, type IssueCore } from "./lookup.ts";
import { type Mutation, mutate } from "./mutation.ts";
import { applySchedule } from "./recurrence.ts";
import { flag, issueRef, name, oneOf, permissionProfile, priority, ref, text, textList } from "./schemas.ts";
import type { IssueDetail, Project } from "./types.ts";
import { ISSUE_TYPES } from "./vocabulary.ts";

export const updateIssueInput = z.strictObject({
  identifier: issueRef(),
  title: name().optional(),
  description: text().nullable().optional(),
  project_id: ref("a project id or name").optional(),
  epic_id: ref("an epic id or name").nullable().optional(),
  issue_type: oneOf(ISSUE_TYPES).optional(),
  cron: text().optional(),
  enabled: flag().optional(),
  priority: priority().nullable().optional(),
  labels: textList().nullable().optional(),
  branch_name: text().nullable().optional(),
  pr_url: text().nullable().optional(),
  agent_name: text().nullable().optional(),
  agent_prompt: text().nullable().optional(),
  permission_profile: permissionProfile().optional(),
  blocked_by: textList("a list of issue identifiers").nullable().optional(),
});
export type UpdateIssueInput = z.output<typeof updateIssueInput>;
type Changes = Omit<UpdateIssueInput, "identifier">;

const UPDATABLE = Object.keys(updateIssueInput.shape).filter((k) => k !== "identifier");

/** Column assignments for the plain fields that were given. */
function plainColumns(c: Changes): Array<[string, SqlValue]> {
  const cols: Array<[string, SqlValue]> = [];
  if (c.title !== undefined) cols.push(["title", c.title]);
  if (c.description !== undefined) cols.push(["description", c.description ?? ""]);
  if (c.priority !== undefined) cols.push(["priority", c.priority ?? 0]);
  if (c.issue_type !== undefined) cols.push(["issue_type", c.issue_type]);
  if (c.permission_profile !== undefined) cols.push(["permission_profile", c.permission_profile]);
  for (const key of ["branch_name", "pr_url", "agent_name", "agent_prompt"] as const) {
    if (c[key] !== undefined) cols.push([key, optionalText(c[key])]);
  }
  return cols;
}

/** Where the issue lives after the update, and whether it changed project. */
function placement(m: Mutation, before: IssueCore, c: Changes): { project: Project; moved: boolean; epicId: string | null } {
  const project = findProject(m.tx, c.project_id ?? before.project_id);
  const moved = project.id !== before.project_id;
  if (moved) {
    const waiting = dependents(m.tx, before.id);
    if (waiting.length > 0) {
      throw invalidInput(
        `Cannot move "${before.identifier}" to project "${project.name}": ${waiting.map((w) => `"${w}"`).join(", ")} wait on it`,
        "remove those blockers first",
      );
    }
  }
  let epicId = moved ? null : before.epic_id;
  if (c.epic_id !== undefined) epicId = c.epic_id === null ? null : findEpicFor(m.tx, c.epic_id, project).id;
  return { project, moved, epicId };
}

/**
 * Applies the given fields. Throws invalid_input "No updates specified" when
 * none is given, and the same errors as create_issue for broken rules.
 */
export function updateIssue(ctx: TrackerContext, input: UpdateIssueInput): IssueDetail {
  const { identifier, ...changes } = input;
  if (Object.values(changes).every((v) => v === undefined)) {
    throw invalidInput("No updates specified", `pass at least one of ${UPDATABLE.join(", ")}`);
  }
  return mutate(ctx, (m) => {
    const before = findIssue(m.tx, identifier);
    const { project, moved, epicId } = placement(m, before, changes);
    const cols: Array<[string, SqlValue]> = [...plainColumns(changes), ["project_id", project.id], ["epic_id", epicId]];
    m.tx.run(
      `UPDATE issues SET ${cols.map(([col]) => `${col} = ?`).join(", ")}, updated_at = ? WHERE id = ?`,
      [...cols.map(([, value]) => value), m.now, before.id],
    );
    if (changes.issue_type !== undefined || changes.cron !== undefined || changes.enabled !== undefined) {
      applySchedule(m.tx, before.id, changes.issue_type ?? before.issue_type, changes, m.at);
    }
    if (changes.labels !== undefined) replaceLabels(m.tx, before.id, normalizeLabels(changes.labels ?? []));
    if (changes.blocked_by !== undefined || moved) {
      const issue = { ...before, project_id: project.id };
      const blockers = resolveBlockers(m.tx, issue, changes.blocked_by ?? []);
      assertNoCycle(m.tx, issue, blockers);
      replaceBlockers(m.tx, before.id, blockers, m.now);
    }
    const fields = Object.entries(changes).filter(([, value]) => value !== undefined).map(([key]) => key);
    m.emit("issue", before.id, "updated", { identifier: before.identifier, project_id: project.id, fields });
    return loadDetail(m.tx, before.id);
  });
}
