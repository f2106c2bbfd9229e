// Epics: named groups of issues inside one project (inventory §1.6, §4.6).
import { z } from "zod";
import { invalidInput } from "../errors.ts";
import type { TrackerContext } from "./context.ts";
import { findEpic, findProject } from "./lookup.ts";
import { mutate } from "./mutation.ts";
import { name, ref, text } from "./schemas.ts";
import type { Epic } from "./types.ts";

const epicRef = () => ref("an epic id or name");

export const createEpicInput = z.strictObject({
  project_id: ref("a project id or name"),
  name: name(),
  description: text().nullish(),
});
export type CreateEpicInput = z.output<typeof createEpicInput>;

export const updateEpicInput = z.strictObject({
  id: epicRef(),
  name: name().optional(),
  description: text().nullable().optional(),
  project_id: ref("a project id or name").optional(),
});
export type UpdateEpicInput = z.output<typeof updateEpicInput>;

export const epicInput = z.strictObject({ id: epicRef() });
export type EpicInput = z.output<typeof epicInput>;

/** Creates an epic in a project. Throws not_found for an unknown project. */
export function createEpic(ctx: TrackerContext, input: CreateEpicInput): Epic {
  return mutate(ctx, (m) => {
    const project = findProject(m.tx, input.project_id);
    const epic: Epic = {
      id: m.newId("epic"),
      project_id: project.id,
      name: input.name,
      description: input.description ?? "",
      created_at: m.now,
      updated_at: m.now,
    };
    m.tx.run(
      `INSERT INTO epics(id, project_id, name, description, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
      [epic.id, epic.project_id, epic.name, epic.description, m.now, m.now],
    );
    m.emit("epic", epic.id, "created", { name: epic.name, project_id: project.id });
    return epic;
  });
}

/**
 * Changes only the given fields. Moving an epic to another project is
 * refused while it holds issues: an issue's epic must be in its project.
 */
export function updateEpic(ctx: TrackerContext, input: UpdateEpicInput): Epic {
  const { id, ...changes } = input;
  if (Object.values(changes).every((v) => v === undefined)) {
    throw invalidInput("No updates specified", "pass at least one of name, description, project_id");
  }
  return mutate(ctx, (m) => {
    const before = findEpic(m.tx, id);
    const projectId = changes.project_id === undefined ? before.project_id : findProject(m.tx, changes.project_id).id;
    if (projectId !== before.project_id) {
      const held = m.tx.get<{ n: number }>(`SELECT COUNT(*) AS n FROM issues WHERE epic_id = ?`, [before.id])?.n ?? 0;
      if (held > 0) {
        throw invalidInput(
          `Cannot move epic "${before.name}" to another project: it holds ${held} issue${held === 1 ? "" : "s"}`,
          "move or detach its issues first",
        );
      }
    }
    const after: Epic = {
      ...before,
      project_id: projectId,
      name: changes.name ?? before.name,
      description: changes.description === undefined ? before.description : changes.description ?? "",
      updated_at: m.now,
    };
    m.tx.run(
      `UPDATE epics SET project_id = ?, name = ?, description = ?, updated_at = ? WHERE id = ?`,
      [after.project_id, after.name, after.description, m.now, after.id],
    );
    m.emit("epic", after.id, "updated", { name: after.name, project_id: after.project_id });
    return after;
  });
}

/** Deletes an epic; its issues stay, with no epic. */
export function deleteEpic(ctx: TrackerContext, input: EpicInput): { id: string; deleted: true } {
  return mutate(ctx, (m) => {
    const epic = findEpic(m.tx, input.id);
    m.tx.run(`DELETE FROM epics WHERE id = ?`, [epic.id]);
    m.emit("epic", epic.id, "deleted", { name: epic.name, project_id: epic.project_id });
    return { id: epic.id, deleted: true as const };
  });
}
